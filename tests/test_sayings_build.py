"""The sayings in a real build: callouts on the seed page, and the Sayings index they link to."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from conftest import SEED_SLUG, soup

from speech_archive.urls import OLD_SAYINGS_INDEX

SEED_PAGE = Path("speeches") / f"{SEED_SLUG}.html"
SAYINGS_PAGE = Path("sayings") / "index.html"

# The six sayings of the seed speech, in order, with the origin the speech gives them
# (the uncued one with the catalogue's), checked by hand against the text.
SEED_SAYINGS = [
    (
        "Chinese saying",
        "wise-man-changes-his-way",
        "A wise man changes his way as circumstances change; "
        "a knowledgeable person alters his means as times evolve.",
    ),
    (
        "Kazakh proverb",
        "blow-out-another-s-oil-lamp",
        "One who tries to blow out another's oil lamp will get his beard singed.",
    ),
    (
        "Proverb",
        "strength-from-unison-of-the-heart",
        "Strength does not come from the muscles in the arms, but from the unison of the heart.",
    ),
    (
        "Chinese saying",
        "tree-grow-tall-strong-root",
        "For a tree to grow tall, a strong and solid root is essential; "
        "for a river to reach far, an unimpeded source is necessary.",
    ),
    (
        "Chinese saying",
        "neighbors-wish-each-other-well",
        "Neighbors wish each other well, just as family members do.",
    ),
    (
        "Saying",
        "readiness-to-converge",
        "Readiness to converge with others makes a mountain high and a river mighty.",
    ),
]


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on ``page`` points to."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, href
    target = (site / page.parent / parts.path).resolve() if parts.path else (site / page).resolve()
    return target, parts.fragment


def test_seed_page_shows_six_callouts_with_the_speech_s_origins(built_site):
    body = soup(built_site / SEED_PAGE).select_one("article .speech-body")
    callouts = body.select(".admonition.quote.saying-callout")
    assert [c.select_one(".admonition-title").get_text(strip=True) for c in callouts] == [
        o for o, _, _ in SEED_SAYINGS
    ]
    for callout, (_, saying_id, text) in zip(callouts, SEED_SAYINGS, strict=True):
        assert f"“{text}”" in callout.get_text(" ", strip=True)
        assert callout.select_one("a")["href"] == f"../sayings/index.html#{saying_id}"


def test_each_saying_is_highlighted_in_its_paragraph_with_its_words(built_site):
    body = soup(built_site / SEED_PAGE).select_one("article .speech-body")
    links = body.select("a.saying")
    assert [(a.get_text(), a["href"]) for a in links] == [
        (text, f"../sayings/index.html#{saying_id}") for _, saying_id, text in SEED_SAYINGS
    ]
    for link in links:
        paragraph = link.find_parent("p")
        # The callout follows the paragraph that quotes the saying.
        callout = paragraph.find_next_sibling(class_="saying-callout")
        assert callout.select_one("a")["href"] == link["href"]


def test_catalogue_fields_show_in_the_callout(built_site):
    body = soup(built_site / SEED_PAGE).select_one("article .speech-body")
    first = body.select(".saying-callout")[0].get_text(" ", strip=True)
    assert "Original: 明者因时而变，知者随事而制" in first
    assert "Meaning: Wise people adapt" in first
    kazakh = body.select(".saying-callout")[1].get_text(" ", strip=True)
    assert "Original" not in kazakh  # the catalogue has none: nothing is made up


def test_sayings_page_groups_sayings_by_origin(built_site):
    article = soup(built_site / SAYINGS_PAGE).select_one("article")
    origins = [h2.get_text(strip=True).rstrip("¶") for h2 in article.select("h2")]
    assert origins == ["Chinese saying", "Kazakh proverb", "Proverb", "Saying"]
    chinese = article.select_one("h2#origin-chinese-saying")
    under_chinese = []
    for sibling in chinese.find_next_siblings():
        if sibling.name == "h2":
            break
        if sibling.name == "h3":
            under_chinese.append(sibling["id"])
    assert under_chinese == [
        "wise-man-changes-his-way",
        "tree-grow-tall-strong-root",
        "neighbors-wish-each-other-well",
    ]


def test_sayings_page_links_every_use_to_its_paragraph(built_site):
    article = soup(built_site / SAYINGS_PAGE).select_one("article")
    for _, saying_id, text in SEED_SAYINGS:
        heading = article.select_one(f"h3[id='{saying_id}']")
        assert heading is not None, saying_id
        assert heading.get_text(strip=True).rstrip("¶") == f"“{text}”"
        uses = heading.find_next_sibling("ul").select("a[href*='#p']")
        assert len(uses) == 1
        target, fragment = _resolve(built_site, SAYINGS_PAGE, uses[0]["href"])
        assert target == (built_site / SEED_PAGE).resolve()
        anchor = soup(target).find(id=fragment)
        assert anchor is not None, uses[0]["href"]
        # The cited paragraph is the one that quotes the saying.
        paragraph = anchor.find_parent("p")
        assert paragraph.select_one(f"a.saying[href$='#{saying_id}']") is not None


def test_callout_links_resolve_to_index_entries(built_site):
    page = soup(built_site / SEED_PAGE)
    index = soup(built_site / SAYINGS_PAGE)
    for link in page.select(".saying-callout a, a.saying"):
        target, fragment = _resolve(built_site, SEED_PAGE, link["href"])
        assert target == (built_site / SAYINGS_PAGE).resolve()
        assert index.find(id=fragment) is not None, link["href"]


def test_sayings_page_is_in_the_navigation(built_site):
    page = soup(built_site / SEED_PAGE)
    nav_links = {
        a.get_text(strip=True): a["href"]
        for a in page.select("nav.md-nav--primary a.md-nav__link[href]")
    }
    assert nav_links["Sayings"] == "../sayings/index.html"


def test_the_sayings_old_address_sends_readers_to_the_sayings_index(built_site):
    """proverbs/index.html (the index's first address) is a redirect page; see test_browser too."""
    old = Path(OLD_SAYINGS_INDEX)
    page = soup(built_site / old)
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    delay, _, url = refresh.partition("; url=")
    targets = {
        "refresh": url,
        "canonical": page.find("link", rel="canonical")["href"],
        "link": page.body.find("a")["href"],
    }
    assert delay == "0"
    for kind, href in targets.items():
        assert _resolve(built_site, old, href) == ((built_site / SAYINGS_PAGE).resolve(), ""), kind
    script = page.find("script").get_text()
    assert script == f'location.replace("{url}" + location.hash)'  # a saying's anchor is kept
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # Not a page of the site: neither searched nor listed.
    search = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert OLD_SAYINGS_INDEX not in search and OLD_SAYINGS_INDEX not in (
        built_site / "sitemap.xml"
    ).read_text(encoding="utf-8")
