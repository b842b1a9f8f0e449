"""Ordered lists keep the speaker's numbers.

Python-Markdown starts every ordered list at 1 unless its list processor's ``LAZY_OL``
is off (markdown/blockprocessors.py, OListProcessor): a speech whose numbered points
are separated by paragraphs ("1. ...", a paragraph, "2. ...") showed "1." for its
second point. This replaces that processor with one whose ``LAZY_OL`` is off, so such
a list gets ``<ol start="2">``; ``sane_lists`` would also change how mixed list types
and paragraphs are read.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import OListProcessor


class SpeakerNumberedListProcessor(OListProcessor):
    LAZY_OL = False  # an ordered list starts at its first item's number


class ListNumbersExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # In place of Python-Markdown's own ordered-list processor, at its priority (40).
        md.parser.blockprocessors.register(SpeakerNumberedListProcessor(md.parser), "olist", 40)


def makeExtension(**kwargs: Any) -> ListNumbersExtension:
    return ListNumbersExtension(**kwargs)
