"""Citable paragraphs: an anchor #pN and a discreet number linking to it."""

from __future__ import annotations

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


def escape_lone_closing_braces(text: str) -> str:
    """Backslash-escape each '}' of the prose that closes no '{' on its line; it renders the same.

    attr_list reads an inline attribute list (this marker's, a saying highlight's) up to the
    last '}' on the line (markdown/extensions/attr_list.py, INLINE_RE) and moves the words in
    between behind it: 'Paragraph text 0}' would read '} 0'. A speech's own '{ lang=ar }' keeps its brace.
    """
    if "}" not in text:
        return text  # nearly every paragraph: no need to visit each character
    out, position = [], 0
    for start, end in prose_spans(text):
        for index in range(start, end):
            if text[index] == "}" and text[index - 1 : index] != "\\":
                line_start = text.rfind("\n", 0, index) + 1
                if "{" not in text[line_start:index]:
                    out += [text[position:index], "\\}"]
                    position = index + 1
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
