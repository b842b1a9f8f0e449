"""Index pages, catalogue and feed in real builds of the seed speech plus fixture speeches.

Fixture speeches (tests/fixtures/speeches/) span 1588-2019, four countries and themes
from tests/fixtures/themes-extra.yml (one, space-exploration, used by none). The base
build leaves out ADDED, which the rebuild test adds.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, SEED_SLUG, copy_project, run_mkdocs_build, soup, speech_text_words

ATOM = "{http://www.w3.org/2005/Atom}"
TILBURY = "1588-08-09-speech-to-the-troops-at-tilbury"
DOUGLASS = "1852-07-05-what-to-the-slave-is-the-fourth-of-july"
GETTYSBURG = "1863-11-19-gettysburg-address"
JOSEPH = "1877-10-05-i-will-fight-no-more-forever"
DUSHANBE = "2014-09-12-water-and-security-in-central-asia"
ADDED = "2019-03-14-rivers-that-join-us"
BASE_NEWEST_FIRST = [DUSHANBE, SEED_SLUG, JOSEPH, GETTYSBURG, DOUGLASS, TILBURY]
SITE_URL = "https://archive.example.org/speeches-site/"


def fixture_project(
    dest: Path, leave_out: tuple[str, ...] = (ADDED,), site_url: str | None = None
) -> Path:
    project = copy_project(dest)
    themes = project / "speeches" / "themes.yml"
    extra = (FIXTURES / "themes-extra.yml").read_text(encoding="utf-8")
    themes.write_text(themes.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    for path in sorted((FIXTURES / "speeches").glob("*.md")):
        if path.stem not in leave_out:
            shutil.copy(path, project / "speeches" / path.name)
    if site_url:
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + f"\nsite_url: {site_url}\n", encoding="utf-8"
        )
    return project


def build(project: Path, site: str = "site") -> Path:
    result = run_mkdocs_build(project, project / site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(fixture_project(tmp_path_factory.mktemp("indexes")))


def article(site: Path, page: str):
    return soup(site / page).select_one("article")


def speech_links(element) -> list[str]:
    """Slugs of the speeches in the speech lists under ``element``, in order.

    A speech list item starts with the speech's <time>; other lists (sayings, years) do not.
    """
    return [
        Path(urlsplit(item.find("time").find_next("a")["href"]).path).stem
        for item in element.select("li")
        if item.find("time")
    ]


def section_after(heading) -> list:
    """The elements after ``heading`` up to the next heading of the same or a higher level."""
    level, elements = int(heading.name[1]), []
    for sibling in heading.find_next_siblings():
        if sibling.name in {f"h{n}" for n in range(1, level + 1)}:
            break
        elements.append(sibling)
    return elements


def test_themes_index_lists_every_theme_with_its_count(site):
    items = article(site, "themes/index.html").select("li")
    counts = {li.a.get_text(): li.get_text(" ", strip=True) for li in items}
    assert list(counts)[:2] == ["Common security", "Comprehensive security"]  # themes.yml order
    assert "(2 speeches)" in counts["Liberty"]
    assert "(1 speech)" in counts["Sovereignty & the realm"]  # contributor text shown as written
    assert "(0 speeches)" in counts["Space exploration"]  # unused, yet listed
    assert "(2 speeches)" in counts["Development"]
    assert len(items) == 12


def test_theme_page_lists_its_speeches_newest_first(site):
    page = article(site, "themes/liberty.html")
    assert "Freedom, equality before the law" in page.get_text()
    assert speech_links(page) == [GETTYSBURG, DOUGLASS]
    unused = article(site, "themes/space-exploration.html")
    assert speech_links(unused) == [] and "No speech" in unused.get_text()


def saying_links(page) -> dict[str, list[str]]:
    """Saying id -> the speech paragraphs its line on a theme page links to."""
    found = {}
    for item in page.select("li"):
        entry = item.find("a", href=lambda h: "sayings/index.html#" in h)
        if entry:
            found[urlsplit(entry["href"]).fragment] = [
                Path(a["href"]).name for a in item.select("a[href*='speeches/']")
            ]
    return found


def test_theme_pages_list_the_sayings_quoted_in_their_speeches(site):
    # The seed quotes six sayings; the Dushanbe fixture one Tajik proverb, in its paragraph 2.
    seed_only = article(site, "themes/common-security.html")
    assert len(saying_links(seed_only)) == 6
    shared = saying_links(article(site, "themes/regional-cooperation.html"))
    assert len(shared) == 7
    assert shared["where-there-is-water-there-is-life"] == [f"{DUSHANBE}.html#p2"]
    liberty = article(site, "themes/liberty.html")
    assert saying_links(liberty) == {} and liberty.find("h2", id="sayings") is None


def test_chronology_groups_speeches_by_year_newest_first(site):
    page = article(site, "speeches/index.html")
    headings = page.select("h2")
    assert [h.get_text(strip=True).rstrip("¶") for h in headings] == [
        "2014",
        "1877",
        "1863",
        "1852",
        "1588",
    ]
    in_2014 = speech_links(section_after(headings[0])[-1])
    assert in_2014 == [DUSHANBE, SEED_SLUG]
    assert speech_links(page) == BASE_NEWEST_FIRST


def test_year_pages_list_their_speeches_and_link_every_year(site):
    page = article(site, "years/2014.html")
    assert speech_links(page) == [DUSHANBE, SEED_SLUG]
    year_hrefs = {
        a["href"]
        for a in page.select("a[href]")
        if a["href"].endswith(".html") and a["href"][:4].isdigit()
    }
    assert year_hrefs == {
        "1588.html",
        "1852.html",
        "1863.html",
        "1877.html",
    }  # 2014 itself is not a link
    assert speech_links(article(site, "years/1588.html")) == [TILBURY]
    assert not (site / "years" / "2019.html").exists()


def test_venues_group_by_country_then_venue(site):
    page = article(site, "venues/index.html")
    countries = [h.get_text(strip=True).rstrip("¶") for h in page.select("h2")]
    assert countries == ["China", "England", "Tajikistan", "United States"]
    united_states = page.select("h2")[3]
    venues = [
        e.get_text(strip=True).rstrip("¶") for e in section_after(united_states) if e.name == "h3"
    ]
    assert venues == [
        "Bear Paw Mountains, Montana, United States",
        "Gettysburg, Pennsylvania, United States",
        "Rochester, New York, United States",
    ]
    assert speech_links(page) == [SEED_SLUG, TILBURY, DUSHANBE, JOSEPH, GETTYSBURG, DOUGLASS]


def neighbours(site: Path, slug: str) -> dict:
    page = article(site, f"speeches/{slug}.html")
    steps = page.select_one("nav.speech-neighbours")
    related = page.select_one(".related-speeches")
    found = {"related": speech_links(related) if related else []}
    for strong in steps.select("strong") if steps else []:
        found[strong.get_text().rstrip(":").lower()] = Path(
            strong.find_next_sibling("a")["href"]
        ).stem
    return found


def test_speech_pages_link_previous_next_and_related(site):
    # Related: most shared themes, then nearest in date (checked by hand from the fixtures' themes).
    assert neighbours(site, GETTYSBURG) == {
        "previous": DOUGLASS,
        "next": JOSEPH,
        "related": [DOUGLASS, JOSEPH],
    }
    assert neighbours(site, SEED_SLUG) == {
        "previous": JOSEPH,
        "next": DUSHANBE,
        "related": [DUSHANBE],
    }
    assert neighbours(site, TILBURY) == {
        "next": DOUGLASS,
        "related": [],
    }  # first, and no theme shared
    assert neighbours(site, DUSHANBE) == {"previous": SEED_SLUG, "related": [SEED_SLUG]}


def test_footer_stays_outside_the_speech_text(site):
    page = article(site, f"speeches/{GETTYSBURG}.html")
    body = page.select_one(".speech-body")
    assert body.select(".related-speeches, .speech-neighbours") == []


def test_home_page_shows_figures_latest_speeches_and_entry_points(site):
    page = article(site, "index.html")
    figures = page.select_one(".archive-figures").get_text(" ", strip=True)
    assert (
        "6 speeches" in figures and "12 themes" in figures and "years covered: 1588–2014" in figures
    )
    assert "7 sayings" in figures  # distinct sayings: six in the seed, one in the Dushanbe fixture
    latest = page.find("h2", id="latest-speeches")
    assert speech_links(section_after(latest)[0]) == BASE_NEWEST_FIRST[:5]
    hrefs = {a["href"] for a in page.select("a[href]")}
    assert {
        "speeches/index.html",
        "themes/index.html",
        "venues/index.html",
        "feed.xml",
        "speeches.json",
    } <= hrefs
    assert page.find("a", href="sayings/index.html", string="Sayings") is not None
    assert "about.html" in hrefs  # the hand-written part is kept
    assert "archive-summary" not in (site / "index.html").read_text(encoding="utf-8")


def test_catalogue_has_one_record_per_speech_in_date_order(site):
    records = json.loads((site / "speeches.json").read_text(encoding="utf-8"))
    assert [r["slug"] for r in records] == BASE_NEWEST_FIRST[::-1]
    fields = {
        "slug",
        "url",
        "title",
        "date",
        "speaker",
        "venue",
        "occasion",
        "themes",
        "words",
        "proverbs",
        "terms",
    }
    assert all(set(record) == fields for record in records)
    gettysburg = records[2]
    assert gettysburg["date"] == "1863-11-19" and gettysburg["themes"] == ["liberty", "remembrance"]
    assert gettysburg["speaker"] == "Abraham Lincoln"
    assert gettysburg["venue"] == "Gettysburg, Pennsylvania, United States"
    assert gettysburg["words"] == 271  # `wc -w` of the body gives 278, less 7 lone dashes
    assert records[0]["occasion"] == "The muster of the land forces against the Spanish Armada"
    for record in records:
        assert (site / record["url"]).is_file()
        assert all({"id", "text", "origin", "paragraph"} == set(p) for p in record["proverbs"])


def test_feed_is_atom_with_relative_links_without_site_url(site):
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{required}")
    assert feed.findtext(f"{ATOM}updated") == "2014-09-12T00:00:00Z"  # newest speech, not the clock
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 6
    for entry in entries:
        for required in ("id", "title", "updated", "author/" + ATOM + "name"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert urlsplit(entry.findtext(f"{ATOM}id")).scheme  # ids are absolute IRIs
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert not urlsplit(href).scheme and (site / href).is_file()
    slugs = [Path(e.find(f"{ATOM}link").get("href")).stem for e in entries]
    assert slugs == BASE_NEWEST_FIRST


@pytest.mark.slow  # a second build of the fixture archive
def test_feed_links_are_absolute_with_site_url(tmp_path):
    site = build(fixture_project(tmp_path, site_url=SITE_URL))
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    for entry in feed.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert href.startswith(SITE_URL + "speeches/")
        assert (site / href[len(SITE_URL) :]).is_file()
        # The id is not the URL: setting site_url must not make old speeches new to readers.
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")


def test_every_link_in_the_built_site_resolves(site):
    checked, anchors_by_page = 0, {}
    # 404.html is left out: it is served at any URL, so MkDocs gives it root-absolute links.
    for page in sorted(p for p in site.rglob("*.html") if p.name != "404.html" or p.parent != site):
        for element in soup(page).select("[href]"):
            href = element["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href == "#":
                continue  # external links are not this site's to check
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site)}: {href} -> missing file"
            if parts.fragment and target.suffix == ".html":
                if target not in anchors_by_page:
                    anchors_by_page[target] = {e["id"] for e in soup(target).select("[id]")}
                where = f"{page.relative_to(site)}: {href}"
                assert unquote(parts.fragment) in anchors_by_page[target], f"{where} -> no anchor"
            checked += 1
    assert checked > 500  # the walk really covered the site


@pytest.mark.slow  # a second build of the fixture archive
def test_adding_a_speech_updates_every_index_it_belongs_to(tmp_path, site):
    project = fixture_project(tmp_path)
    before = build(project, "site-before")
    # Same sources, same bytes: nothing in the data files depends on the clock or on set order.
    for data in ("speeches.json", "feed.xml"):
        assert (before / data).read_bytes() == (site / data).read_bytes()
    shutil.copy(FIXTURES / "speeches" / f"{ADDED}.md", project / "speeches")
    after = build(project, "site-after")

    for theme in ("development", "reconciliation", "regional-cooperation"):
        assert ADDED not in speech_links(article(before, f"themes/{theme}.html"))
        assert speech_links(article(after, f"themes/{theme}.html"))[0] == ADDED  # the newest
    assert ADDED not in speech_links(article(after, "themes/liberty.html"))
    assert speech_links(article(after, "years/2019.html")) == [ADDED]
    assert speech_links(article(after, "speeches/index.html"))[0] == ADDED
    venues = article(after, "venues/index.html")
    assert "Kenya" in [h.get_text(strip=True).rstrip("¶") for h in venues.select("h2")]
    records = json.loads((after / "speeches.json").read_text(encoding="utf-8"))
    assert records[-1]["slug"] == ADDED and records[-1]["venue"] == "Nairobi, Kenya"
    # Speeches sharing its themes now list it as related; the others do not.
    for slug in (SEED_SLUG, DUSHANBE, JOSEPH):
        assert ADDED in neighbours(after, slug)["related"]
    for slug in (GETTYSBURG, DOUGLASS, TILBURY):
        assert ADDED not in neighbours(after, slug)["related"]
    assert neighbours(after, ADDED)["related"] == [DUSHANBE, SEED_SLUG, JOSEPH]
    assert neighbours(after, DUSHANBE)["next"] == ADDED


def test_search_indexes_the_speech_but_not_what_every_page_repeats(site):
    """Numbers, note marks, glossary and saying notes and related speeches stay out of search.

    Indexed, a definition's words matched every speech that names the term, and the
    repeated parts made the index the browser downloads a sixth larger.
    """
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"]}
    page = f"speeches/{SEED_SLUG}.html"
    text = entries[page]["text"]
    indexed = BeautifulSoup(text, "html.parser").get_text(" ").split()
    # The speech body is indexed as the page shows it, less its numbers, note marks and
    # saying notes (not the speech's words; test_sayings_build checks they are left out)...
    body = soup(site / page).select_one(".speech-body")
    for mark in body.select(".para-number, sup[id^='fnref'], .saying-note"):
        mark.decompose()
    # (compared without whitespace: the index and the page space inline tags differently)
    assert "".join(body.get_text("").split()) in "".join(indexed)
    # ...so every word of the speech is found, in order.
    words = iter(indexed)
    assert all(word in words for word in speech_text_words(soup(site / page)))
    glossary = yaml.safe_load(
        (site.parent / "speeches" / "glossary.yml").read_text(encoding="utf-8")
    )
    definitions = [" ".join(entry["definition"].split(".")[0].split()) for entry in glossary]
    on_page = " ".join(soup(site / page).select_one("div.footnote").get_text(" ").split())
    shown = [definition for definition in definitions if definition in on_page]
    assert len(shown) >= 3, "the seed names glossary terms, so its page shows their notes"
    indexed_text = " ".join(indexed)
    for definition in shown:
        assert definition not in indexed_text
    # Saying notes are left out, but a saying's catalogued original still finds the speech
    # that quotes it: it is one of the page's facets.
    assert "明者因时而变" not in indexed_text
    assert "明者因时而变，知者随事而制" in entries[page]["facets"]
    assert "<sup>" not in text and "Previous:" not in text
    assert not any(location.endswith("#related-speeches") for location in entries)
    # The source note's mark sits in the title: results show the title without it.
    assert entries[page]["title"] == "New Approach for Asian Security Cooperation"
    # The speech's own source note is part of the speech: still indexed.
    assert "Speech at the Fourth Summit" in text
    # Material removes the marker attribute once the page is indexed.
    assert "data-search-exclude" not in (site / page).read_text(encoding="utf-8")
    # The related speeches are still on the page, for readers.
    assert soup(site / page).select(".related-speeches li")
