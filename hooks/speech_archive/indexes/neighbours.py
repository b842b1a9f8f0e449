"""Previous/next speech in date order and related speeches, for the foot of each speech page.

Related speeches rank by most shared themes, then nearest in date (then nearest in
archive order). Speeches are grouped by their set of themes first: a speech's shared
count is the same for every speech of a group, so each page looks at the groups that
share a theme with it (found through an inverted index theme -> groups) and takes the
few nearest speeches of each group by bisection; it never scans the whole archive.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import Archive, Speech
from ..text import escape_markdown, human_date
from .listing import link_from, speech_list_item, speech_page_path

RELATED_LIMIT = 5


@dataclass(frozen=True)
class Neighbours:
    previous: Speech | None
    next: Speech | None
    related: tuple[Speech, ...]


def find_neighbours(archive: Archive, limit: int = RELATED_LIMIT) -> dict[str, Neighbours]:
    """Speech slug -> its neighbours, for every speech (archive.speeches is in date order)."""
    speeches = archive.speeches
    days = [speech.date.toordinal() for speech in speeches]
    members: dict[frozenset[str], list[int]] = defaultdict(list)  # theme set -> positions, ascending
    for position, speech in enumerate(speeches):
        members[frozenset(speech.themes)].append(position)
    groups_with_theme: dict[str, list[frozenset[str]]] = defaultdict(list)
    for themes in members:
        for theme in themes:
            groups_with_theme[theme].append(themes)

    result: dict[str, Neighbours] = {}
    for position, speech in enumerate(speeches):
        shared: Counter[frozenset[str]] = Counter()
        for theme in set(speech.themes):
            for group in groups_with_theme[theme]:
                shared[group] += 1
        by_count: dict[int, list[frozenset[str]]] = defaultdict(list)
        for group, count in shared.items():
            by_count[count].append(group)
        related: list[Speech] = []
        for count in sorted(by_count, reverse=True):
            wanted = limit - len(related)
            if wanted <= 0:
                break
            candidates = [
                (abs(days[other] - days[position]), abs(other - position), other)
                for group in by_count[count]
                for other in nearest_positions(members[group], position, wanted)
            ]
            related += [speeches[other] for *_, other in sorted(candidates)[:wanted]]
        result[speech.slug] = Neighbours(
            previous=speeches[position - 1] if position > 0 else None,
            next=speeches[position + 1] if position + 1 < len(speeches) else None,
            related=tuple(related),
        )
    return result


def nearest_positions(positions: list[int], position: int, wanted: int) -> list[int]:
    """Up to ``wanted`` positions on each side of ``position`` (itself excluded), nearest first.

    ``positions`` is ascending and the archive is in date order, so walking outwards
    from ``position`` meets speeches in order of date distance on each side.
    """
    at = bisect_left(positions, position)
    after = at + 1 if at < len(positions) and positions[at] == position else at
    return positions[max(0, at - wanted):at][::-1] + positions[after:after + wanted]


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
        lines += ['<nav class="speech-neighbours" markdown>', "", "\n".join(steps), "", "</nav>", ""]
    if neighbours.related:
        lines += ['<div class="related-speeches" markdown>', "", "## Related speeches", ""]
        lines += [speech_list_item(other, archive, page) for other in neighbours.related]
        lines += ["", "</div>"]
    return "\n".join(lines).strip("\n")


def _dated_link(speech: Speech, page: str) -> str:
    link = link_from(page, speech_page_path(speech))
    return f"[{escape_markdown(speech.title)}]({link}) ({human_date(speech.date)})"
