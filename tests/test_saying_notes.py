"""Saying notes in real builds: what a note holds, which sayings get none, and how it sits
beside the text on a desktop and folds away on a phone (Chromium).

The small archive (one build for the module) has two speeches, written for these tests:
- the first quotes a saying found by its cue alone ("As the proverb goes"), in no catalogue
  or reference text: the text says all there is to say, so it gets no note;
- both quote a catalogued Chinese saying (speeches/sayings.yml: wise-man-changes-his-way)
  and an uncatalogued one, each in a different paragraph: each note links the other speech
  and not its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import visit
from conftest import PLAIN_FRONT_MATTER, SEED_SLUG, make_small_archive, run_mkdocs_build, soup

WISE_MAN = (
    "A wise man changes his way as circumstances change; "
    "a knowledgeable person alters his means as times evolve."
)
FIRST = "2001-01-01-first"
SECOND = "2002-02-02-second"
SPEECHES = {
    FIRST: (
        "First Speech",
        [
            'As the proverb goes, "A patient gardener counts no weeds." We agree.',
            f'As a Chinese saying goes, "{WISE_MAN}" So we change.',
            'As the saying goes, "The slow river reaches the far sea." We wait.',
        ],
    ),
    SECOND: (
        "Second Speech",
        [
            "Good morning.",
            'As the saying goes, "The slow river reaches the far sea." Indeed.',
            f'As a Chinese saying goes, "{WISE_MAN}" Truly.',
        ],
    ),
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    project = make_small_archive(tmp_path_factory.mktemp("notes"))
    for slug, (title, paragraphs) in SPEECHES.items():
        front = PLAIN_FRONT_MATTER.replace("A Speech", title).replace("2001-01-01", slug[:10])
        (project / "speeches" / f"{slug}.md").write_text(
            front + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _notes(site: Path, slug: str) -> dict[int, list[str]]:
    """Paragraph number -> the lines of the note after it."""
    body = soup(site / "speeches" / f"{slug}.html").select_one("article .speech-body")
    notes = {}
    for note in body.select("aside.saying-note"):
        paragraph = note.find_previous_sibling("p")
        number = int(paragraph.select_one("a.para-number").get_text())
        notes[number] = [p.get_text(" ", strip=True).replace(" :", ":") for p in note.select("p")]
    return notes


def _note_links(site: Path, slug: str, number: int) -> list[str]:
    body = soup(site / "speeches" / f"{slug}.html").select_one("article .speech-body")
    paragraph = body.select_one(f"p:has(> a#p{number})")
    note = paragraph.find_next_sibling()
    assert "saying-note" in note["class"]
    return [a["href"] for a in note.select("a")]


def test_a_saying_the_text_says_all_about_gets_no_note_but_keeps_its_highlight(small_site):
    notes = _notes(small_site, FIRST)
    assert 1 not in notes
    page = soup(small_site / "speeches" / f"{FIRST}.html")
    (link,) = page.select("p:has(> a#p1) a.saying")
    assert link.get_text() == "A patient gardener counts no weeds."
    assert link["href"] == "../sayings/index.html#a-patient-gardener-counts-no-weeds"


def test_each_note_holds_the_catalogue_s_fields_and_links_the_other_speech_only(small_site):
    # From speeches/sayings.yml (wise-man-changes-his-way); the origin is named by the text.
    catalogue_lines = [
        "Original: 明者因时而变，知者随事而制",
        "Source: Huan Kuan, Discourses on Salt and Iron (Han dynasty)",
        "Meaning: Wise people adapt their thinking and their methods when times and "
        "circumstances change.",
    ]
    assert _notes(small_site, FIRST) == {
        2: [*catalogue_lines, "Also quoted in: Second Speech (2002)"],
        3: ["Also quoted in: Second Speech (2002)"],
    }
    assert _notes(small_site, SECOND) == {
        2: ["Also quoted in: First Speech (2001)"],
        3: [*catalogue_lines, "Also quoted in: First Speech (2001)"],
    }
    # Each links the paragraph of the other speech that quotes the same saying.
    assert _note_links(small_site, FIRST, 2) == [f"{SECOND}.html#p3"]
    assert _note_links(small_site, FIRST, 3) == [f"{SECOND}.html#p2"]
    assert _note_links(small_site, SECOND, 2) == [f"{FIRST}.html#p3"]
    assert _note_links(small_site, SECOND, 3) == [f"{FIRST}.html#p2"]
    page = soup(small_site / "speeches" / f"{FIRST}.html")
    original = page.select_one(".saying-note .saying-original")
    assert original["lang"] == "zh-Hans"


# --- in Chromium, on the seed page -----------------------------------------------------

SEED_PAGE = f"speeches/{SEED_SLUG}.html"
# Paragraph 8 quotes the Chinese saying whose note holds the original, source and meaning.
QUOTING_PARAGRAPH = "p:has(> a#p8)"


def test_the_note_sits_beside_its_paragraph_on_a_desktop_and_folds_on_a_phone(browser, built_site):
    with visit(browser, built_site.as_uri() + "/") as record:
        page = record.page
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(record.url(SEED_PAGE))
        paragraph = page.locator(QUOTING_PARAGRAPH)
        note = page.locator(f"{QUOTING_PARAGRAPH} + aside.saying-note")
        text_box, note_box = paragraph.bounding_box(), note.bounding_box()
        assert text_box is not None and note_box is not None
        # Right of the text column, level with the paragraph, and shown whole.
        assert note_box["x"] >= text_box["x"] + text_box["width"], (text_box, note_box)
        assert text_box["y"] <= note_box["y"] < text_box["y"] + text_box["height"]
        assert note.locator("summary").is_hidden()
        assert note.get_by_text("Wise people adapt").is_visible()

        def font_size(locator) -> float:
            return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))

        assert font_size(note.locator("details > p").first) >= 0.85 * font_size(paragraph)

        assert record.problems() == [], record.problems()

    # A phone: a touch screen 390 px wide.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    try:
        page = phone.new_page()
        page.goto(built_site.as_uri() + "/" + SEED_PAGE)
        paragraph = page.locator(QUOTING_PARAGRAPH)
        note = page.locator(f"{QUOTING_PARAGRAPH} + aside.saying-note")
        summary = note.locator("summary")
        assert summary.is_visible() and summary.inner_text().strip() == "About this saying"
        assert note.get_by_text("Wise people adapt").is_hidden()
        note_box, text_box = note.bounding_box(), paragraph.bounding_box()
        assert note_box is not None and text_box is not None
        assert note_box["y"] >= text_box["y"] + text_box["height"]  # below it, in the flow
        summary.tap()
        assert note.get_by_text("Wise people adapt").is_visible()
    finally:
        phone.close()
