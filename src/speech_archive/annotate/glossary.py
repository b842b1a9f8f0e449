"""Glossary footnotes and abbreviation tooltips.

The first mention of each glossary term in a speech (its full name, an alias or
its abbreviation) gets a footnote reference; the definitions are added at the end
of the body as standard ``[^label]:`` footnotes, so Python-Markdown numbers them
together with the speech's own footnotes. Abbreviations the
speech uses get ``*[ABBR]:`` definitions, which the abbreviation extension turns
into tooltips on every mention of the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..escape import escape_markdown, html_link
from ..markup import GLOSSARY_NOTE_PREFIX
from ..model import Archive, Findings, GlossaryTerm, Speech
from .blocks import ADDED, OTHER, PARAGRAPH, Block, escape_attribute_list_after, prose_spans

# Word separators inside a term: a space, a line break or a hyphen all count, so
# "21st-century Maritime Silk Road" also matches "21st Century Maritime Silk Road".
_SEPARATOR = r"[\s\-\u2010\u2011]+"
_SEPARATOR_TEXT = re.compile(_SEPARATOR)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
# A plural or possessive ending still counts as a mention: "CICA's", "zero-sum games".
_ENDING = r"(?:['\u2019]s|s)?"

# Lines of the speech's own blocks that are prose (list items, quotes, admonition
# bodies); headings, code, HTML, tables and definitions are never annotated.
_PROSE_BLOCK_START = re.compile(
    r"^(?:[ ]{0,3}(?:[-*+]|\d{1,9}[.)])\s|[ ]{0,3}>|(?:!!!|\?\?\?\+?)\s)"  # list, quote, admonition
)
_NOT_PROSE_LINE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s|^\s*(?:`{3,}|~{3,})")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}\s")
_FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,})")
_WORD_CHAR = re.compile(r"\w")
_WORD = re.compile(r"\w+")
_FOOTNOTE_LABEL = re.compile(r"\[\^([^\[\]\s]+)\]")  # no '[' inside: linear on '[^[^[^'
_OWN_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[([^\]\\]+)\][ ]?:", re.MULTILINE)


def normalise_wording(text: str) -> str:
    """The form wordings are compared in: case-folded, one space between words."""
    return _SEPARATOR_TEXT.sub(" ", text.translate(_APOSTROPHES)).strip().casefold()


def _wording_pattern(wording: str) -> str:
    words = _SEPARATOR_TEXT.split(wording.strip())
    return _SEPARATOR.join(re.escape(word).replace("'", "['\u2019]") for word in words if word)


@dataclass(frozen=True)
class GlossaryMatcher:
    """Wordings indexed by their first word: a text is read word by word, and only the
    few wordings that start with that word are tried there (one alternation each)."""

    by_first_word: dict[str, re.Pattern[str]]  # lower-case first word -> wordings, longest first
    by_abbreviation: dict[str, GlossaryTerm]  # exact, case-sensitive
    by_wording: dict[str, GlossaryTerm]  # normalised full names and aliases
    first_words: re.Pattern[str]  # any key of by_first_word as a whole word, in lower-case text

    def term_for(self, mention: str) -> GlossaryTerm | None:
        return self.by_abbreviation.get(mention) or self.by_wording.get(normalise_wording(mention))

    def finditer(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """Whole-word mentions in text[start:end], left to right, the longest at each word."""
        lowered = text.lower()
        # The words that start a wording, found by one pattern in C rather than word by
        # word in Python; lower() rarely changes a length ('İ'), and then offsets would not hold.
        words = (
            self.first_words.finditer(lowered, start, end)
            if len(lowered) == len(text)
            else _WORD.finditer(text, start, end)
        )
        resume = start
        for word in words:
            if word.start() < resume:
                continue  # inside the previous mention
            pattern = self.by_first_word.get(word.group().lower())
            match = pattern.match(text, word.start(), end) if pattern else None
            if match:
                resume = match.end()
                yield match


@lru_cache(maxsize=8)  # keyed by the (immutable) glossary itself, so never stale between builds
def compile_matcher(glossary: tuple[GlossaryTerm, ...]) -> GlossaryMatcher | None:
    by_abbreviation: dict[str, GlossaryTerm] = {}
    by_wording: dict[str, GlossaryTerm] = {}
    alternatives: dict[str, list[tuple[int, str]]] = {}

    def add(wording: str, pattern: str) -> None:
        first = _WORD.search(wording)
        if first:  # a wording must start with a letter or digit to be found at a word start
            alternatives.setdefault(first.group().lower(), []).append((len(wording), pattern))

    for term in glossary:
        if term.abbreviation and term.abbreviation not in by_abbreviation:
            by_abbreviation[term.abbreviation] = term
            add(term.abbreviation, re.escape(term.abbreviation))
        for wording in (term.term, *term.aliases):
            key = normalise_wording(wording)
            if key and key not in by_wording:
                by_wording[key] = term
                add(wording, f"(?i:{_wording_pattern(wording)})")
    if not alternatives:
        return None
    by_first_word = {}
    for first_word, patterns in alternatives.items():
        # Longest first: at one word, "Silk Road Economic Belt" wins over "Silk Road".
        longest_first = sorted(patterns, key=lambda item: -item[0])
        alternation = "|".join(pattern for _, pattern in longest_first)
        by_first_word[first_word] = re.compile(
            rf"(?<!\w)(?P<mention>{alternation})(?P<ending>{_ENDING})(?!\w)"
        )
    keys = "|".join(re.escape(word) for word in sorted(by_first_word, key=len, reverse=True))
    return GlossaryMatcher(
        by_first_word, by_abbreviation, by_wording, re.compile(rf"(?<!\w)(?:{keys})(?!\w)")
    )


def _prose_regions(block: Block) -> list[tuple[int, int]]:
    """Character ranges of a block that may carry a footnote reference."""
    if block.kind == PARAGRAPH:
        return [(0, len(block.text))]
    if block.kind != OTHER or not _PROSE_BLOCK_START.match(block.text):
        return []
    regions, offset, fence = [], 0, None
    for line in block.text.split("\n"):
        fence_match = _FENCE_LINE.match(line)
        if fence:
            fence = None if fence_match and fence_match.group(1).startswith(fence) else fence
        elif fence_match:
            fence = fence_match.group(1)
        elif not _NOT_PROSE_LINE.match(line):
            regions.append((offset, offset + len(line)))
        offset += len(line) + 1
    return regions


def _footnote_labels(blocks: list[Block], terms: list[GlossaryTerm]) -> dict[str, str]:
    """glossary-<slug> for each term, made unique against the speech's own labels."""
    taken = {label.casefold() for block in blocks for label in _FOOTNOTE_LABEL.findall(block.text)}
    labels = {}
    for term in terms:
        label, suffix = f"{GLOSSARY_NOTE_PREFIX}{term.slug}", 1
        while label.casefold() in taken:
            suffix += 1
            label = f"{GLOSSARY_NOTE_PREFIX}{term.slug}-{suffix}"
        taken.add(label.casefold())
        labels[term.term] = label
    return labels


def _footnote_text(term: GlossaryTerm) -> str:
    name = escape_markdown(term.term)
    if term.abbreviation:
        name += f" ({escape_markdown(term.abbreviation)})"
    text = f"**{name}**: {escape_markdown(term.definition)}"
    if term.url:  # checked by the loader (escape.checked_url)
        site = escape_markdown(urlsplit(term.url).hostname or term.url)
        text += f" {html_link(term.url, site)}"
    return text


def _tooltip_text(term: GlossaryTerm) -> str:
    # The abbreviation extension puts this in a title attribute as it is (and escapes
    # it there), so it must be plain text on one line, not Markdown.
    return " ".join(term.term.split())


@dataclass
class _Mentions:
    first: dict[str, tuple[int, int]]  # term -> (block index, offset just after its first mention)
    order: list[GlossaryTerm]  # terms in first-mention order
    abbreviations: dict[str, GlossaryTerm]  # abbreviations written as such, for tooltips


def find_mentions(blocks: list[Block], matcher: GlossaryMatcher) -> _Mentions:
    mentions = _Mentions({}, [], {})
    for index, block in enumerate(blocks):
        # A heading's abbreviations get tooltips, but no footnote: it would show in the TOC.
        in_heading = block.kind == OTHER and bool(_HEADING.match(block.text))
        regions = [(0, len(block.text))] if in_heading else _prose_regions(block)
        for region_start, region_end in regions:
            region = block.text[region_start:region_end]
            for span_start, span_end in prose_spans(region):
                for match in matcher.finditer(region, span_start, span_end):
                    mention = match.group("mention")
                    term = matcher.term_for(mention)
                    # endpos hides the character after the span: it must not continue the word.
                    if term is None or _WORD_CHAR.match(region, match.end()):
                        continue
                    if mention == term.abbreviation:
                        mentions.abbreviations.setdefault(mention, term)
                    if term.term not in mentions.first and not in_heading:
                        mentions.first[term.term] = (index, region_start + match.end())
                        mentions.order.append(term)
    return mentions


def add_glossary_notes(
    blocks: list[Block], speech: Speech, archive: Archive
) -> tuple[list[Block], Findings]:
    """Footnote the first mention of each glossary term; define the abbreviations used."""
    matcher = compile_matcher(archive.glossary)
    if matcher is None:
        return blocks, {"terms": []}
    mentions = find_mentions(blocks, matcher)
    labels = _footnote_labels(blocks, mentions.order)
    insertions: dict[int, list[tuple[int, str]]] = {}
    for term in mentions.order:
        index, offset = mentions.first[term.term]
        insertions.setdefault(index, []).append((offset, f"[^{labels[term.term]}]"))
    out = list(blocks)
    for index, points in insertions.items():
        text = out[index].text
        for offset, reference in sorted(points, reverse=True):  # from the end: offsets stay valid
            text = escape_attribute_list_after(text, offset)  # '{' after a term: not the mark's
            text = text[:offset] + reference + text[offset:]
        out[index] = out[index].with_text(text)

    out += [
        Block(f"[^{labels[term.term]}]: {_footnote_text(term)}", ADDED) for term in mentions.order
    ]
    # A speech's own definition of an abbreviation wins: ours would override it.
    own = {
        found.strip()
        for block in blocks
        if block.kind != ADDED
        for found in _OWN_ABBREVIATION.findall(block.text)
    }
    out += [
        Block(f"*[{abbreviation}]: {_tooltip_text(term)}", ADDED)
        for abbreviation, term in mentions.abbreviations.items()
        if abbreviation not in own
    ]
    return out, {"terms": [term.term for term in mentions.order]}
