"""escape.py: each context's function, with outputs checked by hand, and what a browser makes of them."""

from __future__ import annotations

import html

import markdown
import pytest
from bs4 import BeautifulSoup, Comment

from speech_archive.escape import (
    WORD_JOINER,
    UrlError,
    checked_url,
    escape_html,
    escape_markdown,
    escape_reparsed_text,
    escape_tooltip,
    html_link,
)
from speech_archive.load.untrusted import SITE_EXTENSIONS

ATTACK = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Peace & War", "Peace &amp; War"),
        (ATTACK, "&lt;img src&#61;x onerror&#61;alert\\(1\\)&gt;"),
        ("[x](javascript:y)", "\\[x\\]\\(javascript&#58;y\\)"),
        ("Cold War{ onfocus=x }", "Cold War\\{ onfocus&#61;x \\}"),
        ('say "hi"\n  twice', "say &quot;hi&quot; twice"),
        ("中文 🙂", "中文 🙂"),
    ],
)
def test_markdown_text(text, expected):
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("R&D", "R&amp;D"),
        (ATTACK, "&lt;img src=x onerror=alert(1)&gt;"),
        ("\"onmouseover='x'", "&quot;onmouseover=&#x27;x&#x27;"),
    ],
)
def test_html_text_and_attribute(text, expected):
    assert escape_html(text) == expected


def test_tooltip_value_by_hand():
    assert escape_tooltip(ATTACK) == "&amp;lt;img src=x onerror=alert(1)&amp;gt;"
    assert escape_tooltip("R&D") == "R&amp;amp;D"
    assert escape_tooltip("Plain words") == "Plain words"


@pytest.mark.parametrize(
    "text", [ATTACK, "R&D &amp; <b>bold</b>", "&lt;script&gt;", "5 < 6 & 7 > 3"]
)
def test_tooltip_value_shows_its_text_when_material_inserts_it_as_html(text):
    """Through Python-Markdown's serialiser, the browser's attribute, then innerHTML."""
    md = markdown.Markdown(extensions=["attr_list"])
    md.treeprocessors.register(_SetTitle(md, escape_tooltip(text)), "set_title", -1)
    page = BeautifulSoup(md.convert("*word*"), "html.parser")
    attribute = page.em["title"]  # what element.title returns in the browser
    tooltip = BeautifulSoup(attribute, "html.parser")  # what innerHTML = title builds
    assert tooltip.find() is None
    assert tooltip.get_text() == text


class _SetTitle(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, value):
        super().__init__(md)
        self.value = value

    def run(self, root):
        for element in root.iter("em"):
            element.set("title", self.value)


@pytest.mark.parametrize(
    "source,expected",
    [
        ("&lt;img src=x&gt;", f"&lt;{WORD_JOINER}img src=x&gt;"),
        ("R&amp;D", f"R&amp;{WORD_JOINER}D"),
        ("&#60;svg&#62;", f"&lt;{WORD_JOINER}svg&gt;"),
        ("\n  Plain title\n  ", "\n  Plain title\n  "),  # unchanged, whitespace and all
    ],
)
def test_reparsed_text_by_hand(source, expected):
    assert escape_reparsed_text(source) == expected


@pytest.mark.parametrize(
    "text", [ATTACK, "&lt;already an entity&gt;", "<!-- c --><b>x</b>", "a</x"]
)
def test_reparsed_text_stays_text_when_read_back_as_html(text):
    """What Material's ellipsis tooltip does: innerText of the element, then innerHTML."""
    shown = BeautifulSoup(escape_reparsed_text(html.escape(text)), "html.parser").get_text()
    reparsed = BeautifulSoup(shown, "html.parser")
    assert reparsed.find() is None  # no element
    assert not reparsed.find_all(string=lambda node: isinstance(node, Comment))
    assert reparsed.get_text().replace(WORD_JOINER, "") == text


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "http://example.org:8080/a_(b)?c=1&d=2#e",
        "https://zh.wikipedia.org/wiki/丝绸之路",
        "http://例子.中国/",
        "https://[2001:db8::1]/x",
        "HTTPS://EXAMPLE.ORG/",
        "https://example.org/it's",
    ],
)
def test_web_urls_kept_as_written(url):
    assert checked_url(url) == url


@pytest.mark.parametrize(
    "url,reason",
    [
        ("https://[x", "cannot be read as a URL (Invalid IPv6 URL)"),
        ("https://example.org:99999/", "cannot be read as a URL (Port out of range 0-65535)"),
        ("https://example.org/>)<svg/onload=alert(1)>", "contains '<', '>' or '\"'"),
        ('https://example.org/"onmouseover="x', "contains '<', '>' or '\"'"),
        ("https://example.org/a b", "contains a space, a control character or a backslash"),
        ("https://evil.example\\@example.org/", "contains a space"),
        ("https:///evil.example/", "names no host"),
        ("https:evil.example", "names no host"),
        ("https://example.org@evil.example/", "has a user name or password"),
        ("https://exa_mple.org/", "has no usable host name"),
        ("javascript:alert(1)", "is not an http: or https: URL"),
        ("ftp://example.org/", "is not an http: or https: URL"),
        ("mailto:a@example.org", "is not an http: or https: URL"),
    ],
)
def test_bad_urls_say_why(url, reason):
    with pytest.raises(UrlError) as raised:
        checked_url(url)
    assert str(raised.value).startswith(reason)


def test_mailto_where_allowed():
    schemes = frozenset({"http", "https", "mailto"})
    assert checked_url("mailto:a@example.org", schemes) == "mailto:a@example.org"
    with pytest.raises(UrlError, match="names no e-mail address"):
        checked_url("mailto:nobody", schemes)


def test_link_by_hand_and_as_rendered():
    url = "https://example.org/a_(1)?b=1&c=2"
    link = html_link(url, "*A source*")
    assert link == '<a href="https://example.org/a_(1)?b=1&amp;c=2">*A source*</a>'
    page = BeautifulSoup(
        markdown.markdown(f"Source: {link}, more", extensions=SITE_EXTENSIONS), "html.parser"
    )
    [anchor] = page.find_all("a")
    assert anchor["href"] == url
    assert anchor.em.get_text() == "A source"
    assert page.get_text() == "Source: A source, more"
