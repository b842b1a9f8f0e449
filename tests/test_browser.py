"""The built site in a real browser (Debian's headless Chromium), from disk and over HTTP.

Every test runs twice: with the site opened from ``file://`` (a downloaded copy) and
served from 127.0.0.1 (the published site). Each asserts on what the reader sees,
and that the page requested nothing outside the site and logged no console error.
"""

from __future__ import annotations

import re
from collections import deque

import pytest
from browser_support import Visit, search, visit
from conftest import SEED_SLUG, copy_project, run_mkdocs_build

from speech_archive.urls import OLD_SAYINGS_INDEX

SEED_PAGE = f"speeches/{SEED_SLUG}.html"
# One query per kind a reader types; each must put the seed speech in the first three results.
SEARCHES = {
    "word of the text": "Davutoglu",
    "venue": "Shanghai",
    "theme title": "Comprehensive security",
    "saying in English": "blow out another's oil lamp",
    "saying's catalogued original": "明者因时而变",
}


def assert_clean(record: Visit) -> None:
    assert record.problems() == [], "\n".join(record.problems())


def heading(record: Visit) -> str:
    """The page's h1 as the reader reads it: without the permalink sign or footnote marks."""
    return record.page.eval_on_selector(
        "article h1",
        """h1 => {
        const copy = h1.cloneNode(true);
        copy.querySelectorAll('.headerlink, sup').forEach(element => element.remove());
        return copy.textContent.trim();
    }""",
    )


def test_home_leads_through_a_theme_to_the_speech(browser, site_base):
    with visit(browser, site_base) as record:
        page = record.page
        page.goto(record.url("index.html"))
        assert heading(record) == "Speech Archive"
        page.locator(".md-tabs__link", has_text="Themes").click()
        page.wait_for_url("**/themes/index.html")
        assert heading(record) == "Themes"
        page.locator("article a", has_text="Comprehensive security").first.click()
        page.wait_for_url("**/themes/comprehensive-security.html")
        assert heading(record) == "Comprehensive security"
        page.locator(f"article a[href$='{SEED_SLUG}.html']").first.click()
        page.wait_for_url(f"**/{SEED_PAGE}")
        assert heading(record) == "New Approach for Asian Security Cooperation"
        meta = page.locator(".speech-meta").inner_text()
        assert "Xi Jinping" in meta and "Shanghai, China" in meta
        assert "Ladies and gentlemen" in page.locator(".speech-body").inner_text()
        assert_clean(record)


def test_speech_page_footnotes_tooltips_and_palette_work(browser, site_base):
    with visit(browser, site_base) as record:
        page = record.page
        page.goto(record.url(SEED_PAGE))
        # A footnote reference jumps to its note.
        reference = page.locator("article sup[id^='fnref'] a").first
        target = reference.get_attribute("href")
        reference.click()
        assert page.url.endswith(target)
        assert page.locator(f"[id='{target[1:]}']").is_visible()
        # An abbreviation shows its expansion in Material's tooltip.
        abbreviation = page.locator("article abbr").first
        abbreviation.hover()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text().strip() != ""
        # The palette switch turns the dark scheme on.
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
        page.locator("form[data-md-component='palette'] label:visible").first.click()
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        assert_clean(record)


def test_every_page_linked_from_the_navigation_loads_cleanly(browser, site_base):
    """Walk the site from the home page (nav, index pages, speeches): pages land as they are added."""
    with visit(browser, site_base) as record:
        page = record.page
        queue, seen = deque(["index.html"]), {"index.html"}
        while queue:
            path = queue.popleft()
            page.goto(record.url(path))
            assert page.locator("article h1").count() >= 1, f"{path} has no heading"
            hrefs = page.eval_on_selector_all(
                ".md-tabs a[href], .md-nav a[href], article a[href]",
                "links => links.map(a => a.href)",
            )
            for href in hrefs:
                linked = record.site_path(href)
                if linked.endswith(".html") and linked not in seen:
                    seen.add(linked)
                    queue.append(linked)
        assert {"themes/index.html", "themes/comprehensive-security.html", SEED_PAGE} <= seen
        assert_clean(record)


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no script"])
def test_the_sayings_old_address_leads_to_the_sayings_index(browser, site_base, javascript):
    """Links published to proverbs/index.html, a saying's anchor included, still land on it."""
    saying = "blow-out-another-s-oil-lamp"  # one of the seed speech's sayings
    with visit(browser, site_base, javascript=javascript) as record:
        page = record.page
        page.goto(record.url(f"{OLD_SAYINGS_INDEX}#{saying}"))
        page.wait_for_url("**/sayings/index.html*")
        assert record.site_path(page.url) == "sayings/index.html"
        assert heading(record) == "Sayings"
        if javascript:  # the script keeps the anchor; a meta refresh cannot
            assert page.url.endswith(f"#{saying}")
            assert page.locator(f"[id='{saying}']").is_visible()
        assert_clean(record)


@pytest.mark.parametrize("query", SEARCHES.values(), ids=SEARCHES.keys())
def test_search_finds_the_speech(browser, site_base, query):
    with visit(browser, site_base) as record:
        record.page.goto(record.url("index.html"))
        results = search(record, query)
        assert SEED_PAGE in results[:3], results
        assert_clean(record)


def _speech(date: str, slug: str, venue: str, theme: str, body: str) -> tuple[str, str]:
    front = f"title: Speech {slug}\ndate: {date}\nspeaker: A Speaker\nvenue: {venue}\nthemes:\n  - {theme}\n"
    return f"{date}-{slug}.md", f"---\n{front}---\n\n{body}\n"


def test_a_venue_or_theme_search_ranks_its_own_speeches_above_mentions(browser, tmp_path):
    """A speech given in Geneva outranks one that only talks about Geneva, however often."""
    project = copy_project(tmp_path / "project", speeches=False)
    speeches = {
        _speech(
            "2001-03-04",
            "given-there",
            "Geneva, Switzerland",
            "development",
            "We meet today to talk about water and bread.",
        ),
        _speech(
            "2002-05-06",
            "talking-about-it",
            "Oslo, Norway",
            "common-security",
            "Geneva, Geneva and again Geneva: the Geneva talks shaped development, "
            "development and development again.",
        ),
    }
    for name, text in speeches:
        (project / "speeches" / name).write_text(text, encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    given_there, talking_about_it = (
        "speeches/2001-03-04-given-there.html",
        "speeches/2002-05-06-talking-about-it.html",
    )
    with visit(browser, site.as_uri() + "/") as record:
        record.page.goto(record.url("index.html"))
        results = search(record, "Geneva")
        # First of all: above the venue list's "Geneva, Switzerland" section and the other speech.
        assert results[0] == given_there, results
        assert results.index(given_there) < results.index(talking_about_it)
        record.page.goto(record.url("index.html"))
        results = search(record, "Development")
        # Only the theme's own page may come first.
        assert results[:2] in (
            [given_there, "themes/development.html"],
            ["themes/development.html", given_there],
        ), results
        assert results.index(given_there) < results.index(talking_about_it)
        assert_clean(record)


# Negative controls: the checks above must notice a site that reaches out or breaks offline.
# Each: what to change in mkdocs.yml, and what the recorded problems must then name.
BREAKAGES = {
    "a CDN font": (r"(?m)^  font: false.*$", "  font:\n    text: Roboto", "fonts.googleapis.com"),
    "no offline plugin": (r"(?m)^  - offline\n", "", "search_index.js"),
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_the_checks_catch_a_site_that_is_not_offline(browser, tmp_path, breakage):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    pattern, replacement, named = breakage
    text, count = re.subn(pattern, replacement, config.read_text(encoding="utf-8"))
    assert count == 1, f"mkdocs.yml no longer has {pattern!r}: update this control"
    config.write_text(text, encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    with visit(browser, site.as_uri() + "/") as record:
        record.page.goto(record.url("index.html"))
        try:
            search(record, SEARCHES["word of the text"], timeout_ms=5000)
        except Exception:
            record.errors.append("search gave no results")
        assert any(named in problem for problem in record.problems()), record.problems()
