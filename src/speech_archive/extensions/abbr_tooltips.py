"""Python-Markdown's ``abbr`` extension, minus links and bare URLs.

Upstream ``abbr`` wraps every whole-word match in any non-code text of the page,
so "https://example.org/CICA/" and link text (a highlighted saying, a URL shown as
its own link) got tooltips. The glossary pass never annotates inside links or
URLs; this keeps tooltips to the same places. Use it instead of ``abbr`` in
mkdocs.yml: definitions (``*[CICA]: ...``) are written and collected as upstream.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString

# Text shown as itself: bare URLs (Python-Markdown does not link them) and e-mail addresses.
# An address starts where its run of [\w.+-] starts: tried inside the run, it rescanned it.
_URL = r"(?:(?:https?|ftp)://|www\.)[^\s<>]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_SKIPPED_TAGS = {"a", "code", "pre", "abbr", "script", "style"}


class AbbrOutsideLinksTreeprocessor(AbbrTreeprocessor):
    # Both set by run() before it walks the tree.
    url_or_abbr: re.Pattern[str]
    candidate: re.Pattern[str]

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        keys = sorted(self.abbrs, key=len, reverse=True)
        # URLs come first in the alternation so that an abbreviation inside one is consumed with it.
        alternation = "|".join(re.escape(key) for key in keys)
        self.RE = self.url_or_abbr = re.compile(rf"(?P<url>{_URL})|\b(?:{alternation})\b")
        # The URL alternative is slow to try at every position; most text nodes hold no
        # abbreviation at all, and this finds that out first (a fifth of a page's conversion).
        self.candidate = re.compile(rf"\b(?:{alternation})\b")
        self.iter_element(root)

    def _split(self, text: str, parent: etree.Element, index: int) -> str:
        """Wrap matches of ``text`` as <abbr> under ``parent`` at ``index``, return the rest."""
        if not self.candidate.search(text):
            return text
        for match in reversed(list(self.url_or_abbr.finditer(text))):
            if match.group("url") or not self.abbrs.get(match.group(0)):
                continue
            title = self.abbrs[match.group(0)]
            parent.insert(index, self.create_element(title, match.group(0), text[match.end() :]))
            text = text[: match.start()]
        return text

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        if el.tag not in _SKIPPED_TAGS:
            for child in reversed(el):
                self.iter_element(child, el)
            if el.text and not isinstance(el.text, AtomicString):
                el.text = self._split(el.text, el, 0)
        # The tail is outside the element, so it is annotated even after a link.
        if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
            el.tail = self._split(el.tail, parent, list(parent).index(el) + 1)


class AbbrOutsideLinksExtension(AbbrExtension):
    abbrs: dict[str, str]  # set by AbbrExtension.__init__; types-Markdown leaves it out

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # Same name and priority as upstream's: replaces it, runs where it would have.
        md.treeprocessors.register(AbbrOutsideLinksTreeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs: Any) -> AbbrOutsideLinksExtension:
    return AbbrOutsideLinksExtension(**kwargs)
