"""Previous/next speech in date order and related speeches, for the foot of each speech page.

Related speeches rank by most shared themes, then nearest in date (then nearest in
archive order). A speech sharing exactly c themes with speech S shares one c-theme
subset of S's themes, so each speech is indexed under every subset of its themes
(as bit masks: 2**themes entries, 128 for seven themes), and a page looks up the
subsets of its own themes, largest first, taking the few nearest holders of each by
bisection. Work per page depends on its number of themes, not on the archive's size.
A speech with more than WIDE themes would cost too many subsets: it is not indexed
but compared directly (with every speech when it is the page, with every page otherwise).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..escape import escape_markdown
from ..markup import NEIGHBOURS_CLASS, RELATED_CLASS
from ..model import Archive, Speech
from ..text import human_date
from ..urls import link_from, speech_page_path
from .listing import speech_list_item

RELATED_LIMIT = 5
WIDE = 8  # themes beyond which a speech is compared directly rather than indexed by subsets


@dataclass(frozen=True)
class Neighbours:
    previous: Speech | None
    next: Speech | None
    related: tuple[Speech, ...]


def find_neighbours(archive: Archive, limit: int = RELATED_LIMIT) -> dict[str, Neighbours]:
    """Speech slug -> its neighbours, for every speech (archive.speeches is in date order)."""
    speeches = archive.speeches
    ranking = _Ranking(archive)
    result: dict[str, Neighbours] = {}
    for position, speech in enumerate(speeches):
        related = ranking.related(position, limit)
        result[speech.slug] = Neighbours(
            previous=speeches[position - 1] if position > 0 else None,
            next=speeches[position + 1] if position + 1 < len(speeches) else None,
            related=tuple(speeches[other] for other in related),
        )
    return result


def speech_page_steps(archive: Archive) -> dict[str, tuple[str, str | None, str | None]]:
    """Speech page path -> (its source path, the previous and the next speech's page path),
    in date order as on the pages' footers: for rel=prev/next and Material's n/p keys."""
    pages = [speech_page_path(speech) for speech in archive.speeches]
    return {
        page: (
            speech.path,
            pages[position - 1] if position > 0 else None,
            pages[position + 1] if position + 1 < len(pages) else None,
        )
        for position, (page, speech) in enumerate(zip(pages, archive.speeches, strict=True))
    }


class _Ranking:
    """The archive's speeches indexed by theme subsets; built once per build."""

    def __init__(self, archive: Archive) -> None:
        bits = {slug: 1 << index for index, slug in enumerate(archive.themes)}
        self.masks = [sum({bits[slug] for slug in speech.themes}) for speech in archive.speeches]
        self.days = [speech.date.toordinal() for speech in archive.speeches]
        self.holders: dict[int, list[int]] = defaultdict(
            list
        )  # theme subset -> positions, ascending
        self.wide: list[int] = []
        for position, mask in enumerate(self.masks):
            if mask.bit_count() > WIDE:
                self.wide.append(position)
            else:
                for subset in subsets(mask):
                    self.holders[subset].append(position)

    def related(self, position: int, limit: int) -> list[int]:
        mask = self.masks[position]

        def closeness(other: int) -> tuple[int, int, int]:
            return abs(self.days[other] - self.days[position]), abs(other - position), other

        if mask.bit_count() > WIDE:
            shared = {other: (mask & theirs).bit_count() for other, theirs in enumerate(self.masks)}
            candidates = [other for other, count in shared.items() if count and other != position]
            return sorted(candidates, key=lambda other: (-shared[other], closeness(other)))[:limit]
        by_size: dict[int, list[int]] = defaultdict(list)
        for subset in subsets(mask):
            by_size[subset.bit_count()].append(subset)
        picked: list[int] = []
        for size in sorted(by_size, reverse=True):
            wanted = limit - len(picked)
            if wanted <= 0:
                break
            # Holders of a subset may share more themes, but all of those are picked already
            # (fewer than ``limit``), so ``limit`` per side always reaches ``wanted`` new ones.
            found = {
                other
                for subset in by_size[size]
                for other in nearest_positions(self.holders.get(subset, []), position, limit)
                if (self.masks[other] & mask).bit_count() == size
            }
            found.update(
                o for o in self.wide if o != position and (self.masks[o] & mask).bit_count() == size
            )
            picked += sorted(found, key=closeness)[:wanted]
        return picked


def subsets(mask: int) -> Iterator[int]:
    """Every non-empty subset of the bits of ``mask``."""
    subset = mask
    while subset:
        yield subset
        subset = (subset - 1) & mask


def nearest_positions(positions: list[int], position: int, wanted: int) -> list[int]:
    """Up to ``wanted`` positions on each side of ``position`` (itself excluded), nearest first.

    ``positions`` is ascending and the archive is in date order, so walking outwards
    from ``position`` meets speeches in order of date distance on each side.
    """
    at = bisect_left(positions, position)
    after = at + 1 if at < len(positions) and positions[at] == position else at
    return positions[max(0, at - wanted) : at][::-1] + positions[after : after + wanted]


def render_speech_footer(speech: Speech, neighbours: Neighbours, archive: Archive) -> str:
    """Markdown for the foot of a speech page: previous/next, then related speeches."""
    page = speech_page_path(speech)
    steps = []
    if neighbours.previous:
        steps.append(f"**Previous:** {_dated_link(neighbours.previous, page)}")
    if neighbours.next:
        steps.append(f"**Next:** {_dated_link(neighbours.next, page)}")
    lines = []
    if steps:
        lines += [
            f'<nav class="{NEIGHBOURS_CLASS}" markdown>',
            "",
            "  \n".join(steps),
            "",
            "</nav>",
            "",
        ]
    if neighbours.related:
        lines += [f'<div class="{RELATED_CLASS}" markdown>', "", "## Related speeches", ""]
        lines += [speech_list_item(other, archive, page) for other in neighbours.related]
        lines += ["", "</div>"]
    return "\n".join(lines).strip("\n")


def _dated_link(speech: Speech, page: str) -> str:
    link = link_from(page, speech_page_path(speech))
    return f"[{escape_markdown(speech.title)}]({link}) ({human_date(speech.date)})"
