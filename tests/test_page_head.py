"""What every page tells browsers, feed readers, search engines and reference managers (issue 16):
the head's feed link, description, Open Graph and citation tags, the section's tab, breadcrumbs,
chronological neighbours, the edit link, and the publishing files with and without SITE_URL.

Two builds of the real archive plus the fixture speeches: one as a contributor makes it (no
SITE_URL), one as the Pages workflow does (SITE_URL set, and a repository configured).
Every expected value is written out by hand from the speeches' front matter.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import FIXTURES, SEED_SLUG, copy_project, run_mkdocs_build, soup

from speech_archive.output.site_zip import TOP_FOLDER, ZIP_NAME

SITE_URL = "https://archive.example.org/archive/"
REPO = "https://github.com/example/speeches"
JOSEPH = "1877-10-05-i-will-fight-no-more-forever"
DUSHANBE = "2014-09-12-water-and-security-in-central-asia"
ESCAPES = "2015-01-01-escapes"
ESCAPES_TITLE = 'Peace & "Order" <b>now</b>'
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

ESCAPES_SPEECH = """\
---
title: 'Peace & "Order" <b>now</b>'
date: 2015-01-01
speaker: A & B <i>
venue: Ghent, Belgium
themes:
  - common-security
---

Dear friends,

We *meet* on 1 January &amp; talk.[^1] The second sentence is not the description.

[^1]: A note of the source.
"""


def _project(dest: Path, repository: bool = False) -> Path:
    project = copy_project(dest)
    themes = project / "speeches" / "themes.yml"
    extra = (FIXTURES / "themes-extra.yml").read_text(encoding="utf-8")
    themes.write_text(themes.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    for name in (f"{JOSEPH}.md", f"{DUSHANBE}.md"):
        shutil.copy(FIXTURES / "speeches" / name, project / "speeches" / name)
    (project / "speeches" / f"{ESCAPES}.md").write_text(ESCAPES_SPEECH, encoding="utf-8")
    if repository:
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + f"\nrepo_url: {REPO}\nedit_uri: edit/main/docs/\n",
            encoding="utf-8",
        )
    return project


def _build(project: Path, env: dict[str, str] | None = None) -> Path:
    result = run_mkdocs_build(project, extra_env=env)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    """Built as a contributor builds it: no SITE_URL, no repository."""
    return _build(_project(tmp_path_factory.mktemp("plain")))


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """Built as the Pages workflow builds it: SITE_URL set, repository configured."""
    project = _project(tmp_path_factory.mktemp("published"), repository=True)
    return _build(project, {"SITE_URL": SITE_URL})


def _meta(page, attribute: str, name: str) -> list[str]:
    return [tag["content"] for tag in page.select(f'head meta[{attribute}="{name}"]')]


def _speech(site: Path, slug: str):
    return soup(site / "speeches" / f"{slug}.html")


def test_speech_page_head_carries_feed_description_open_graph_and_citation(published):
    page = _speech(published, SEED_SLUG)
    feed = page.select('head link[rel~="alternate"][type="application/atom+xml"]')
    assert [link["href"] for link in feed] == ["../feed.xml"]
    summary = (
        "At the CICA summit in Shanghai, Xi Jinping calls for common, comprehensive, cooperative "
        "and sustainable security in Asia, and proposes making the CICA a platform for security "
        "dialogue and cooperation covering the whole continent."
    )
    assert _meta(page, "name", "description") == [summary]
    assert _meta(page, "property", "og:title") == ["New Approach for Asian Security Cooperation"]
    assert _meta(page, "property", "og:description") == [summary]
    assert _meta(page, "property", "og:type") == ["article"]
    url = SITE_URL + f"speeches/{SEED_SLUG}.html"
    assert _meta(page, "property", "og:url") == [url]
    expected = {
        "citation_title": "New Approach for Asian Security Cooperation",
        "citation_author": "Xi Jinping",
        "citation_date": "2014/05/21",
        "citation_conference_title": (
            "Fourth Summit of the Conference on Interaction and Confidence-Building Measures in Asia"
        ),
        "citation_language": "en",
        "citation_public_url": url,
        "citation_abstract_html_url": url,
    }
    for name, value in expected.items():
        assert _meta(page, "name", name) == [value], name
    assert _meta(page, "name", "citation_publisher") == []  # the seed's source names none


def test_speech_without_site_url_has_no_absolute_urls_in_its_head(plain):
    page = _speech(plain, SEED_SLUG)
    assert _meta(page, "property", "og:url") == []
    assert _meta(page, "name", "citation_public_url") == []
    assert page.select_one('head link[rel="canonical"]') is None


def test_contributor_text_in_the_head_is_escaped_exactly_once(plain):
    path = plain / "speeches" / f"{ESCAPES}.html"
    page = soup(path)
    assert _meta(page, "name", "citation_title") == [ESCAPES_TITLE]
    assert _meta(page, "property", "og:title") == [ESCAPES_TITLE]
    assert _meta(page, "name", "citation_author") == ["A & B <i>"]
    assert _meta(page, "name", "citation_conference_title") == ["Ghent, Belgium"]  # no occasion
    # No summary: the first sentence after the salutation, as text (no marks, no note).
    assert _meta(page, "name", "description") == ["We meet on 1 January & talk."]
    html = path.read_text(encoding="utf-8")
    assert 'content="Peace &amp; &quot;Order&quot; &lt;b&gt;now&lt;/b&gt;"' in html
    assert "&amp;amp;" not in html and "<b>now" not in html
    crumb = page.select_one(".sa-breadcrumbs [aria-current='page']")
    # Word joiners keep Material's tooltip from reading the text as HTML (safe_tooltips).
    assert crumb.get_text().replace("\u2060", "") == ESCAPES_TITLE


def test_theme_page_head_and_breadcrumbs(published):
    page = soup(published / "themes" / "remembrance.html")
    assert _meta(page, "name", "description") == ["Honouring the dead and what they died for."]
    assert _meta(page, "property", "og:description") == [
        "Honouring the dead and what they died for."
    ]
    assert _meta(page, "property", "og:title") == ["Remembrance"]
    assert _meta(page, "property", "og:type") == ["website"]
    assert _meta(page, "property", "og:url") == [SITE_URL + "themes/remembrance.html"]
    assert _meta(page, "name", "citation_title") == []
    steps = page.select(".sa-breadcrumbs li")
    assert [step.get_text(strip=True) for step in steps] == ["Themes", "Remembrance"]
    assert steps[0].a["href"] == "index.html"


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("speeches/index.html", "4 speeches in the archive, newest first."),
        ("years/2014.html", "2 speeches of 2014, by 2 speakers, at 2 venues."),
        ("themes/index.html", "The archive's 12 themes, with the number of speeches on each."),
        (
            "venues/index.html",
            "The archive's speeches by country and venue: 4 countries, 4 venues.",
        ),
        (f"speeches/{JOSEPH}.html", "Tell General Howard I know his heart."),
        # Hand-written pages: their first sentence.
        ("about.html", "This archive publishes speeches as their sources print them."),
        (
            "contributing.html",
            "The archive grows by pull requests.",
        ),
    ],
)
def test_every_page_has_its_own_description(plain, path, description):
    assert _meta(soup(plain / path), "name", "description") == [description]


def test_every_page_links_the_feed(plain):
    for path in ("index.html", "about.html", "glossary/index.html", f"speeches/{JOSEPH}.html"):
        links = soup(plain / path).select(
            'head link[rel~="alternate"][type="application/atom+xml"]'
        )
        assert len(links) == 1, path
        assert (plain / path).parent.joinpath(links[0]["href"]).resolve() == (
            plain / "feed.xml"
        ).resolve()


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        (f"speeches/{SEED_SLUG}.html", "Speeches"),
        ("years/2014.html", "Speeches"),
        ("themes/remembrance.html", "Themes"),
        ("speeches/index.html", "Speeches"),
        ("about.html", "About"),
    ],
)
def test_the_tab_of_the_pages_section_is_active(plain, path, tab):
    active = soup(plain / path).select(".md-tabs__item--active")
    assert [item.get_text(strip=True) for item in active] == [tab]


def test_only_one_page_lights_a_tab_the_next_page_starts_dark(plain):
    """The nav is shared by all pages: a speech's lit tab must not stay lit on the next page."""
    for path in ("index.html", "sayings/index.html", "glossary/index.html"):
        active = soup(plain / path).select(".md-tabs__item--active")
        assert len(active) == 1, path


def test_speech_breadcrumbs_lead_to_the_speeches_and_the_year(plain):
    page = _speech(plain, SEED_SLUG)
    steps = page.select(".sa-breadcrumbs li")
    assert [step.get_text(strip=True) for step in steps] == [
        "Speeches",
        "2014",
        "New Approach for Asian Security Cooperation",
    ]
    assert [step.a["href"] for step in steps[:2]] == ["index.html", "../years/2014.html"]
    assert steps[2].a is None


def test_speech_pages_step_to_their_chronological_neighbours(plain):
    page = _speech(plain, SEED_SLUG)
    assert page.select_one('head link[rel="prev"]')["href"] == f"{JOSEPH}.html"
    assert page.select_one('head link[rel="next"]')["href"] == f"{DUSHANBE}.html"
    newest = soup(plain / "speeches" / f"{ESCAPES}.html")
    assert newest.select_one('head link[rel="next"]') is None
    assert newest.select_one('head link[rel="prev"]')["href"] == f"{DUSHANBE}.html"


def test_speech_pages_link_their_source_file_for_editing(published, plain):
    link = _speech(published, SEED_SLUG).select_one(".md-content__button[href^='https://']")
    assert link["href"] == f"{REPO}/edit/main/speeches/{SEED_SLUG}.md"
    for path in ("speeches/index.html", "themes/remembrance.html", "years/2014.html"):
        assert soup(published / path).select_one(".md-content__button[href*='/edit/']") is None
    assert _speech(plain, SEED_SLUG).select_one(".md-content__button[href*='/edit/']") is None


def _feed_ids(site: Path) -> list[str]:
    feed = ET.parse(site / "feed.xml").getroot()
    return [feed.findtext(f"{ATOM}id")] + [
        e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")
    ]


def test_feed_ids_are_the_same_with_and_without_site_url(plain, published):
    ids = _feed_ids(plain)
    assert len(ids) == 5 and all(item.startswith("urn:uuid:") for item in ids)
    assert _feed_ids(published) == ids
    links = [e.get("href") for e in ET.parse(published / "feed.xml").iter(f"{ATOM}link")]
    assert f"{SITE_URL}speeches/{SEED_SLUG}.html" in links


def test_sitemap_lists_every_page_by_absolute_url_when_site_url_is_set(published):
    locations = [e.text for e in ET.parse(published / "sitemap.xml").iter(f"{SITEMAP}loc")]
    for path in (
        "index.html",
        f"speeches/{SEED_SLUG}.html",
        f"speeches/{JOSEPH}.html",
        "themes/remembrance.html",
        "years/2014.html",
    ):
        assert SITE_URL + path in locations, path
    assert all(location.startswith(SITE_URL) for location in locations)
    for location in locations:
        assert (published / location[len(SITE_URL) :]).is_file(), location


def _resolved_links(page_url: str, page) -> list[str]:
    """Every URL the 404 page loads or links to, resolved as a browser does at ``page_url``."""
    base = page.select_one("head base")
    base_url = urljoin(page_url, base["href"]) if base is not None else page_url
    return [
        urljoin(base_url, element.get("href") or element.get("src"))
        for element in page.select("link[href], script[src], a[href]")
        if not (element.get("href") or "").startswith(("http://", "https://", "#"))
        or element.name == "link"
    ]


def test_404_page_works_at_any_depth_under_the_published_address(published):
    page = soup(published / "404.html")
    served_at = SITE_URL + "nonexistent/deeper.html"
    resolved = [
        url for url in _resolved_links(served_at, page) if url.startswith("https://archive")
    ]
    assert len(resolved) > 10
    for url in resolved:
        assert url.startswith(SITE_URL), url
        path = urlsplit(url).path[len(urlsplit(SITE_URL).path) :] or "index.html"
        assert (published / path).is_file() or path.endswith("/"), url
    stylesheets = [url for url in resolved if url.endswith(".css")]
    assert stylesheets and all((published / urlsplit(u).path[9:]).is_file() for u in stylesheets)


def test_404_page_works_from_disk(plain):
    """Opened from disk the page sits at the site's root: without the <base> (the page's
    script removes it under file:), every link resolves to a file of the site."""
    page = soup(plain / "404.html")
    assert page.select_one("head base")["href"] == "/"  # for a server at the domain's root
    page.select_one("head base").decompose()
    location = (plain / "404.html").as_uri()
    resolved = [url for url in _resolved_links(location, page) if url.startswith("file:")]
    assert len(resolved) > 10
    for url in resolved:
        path = Path(urlsplit(url).path)
        assert path.is_file() or path.is_dir(), url


def test_offline_copy_links_to_no_file_it_lacks(plain):
    assert soup(plain / "index.html").select_one(f"a[href='{ZIP_NAME}']") is not None  # online
    with zipfile.ZipFile(plain / ZIP_NAME) as archive:
        names = set(archive.namelist())
        home = archive.read(f"{TOP_FOLDER}/index.html").decode("utf-8")
    assert ZIP_NAME not in home
    assert "Download the whole archive" in home  # the sentence stays, without its link
    from bs4 import BeautifulSoup

    for element in BeautifulSoup(home, "html.parser").select("[href], [src]"):
        target = element.get("href") or element.get("src")
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        assert f"{TOP_FOLDER}/{urljoin('', parts.path)}" in names or parts.path.endswith("/"), (
            target
        )


@pytest.mark.parametrize(
    "path",
    ["speeches/index.html", "years/1877.html", "themes/remembrance.html", "venues/index.html"],
)
def test_lists_show_the_speaker_and_the_themes_as_tags(plain, path):
    page = soup(plain / path)
    item = next(li for li in page.select("article li") if "I Will Fight No More" in li.get_text())
    assert "Chief Joseph (Hinmatóowyalahtq̓it), Bear Paw Mountains" in item.get_text()
    tags = item.select("a.theme-tag")
    assert [tag.get_text() for tag in tags] == ["Reconciliation", "Remembrance"]
    for tag, slug in zip(tags, ("reconciliation", "remembrance"), strict=True):
        target = (plain / path).parent / tag["href"]
        assert target.resolve() == (plain / "themes" / f"{slug}.html").resolve()


def test_reader_tabs_leave_data_and_contributing_under_about(plain):
    page = soup(plain / "index.html")
    tabs = [link.get_text(strip=True) for link in page.select(".md-tabs__link")]
    assert tabs == ["Home", "Speeches", "Themes", "Venues", "Sayings", "Glossary", "About"]
    section = next(
        item
        for item in page.select(".md-nav--primary > .md-nav__list > .md-nav__item")
        if item.find("label") and "About" in item.find("label").get_text()
    )
    links = {a.get_text(strip=True): a["href"] for a in section.select("nav a.md-nav__link")}
    assert links == {
        "About": "about.html",
        "Data": "catalogue.html",
        "Contributing": "contributing.html",
    }
    for path in ("catalogue.html", "contributing.html"):  # the pages keep their URLs
        active = soup(plain / path).select(".md-tabs__item--active")
        assert [item.get_text(strip=True) for item in active] == ["About"]


def test_the_sayings_index_has_one_name_everywhere(plain):
    """Every link to the sayings index, in tabs, nav and text, calls it "Sayings"; its old
    address still leads to it."""
    index = (plain / "sayings" / "index.html").resolve()
    page = soup(index)
    assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == "Sayings"
    assert page.title.get_text().startswith("Sayings - ")
    names = set()
    for path in plain.rglob("*.html"):
        if path.name == "404.html" or "proverbs" in path.parts:
            continue
        for link in soup(path).select("a[href]"):
            parts = urlsplit(link["href"])
            if parts.scheme or parts.fragment or not parts.path:
                continue
            if (path.parent / parts.path).resolve() == index:
                names.add(link.get_text(" ", strip=True))
    assert names == {"Sayings"}
    moved = (plain / "proverbs" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../sayings/index.html"' in moved
