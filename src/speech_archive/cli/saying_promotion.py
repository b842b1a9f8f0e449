"""Sayings quoted in several speeches but not yet in speeches/sayings.yml: entries to add.

A saying two speakers quote will be quoted again, and once catalogued it is found with
or without a cue, even worded a little differently. Pure (no click, no files): the
command feeds it what the detector accepted and prints what it returns.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NotRequired, TypedDict

from ..annotate.saying_catalogue import normal_words

MIN_RATIO = 0.8  # difflib ratio of two wordings' normalised letters for one saying
MIN_SPEECHES = 2  # a saying quoted in this many speeches is worth cataloguing
_MAX_ID_CHARS = 60
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # what sayings.yml accepts as an id


@dataclass(frozen=True)
class Sighting:
    """One uncatalogued saying the detector accepted in one speech."""

    slug: str  # the speech's file stem
    paragraph: int
    text: str  # as it stands in the speech
    origin: str


class CatalogueEntry(TypedDict):
    """An entry of the catalogue of sayings (speeches/sayings.yml), as a promotion proposes it."""

    id: str
    text: str
    origin: str
    variants: NotRequired[list[str]]


@dataclass(frozen=True)
class Promotion:
    """A saying to add to sayings.yml, and where it was found."""

    id: str
    text: str  # the most frequent wording
    origin: str  # the most frequent origin
    variants: tuple[str, ...]  # the other wordings, most frequent first
    sightings: tuple[Sighting, ...]  # in the order given

    @property
    def speeches(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.slug for s in self.sightings))

    def entry(self) -> CatalogueEntry:
        """The sayings.yml entry, keys in the file's order."""
        entry: CatalogueEntry = {"id": self.id, "text": self.text, "origin": self.origin}
        if self.variants:
            entry["variants"] = list(self.variants)
        return entry


def _within(needle: tuple[str, ...], haystack: tuple[str, ...]) -> bool:
    return bool(needle) and f" {' '.join(needle)} " in f" {' '.join(haystack)} "


def same_saying(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two normalised wordings are one saying: one inside the other, or nearly equal.

    Letters are compared, not whole words, as the catalogue matches them, so
    'neighbours' and 'neighbors' count as nearly the same word.
    """
    if not a or not b:
        return False
    if _within(a, b) or _within(b, a):
        return True
    matcher = SequenceMatcher(None, " ".join(a), " ".join(b), autojunk=False)
    # The cheap upper bounds first: most pairs of different sayings fail them.
    return (
        matcher.real_quick_ratio() >= MIN_RATIO
        and matcher.quick_ratio() >= MIN_RATIO
        and matcher.ratio() >= MIN_RATIO
    )


def _groups(wordings: list[tuple[str, ...]]) -> list[list[int]]:
    """Indexes of ``wordings`` joined into sayings (transitively), each group in input order."""
    parent = list(range(len(wordings)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i in range(len(wordings)):
        for j in range(i + 1, len(wordings)):
            if root(i) != root(j) and same_saying(wordings[i], wordings[j]):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = {}
    for index in range(len(wordings)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


def _most_frequent(values: list[str]) -> str:
    """The most frequent value; on a tie, the one seen first."""
    counts = Counter(values)
    return max(dict.fromkeys(values), key=lambda value: counts[value])  # max keeps the first


def entry_id(text: str, taken: set[str]) -> str:
    """A slug of ``text``'s first words that sayings.yml accepts and no entry uses yet."""
    # Accents dropped ('café' -> 'cafe'); any other character outside ASCII separates words.
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")
    if len(slug) > _MAX_ID_CHARS:
        slug = slug[:_MAX_ID_CHARS].rsplit("-", 1)[0]
    if not _SLUG.match(slug):
        slug = "saying"  # no Latin letters (a saying in Chinese, say)
    candidate, number = slug, 2
    while candidate.casefold() in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def promotions(
    sightings: list[Sighting], taken_ids: set[str] | frozenset[str] = frozenset()
) -> list[Promotion]:
    """Sayings found in ``MIN_SPEECHES`` or more speeches, most widely quoted first.

    ``taken_ids`` are the ids sayings.yml already uses: a new id never repeats one.
    Wordings that normalise to the same words are one wording; its text is the form
    most often written.
    """
    by_words: dict[tuple[str, ...], list[int]] = {}  # wording -> indexes of its sightings
    for number, sighting in enumerate(sightings):
        words = normal_words(sighting.text)
        if words:
            by_words.setdefault(words, []).append(number)
    wordings = list(by_words)
    taken = {taken_id.casefold() for taken_id in taken_ids}
    found: list[tuple[int, Promotion]] = []  # (first sighting's index, promotion)
    for group in _groups(wordings):
        seen = sorted(number for index in group for number in by_words[wordings[index]])
        if len({sightings[number].slug for number in seen}) < MIN_SPEECHES:
            continue
        # Each wording as most often written; the wordings most frequent first (ties in order).
        texts = {
            index: _most_frequent([sightings[n].text for n in by_words[wordings[index]]])
            for index in group
        }
        ranked = sorted(group, key=lambda index: -len(by_words[wordings[index]]))
        text = texts[ranked[0]]
        promotion = Promotion(
            id=entry_id(text, taken),
            text=text,
            origin=_most_frequent([sightings[number].origin for number in seen]),
            variants=tuple(texts[index] for index in ranked[1:]),
            sightings=tuple(sightings[number] for number in seen),
        )
        taken.add(promotion.id.casefold())
        found.append((seen[0], promotion))
    found.sort(key=lambda item: (-len(item[1].speeches), item[0]))
    return [promotion for _, promotion in found]
