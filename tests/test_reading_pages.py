"""Speech pages as a reader's text (issue 16): the speaker's list numbers, the speech's
language, the source note among the facts, and the citation's data placed inertly.

One real build of a small archive with a speech written for these cases.
"""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import (
    make_small_archive,
    run_mkdocs_build,
    soup,
    source_body_words,
    speech_text_words,
)

from speech_archive.markup import CITATION_DATA_ID
from speech_archive.pages.citation import citation_element

SLUG = "2001-01-01-numbered-points"
# Numbered points separated by paragraphs, as a speaker's text often has them.
BODY = """\
Mesdames et messieurs,

1. First point, made plainly.

A paragraph between the points.

2. Second point, which the page must number 2.
3. Third point.

A closing paragraph.
"""
SPEECH = f"""\
---
title: "Points </script><b>numbered</b> {{ .x }}"
date: 2001-01-01
speaker: A Speaker
venue: Paris, France
themes:
  - common-security
language: fr
note: "Noted <i>by</i> the source & its editor."
---

{BODY}"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    project = make_small_archive(tmp_path_factory.mktemp("reading-pages"))
    (project / "speeches" / f"{SLUG}.md").write_text(SPEECH, encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return soup(project / "site" / "speeches" / f"{SLUG}.html")


def test_numbered_points_keep_the_speakers_numbers(page):
    lists = page.select(".speech-body ol")
    assert [ol.get("start") for ol in lists] == [None, "2"]
    assert [li.get_text(" ", strip=True) for li in lists[1].select("li")] == [
        "Second point, which the page must number 2.",
        "Third point.",
    ]


def test_the_word_check_counts_list_numbers_as_shown(page):
    words = speech_text_words(page)
    assert words == source_body_words(BODY)
    assert words[words.index("Second") - 1] == "2."  # as the source writes it, not dropped


def test_the_word_check_sees_a_renumbered_list(page):
    """Control: a page that numbered the second point 1 would fail the comparison."""
    page.select(".speech-body ol")[1].attrs.pop("start")
    assert speech_text_words(page) != source_body_words(BODY)


def test_title_and_text_carry_the_speech_language(page):
    assert page.select_one("article h1")["lang"] == "fr"
    assert page.select_one("article .speech-body")["lang"] == "fr"
    # The title's text stays text: no element, no attribute list read from it.
    heading = page.select_one("article h1")
    assert heading.select("b, script") == [] and "x" not in heading.get("class", [])
    assert heading.get_text().rstrip("¶") == "Points </script><b>numbered</b> { .x }"


def test_the_source_note_is_a_fact_above_the_text(page):
    meta = page.select_one("article .speech-meta")
    assert "Note: Noted <i>by</i> the source & its editor." in meta.get_text(" ", strip=True)
    assert meta.select("i") == []
    assert page.select("article h1 sup, article div.footnote") == []


def test_the_citation_data_is_inert_with_every_value_as_written(page):
    elements = page.select(f"#{CITATION_DATA_ID}")
    assert len(elements) == 1 and elements[0].has_attr("hidden") and not elements[0].contents
    assert {name: value for name, value in elements[0].attrs.items() if name != "hidden"} == {
        "id": CITATION_DATA_ID,
        "data-key": SLUG,
        "data-title": "Points </script><b>numbered</b> { .x }",
        "data-speaker": "A Speaker",
        "data-venue": "Paris, France",
        "data-date": "2001-01-01",
        "data-date-text": "1 January 2001",
        "data-language": "fr",
        # no occasion, publisher or site_url: left out (the script takes the page's location)
    }


def test_the_citation_element_never_holds_markup():
    element = citation_element({"title": '"><script>alert(1)</script>', "url": None})
    assert element == (
        '<div id="speech-citation" hidden '
        'data-title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></div>'
    )


@pytest.mark.parametrize(
    ("source", "starts"),
    [
        ("1. one\n2. two", [None]),
        ("3. three\n4. four", ["3"]),
        ("1. one\n\nProse.\n\n2. two", [None, "2"]),
        ("- a\n- b", []),  # unordered lists are left as they were
    ],
)
def test_list_numbers_extension(source, starts):
    html = markdown.markdown(source, extensions=["speech_archive.extensions.list_numbers"])
    assert [ol.get("start") for ol in BeautifulSoup(html, "html.parser").select("ol")] == starts
