"""Citations as the speech page's script makes them (issue 16): BibTeX a BibTeX parser
reads, CSL-JSON valid under the CSL-JSON schema.

One build of a small archive with a ``site_url`` (so citations carry the archive's own
URL): the seed speech, a speech with only the required fields, and one whose values hold
every BibTeX special character. Each page is opened in Chromium from ``file://`` and its
Cite control and a paragraph number's menu are clicked; what they copy is read from the
real clipboard, and the download links are read as the browser would save them.

The schema is tests/data/csl/csl-data.json, from citation-style-language/schema
(schemas/input/csl-data.json, commit e3ce254a72c4, v1.0.2), MIT licence: tests/data/csl/LICENSE.txt.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import bibtexparser
import jsonschema
import pytest
from browser_support import launch_chromium, visit
from conftest import ROOT, SEED_SLUG, make_small_archive, run_mkdocs_build

pytestmark = pytest.mark.browser

SITE_URL = "https://archive.example.org/speech-archive/"
SCHEMA = json.loads((Path(__file__).parent / "data" / "csl" / "csl-data.json").read_text("utf-8"))
MINIMAL_SLUG = "2001-01-01-required-fields-only"
SPECIAL_SLUG = "2001-01-02-special-characters"
SPEECHES = {
    MINIMAL_SLUG: """\
---
title: Required Fields Only
date: 2001-01-01
speaker: A Speaker
venue: A City, A Country
themes:
  - common-security
---

The first paragraph.

The second paragraph.
""",
    SPECIAL_SLUG: """\
---
title: 'Costs & {Braces} at 100% for $5 #1 under_score ^ ~ \\ back'
date: 2001-01-02
speaker: Ana María Núñez
venue: Zürich, Switzerland
occasion: 'A "Forum" & Co'
themes:
  - common-security
language: de
source:
  title: A Collection
  publisher: Press & Sons
---

Der erste Absatz.

1. Erstens, ein Punkt.

Ein Absatz dazwischen.

2. Zweitens, noch einer.
3. Drittens.
""",
}


@pytest.fixture(scope="module")
def citations(tmp_path_factory) -> dict[str, dict[str, str]]:
    """slug -> what the page's script gave: bibtex, csl (the speech's and paragraph 1's),
    and the two download links' contents."""
    project = make_small_archive(tmp_path_factory.mktemp("citation"))
    shutil.copy(ROOT / "speeches" / f"{SEED_SLUG}.md", project / "speeches")
    for slug, text in SPEECHES.items():
        (project / "speeches" / f"{slug}.md").write_text(text, encoding="utf-8")
    result = run_mkdocs_build(project, extra_env={"SITE_URL": SITE_URL})  # mkdocs.yml reads it
    assert result.returncode == 0, result.stderr
    base = (project / "site").as_uri() + "/"
    found: dict[str, dict[str, str]] = {}
    with (
        launch_chromium() as browser,
        visit(browser, base, permissions=["clipboard-read", "clipboard-write"]) as record,
    ):
        page = record.page

        def copied(button) -> str:
            page.evaluate("navigator.clipboard.writeText('')")
            button.click()
            for _ in range(50):
                text = page.evaluate("navigator.clipboard.readText()")
                if text:
                    return text
                page.wait_for_timeout(100)
            raise AssertionError("nothing was copied")

        def copied_selection(page, selector: str, offset: int = 0) -> str:
            """Select from ``offset`` in the first text of ``selector`` to the end of the
            speech, and copy it as a reader does (Ctrl+C)."""
            page.evaluate("navigator.clipboard.writeText('')")
            page.evaluate(
                """([selector, offset]) => {
                const start = document.querySelector(selector);
                const walker = document.createTreeWalker(start, NodeFilter.SHOW_TEXT);
                const range = document.createRange();
                range.setStart(walker.nextNode(), offset);
                range.setEndAfter(document.querySelector('.speech-body').lastElementChild);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
            }""",
                [selector, offset],
            )
            page.keyboard.press("Control+C")
            for _ in range(50):
                text = page.evaluate("navigator.clipboard.readText()")
                if text:
                    return text
                page.wait_for_timeout(100)
            raise AssertionError("nothing was copied")

        def downloaded(link) -> str:
            href = link.get_attribute("href")
            assert href.startswith("data:") and link.get_attribute("download")
            return unquote(href.split(",", 1)[1])

        for slug in (SEED_SLUG, *SPEECHES):
            page.goto(record.url(f"speeches/{slug}.html"))
            page.locator(".speech-cite summary").click()
            cite = page.locator(".speech-cite")
            outputs = {
                "bibtex": copied(cite.locator("[data-cite-action=copy-bibtex]")),
                "csl": copied(cite.locator("[data-cite-action=copy-csl-json]")),
                "bibtex file": downloaded(cite.locator("[data-cite-action=download-bibtex]")),
                "csl file": downloaded(cite.locator("[data-cite-action=download-csl-json]")),
            }
            page.locator("a.para-number#p1").click()
            menu = page.locator("body > .cite-menu")
            outputs["paragraph bibtex"] = copied(menu.locator("[data-cite-action=copy-bibtex]"))
            outputs["paragraph csl"] = copied(menu.locator("[data-cite-action=copy-csl-json]"))
            if slug == SPECIAL_SLUG:
                outputs["copied text"] = copied_selection(page, ".speech-body")
                outputs["copied from the second point"] = copied_selection(
                    page, "ol[start='2'] li", offset=2
                )
            found[slug] = outputs
        assert record.problems() == [], record.problems()
    return found


def parsed_entry(text: str):
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and len(library.entries) == 1, text
    return library.entries[0]


ALL = [SEED_SLUG, MINIMAL_SLUG, SPECIAL_SLUG]


@pytest.mark.parametrize("slug", ALL)
def test_bibtex_parses_as_one_misc_entry(citations, slug):
    for kind, key in (("bibtex", slug), ("paragraph bibtex", f"{slug}-p1")):
        entry = parsed_entry(citations[slug][kind])
        assert entry.entry_type == "misc" and entry.key == key
        url = f"{SITE_URL}speeches/{slug}.html" + ("#p1" if kind.startswith("paragraph") else "")
        assert entry["url"] == url
    assert citations[slug]["bibtex file"] == citations[slug]["bibtex"]


def test_bibtex_of_the_seed(citations):
    fields = {
        field.key: field.value for field in parsed_entry(citations[SEED_SLUG]["bibtex"]).fields
    }
    assert fields == {
        "author": "{Xi Jinping}",
        "title": "{New Approach for Asian Security Cooperation}",
        "howpublished": "Speech at Fourth Summit of the Conference on Interaction and "
        "Confidence-Building Measures in Asia, Shanghai, China",
        "year": "2014",
        "month": "5",
        "day": "21",
        "date": "2014-05-21",
        "url": f"{SITE_URL}speeches/{SEED_SLUG}.html",
        "eventtitle": "Fourth Summit of the Conference on Interaction and Confidence-Building "
        "Measures in Asia",
        "venue": "Shanghai, China",
        "language": "en",
    }
    paragraph = parsed_entry(citations[SEED_SLUG]["paragraph bibtex"])
    assert paragraph["note"] == "para. 1"


def test_bibtex_escapes_every_special_character(citations):
    entry = parsed_entry(citations[SPECIAL_SLUG]["bibtex"])
    assert entry["title"] == (
        r"{Costs \& \textbraceleft{}Braces\textbraceright{} at 100\% for \$5 \#1 under\_score "
        r"\textasciicircum{} \textasciitilde{} \textbackslash{} back}"
    )
    assert entry["author"] == "{Ana María Núñez}"
    assert entry["howpublished"] == 'Speech at A "Forum" \\& Co, Zürich, Switzerland'
    assert entry["publisher"] == r"Press \& Sons"
    assert entry["language"] == "de"


def test_bibtex_of_a_speech_with_only_the_required_fields(citations):
    fields = {field.key for field in parsed_entry(citations[MINIMAL_SLUG]["bibtex"]).fields}
    assert fields == {"author", "title", "howpublished", "year", "month", "day", "date", "url"} | {
        "venue",
        "language",
    }


@pytest.mark.parametrize("slug", ALL)
def test_csl_json_is_valid_under_the_csl_schema(citations, slug):
    for kind in ("csl", "paragraph csl", "csl file"):
        items = json.loads(citations[slug][kind])
        jsonschema.validate(items, SCHEMA)
        assert len(items) == 1 and items[0]["type"] == "speech"


def test_csl_json_of_the_seed(citations):
    [item] = json.loads(citations[SEED_SLUG]["csl"])
    assert item == {
        "id": SEED_SLUG,
        "type": "speech",
        "title": "New Approach for Asian Security Cooperation",
        "author": [{"literal": "Xi Jinping"}],
        "event-title": "Fourth Summit of the Conference on Interaction and Confidence-Building "
        "Measures in Asia",
        "event-place": "Shanghai, China",
        "issued": {"date-parts": [[2014, 5, 21]]},
        "event-date": {"date-parts": [[2014, 5, 21]]},
        "URL": f"{SITE_URL}speeches/{SEED_SLUG}.html",
        "language": "en",
    }
    [paragraph] = json.loads(citations[SEED_SLUG]["paragraph csl"])
    assert paragraph["id"] == f"{SEED_SLUG}-p1"
    assert paragraph["URL"] == f"{SITE_URL}speeches/{SEED_SLUG}.html#p1"
    assert paragraph["locator"] == "1"


def test_csl_json_keeps_values_as_written(citations):
    [item] = json.loads(citations[SPECIAL_SLUG]["csl"])
    assert item["title"] == "Costs & {Braces} at 100% for $5 #1 under_score ^ ~ \\ back"
    assert item["event-title"] == 'A "Forum" & Co'
    assert item["publisher"] == "Press & Sons"
    assert item["language"] == "de"
    [minimal] = json.loads(citations[MINIMAL_SLUG]["csl"])
    assert "event-title" not in minimal and "publisher" not in minimal


def test_a_copied_list_keeps_the_speakers_numbers(citations):
    """The browser draws list numbers, so a plain copy drops them: the copy handler adds them."""
    copied = citations[SPECIAL_SLUG]
    assert copied["copied text"] == (
        "Der erste Absatz.\n\n1. Erstens, ein Punkt.\n\nEin Absatz dazwischen.\n\n"
        "2. Zweitens, noch einer.\n\n3. Drittens."
    )
    # From inside the second point ("Zw|eitens"): its number, then the next.
    assert copied["copied from the second point"] == "2. eitens, noch einer.\n\n3. Drittens."


def test_the_schema_rejects_what_it_should():
    """Control: the vendored schema is a real check (an unknown type, a missing id)."""
    for bad in ([{"id": "x", "type": "sermon"}], [{"type": "speech"}]):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)
