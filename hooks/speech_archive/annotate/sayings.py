"""Proverb detection: the sayings one stretch of prose quotes, by cue, catalogue or hand.

``detect_sayings`` is pure and works on one paragraph's Markdown. Only prose is
looked at: code spans, links, URLs and HTML are masked first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import CatalogueSaying, Speech
from ..problems import Problem
from ..text import anchor_id
from .blocks import PARAGRAPH, prose_spans, split_blocks
from .quotations import Cue, Quotation, cue_after, cue_before, mask_protected, scan_quotations
from .saying_catalogue import CatalogueIndex, build_catalogue_index, find_catalogued, normal_words

_MAX_ID_CHARS = 60


@dataclass(frozen=True)
class Corrections:
    """A speech's front-matter `proverbs:` field."""

    add: tuple[dict, ...] = ()  # {"text": words as they stand, "origin": optional}
    ignore: tuple[str, ...] = ()  # quotations wrongly flagged


@dataclass(frozen=True)
class FoundSaying:
    id: str  # the catalogue id, or a slug of the text: the proverb index anchors on it
    text: str  # as it stands in the speech (the parts of a split saying joined)
    origin: str
    pieces: tuple[tuple[int, int], ...]  # character ranges of its words in the paragraph
    saying: CatalogueSaying | None = None  # the catalogue entry, when catalogued

    @property
    def catalogued(self) -> bool:
        return self.saying is not None


def saying_id(text: str) -> str:
    """A stable anchor for an uncatalogued saying: a slug of its first words."""
    slug = anchor_id(text)
    if len(slug) > _MAX_ID_CHARS:
        slug = slug[:_MAX_ID_CHARS].rsplit("-", 1)[0]
    return slug


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _ends_sentence(inner: str) -> bool:
    return inner.rstrip().rstrip("’”'\"").endswith((".", "!", "?"))


def _joined(text: str, pieces: Iterable[tuple[int, int]]) -> str:
    return " ".join(" ".join(text[a:b].split()) for a, b in pieces).strip().rstrip(",;:")


def _cued(text: str, masked: str, quotations: list[Quotation]) -> list[tuple[list[tuple[int, int]], Cue]]:
    """Quotations marked as sayings by a cue before or after them; a split saying is one."""
    found = []
    index, low = 0, 0
    while index < len(quotations):
        quotation = quotations[index]
        following = quotations[index + 1] if index + 1 < len(quotations) else None
        high = following.open if following else len(masked)
        cue = cue_before(masked, quotation, low)
        pieces = [(quotation.start, quotation.end)]
        after = cue_after(masked, quotation, high)
        if after:
            after_cue, cue_end = after
            joins_next = following is not None and not masked[cue_end:following.open].strip(" ,:;—–-\n")
            ends = _ends_sentence(text[quotation.start:quotation.end])
            # After a full stop only a lower-case or dashed cue still belongs to this quotation.
            first = masked[quotation.close:cue_end].lstrip(" ,;:")[:1]
            if joins_next and not ends:
                pieces.append((following.start, following.end))  # "A," the saying goes, "B."
                index += 1
            if (joins_next and not ends) or (not joins_next and (not ends or first.islower() or first in "—–-")):
                cue = cue if cue and (cue.specific or not after_cue.specific) else after_cue
        if cue:
            found.append(([_trim(text, a, b) for a, b in pieces], cue))
        low = quotations[index].close
        index += 1
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _catalogue_origin(cue: Cue | None, saying: CatalogueSaying | None) -> str:
    # The speech's own words win when they name a people, person or work.
    if cue and (cue.specific or saying is None):
        return cue.origin
    return saying.origin if saying else "Saying"


def _words_within(needle: tuple[str, ...], haystack: tuple[str, ...]) -> bool:
    return bool(needle) and f" {' '.join(needle)} " in f" {' '.join(haystack)} "


def _ignored(found: FoundSaying, ignore: tuple[str, ...]) -> bool:
    if not ignore:
        return False  # nearly every speech: no need to normalise the saying's words
    words = normal_words(found.text)
    return any(_words_within(normal_words(i), words) or _words_within(words, normal_words(i)) for i in ignore)


def find_verbatim(text: str, needle: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where ``needle`` stands in ``text`` inside one prose span."""
    places, start = [], text.find(needle)
    while start >= 0 and needle:
        end = start + len(needle)
        if any(a <= start and end <= b for a, b in spans):
            places.append((start, end))
        start = text.find(needle, end)
    return places


def _catalogue_entry_for(words: tuple[str, ...], index: CatalogueIndex) -> CatalogueSaying | None:
    for saying, wording in index.wordings:
        if wording == words:
            return saying
    return None


def detect_sayings(
    text: str, catalogue: CatalogueIndex | Iterable[CatalogueSaying], corrections: Corrections = Corrections()
) -> list[FoundSaying]:
    """The sayings ``text`` (one paragraph of Markdown) quotes, in order of appearance."""
    index = catalogue if isinstance(catalogue, CatalogueIndex) else build_catalogue_index(tuple(catalogue))
    spans = prose_spans(text)
    masked = mask_protected(text, spans)
    quotations = scan_quotations(masked)
    found: list[FoundSaying] = []
    cued = _cued(text, masked, quotations)
    matches = find_catalogued(text, spans, index)
    for pieces, cue in cued:
        match = next((m for m in matches if any(_overlaps((m.start, m.end), p) for p in pieces)), None)
        saying = match.saying if match else None
        said = _joined(text, pieces)
        found.append(FoundSaying(saying.id if saying else saying_id(said), said,
                                 _catalogue_origin(cue, saying), tuple(pieces), saying))
    for match in matches:
        if any(_overlaps((match.start, match.end), p) for f in found for p in f.pieces):
            continue
        piece = (match.start, match.end)
        holder = next((q for q in quotations if q.start <= match.start and match.end <= q.end), None)
        if holder and len(normal_words(text[holder.start:holder.end])) <= len(normal_words(text[match.start:match.end])) + 3:
            piece = _trim(text, holder.start, holder.end)  # the whole quotation is the saying
        found.append(FoundSaying(match.saying.id, _joined(text, [piece]), match.saying.origin, (piece,), match.saying))
    found = [f for f in found if not _ignored(f, corrections.ignore)]
    for added in corrections.add:
        for place in find_verbatim(text, added["text"], spans):
            words = normal_words(added["text"])
            saying = _catalogue_entry_for(words, index) or next(
                (m.saying for m in find_catalogued(text, [place], index)), None)
            origin = added.get("origin") or (saying.origin if saying else "Saying")
            found = [f for f in found if not any(_overlaps(place, p) for p in f.pieces)]
            found.append(FoundSaying(saying.id if saying else saying_id(added["text"]),
                                     _joined(text, [place]), origin, (place,), saying))
    return sorted(found, key=lambda f: f.pieces[0])


def check_saying_corrections(speech: Speech, line_of_add: Callable[[int], int]) -> list[Problem]:
    """Every `proverbs.add` text must stand, word for word, in one of the speech's paragraphs."""
    if not speech.proverbs_add:
        return []  # most speeches: no need to split the body
    paragraphs = [b.text for b in split_blocks(speech.body) if b.kind == PARAGRAPH]
    problems = []
    for position, added in enumerate(speech.proverbs_add):
        if not any(find_verbatim(p, added["text"], prose_spans(p)) for p in paragraphs):
            problems.append(Problem(
                speech.path, line_of_add(position), f"proverbs.add[{position}].text",
                f"{added['text']!r} is not in the speech's paragraphs (expected the saying's words exactly "
                "as they stand in one paragraph, outside links and code)"))
    return problems

