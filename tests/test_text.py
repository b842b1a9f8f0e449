"""Contributor text placed into generated Markdown renders as itself: no markup, no HTML."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from bs4 import BeautifulSoup

from speech_archive.escape import escape_markdown
from speech_archive.text import anchor_id, human_date, slugify

SITE_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "footnotes",
    "md_in_html",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]


@pytest.mark.parametrize(
    "text",
    [
        'Peace & <b>War</b> *now* [x](y) 1. "q" it\'s',
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "# Not a heading",
        "1. Not a list",
        "- Not a list either",
        "a_b_c **x** `code` {: #id onclick=x }",
        "x [^1] y",
        "&lt;script&gt; stays an entity's text",
        "Café — 中文 — العربية ~~s~~ ==m== ^^i^^",
        "A: B = C | D",
        "http://example.com/x_y",
        '!!! note "not an admonition"',
    ],
)
def test_escaped_text_renders_as_itself(text):
    html = markdown.markdown(escape_markdown(text), extensions=SITE_EXTENSIONS)
    page = BeautifulSoup(html, "html.parser")
    assert page.get_text() == text
    assert (
        page.find_all(["script", "img", "b", "strong", "em", "a", "code", "h1", "ol", "ul", "sup"])
        == []
    )


@pytest.mark.parametrize(
    "text,slug",
    [
        ("Six-Party Talks", "six-party-talks"),
        ("Café Crème", "cafe-creme"),
        ("  A -- B  ", "a-b"),
        ("中文", "x"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_human_date_is_locale_free():
    assert human_date(dt.date(2014, 5, 21)) == "21 May 2014"
    assert human_date(dt.date(1863, 11, 19)) == "19 November 1863"


@pytest.mark.parametrize(
    "text,anchor",
    [
        ("Six-Party Talks", "six-party-talks"),  # Latin text: the same as slugify
        ("Café Crème", "cafe-creme"),
        ("千里之行，始于足下", "千里之行-始于足下"),
        ("فى التأنى السلامة", "فى-التانى-السلامة"),
        ("snake_case", "snake-case"),
        ("!!!", "x"),
    ],
)
def test_anchor_id_keeps_every_script(text, anchor):
    assert anchor_id(text) == anchor


def test_sayings_in_other_scripts_get_distinct_anchors():
    """An ASCII-only slug would give every Chinese saying the same anchor, merging them on the index."""
    assert anchor_id("千里之行，始于足下") != anchor_id("三人行，必有我师焉")
