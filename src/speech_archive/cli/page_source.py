"""What ``speech-archive import`` reads: a text copy, a saved HTML page, or a page at a URL.

A URL is fetched with the standard library, bounded in time (TIMEOUT) and size (the loader's
MAX_BYTES); an HTML page, saved or fetched, is reduced to its main content's text
(html_text.page_text) before the text importer reads it.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from ..load.text_files import MAX_BYTES, read_text
from ..problems import Problem
from .html_text import page_text

TIMEOUT = 30  # seconds, for connecting and for each read
# A comment's body cannot hold its own end, so a run of comments is read one way only
# (a lazy '.*?' could stretch over the next comment: exponential when no tag follows).
_HTML_START = re.compile(
    r"\A\s*(?:<!--(?:[^-]|-(?!->))*-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I
)


@dataclass
class Page:
    text: str  # plain text for the importer
    hints: dict = field(default_factory=dict)  # what the page says about itself: title, source
    lines: list[int] | None = None  # of an HTML page: the page's line of each line of text
    left_out: list[tuple[int, str]] = field(default_factory=list)  # (page line, text) not read

    def left_out_with(self, unused: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Everything not in the speech file, by the page's line: what the importer left out
        of the text, and what the page's reading left out (navigation, footer...)."""
        if self.lines is None:
            return unused
        mapped = [(self.line_of(line), text) for line, text in unused]
        return sorted(mapped + self.left_out, key=lambda item: item[0])

    def line_of(self, line: int) -> int:
        """The page's line of a line of the text (the same line for a text copy)."""
        if self.lines is None:
            return line
        return self.lines[line - 1] if line <= len(self.lines) else 0


class PageError(Exception):
    """A source that cannot be read, with a message naming it."""


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def read_page(source: str, shown_as: str) -> tuple[Page | None, list[Problem]]:
    """The text of a file or a URL; an HTML page reduced to its main content."""
    if is_url(source):
        raw, charset, html = _fetch(source)
        try:
            decoded = raw.decode(charset or "utf-8")
        except (UnicodeDecodeError, LookupError):
            raise PageError(
                f"{source}: is not {charset or 'UTF-8'} text as its server says "
                "(expected a web page in UTF-8; save it as text and import the file)"
            ) from None
        decoded = decoded.removeprefix("\ufeff")
        page = _page(decoded, html or bool(_HTML_START.match(decoded[:1000])))
        page.hints.setdefault("source", {}).setdefault("url", source)  # its canonical, else this
        return page, []
    text, problems = read_text(Path(source), shown_as)  # a regular file, within the size limit
    if text is None:
        return None, problems
    html = Path(source).suffix.lower() in (".html", ".htm") or bool(_HTML_START.match(text[:1000]))
    return _page(text, html), problems


def _page(text: str, html: bool) -> Page:
    if not html:
        return Page(text)
    found = page_text(text)
    source = {
        key: value for key, value in (("url", found.url), ("publisher", found.publisher)) if value
    }
    hints: dict = {"title": found.title} if found.title else {}
    if source:
        hints["source"] = source
    return Page(found.text, hints, found.lines, found.left_out)


def _fetch(url: str) -> tuple[bytes, str | None, bool]:
    """(body, charset, whether it is HTML) of ``url``; PageError when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": "speech-archive import"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            raw = response.read(MAX_BYTES + 1)
            headers: Message = response.headers
    except urllib.error.HTTPError as err:
        raise PageError(f"{url}: the server answered {err.code} {err.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise PageError(f"{url}: cannot be fetched ({reason})") from None
    if len(raw) > MAX_BYTES:
        raise PageError(
            f"{url}: is larger than {MAX_BYTES // (1024 * 1024)} MB (expected one speech's page)"
        )
    content_type = headers.get_content_type()
    return (
        raw,
        headers.get_content_charset(),
        content_type in ("text/html", "application/xhtml+xml"),
    )
