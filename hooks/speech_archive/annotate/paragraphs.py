"""Citable paragraphs: an anchor #pN and a discreet number linking to it."""

from __future__ import annotations

from ..model import Archive, Speech
from .blocks import PARAGRAPH, Block


def paragraph_marker(number: int) -> str:
    # An inline link at the start of the paragraph carries the anchor: attribute
    # lists on a paragraph's last line do not survive nl2br line breaks.
    return f'[{number}](#p{number}){{ #p{number} .para-number title="Paragraph {number}" }} '


def number_paragraphs(blocks: list[Block], speech: Speech, archive: Archive) -> tuple[list[Block], dict]:
    out = [
        block.with_text(paragraph_marker(block.number) + block.text) if block.kind == PARAGRAPH else block
        for block in blocks
    ]
    return out, {"paragraphs": sum(1 for b in blocks if b.kind == PARAGRAPH)}
