"""Reading and citing the seed speech in Chromium (issue 16): what a reader copies, the
citations a paragraph number and the "Cite" control give, footnotes beside their marks,
and paragraph numbers a reader can read and tap.

The session's seed build (no site_url: a citation names the page where it is read),
opened from ``file://`` and over HTTP, on a desktop (1280 px) and a phone (390 px).
"""

from __future__ import annotations

import pytest
from browser_support import Visit, visit
from conftest import ROOT, SEED_SLUG, source_body_words

from speech_archive.load.archive import split_front_matter

SEED_PAGE = f"speeches/{SEED_SLUG}.html"
CLIPBOARD = ["clipboard-read", "clipboard-write"]
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
CICA_NOTE = "fnref:glossary-conference-on-interaction-and-confidence-building-measures-in-asia"


@pytest.fixture(params=DEVICES, ids=DEVICES.keys())
def device(request) -> str:
    return request.param


def open_seed(browser, site_base: str, device: str):
    return visit(browser, site_base, permissions=CLIPBOARD, **DEVICES[device])


def clipboard(record: Visit, changed_from: str | None = None) -> str:
    """The clipboard's text; with ``changed_from``, once it holds something else (copying is
    asynchronous), for a few seconds at most."""
    for _ in range(50):
        text = record.page.evaluate("navigator.clipboard.readText()")
        if changed_from is None or text != changed_from:
            return text
        record.page.wait_for_timeout(100)
    return text


def assert_clean(record: Visit) -> None:
    assert record.problems() == [], "\n".join(record.problems())


def seed_paragraphs() -> list[str]:
    text = (ROOT / "speeches" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    body = split_front_matter(text)[1]
    return [paragraph for paragraph in body.split("\n\n") if paragraph.strip()]


def test_a_copied_selection_is_the_speech_words_only(browser, site_base, device):
    """Paragraphs 1 to 9: their numbers, three footnote marks and a saying note are inside."""
    with open_seed(browser, site_base, device) as record:
        page = record.page
        page.goto(record.url(SEED_PAGE))
        inside = page.evaluate(
            """() => {
            const range = document.createRange();
            range.setStartBefore(document.getElementById('p1').closest('p'));
            range.setEndAfter(document.getElementById('p9').closest('p'));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            const copy = range.cloneContents();
            return ['a.para-number', "sup[id^='fnref']", '.saying-note'].map(
                selector => copy.querySelectorAll(selector).length);
        }"""
        )
        assert inside == [9, 3, 1]  # what the copy must leave out is in the selection
        page.keyboard.press("Control+C")  # the reader's own copy, through the real clipboard
        copied = clipboard(record, changed_from="")
        expected = seed_paragraphs()[:9]
        assert copied.split() == source_body_words("\n\n".join(expected))
        # One blank line between paragraphs, the salutation's line breaks kept.
        assert copied.count("\n\n") == 8
        assert copied.startswith("Distinguished guests,\nDear colleagues,\n")
        assert_clean(record)


def test_a_paragraph_number_and_the_cite_control_give_citations(browser, site_base, device):
    with open_seed(browser, site_base, device) as record:
        page = record.page
        page.goto(record.url(SEED_PAGE))
        url = record.url(SEED_PAGE)
        number = page.locator("a.para-number#p3")
        assert number.get_attribute("href") == "#p3"  # still a link without a script
        number.click()
        menu = page.locator("body > .cite-menu")
        menu.locator("[data-cite-action=copy-text]").click()
        assert clipboard(record, changed_from="") == (
            "Xi Jinping, “New Approach for Asian Security Cooperation”, Fourth Summit of the "
            "Conference on Interaction and Confidence-Building Measures in Asia, Shanghai, "
            f"China, 21 May 2014, para. 3. {url}#p3"
        )
        citation = clipboard(record)
        menu.locator("[data-cite-action=copy-link]").click()
        assert clipboard(record, changed_from=citation) == f"{url}#p3"
        page.keyboard.press("Escape")
        assert menu.count() == 0
        assert page.evaluate("document.activeElement.id") == "p3"  # focus back on the number
        page.locator(".speech-cite summary").click()
        page.locator(".speech-cite [data-cite-action=copy-bibtex]").click()
        assert clipboard(record, changed_from=f"{url}#p3") == (
            "@misc{2014-05-21-new-approach-for-asian-security-cooperation,\n"
            "  author = {{Xi Jinping}},\n"
            "  title = {{New Approach for Asian Security Cooperation}},\n"
            "  howpublished = {Speech at Fourth Summit of the Conference on Interaction and "
            "Confidence-Building Measures in Asia, Shanghai, China},\n"
            "  year = {2014},\n"
            "  month = {5},\n"
            "  day = {21},\n"
            "  date = {2014-05-21},\n"
            f"  url = {{{url}}},\n"
            "  eventtitle = {Fourth Summit of the Conference on Interaction and "
            "Confidence-Building Measures in Asia},\n"
            "  venue = {Shanghai, China},\n"
            "  language = {en}\n"
            "}\n"
        )
        assert_clean(record)


def test_a_footnote_shows_its_note_beside_its_mark(browser, site_base, device):
    with open_seed(browser, site_base, device) as record:
        page = record.page
        page.goto(record.url(SEED_PAGE))
        mark = page.locator(f"sup[id='{CICA_NOTE}'] a")
        if device == "phone":
            mark.tap()
        else:
            mark.hover()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for(state="visible", timeout=5000)
        assert "An intergovernmental forum" in tooltip.inner_text()
        # Still a footnote at the foot of the page, for print and reading without a script.
        note = page.locator(f"li[id='{CICA_NOTE.replace('fnref', 'fn')}']")
        assert "An intergovernmental forum" in note.inner_text()
        assert_clean(record)


def _contrast(foreground: list[float], background: list[float]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (0-255 channels)."""

    def luminance(rgb: list[float]) -> float:
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The number's colour laid over the nearest opaque background, as the reader sees it.
COLOURS = """number => {
    const rgba = text => text.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4);
    let element = number, background = [0, 0, 0, 0];
    while (element && background[3] === 0) {
        background = rgba(getComputedStyle(element).backgroundColor);
        element = element.parentElement;
    }
    const [r, g, b, a] = rgba(getComputedStyle(number).color);
    const blended = [r, g, b].map((channel, i) => channel * a + background[i] * (1 - a));
    return {foreground: blended, background: background.slice(0, 3)};
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_paragraph_numbers_are_readable_and_tappable(browser, site_base, scheme):
    with open_seed(browser, site_base, "phone") as record:
        page = record.page
        page.goto(record.url(SEED_PAGE))
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        number = page.locator("a.para-number#p2")
        # The theme eases colours in after a scheme change: read them once they settle.
        colours, previous = number.evaluate(COLOURS), None
        for _ in range(50):
            if colours == previous:
                break
            page.wait_for_timeout(200)
            previous, colours = colours, number.evaluate(COLOURS)
        ratio = _contrast(colours["foreground"], colours["background"])
        assert ratio >= 4.5, (scheme, colours, ratio)
        box = number.bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24, box
        assert_clean(record)


def test_a_citation_is_copied_where_the_clipboard_api_is_missing(browser, site_base):
    """Some browsers give file:// pages no navigator.clipboard: the script copies the way
    a selection is copied (execCommand), which reaches the same clipboard."""
    with open_seed(browser, site_base, "desktop") as record:
        page = record.page
        page.goto(record.url(SEED_PAGE))
        page.evaluate(
            """() => {
            window.realClipboard = navigator.clipboard;
            Object.defineProperty(navigator, 'clipboard', {get: () => undefined});
        }"""
        )
        page.locator("a.para-number#p1").click()
        page.locator("body > .cite-menu [data-cite-action=copy-link]").click()
        assert page.evaluate("window.realClipboard.readText()") == record.url(SEED_PAGE) + "#p1"
        assert page.locator("body > .cite-menu [role=status]").inner_text() == "Copied"
        assert_clean(record)
