"""A real `mkdocs build` of the archive: the seed speech page, and sources left untouched."""

from __future__ import annotations

from conftest import ROOT, SEED_SLUG, soup, source_checksums, speech_text_words

from speech_archive.load.archive import split_front_matter


# Both read the session's one strict build of the archive (conftest.seed_build).
def test_strict_build_passes_without_warnings(seed_build):
    assert seed_build.result.returncode == 0, seed_build.result.stderr
    assert "WARNING" not in seed_build.result.stderr
    assert (seed_build.project / "site" / "speeches" / f"{SEED_SLUG}.html").is_file()


def test_build_writes_nothing_into_speeches_or_docs(seed_build):
    after = source_checksums(seed_build.project)
    assert len(after) > 5  # the speeches, vocabularies, schema and hand-written pages
    assert after == seed_build.sources_before


def test_seed_page_shows_the_metadata(built_site):
    page = soup(built_site / "speeches" / f"{SEED_SLUG}.html")
    article = page.select_one("article")
    assert article.h1.get_text(" ", strip=True).startswith(
        "New Approach for Asian Security Cooperation"
    )
    meta = article.select_one(".speech-meta").get_text(" ", strip=True)
    assert "21 May 2014" in meta
    assert article.select_one(".speech-meta time")["datetime"] == "2014-05-21"
    assert "Xi Jinping" in meta
    assert "Shanghai, China" in meta
    assert "Xi Jinping The Governance of China I" in meta
    theme_links = {
        a.get_text(strip=True): a["href"] for a in article.select(".speech-meta a[href*='themes/']")
    }
    assert theme_links["Common security"] == "../themes/common-security.html"
    assert theme_links["Counter-terrorism"] == "../themes/counter-terrorism.html"
    rights = article.select_one(".speech-rights").get_text(" ", strip=True)
    assert rights == "Not to be republished for any commercial or other purposes."


def test_seed_note_is_in_the_metadata_not_a_footnote_of_the_title(built_site):
    article = soup(built_site / "speeches" / f"{SEED_SLUG}.html").select_one("article")
    assert article.select("h1 sup") == [], "the title carries no footnote mark"
    meta = article.select_one(".speech-meta").get_text(" ", strip=True)
    assert (
        "Note: Speech at the Fourth Summit of the Conference on Interaction and "
        "Confidence-Building Measures in Asia." in meta
    )
    notes = article.select_one("div.footnote").get_text(" ", strip=True)
    assert "Speech at the Fourth Summit" not in notes


def test_seed_title_and_text_carry_the_speech_language(built_site):
    article = soup(built_site / "speeches" / f"{SEED_SLUG}.html").select_one("article")
    assert article.select_one("h1")["lang"] == "en"  # no language field: English
    assert article.select_one(".speech-body")["lang"] == "en"


def test_seed_page_text_equals_the_source_word_for_word(built_site):
    page = soup(built_site / "speeches" / f"{SEED_SLUG}.html")
    source = (ROOT / "speeches" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    body = split_front_matter(source)[1]
    assert speech_text_words(page) == body.split()


def test_paragraphs_are_numbered_and_anchored(built_site):
    page = soup(built_site / "speeches" / f"{SEED_SLUG}.html")
    numbers = page.select(".speech-body a.para-number")
    source = (ROOT / "speeches" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    paragraphs = [p for p in split_front_matter(source)[1].split("\n\n") if p.strip()]
    assert len(numbers) == len(paragraphs)
    for index, link in enumerate(numbers, start=1):
        assert link["id"] == f"p{index}"
        assert link["href"] == f"#p{index}"
        assert link.get_text() == str(index)
    # The 14th paragraph of the source is the one anchored #p14.
    p14 = page.select_one("#p14").parent
    assert p14.get_text(" ", strip=True).split()[1:4] == paragraphs[13].split()[:3]


def test_no_page_loads_anything_from_another_host(built_site):
    for path in built_site.rglob("*.html"):
        page = soup(path)
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
        ):
            for element in page.find_all(tag):
                url = element.get(attribute, "")
                if (
                    tag == "link"
                    and "stylesheet" not in element.get("rel", [])
                    and "preconnect" not in element.get("rel", [])
                ):
                    continue
                assert not url.startswith(("http:", "https:", "//")), f"{path.name}: {tag} {url}"
