"""Hostile text in front matter and vocabularies is shown as text, never run (issue 8).

One real build of an archive whose every contributor-supplied field carries a
hostile payload; then every page, the search index, the feed and the JSON data
are parsed and searched for anything a browser would run.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import copy_project, run_mkdocs_build, soup

from speech_archive.load.untrusted import url_scheme
from speech_archive.pages.redirects import render_redirects

# Each carries a marker 'xssN' so any trace of it in markup can be found.
PAYLOADS = (
    '<script>alert("xss1")</script>',
    '<img src=x onerror=alert("xss2")>',
    "<iframe src=\"javascript:alert('xss3')\"></iframe>",
    "<a href=\"javascript:alert('xss4')\">xss4</a>",
    '<style>body{background:url("javascript:alert(5)")} .xss5{}</style>',
    '<svg onload=alert("xss6")><script>alert("xss6")</script></svg>',
    '&lt;script&gt;alert("xss7")&lt;/script&gt; &#60;img src=x onerror=alert("xss7")&#62;',
    '"><script>alert("xss8")</script><p class="',
    '</title><script>alert("xss9")</script>',
    '{ onclick=alert("xss10") } [xss10](javascript:alert(10)) *[xss10]: x',
    "<!-- xss11 --> <math><mtext><table><mglyph><style><img src=x onerror=alert('xss11')>",
    "\\<script\\>alert('xss12')\\</script\\> ${alert('xss12')} {{ config.xss12 }}",
)
DANGEROUS_SCHEMES = {"javascript", "vbscript", "data"}
# Elements that run, embed or restyle: none may come from the archive's text.
DANGEROUS_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "base",
    "template",
    "math",
    "style",
    "applet",
}


def _speech(index: int, payload: str, theme: str) -> str:
    meta = {
        "title": f"Hostile {index} {payload}",
        "date": f"2001-01-{index + 1:02d}",
        "speaker": f"Speaker {payload}",
        "venue": f"Hall {payload}, Land {index} {payload}",
        "occasion": f"Occasion {payload}",
        "themes": [theme],
        "summary": f"Summary {payload}",
        "note": f"Note {payload}",
        "rights": f"Rights {payload}",
        "source": {
            "title": f"Source {payload}",
            "publisher": f"Publisher {payload}",
            "url": f"https://example.org/{index}?q=%22%3E%3Cscript%3E",
        },
    }
    body = (
        f"Speech number {index} mentions the Hostile Term {index} and says that, as the proverb goes, "
        f'"hostile saying number {index} keeps its words".\n\n'
        "Shown as code: `<script>alert('xss0')</script>` and &lt;img src=x onerror=alert('xss0')&gt;.\n\n"
        "```\n<script>alert('xss0')</script>\n```\n"
    )
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def write_hostile_archive(project: Path) -> None:
    speeches = project / "speeches"
    themes, sayings, terms = {}, [], []
    for index, payload in enumerate(PAYLOADS):
        slug = f"hostile-{index}"
        themes[slug] = {"title": f"Theme {payload}"[:100], "description": f"Description {payload}"}
        sayings.append(
            {
                "id": f"hostile-saying-{index}",
                "text": f"Hostile saying number {index} keeps its words",
                "origin": f"Origin {payload}"[:100],
                "original": f"Original {payload}",
                "source": f"Source {payload}",
                "meaning": f"Meaning {payload}",
                "variants": [f"Variant {payload}"],
            }
        )
        terms.append(
            {
                "term": f"Hostile Term {index}",
                "definition": f"Definition {payload}",
                "aliases": [f"hostile alias {index}", f"Alias {payload}"[:200]],
            }
        )
        speech = _speech(index, payload, slug)
        (speeches / f"2001-01-{index + 1:02d}-hostile-{index}.md").write_text(
            speech, encoding="utf-8"
        )
    # The schema refuses markup in an abbreviation (a bad-input case); '&' and quotes remain.
    terms[0]["abbreviation"] = "R&D'’"
    for name, extra in (("themes.yml", themes), ("sayings.yml", sayings), ("glossary.yml", terms)):
        path = speeches / name
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(
            existing + "\n" + yaml.safe_dump(extra, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    write_hostile_archive(project)
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def unsafe_markup(page: BeautifulSoup) -> list[str]:
    """What in a parsed page would run script or embed content from the archive's text."""
    found = []
    for element in page.find_all(True):
        where = f"<{element.name}>"
        if "xss" in element.name:
            found.append(f"an element {where} made from text")
        if element.name in DANGEROUS_TAGS:
            found.append(f"a {where} element")
        if element.name in ("script", "style") and "xss" in element.get_text():
            found.append(f"a {where} carrying a payload")
        if element.name == "meta" and element.get("http-equiv"):
            found.append("a meta http-equiv element")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on"):
                found.append(f"an event handler {name}={value!r} on {where}")
            if "xss" in name:
                found.append(f"an attribute {name!r} made from text on {where}")
            if (
                name in ("href", "src", "action", "formaction", "xlink:href", "data")
                and url_scheme(value) in DANGEROUS_SCHEMES
            ):
                found.append(f"a {url_scheme(value)}: URL {value!r} on {where}")
    return found


def test_no_page_carries_script_handlers_or_script_urls(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 30
    # The pages at moved pages' old addresses are made of the site's own URLs alone: they
    # refresh to the new address on purpose, and must not vary with the archive.
    redirects = render_redirects()
    for path, text in redirects.items():
        assert (hostile_site / path).read_text(encoding="utf-8") == text
    found = {
        name: unsafe_markup(soup(page))
        for page in pages
        if (name := page.relative_to(hostile_site).as_posix()) not in redirects
    }
    assert {page: items for page, items in found.items() if items} == {}


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_front_matter_payload_is_shown_as_the_text_it_is(hostile_site, index):
    page = soup(hostile_site / "speeches" / f"2001-01-{index + 1:02d}-hostile-{index}.html")
    heading = page.select_one("article h1")
    expected = " ".join(f"Hostile {index} {PAYLOADS[index]}".split())
    assert " ".join(heading.get_text().split()).startswith(expected)
    assert " ".join(page.title.get_text().split()).startswith(expected)


def test_vocabulary_payloads_are_shown_as_text(hostile_site):
    themes = soup(hostile_site / "themes" / "hostile-0.html")
    assert "Description " + PAYLOADS[0] in " ".join(themes.select_one("article").get_text().split())
    glossary_text = " ".join(
        soup(hostile_site / "glossary" / "index.html").select_one("article").get_text().split()
    )
    assert "Definition " + PAYLOADS[1] in glossary_text


def test_search_index_entries_are_safe_as_html(hostile_site):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > 30
    found = []
    for doc in index["docs"]:
        for key in ("title", "text"):  # Material renders both as HTML in the search results
            found += [
                f"{doc['location']} {key}: {item}"
                for item in unsafe_markup(BeautifulSoup(doc.get(key, ""), "html.parser"))
            ]
    assert found == []


def test_feed_and_json_data_keep_payloads_as_data(hostile_site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    titles = {entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")}
    assert f"Hostile 0 {PAYLOADS[0]}" in titles  # an Atom text construct: the exact text, as text
    found = []
    for element in feed.iter():
        # Readers render text constructs typed 'html' as HTML; untyped ones are plain text (RFC 4287 3.1).
        if element.get("type") in ("html", "xhtml"):
            found += unsafe_markup(BeautifulSoup(element.text or "", "html.parser"))
    assert found == []
    data = json.loads((hostile_site / "speeches.json").read_text(encoding="utf-8"))
    titles = {entry["slug"]: entry["title"] for entry in data}
    assert titles["2001-01-01-hostile-0"] == f"Hostile 0 {PAYLOADS[0]}"  # data, unchanged
