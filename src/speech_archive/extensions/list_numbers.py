"""Ordered lists keep the speaker's numbers.

Python-Markdown starts every ordered list at 1 unless its list processor's ``LAZY_OL``
is off (markdown/blockprocessors.py, OListProcessor): a speech whose numbered points
are separated by paragraphs ("1. ...", a paragraph, "2. ...") showed "1." for its
second point. This turns ``LAZY_OL`` off, so such a list gets ``<ol start="2">``;
``sane_lists`` would also change how mixed list types and paragraphs are read.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import OListProcessor


class ListNumbersExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # On this Markdown's own processor instance: other converters keep the default.
        olist = md.parser.blockprocessors["olist"]
        assert isinstance(olist, OListProcessor)
        olist.LAZY_OL = False


def makeExtension(**kwargs: Any) -> ListNumbersExtension:
    return ListNumbersExtension(**kwargs)
