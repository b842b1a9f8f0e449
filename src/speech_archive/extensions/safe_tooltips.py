"""Material's tooltips show contributor text as text, never as markup.

Material's ``content.tooltips`` (bundle: the ``[title]`` elements of the content and the
header, ``abbr[title]``) takes an element's ``title`` and inserts it into the tooltip with
innerHTML; its ellipsis tooltip copies the innerText of a cut-short ``.md-ellipsis``
(the page title in the header, headings in the table of contents, navigation titles)
into a ``title`` and inserts that the same way. So a title or heading whose text reads
``<img src=x onerror=...>`` would run on hover. Two places make both inert, showing the
reader the very text they would see without the theme's script:

- this Markdown extension (the plugin adds it to every build) gives every ``title`` of a
  page's element tree, whoever wrote it (link and image titles, ``{ title=... }``,
  abbreviations, the passes' own), the value ``escape.escape_tooltip`` makes;
- ``escape_ellipsis_texts``, run by the plugin on every finished page, passes the text
  of each ``.md-ellipsis`` element through ``escape.escape_reparsed_text``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from ..escape import escape_reparsed_text, escape_tooltip

EXTENSION = "speech_archive.extensions.safe_tooltips"
# Python-Markdown's serialiser writes an '&' that starts an entity as it is, any other '&'
# as '&amp;' (markdown/serializers.py, RE_AMP): what the browser's title holds follows that.
_LONE_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def shown_title(value: str, stash: list[Any] = []) -> str:  # noqa: B006 (never changed)
    """The text a browser holds for a title of value ``value`` in the element tree.

    Raw HTML in an attribute list's value is a placeholder until Python-Markdown's last
    step puts the HTML back in (``stash``: md.htmlStash.rawHtmlBlocks): put it back first.
    """
    if "\x02" in value:
        value = HTML_PLACEHOLDER_RE.sub(lambda m: _stashed(stash, int(m.group(1))), value)
    value = _LONE_AMPERSAND.sub("&amp;", value.replace(AMP_SUBSTITUTE, "&"))
    return html.unescape(value)


def _stashed(stash: list[Any], index: int) -> str:
    found = stash[index] if index < len(stash) else ""
    return found if isinstance(found, str) else ""


class SafeTooltipsTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for element in root.iter():
            title = element.get("title")
            if title:
                element.set("title", escape_tooltip(shown_title(title, stash)))


class SafeTooltipsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Last of the tree processors that set titles: footnotes (50), attr_list (8),
        # abbr (7), toc's permalinks (5).
        md.treeprocessors.register(SafeTooltipsTreeprocessor(md), "safe_tooltips", -10)


def makeExtension(**kwargs: Any) -> SafeTooltipsExtension:
    return SafeTooltipsExtension(**kwargs)


# The opening tag of an element Material's templates mark .md-ellipsis, and its text (the
# templates put only text in one: a title, escaped by MkDocs or by pages/speech.py).
_ELLIPSIS = re.compile(
    r"(<(?:span|div|time)\b[^<>]*\bclass=\"(?:[^\"]*\s)?md-ellipsis(?:\s[^\"]*)?\"[^<>]*>)([^<]*)"
)


def escape_ellipsis_texts(page: str) -> str:
    """A finished page's HTML with the text of each .md-ellipsis element safe to re-read."""
    if "md-ellipsis" not in page:
        return page
    return _ELLIPSIS.sub(lambda m: m.group(1) + escape_reparsed_text(m.group(2)), page)
