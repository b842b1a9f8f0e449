"""The sayings in a real build: notes on the seed page, and the Sayings index they link to."""

from __future__ import annotations

import json
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


# What each seed saying's note says, from speeches/sayings.yml, checked by hand against the
# text: the origin only where the paragraph does not name it (paragraph 32 quotes its saying
# with no cue), never the saying's own words, and no other speech (the seed is alone).
SEED_NOTES = [
    [
        "Original: 明者因时而变，知者随事而制",
        "Source: Huan Kuan, Discourses on Salt and Iron (Han dynasty)",
        "Meaning: Wise people adapt their thinking and their methods when times and "
        "circumstances change.",
    ],
    ["Meaning: Whoever tries to harm others ends up harming himself."],
    ["Meaning: Real strength lies in unity of purpose, not in force."],
    [
        "Original: 求木之长者，必固其根本；欲流之远者，必浚其泉源",
        "Source: Wei Zheng, Ten Thoughts, a memorial to Emperor Taizong of Tang",
        "Meaning: Lasting results need sound foundations; here, lasting security needs development.",
    ],
    [
        "Chinese saying",
        "Original: 亲望亲好，邻望邻好",
        "Meaning: Neighbours, like relatives, want each other to prosper; good neighbourliness "
        "is natural.",
    ],
    ["Meaning: Greatness comes from openness to others and from gathering what they bring."],
]


def test_seed_page_has_a_note_after_each_saying_s_paragraph_with_what_the_text_lacks(built_site):
    body = soup(built_site / SEED_PAGE).select_one("article .speech-body")
    assert body.select(".admonition") == []  # no repeated quote in a box any more
    notes = body.select("aside.saying-note.not-quoted")
    assert len(notes) == len(SEED_SAYINGS)
    for note, expected, (_, _, text) in zip(notes, SEED_NOTES, SEED_SAYINGS, strict=True):
        # The note follows the paragraph quoting its saying, and does not repeat the words.
        paragraph = note.find_previous_sibling()
        assert paragraph.name == "p" and text in paragraph.get_text(), text
        assert note.select_one("details > summary").get_text(strip=True) == "About this saying"
        lines = [p.get_text(" ", strip=True).replace(" :", ":") for p in note.select("details > p")]
        assert lines == expected
        assert text not in note.get_text(" ")


def test_originals_in_notes_and_on_the_index_carry_their_language(built_site):
    originals = {
        "wise-man-changes-his-way": "明者因时而变，知者随事而制",
        "tree-grow-tall-strong-root": "求木之长者，必固其根本；欲流之远者，必浚其泉源",
        "neighbors-wish-each-other-well": "亲望亲好，邻望邻好",
    }
    body = soup(built_site / SEED_PAGE).select_one("article .speech-body")
    in_notes = [(o.get_text(), o.get("lang")) for o in body.select(".saying-note .saying-original")]
    assert in_notes == [(text, "zh-Hans") for text in originals.values()]
    index = soup(built_site / SAYINGS_PAGE).select_one("article")
    for saying_id, text in originals.items():
        entry = index.select_one(f"h3[id='{saying_id}']")
        original = entry.find_next_sibling("p").select_one(".saying-original")
        assert (original.get_text(), original["lang"]) == (text, "zh-Hans")


def test_each_saying_is_highlighted_in_its_paragraph_with_its_words(built_site):
    body = soup(built_site / SEED_PAGE).select_one("article .speech-body")
    links = body.select("a.saying")
    assert [(a.get_text(), a["href"]) for a in links] == [
        (text, f"../sayings/index.html#{saying_id}") for _, saying_id, text in SEED_SAYINGS
    ]


def test_notes_stay_out_of_search_but_originals_find_the_speech(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith(SEED_PAGE.as_posix())]
    text = " ".join(d["text"] for d in entries)
    assert "Meaning" not in text and "Whoever tries to harm others" not in text
    assert "One who tries to blow out another" in text  # the speech's own words stay
    (page,) = [d for d in entries if d["location"] == SEED_PAGE.as_posix()]
    assert "明者因时而变，知者随事而制" in page["facets"]


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


def test_saying_links_resolve_to_index_entries(built_site):
    page = soup(built_site / SEED_PAGE)
    index = soup(built_site / SAYINGS_PAGE)
    for link in page.select("a.saying"):
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
