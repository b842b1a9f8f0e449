"""Saying detection: the sayings one stretch of prose quotes, by cue, catalogue or hand.

``detect_sayings`` is pure and works on one paragraph's Markdown. Only prose is
looked at: code spans, links, URLs and HTML are masked first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Archive, CatalogueSaying, Speech
from ..problems import Problem
from ..text import anchor_id
from .blocks import PARAGRAPH, prose_spans, split_blocks
from .chinese_sayings import chinese_sayings, find_original, has_chinese
from .quotations import (
    Cue,
    Quotation,
    cue_after,
    cue_before,
    cue_ending,
    mask_protected,
    scan_quotations,
    unmarked_sayings,
)
from .reference_matching import (
    ReferenceIndex,
    ReferenceMatch,
    build_reference_index,
    find_quotation,
    find_references,
)
from .saying_catalogue import CatalogueIndex, build_catalogue_index, find_catalogued, normal_words

_MAX_ID_CHARS = 60
_MASK_CHARS = "\x1a \n"  # a masked region (the paragraph's number link) and spaces


@dataclass(frozen=True)
class Corrections:
    """A speech's front-matter `sayings:` field."""

    add: tuple[dict, ...] = ()  # {"text": words as they stand, "origin": optional}
    ignore: tuple[str, ...] = ()  # quotations wrongly flagged


@dataclass(frozen=True)
class FoundSaying:
    id: str  # the catalogue id, or a slug of the text: the sayings index anchors on it
    text: str  # as it stands in the speech (the parts of a split saying joined)
    origin: str
    pieces: tuple[tuple[int, int], ...]  # character ranges of its words in the paragraph
    saying: CatalogueSaying | None = None  # the catalogue entry, when catalogued
    citation: str | None = None  # the reference passage it quotes ("Micah 6:8"), when known
    cue: str | None = None  # the speech's words that signal it, when it has a cue
    extent: str = "quotation marks"  # how its words were delimited
    accepted: bool = True  # False: considered and rejected (shown only to reviewers)
    reason: str = ""  # why it was accepted or rejected

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


def _cued(
    text: str, masked: str, quotations: list[Quotation], lead_in: str = ""
) -> list[tuple[list[tuple[int, int]], Cue]]:
    """Quotations marked as sayings by a cue before or after them; a split saying is one.

    ``lead_in`` is the paragraph before: when it ends with a cue and a colon, a quotation
    opening this paragraph is what it introduces.
    """
    found = []
    index, low = 0, 0
    while index < len(quotations):
        quotation = quotations[index]
        following = quotations[index + 1] if index + 1 < len(quotations) else None
        high = following.open if following else len(masked)
        cue = cue_before(masked, quotation, low)
        if (
            cue is None
            and index == 0
            and lead_in
            and not masked[: quotation.open].strip(_MASK_CHARS)
        ):
            cue = cue_ending(lead_in)
        pieces = [(quotation.start, quotation.end)]
        after = cue_after(masked, quotation, high)
        if after:
            after_cue, cue_end = after
            joins_next = following is not None and not masked[cue_end : following.open].strip(
                " ,:;—–-\n"
            )
            ends = _ends_sentence(text[quotation.start : quotation.end])
            # After a full stop only a lower-case or dashed cue still belongs to this quotation.
            first = masked[quotation.close : cue_end].lstrip(" ,;:")[:1]
            if joins_next and not ends:
                assert following is not None  # joins_next: there is a next quotation
                pieces.append((following.start, following.end))  # "A," the saying goes, "B."
                index += 1
            citation = after_cue.origin == "Bible" and any(ch.isdigit() for ch in after_cue.words)
            if (joins_next and not ends) or (
                not joins_next and (not ends or first.islower() or first in "—–-" or citation)
            ):
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
    return any(
        _words_within(normal_words(i), words) or _words_within(words, normal_words(i))
        for i in ignore
    )


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
    text: str,
    catalogue: CatalogueIndex | Iterable[CatalogueSaying],
    corrections: Corrections = Corrections(),
    references: ReferenceIndex | None = None,
    lead_in: str = "",
    speaker: str = "",
) -> list[FoundSaying]:
    """The sayings ``text`` (one paragraph of Markdown) quotes, in order of appearance."""
    return [
        f
        for f in consider_sayings(text, catalogue, corrections, references, lead_in, speaker)
        if f.accepted
    ]


def _quoted_reason(cue: Cue | None) -> str:
    return f"cue: {cue.words}" if cue and cue.words else "cue"


def consider_sayings(
    text: str,
    catalogue: CatalogueIndex | Iterable[CatalogueSaying],
    corrections: Corrections = Corrections(),
    references: ReferenceIndex | None = None,
    lead_in: str = "",
    speaker: str = "",
) -> list[FoundSaying]:
    """Every candidate saying in ``text``: those found (accepted) and those considered and rejected.

    ``speaker`` keeps a speech from quoting itself: a dictionary of quotations holds famous
    speeches' own lines, and a passage cited to the speaker is the speaker's own words.
    """
    index = (
        catalogue
        if isinstance(catalogue, CatalogueIndex)
        else build_catalogue_index(tuple(catalogue))
    )
    spans = prose_spans(text)
    masked = mask_protected(text, spans)
    quotations = scan_quotations(masked)
    found: list[FoundSaying] = []
    rejected: list[FoundSaying] = []
    cued = _cued(text, masked, quotations, lead_in)
    matches = find_catalogued(text, spans, index)
    passages = [
        p for p in _references_in(text, spans, references) if not _by_speaker(p.citation, speaker)
    ]
    for pieces, cue in cued:
        match = next(
            (m for m in matches if any(_overlaps((m.start, m.end), p) for p in pieces)), None
        )
        saying = match.saying if match else None
        passage = next(
            (r for r in passages if any(_overlaps((r.start, r.end), p) for p in pieces)), None
        )
        said = _joined(text, pieces)
        if passage is None and saying is None:
            passage = _quoted_passage(said, references, speaker)
        origin = _catalogue_origin(cue, saying)
        if passage and saying is None and origin == "Saying":
            origin = passage.work.origin  # the work names it better than a bare "saying"
        found.append(
            FoundSaying(
                saying.id if saying else saying_id(said),
                said,
                origin,
                tuple(pieces),
                saying,
                passage.citation if passage else None,
                cue.words or None,
                "quotation marks",
                True,
                _quoted_reason(cue),
            )
        )
    for unmarked in unmarked_sayings(masked, quotations):
        piece = _trim(text, unmarked.start, unmarked.end)
        if piece[0] >= piece[1] or any(_overlaps(piece, p) for f in found for p in f.pieces):
            continue
        said = _joined(text, [piece])
        if unmarked.cue is None:
            rejected.append(
                FoundSaying(
                    saying_id(said),
                    said,
                    "Saying",
                    (piece,),
                    None,
                    None,
                    None,
                    unmarked.extent,
                    False,
                    unmarked.reason,
                )
            )
            continue
        cue = unmarked.cue
        match = next((m for m in matches if _overlaps((m.start, m.end), piece)), None)
        saying = match.saying if match else None
        passage = next((r for r in passages if _overlaps((r.start, r.end), piece)), None)
        origin = _catalogue_origin(cue, saying)
        if passage and saying is None and origin == "Saying":
            origin = passage.work.origin  # the work names it better than a bare "saying"
        found.append(
            FoundSaying(
                saying.id if saying else saying_id(said),
                said,
                origin,
                (piece,),
                saying,
                passage.citation if passage else None,
                cue.words or None,
                unmarked.extent,
                True,
                f"cue: {cue.words}",
            )
        )
    if has_chinese(masked):
        found += _chinese(text, masked, index, found)
    for match in matches:
        if any(_overlaps((match.start, match.end), p) for f in found for p in f.pieces):
            continue
        piece = _with_its_quotation(text, quotations, (match.start, match.end))
        found.append(
            FoundSaying(
                match.saying.id,
                _joined(text, [piece]),
                match.saying.origin,
                (piece,),
                match.saying,
                None,
                None,
                "catalogue wording",
                True,
                "in the catalogue of sayings",
            )
        )
    for passage in passages:
        if any(_overlaps((passage.start, passage.end), p) for f in found for p in f.pieces):
            continue
        piece = _with_its_quotation(text, quotations, (passage.start, passage.end))
        said = _joined(text, [piece])
        found.append(
            FoundSaying(
                saying_id(said),
                said,
                passage.work.origin,
                (piece,),
                None,
                passage.citation,
                None,
                "reference passage",
                True,
                f"quotes {passage.work.title}, {passage.citation}",
            )
        )
    for quotation in quotations:
        piece = _trim(text, quotation.start, quotation.end)
        if piece[0] < piece[1] and not any(_overlaps(piece, p) for f in found for p in f.pieces):
            said = _joined(text, [piece])
            passage = (
                None
                if _title_like(said)
                else _quoted_passage(text[piece[0] : piece[1]], references, speaker)
            )
            if passage is not None:
                found.append(
                    FoundSaying(
                        saying_id(said),
                        said,
                        passage.work.origin,
                        (piece,),
                        None,
                        passage.citation,
                        None,
                        "quotation marks",
                        True,
                        f"quotes {passage.work.title}, {passage.citation}",
                    )
                )
                continue
            if _archaic(said):
                found.append(
                    FoundSaying(
                        saying_id(said),
                        said,
                        "Verse",
                        (piece,),
                        None,
                        None,
                        None,
                        "quotation marks",
                        True,
                        "quoted in the language of scripture and old verse (thou, hath, -eth)",
                    )
                )
                continue
            rejected.append(
                FoundSaying(
                    saying_id(said),
                    said,
                    "Saying",
                    (piece,),
                    None,
                    None,
                    None,
                    "quotation marks",
                    False,
                    "no cue, and not in the catalogue or the reference texts",
                )
            )
    kept = []
    for f in found:
        if _ignored(f, corrections.ignore):
            rejected.append(
                FoundSaying(
                    f.id,
                    f.text,
                    f.origin,
                    f.pieces,
                    f.saying,
                    f.citation,
                    f.cue,
                    f.extent,
                    False,
                    "ignored by the speech's front matter (sayings.ignore)",
                )
            )
        else:
            kept.append(f)
    found = kept
    for added in corrections.add:
        for place in find_verbatim(text, added["text"], spans):
            words = normal_words(added["text"])
            saying = _catalogue_entry_for(words, index) or next(
                (m.saying for m in find_catalogued(text, [place], index)), None
            )
            origin = added.get("origin") or (saying.origin if saying else "Saying")
            found = [f for f in found if not any(_overlaps(place, p) for p in f.pieces)]
            found.append(
                FoundSaying(
                    saying.id if saying else saying_id(added["text"]),
                    _joined(text, [place]),
                    origin,
                    (place,),
                    saying,
                    None,
                    None,
                    "front matter",
                    True,
                    "added by the speech's front matter (sayings.add)",
                )
            )
    rejected = [
        r
        for r in rejected
        if not any(_overlaps(p, q) for f in found for p in f.pieces for q in r.pieces)
    ]
    return sorted(found + rejected, key=lambda f: f.pieces[0])


def _chinese(
    text: str, masked: str, index: CatalogueIndex, found: list[FoundSaying]
) -> list[FoundSaying]:
    """Cued sayings in Chinese prose, and catalogued sayings found by their Chinese original."""
    out: list[FoundSaying] = []
    originals = [
        (saying, find_original(masked, saying.original))
        for saying, _ in index.wordings
        if saying.original and has_chinese(saying.original)
    ]
    for item in chinese_sayings(masked):
        piece = (item.start, item.end)
        if any(_overlaps(piece, p) for f in found + out for p in f.pieces):
            continue
        saying = next((s for s, place in originals if place and _overlaps(place, piece)), None)
        said = text[item.start : item.end]
        out.append(
            FoundSaying(
                saying.id if saying else saying_id(said),
                said,
                item.origin,
                (piece,),
                saying,
                None,
                item.cue,
                item.extent,
                True,
                f"cue: {item.cue}",
            )
        )
    for saying, place in originals:
        if place and not any(_overlaps(place, p) for f in found + out for p in f.pieces):
            out.append(
                FoundSaying(
                    saying.id,
                    text[place[0] : place[1]],
                    saying.origin,
                    (place,),
                    saying,
                    None,
                    None,
                    "catalogue original",
                    True,
                    "the catalogue's original wording",
                )
            )
    return out


def reference_index(archive: Archive) -> ReferenceIndex | None:
    """The archive's reference works, indexed once per build (memoised on the works)."""
    works = getattr(archive, "references", ())
    if not works:
        return None
    return build_reference_index(works)


# Forms no modern speaker uses in his own words: quoted, they recite scripture, a hymn or old verse.
_ARCHAIC = re.compile(
    r"\b(?:[Tt]hou|[Tt]hee|[Tt]hy|[Tt]hine|[Yy]e|[Hh]ath|[Hh]ast|[Dd]oth|[Dd]ost|[Ss]halt|[Ww]ilt|"
    r"[Ss]aith|[Ss]pake|[Uu]nto|[Vv]erily|[Ww]hither|[Ww]hence|[Ww]herefore)\b|"
    r"\b[a-z]{3,}eth\b"
)  # giveth, loveth; '-est' is mostly a superlative
_NOT_ARCHAIC = frozenset(
    "beneath teeth seventh eighth ninth tenth twentieth thirtieth fortieth fiftieth "
    "sixtieth seventieth eightieth ninetieth hundredth thousandth elizabeth".split()
)


def _archaic(words: str) -> bool:
    """A quotation of five words or more in archaic English (thou, hath, giveth): recited, not reported."""
    if len(words.split()) < 5:
        return False
    return any(m.group().lower() not in _NOT_ARCHAIC for m in _ARCHAIC.finditer(words))


def _by_speaker(citation: str, speaker: str) -> bool:
    """Does a reference citation ('Abraham Lincoln (Wood, p. 131)') name the speech's own speaker?"""
    surname = speaker.split()[-1] if speaker.split() else ""
    return len(surname) >= 3 and re.search(rf"\b{re.escape(surname)}\b", citation) is not None


def _with_its_quotation(
    text: str, quotations: list[Quotation], piece: tuple[int, int]
) -> tuple[int, int]:
    """A matched stretch, widened to the quotation holding it when it is most of that quotation."""
    holder = next((q for q in quotations if q.start <= piece[0] and piece[1] <= q.end), None)
    if (
        holder
        and len(normal_words(text[holder.start : holder.end]))
        <= len(normal_words(text[piece[0] : piece[1]])) + 3
    ):
        return _trim(text, holder.start, holder.end)  # the whole quotation is the saying
    return piece


def _title_like(words: str) -> bool:
    """'God Save the Queen', 'Help and not Fight': a title or slogan, whatever words it shares."""
    tokens = words.split()
    capitals = [t for t in tokens if t[:1].isalpha() and len(t) > 3]
    return (
        len(tokens) <= 6
        and bool(capitals)
        and all(t[:1].isupper() for t in capitals)
        and len(capitals) >= 2
    )


def _quoted_passage(
    quoted: str, references: ReferenceIndex | None, speaker: str
) -> ReferenceMatch | None:
    """The reference passage a text in quotation marks reproduces, unless it is the speaker's own."""
    if references is None:
        return None
    passage = find_quotation(quoted, references)
    return None if passage is None or _by_speaker(passage.citation, speaker) else passage


def _references_in(
    text: str, spans: list[tuple[int, int]], references: ReferenceIndex | None
) -> list:
    if references is None:
        return []
    return find_references(text, spans, references)


def check_saying_corrections(
    speech: Speech, field: str, line_of_add: Callable[[int], int]
) -> list[Problem]:
    """Every `sayings.add` text must stand, word for word, in one of the speech's paragraphs.

    ``field`` is the front-matter field the corrections came from (its name is in the problems).
    """
    if not speech.sayings_add:
        return []  # most speeches: no need to split the body
    paragraphs = [b.text for b in split_blocks(speech.body) if b.kind == PARAGRAPH]
    problems = []
    for position, added in enumerate(speech.sayings_add):
        if not any(find_verbatim(p, added["text"], prose_spans(p)) for p in paragraphs):
            problems.append(
                Problem(
                    speech.path,
                    line_of_add(position),
                    f"{field}.add[{position}].text",
                    f"{added['text']!r} is not in the speech's paragraphs (expected the saying's words exactly "
                    "as they stand in one paragraph, outside links and code)",
                )
            )
    return problems
