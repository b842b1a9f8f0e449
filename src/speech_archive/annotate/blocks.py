"""The speech body as a list of blocks, so passes can add without disturbing.

The body is split once into Markdown blocks (paragraphs, headings, lists, code,
the speech's own admonitions and footnote definitions). The speech's own
paragraphs are numbered here, from the source, so numbering never counts what the
passes add. Passes then insert blocks of kind ``added`` (saying notes, definitions)
and rewrite the text of existing blocks only by adding markup around words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown.blockprocessors import ReferenceProcessor

PARAGRAPH = "paragraph"  # one of the speech's own prose paragraphs: numbered, annotated
OTHER = "other"  # the speech's own non-paragraph block (heading, list, code, table...)
ADDED = "added"  # added by a pass: never numbered, never annotated again

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
# Blocks that are Markdown structure rather than prose paragraphs.
_NOT_PARAGRAPH = re.compile(
    r"""^(?:
        \#{1,6}                       # heading: Python-Markdown needs no space after the marks
      | [ ]{0,3}(?:[-*+]|\d{1,9}[.)])\s  # list item
      | [ ]{0,3}>                      # block quote
      | (?:!!!|\?\?\?\+?)\s           # admonition / details
      | \[\^[^\]]+\]:                  # footnote definition
      | \*\[[^\]]+\]:                  # abbreviation definition
      | [ ]{0,3}\|                     # table
      | [ ]{0,3}<                      # raw HTML block
      | [ ]{0,3}(?:[-*_][ ]*){3,}$     # horizontal rule
      | [ ]{0,3}\{:?[^}]*\}\s*$        # attribute list on its own
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Block:
    text: str
    kind: str
    number: int | None = None  # the paragraph number for citation (p1, p2, ...)

    def with_text(self, text: str) -> Block:
        return replace(self, text=text)


def _is_continuation(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def split_blocks(body: str) -> list[Block]:
    """Split a Markdown body into blocks; number the prose paragraphs from 1."""
    chunks: list[list[str]] = []
    current: list[str] = []
    fence: str | None = None
    pending_blank = False
    for line in body.split("\n"):
        if fence:
            current.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        if not line.strip():
            pending_blank = bool(current) or pending_blank
            continue
        opened = _FENCE.match(line)
        if (
            pending_blank
            and current
            and not (_is_continuation(line) and chunks_can_continue(current))
        ):
            chunks.append(current)
            current = []
        elif pending_blank and current:
            current.append("")  # keep the blank line inside an indented continuation
        pending_blank = False
        current.append(line)
        if opened:
            fence = opened.group(1)
    if current:
        chunks.append(current)

    blocks: list[Block] = []
    number = 0
    for chunk in chunks:
        text = "\n".join(chunk)
        if (
            _FENCE.match(chunk[0])
            or _NOT_PARAGRAPH.match(chunk[0])
            or _is_continuation(chunk[0])
            or _REFERENCE_DEFINITION.match(text)
        ):
            blocks.append(Block(text, OTHER))
        else:
            number += 1
            blocks.append(Block(text, PARAGRAPH, number))
    return blocks


def chunks_can_continue(chunk: list[str]) -> bool:
    """Indented lines after a blank line continue lists, admonitions and footnotes."""
    first = chunk[0]
    return bool(re.match(r"^(?:[ ]{0,3}(?:[-*+]|\d{1,9}[.)])\s|!!!|\?\?\?|\[\^[^\]]+\]:)", first))


def join_blocks(blocks: list[Block]) -> str:
    return "\n\n".join(block.text for block in blocks) + "\n"


_TICKS = re.compile(r"`+")


def prose_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(offset, line) for each line outside fenced code (code is shown, never read as text);
    the fence lines themselves are code too."""
    fence: str | None = None
    kept: list[tuple[int, str]] = []
    for offset, line in enumerate(lines):
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
            continue
        kept.append((offset, line))
    return kept


def code_spans(text: str) -> dict[int, int]:
    """start -> end of each code span in ``text``, as Python-Markdown reads them, in linear time.

    A run of backticks opens a span that the next run of exactly as many closes
    (markdown/inlinepatterns.py, BACKTICK_RE); with no such run, its first n-1 backticks
    try, and so on; a backslash before the run escapes its first backtick. A pattern
    ('(`+).+?\\1') would rescan to the end of the text from every unmatched run.
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans, index = {}, 0
    while index < len(runs):
        start, end = runs[index]
        if start and text[start - 1] == "\\":
            start += 1
        closer = None
        for length in range(end - start, 0, -1):
            later = by_length.get(length, ())
            position = bisect_right(later, index)
            if position < len(later):
                closer = later[position]
                break
        if closer is None:
            index += 1
            continue
        spans[start] = runs[closer][1]
        index = closer + 1
    return spans


# A link reference definition ('[label]: URL "title"'), as Python-Markdown reads one. It is
# not prose: a mark added in it (a paragraph number before it, a footnote mark in its label)
# would turn it into text, and the title the body check saw as an attribute into raw HTML.
_REFERENCE_DEFINITION = ReferenceProcessor.RE

# Inline regions no pass may rewrite besides code spans (code_spans): links, images,
# URLs, HTML, footnote references, attribute lists and entities. No part scans past an
# opener of its own kind ('[', '<', '{'), so an unclosed one costs a step, not the line.
_PROTECTED = re.compile(
    r"""
      !?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+"[^"\n]*")?\)(?:\{[^{}\n]*\})?
    | !?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\[[^\[\]\n]*\]
    | \[\^[^\[\]\s]+\]
    | <(?:https?|mailto|ftp):[^<>\s]+>
    | (?:https?|ftp)://[^\s<>()\[\]]+
    | www\.[^\s<>()\[\]]+
    | </?[A-Za-z][^<>\n]*>
    | &\#?[A-Za-z0-9]+;
    | \{:?[ ]*[\#.][^{}\n]*\}
    """,
    re.VERBOSE | re.DOTALL,
)


# Where a protected region can start (each alternative above begins with one of these).
# Scanning for them first and trying the pattern only there is several times quicker
# than letting the pattern try every position of every paragraph.
_PROTECTED_START = re.compile(r"[`!\[<&{]|(?:https?|ftp)://|www\.")


def prose_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of ``text`` that are plain prose, free to annotate."""
    return list(_prose_spans(text))


# Pure, and asked again for the same paragraph by each pass that leaves it unchanged.
@lru_cache(maxsize=4096)
def _prose_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans = _spans_outside_protected(text)
    if "]:" not in text:
        return spans
    # Reference definitions are whole lines no pass may touch.
    definitions = [m.span() for m in _REFERENCE_DEFINITION.finditer(text)]
    if not definitions:
        return spans
    kept = []
    for start, end in spans:
        for first, last in definitions:
            if first < end and start < last:  # overlaps: keep the parts outside
                if start < first:
                    kept.append((start, first))
                start = max(start, last)
        if start < end:
            kept.append((start, end))
    return tuple(kept)


def _spans_outside_protected(text: str) -> tuple[tuple[int, int], ...]:
    spans, position, search_from = [], 0, 0
    code = code_spans(text) if "`" in text else {}
    while (candidate := _PROTECTED_START.search(text, search_from)) is not None:
        start = candidate.start()
        if start in code:
            end = code[start]
        else:
            match = None if text[start] == "`" else _PROTECTED.match(text, start)
            if match is None:  # a run of backticks that opens no span is text, all of it
                ticks = _TICKS.match(text, start)
                search_from = ticks.end() if ticks else start + 1
                continue
            end = match.end()
        if start > position:
            spans.append((position, start))
        position = search_from = end  # no region is empty, so this moves on
    if position < len(text):
        spans.append((position, len(text)))
    return tuple(spans)


def escape_attribute_list_after(text: str, position: int) -> str:
    """``text`` with a backslash before the '{' at ``position``, when there is one there.

    attr_list gives an inline attribute list written right after an element to that
    element. A pass that inserts a mark (a glossary footnote mark) just before a '{' of
    the speech would hand the speech's ``{ onfocus=... }`` to the mark, which the body
    check saw as plain text. Escaped, the '{' shows as it did before the pass ran.
    """
    if text.startswith("{", position):
        return text[:position] + "\\" + text[position:]
    return text
