"""A saved web page (HTML) -> the text a reader sees in its main content, one block a paragraph.

The standard library's html.parser, not an extraction library: a speech page is one article
with furniture around it, and the furniture is named by the page itself (<nav>, <aside>,
<footer>, role="navigation", class="share", "cookie", "related"...). What is left of the main
content (the largest <article>, else <main>, else the body) goes to the text importer, which
finds the title, date, source line, note and rights in it as in a text copy; the furniture
that survives (a 'Back to top' link inside the article) is set aside there, and listed.

An <article> is read even inside a region the page marks by its role as complementary (a
reading pane laid over the page, role="complementary", next to an empty role="main") when
no article or main outside the furniture holds text and it outweighs the rest of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose text is never the speech.
_NEVER = {
    "script", "style", "noscript", "template", "svg", "math", "nav", "aside", "footer", "form",
    "button", "select", "iframe", "object", "canvas", "dialog", "head", "menu",
}  # fmt: skip
# Furniture named by role, or by a word of a class or id ('share-bar', 'cookie-banner').
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_FURNITURE_NAMES = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|social|cookies?|"
    r"consent|related|sidebar|footer|newsletter|comments?|skip|toolbar|pagination|"
    r"promo|advert|ads|masthead|subscribe|tags)(?:$|[-_\s])",
    re.IGNORECASE,
)
# Of those, the ones whose contents are code or data, not text a reader sees.
_NOT_TEXT = {"script", "style", "noscript", "template", "svg", "math", "head", "object", "canvas"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "blockquote", "pre", "tr", "table", "dd", "dt", "dl", "figcaption",
    "figure", "address", "hr", "body",
}  # fmt: skip
_VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base", "col"}
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
MAX_DEPTH = 256  # nesting deeper than any real page is read as flat


@dataclass
class PageText:
    text: str  # the main content's blocks, separated by blank lines
    title: str | None = None  # the page's own title (og:title, else <title>), a fallback
    url: str | None = None  # its canonical address, when it gives one
    publisher: str | None = None  # og:site_name
    lines: list[int] = field(default_factory=list)  # the page's line of each line of text
    left_out: list[tuple[int, str]] = field(default_factory=list)  # (page line, text) not read


@dataclass
class _Block:
    text: str
    line: int  # where it starts in the page
    article: int | None  # the innermost <article> it is in (numbered in page order)
    main: int | None  # the innermost <main>
    furniture: bool
    # Furniture only by the role of a region around its <article> (nothing inside the article
    # is furniture): the page's content when nothing outside the furniture is (see above).
    role_wrapped: bool = False


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, furniture)
        self.by_role: list[bool] = []  # of each stack entry: furniture by its role alone
        # Open <article>/<main>, outermost first: (tag, number, its place in the stack).
        self.containers: list[tuple[str, int, int]] = []
        self.counts = {"article": 0, "main": 0}
        self.blocks: list[_Block] = []
        self.current: list[str | None] = []  # text, and None for a <br>
        self.current_line = 0
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False

    @property
    def skipping(self) -> bool:
        return any(furniture for _, furniture in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or ""
            if key in ("og:title", "og:url", "og:site_name") and values.get("content"):
                self.meta.setdefault(key, values["content"].strip())
            return
        if tag == "link" and "canonical" in values.get("rel", "").split():
            self.meta.setdefault("canonical", values.get("href", "").strip())
            return
        if tag == "title":
            self.in_title = True
            return
        if tag == "br":
            self.current.append(None)
            return
        furniture = self._is_furniture(tag, values)
        by_role = furniture and self._is_furniture(tag, {**values, "role": ""}) is False
        if tag in _BLOCKS or furniture:
            self._flush()
        if tag in _VOID:
            return
        if tag == "p" and self.stack and self.stack[-1][0] == "p":
            self.stack.pop()  # a <p> closes the open one, as browsers read it
            self.by_role.pop()
        if len(self.stack) >= MAX_DEPTH:
            return
        self.stack.append((tag, furniture))
        self.by_role.append(by_role)
        if tag in ("article", "main"):
            self.counts[tag] += 1
            self.containers.append((tag, self.counts[tag], len(self.stack) - 1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                if tag in _BLOCKS or any(furniture for _, furniture in self.stack[depth:]):
                    self._flush()
                del self.stack[depth:]
                del self.by_role[depth:]
                break
        if tag in ("article", "main") and self.containers:
            self.containers.pop()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not any(tag in _NOT_TEXT for tag, _ in self.stack):
            if not self.current:
                self.current_line = self.getpos()[0]
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _is_furniture(self, tag: str, values: dict[str, str]) -> bool:
        if tag in _NEVER:
            return True
        if tag == "header" and not self.containers:
            return True  # the site's header; an article's header holds its title
        if values.get("role", "").lower() in _FURNITURE_ROLES:
            return True
        if "hidden" in values:
            return True
        names = f"{values.get('class', '')} {values.get('id', '')}"
        return bool(_FURNITURE_NAMES.search(names))

    def _flush(self) -> None:
        pieces, self.current = self.current, []
        parts: list[list[str]] = [[]]
        for piece in pieces:
            if piece is None:
                parts.append([])  # a <br>
            else:
                parts[-1].append(piece)
        # Spaces and line ends in HTML source are one space; a <br> is a line break. A no-break
        # space is text, and stays.
        lines = [_HTML_SPACE.sub(" ", "".join(part)).strip(" ") for part in parts]
        block = "\n".join(line for line in lines if line)
        if block:
            self.blocks.append(
                _Block(
                    block,
                    self.current_line,
                    self._innermost("article"),
                    self._innermost("main"),
                    self.skipping,
                    self._role_wrapped(),
                )
            )

    def _innermost(self, kind: str) -> int | None:
        return next((n for tag, n, _ in reversed(self.containers) if tag == kind), None)

    def _role_wrapped(self) -> bool:
        """Furniture only by the role of regions around the innermost <article>."""
        at = next((depth for tag, _, depth in reversed(self.containers) if tag == "article"), None)
        if at is None or any(furniture for _, furniture in self.stack[at:]):
            return False
        around = [
            role for (_, f), role in zip(self.stack[:at], self.by_role[:at], strict=True) if f
        ]
        return bool(around) and all(around)


def page_text(html: str) -> PageText:
    """The main content of ``html`` as plain text, and what the page says about itself."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    kept = _main_content(reader.blocks)
    text_lines: list[str] = []
    page_lines: list[int] = []
    for block in kept:
        if text_lines:
            text_lines.append("")
            page_lines.append(block.line)
        for offset, line in enumerate(block.text.split("\n")):
            text_lines.append(line)
            page_lines.append(block.line + offset)  # a <br> line: close to its own
    left_out = [
        (block.line, line)
        for block in reader.blocks
        if not any(block is chosen for chosen in kept)
        for line in block.text.split("\n")
    ]
    title = reader.meta.get("og:title") or " ".join("".join(reader.title).split()) or None
    return PageText(
        "\n".join(text_lines) + "\n",
        title=title,
        url=_address(reader.meta.get("canonical")) or _address(reader.meta.get("og:url")),
        publisher=reader.meta.get("og:site_name"),
        lines=page_lines,
        left_out=left_out,
    )


def _address(value: str | None) -> str | None:
    """An address the page gives itself, when it is a whole one: a saved page's links may be
    made local ('62523.html'), and a local name is no address of the speech."""
    if value and value.lower().startswith(("http://", "https://")):
        return value
    return None


def _main_content(blocks: list[_Block]) -> list[_Block]:
    """The blocks of the largest <article>, else of the largest <main>, else all of them;
    never furniture, except an <article> that only a role around it marks (module note)."""
    text = [block for block in blocks if not block.furniture]
    for kind in ("article", "main"):
        largest = _largest(text, kind)
        if largest is not None:
            return [block for block in text if getattr(block, kind) == largest]
    wrapped = [block for block in blocks if block.role_wrapped]
    largest = _largest(wrapped, "article")
    if largest is not None:
        article = [block for block in wrapped if block.article == largest]
        if sum(len(block.text) for block in article) > sum(len(block.text) for block in text):
            return article
    return text


def _largest(blocks: list[_Block], kind: str) -> int | None:
    """The number of the <article> or <main> holding the most text of ``blocks``."""
    sizes: dict[int, int] = {}
    for block in blocks:
        number = getattr(block, kind)
        if number is not None:
            sizes[number] = sizes.get(number, 0) + len(block.text)
    return max(sizes, key=lambda number: sizes[number]) if sizes else None
