"""The archive as the build sees it: validated, normalised, immutable; and what annotation finds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

from .text import count_words


def venue_parts(venue: str) -> tuple[str, str] | None:
    """(place, country) of a venue written 'place, country' (the country is the part after
    the last comma, as the venues index files it); None when it has no such two parts."""
    place, comma, country = venue.rpartition(",")
    if not comma or not place.strip() or not country.strip():
        return None
    return place.strip(), country.strip()


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    description: str


@dataclass(frozen=True)
class CatalogueSaying:
    """A known saying from speeches/sayings.yml."""

    id: str
    text: str  # the English wording most often quoted
    origin: str  # e.g. 'Chinese saying', 'Kazakh proverb'
    original: str | None = None  # in the source language, where known
    original_language: str | None = None  # the original's BCP 47 tag ('zh-Hans'): its lang
    source: str | None = None  # work or author, where known
    meaning: str | None = None
    variants: tuple[str, ...] = ()  # other English wordings seen in speeches


@dataclass(frozen=True)
class GlossaryTerm:
    """A term from speeches/glossary.yml."""

    term: str
    definition: str
    abbreviation: str | None = None  # e.g. 'CICA'; matched case-sensitively, gets a tooltip
    aliases: tuple[str, ...] = ()  # other wordings, matched case-insensitively
    url: str | None = None

    @property
    def slug(self) -> str:
        from .text import anchor_id

        return anchor_id(self.term)


@dataclass(frozen=True)
class Passage:
    """One citable passage of a reference work, e.g. a Bible verse."""

    citation: str  # e.g. 'Micah 6:8'
    text: str


@dataclass(frozen=True)
class ReferenceWork:
    """A public-domain work from speeches/references/, quoted in speeches without a cue."""

    id: str
    title: str
    origin: str  # what a saying note calls it, e.g. 'Bible'
    licence: str
    source: str  # where the text came from (a URL)
    cite: str  # how a passage is cited, e.g. 'book chapter:verse'
    passages: tuple[Passage, ...] = ()

    def __hash__(self) -> int:
        # The fields alone, not the ~31,000 passages: works key the matcher's memoised index,
        # which is asked for again and again. Equal works still have equal hashes.
        return hash(
            (
                self.id,
                self.title,
                self.origin,
                self.licence,
                self.source,
                self.cite,
                len(self.passages),
            )
        )


@dataclass(frozen=True)
class Speech:
    slug: str  # the file stem, e.g. '2014-05-21-new-approach-for-asian-security-cooperation'
    path: str  # relative to the archive root, e.g. 'speeches/<slug>.md'
    title: str
    date: dt.date
    speaker: str
    venue: str
    themes: tuple[str, ...]
    body: str  # the speech text as Markdown, exactly as in the file
    body_line: int  # the file line where the body starts
    occasion: str | None = None
    source: dict | None = None
    note: str | None = None
    rights: str | None = None
    summary: str | None = None
    language: str = "en"
    sayings_add: tuple[dict, ...] = ()  # front-matter corrections to saying detection
    sayings_ignore: tuple[str, ...] = ()
    content_hash: str = ""  # sha256 of the file's bytes: a cache key for `mkdocs serve`
    # Counted once, where the speech is made: for a large archive, in the loading processes.
    word_count: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "word_count", count_words(self.body))  # frozen: set once, here

    @property
    def country(self) -> str:
        return self.venue.rsplit(",", 1)[-1].strip()  # as venue_parts reads it

    @property
    def year(self) -> int:
        return self.date.year


@dataclass(frozen=True)
class Archive:
    speeches: tuple[Speech, ...]  # sorted by date, then slug
    themes: dict[str, Theme] = field(default_factory=dict)  # in themes.yml order
    sayings: tuple[CatalogueSaying, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    references: tuple[ReferenceWork, ...] = ()  # speeches/references/, in references.yml order
    # sha256 of the files beside the speeches: a cache key for `mkdocs serve`
    vocabulary_hash: str = ""


class SayingFinding(TypedDict, total=False):
    """A saying the sayings pass marked in a speech, as the index pages list it."""

    id: str  # the catalogue id, or a slug of the text: the anchor on the sayings index
    text: str  # as quoted in the speech
    origin: str
    paragraph: int  # the number of the paragraph it stands in (its #pN anchor)
    catalogued: bool
    citation: str  # the reference passage it quotes ("Micah 6:8"), when one was found


class Findings(TypedDict, total=False):
    """What the annotation passes found in one speech, each pass adding its own keys."""

    paragraphs: int  # paragraphs numbered
    sayings: list[SayingFinding]  # in reading order
    terms: list[str]  # glossary terms given a note, in reading order


@dataclass
class AnnotatedSpeech:
    speech: Speech
    markdown: str  # the annotated body
    findings: Findings = field(default_factory=lambda: Findings())
