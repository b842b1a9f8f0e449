"""Citable paragraphs: an anchor #pN and a discreet number linking to it."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..markup import PARAGRAPH_NUMBER_CLASS, paragraph_anchor, paragraph_title
from ..model import Archive, Findings, Speech
from .blocks import PARAGRAPH, Block, prose_spans


def paragraph_marker(number: int) -> str:
    # An inline link at the start of the paragraph carries the anchor: an attribute
    # list on a paragraph's last line would land after a hard line break.
    anchor = paragraph_anchor(number)
    return (
        f"[{number}](#{anchor}){{ #{anchor} .{PARAGRAPH_NUMBER_CLASS} "
        f'title="{paragraph_title(number)}" }} '
    )


_OPEN_BRACE = re.compile(r"\{")
_LINE_BREAK = re.compile(r"\n")


def escape_lone_closing_braces(text: str) -> str:
    """Backslash-escape each '}' of the prose that closes no '{' on its line; it renders the same.

    attr_list reads an inline attribute list (this marker's, a saying highlight's) up to the
    last '}' on the line (markdown/extensions/attr_list.py, INLINE_RE) and moves the words in
    between behind it: 'Paragraph text 0}' would read '} 0'. A speech's own '{ lang=ar }' keeps its brace.
    """
    if "}" not in text:
        return text  # nearly every paragraph: no need to visit each character
    # Where each '{' and line break is, so each '}' asks in logarithmic time, not by
    # rescanning its line (a line of a million '}' would take hours).
    opens = [match.start() for match in _OPEN_BRACE.finditer(text)]
    breaks = [match.start() for match in _LINE_BREAK.finditer(text)]
    out, position = [], 0
    for start, end in prose_spans(text):
        index = text.find("}", start, end)
        while index != -1:
            if text[index - 1 : index] != "\\":
                before = bisect_left(breaks, index)  # line breaks before this '}'
                line_start = breaks[before - 1] + 1 if before else 0
                last_open = bisect_left(opens, index) - 1
                if last_open < 0 or opens[last_open] < line_start:
                    out += [text[position:index], "\\}"]
                    position = index + 1
            index = text.find("}", index + 1, end)
    return "".join(out) + text[position:]


def _numbered(paragraph: Block) -> Block:
    assert paragraph.number is not None  # split_blocks numbers every paragraph
    marker = paragraph_marker(paragraph.number)
    return paragraph.with_text(marker + escape_lone_closing_braces(paragraph.text))


def number_paragraphs(
    blocks: list[Block], speech: Speech, archive: Archive
) -> tuple[list[Block], Findings]:
    out = [_numbered(block) if block.kind == PARAGRAPH else block for block in blocks]
    return out, {"paragraphs": sum(1 for b in blocks if b.kind == PARAGRAPH)}


def keep_line_breaks(
    blocks: list[Block], speech: Speech, archive: Archive
) -> tuple[list[Block], Findings]:
    """A line break inside a speech paragraph (salutations, verse) stays a line break.

    Markdown's own hard break (two spaces before the newline) is used, only in the
    speech's paragraphs, so hand-written pages keep ordinary soft wrapping.
    """
    out = [
        block.with_text(block.text.replace("\n", "  \n"))
        if block.kind == PARAGRAPH and "\n" in block.text
        else block
        for block in blocks
    ]
    return out, {}
