"""The one place where contributor values become markup: one function per output context.

Titles, speakers, venues, themes, glossary entries, sayings and URLs come from strangers
and are published. Each is placed through the function for where it goes, never pasted:

    escape_markdown(text)        text in a generated Markdown page: renders as itself
    escape_html(text)            text inside an HTML element, or a quoted attribute value
    escape_tooltip(text)         a ``title`` Material's ``content.tooltips`` writes back as HTML
    escape_reparsed_text(html)   visible text Material re-reads (innerText) and writes back as HTML
    checked_url(value)           a contributor URL: http(s) (mailto where allowed) with a host
    html_link(url, label)        a checked URL as an ``<a href>`` in Markdown, never ``[..](..)``

XML (feed.xml) is written with ElementTree and JSON (speeches.json) with ``json``: both
escape every value by construction, so neither needs a function here.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit

# --- Markdown ------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~^=:\"'])")

# Python-Markdown cannot backslash-escape these; HTML entities render them literally.
_MD_ENTITIES = {
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    '"': "&quot;",
    "'": "&#39;",
    ":": "&#58;",
    "=": "&#61;",
    "~": "&#126;",
    "^": "&#94;",
    "|": "&#124;",
}


@lru_cache(maxsize=1 << 16)  # the same titles and venues fill every index page
def escape_markdown(text: str) -> str:
    """Front-matter text for a generated Markdown page: no Markdown, no HTML, no entities.

    Whitespace runs become one space (a value is one line of the page).
    """
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m.group(1), "\\" + m.group(1)), text)


# --- HTML ----------------------------------------------------------------------------------


def escape_html(text: str) -> str:
    """Text for HTML element content or a double- or single-quoted attribute value."""
    return html.escape(text, quote=True)


def escape_tooltip(text: str) -> str:
    """The value to store in a ``title`` (in a Python-Markdown element tree) to show ``text``.

    Material's ``content.tooltips`` reads an element's title and inserts it with innerHTML,
    so the attribute's value must be HTML whose text is ``text``: escaped once for that.
    Python-Markdown's serialiser keeps anything shaped like an entity in an attribute as
    it is, so the value it is given is escaped once more to survive serialising.
    """
    return html.escape(html.escape(text, quote=False), quote=False)


# Browsers read '<' as the start of a tag only before a letter, '!', '/' or '?', and '&'
# as a character reference only before a name or '#': a WORD JOINER (U+2060, no width,
# no break) after each keeps both as text when the text is parsed as HTML again.
_REPARSED_SPECIAL = re.compile(r"([<&])")
WORD_JOINER = "\u2060"


def escape_reparsed_text(source: str) -> str:
    """HTML text (as written in a page) that still reads as the same text when Material
    re-reads it with innerText and inserts it with innerHTML (its tooltip for a title
    cut short by an ellipsis). The reader sees the same characters either way.
    """
    text = html.unescape(source)
    if "<" not in text and "&" not in text:
        return source
    return html.escape(_REPARSED_SPECIAL.sub(r"\1" + WORD_JOINER, text), quote=False)


# --- URLs ----------------------------------------------------------------------------------

WEB_SCHEMES = frozenset({"http", "https"})
# What a browser drops or reads differently in a URL: whitespace and control characters
# (removed or split on), and '\\' (read as '/' in http URLs, so a host could hide behind it).
_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\\\u2028\u2029]")
# Never unencoded in a URL (RFC 3986), and what would end an attribute or start a tag.
_NOT_IN_URL = re.compile(r'[<>"]')
# A host name: letters and digits of any script, '-' and '.'; or an IP version 6 literal.
_HOST_NAME = re.compile(r"^(?:[^\W_]|[-.])+$")
_IPV6 = re.compile(r"^[0-9a-f:.]+$")


class UrlError(ValueError):
    """A contributor URL that may not be published; the message says what is wrong."""


def checked_url(value: str, schemes: frozenset[str] = WEB_SCHEMES) -> str:
    """``value`` if it is a URL of one of ``schemes`` a browser reads as written; else UrlError.

    Web URLs must name a host and carry no user name or password (``https://a.org@b.example``
    goes to b.example); a mailto URL must name an address.
    """
    if _UNSAFE_IN_URL.search(value):
        raise UrlError("contains a space, a control character or a backslash")
    if _NOT_IN_URL.search(value):
        raise UrlError("contains '<', '>' or '\"' (expected them percent-encoded: %3C, %3E, %22)")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (parsed on access: a port that is not a number fails here)
    except ValueError as err:  # 'https://[x': an unclosed IPv6 bracket; a bad port
        raise UrlError(f"cannot be read as a URL ({err})") from None
    scheme = parts.scheme.lower()
    if scheme not in schemes or not value.lower().startswith(scheme + ":"):
        raise UrlError("is not an " + " or ".join(f"{s}:" for s in sorted(schemes)) + " URL")
    if scheme == "mailto":
        if "@" not in parts.path:
            raise UrlError("names no e-mail address")
        return value
    # urlsplit also reads 'https:/x' and 'https:x', which browsers complete with a host.
    if not parts.netloc or not value[len(scheme) + 1 :].startswith("//"):
        raise UrlError("names no host (expected '//' and a host name after the scheme)")
    _check_host(parts)
    return value


def _check_host(parts: SplitResult) -> None:
    if "@" in parts.netloc:
        raise UrlError("has a user name or password before the host (expected none)")
    host = parts.hostname or ""
    bracketed = parts.netloc.startswith("[")
    if not host or not (_IPV6.match(host) if bracketed else _HOST_NAME.match(host)):
        raise UrlError(f"has no usable host name ({host!r})")


def html_link(url: str, label: str) -> str:
    """An inline HTML link to a checked ``url``, for a Markdown page.

    ``label`` is Markdown (already escaped): Python-Markdown renders the text between
    the tags. The URL is an attribute value, never Markdown link syntax, so nothing in
    it can end the link or start another.
    """
    return f'<a href="{escape_html(url)}">{label}</a>'
