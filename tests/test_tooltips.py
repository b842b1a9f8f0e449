"""Material's tooltips show contributor text as text: the titles of a page, and cut-short titles.

Material's ``content.tooltips`` inserts an element's ``title`` with innerHTML, and its
ellipsis tooltip does the same with the innerText of a cut-short title; a contributor's
``<img onerror>`` in either would run on hover (issue 15). The unit tests follow a value
through Python-Markdown and an HTML parser as the browser does; the browser test builds
an archive of hostile titles and hovers every one of them in Chromium.
"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import markdown
import pytest
from browser_support import serve, visit
from bs4 import BeautifulSoup
from conftest import copy_project, run_mkdocs_build

from speech_archive.escape import WORD_JOINER
from speech_archive.extensions.safe_tooltips import EXTENSION, escape_ellipsis_texts
from speech_archive.load.untrusted import SITE_EXTENSIONS

ATTACK = "<img src=x onerror=alert(1)>"
BODY = f"""\
[link]({"https://example.org/"} "{ATTACK}") and *emphasis*{{ title="<svg onload=alert(2)>" }}
and [entities](https://example.org/ "&lt;img src=x onerror=alert(3)&gt;") and HTML and R&D.

*[HTML]: <img src=x onerror=alert(4)>
*[R&D]: Research & "development" <b>now</b>
"""


def tooltip_texts(rendered: str) -> dict[str, str]:
    """Each element's text -> what Material's tooltip shows for it: its title read as HTML."""
    page = BeautifulSoup(rendered, "html.parser")
    shown = {}
    for element in page.find_all(title=True):
        tooltip = BeautifulSoup(element["title"], "html.parser")  # innerHTML = element.title
        assert tooltip.find() is None, f"{element}: the tooltip would hold markup"
        shown[element.get_text()] = tooltip.get_text()
    return shown


def test_every_title_of_a_page_shows_as_text_in_a_tooltip():
    rendered = markdown.markdown(BODY, extensions=[*SITE_EXTENSIONS, EXTENSION])
    assert tooltip_texts(rendered) == {
        "link": ATTACK,
        "emphasis": "<svg onload=alert(2)>",
        "entities": "<img src=x onerror=alert(3)>",
        "HTML": "<img src=x onerror=alert(4)>",
        "R&D": 'Research & "development" <b>now</b>',
    }


def test_without_the_extension_a_tooltip_would_hold_markup():
    """The attack is real: the same page without the extension puts an <img> in a tooltip."""
    rendered = markdown.markdown(BODY, extensions=list(SITE_EXTENSIONS))
    with pytest.raises(AssertionError, match="would hold markup"):
        tooltip_texts(rendered)


def test_plain_titles_are_unchanged():
    rendered = markdown.markdown('[x](y "Paragraph 3")', extensions=[EXTENSION])
    assert 'title="Paragraph 3"' in rendered


MATERIAL_HEADER = """\
<div class="md-header__topic" data-md-component="header-topic">
  <span class="md-ellipsis">
    {title}
  </span>
</div>
<nav class="md-nav"><a href="#x" class="md-nav__link"><span class="md-ellipsis">{title}</span></a>
<p class="x">{title}</p>"""


def test_cut_short_titles_stay_text_when_read_back_as_html():
    title = html.escape("Long title " + ATTACK + " &amp; R&D")
    page = escape_ellipsis_texts(MATERIAL_HEADER.format(title=title))
    soup = BeautifulSoup(page, "html.parser")
    ellipses = soup.select(".md-ellipsis")
    assert len(ellipses) == 2
    for element in ellipses:
        shown = element.get_text().strip()  # innerText
        reparsed = BeautifulSoup(shown, "html.parser")  # innerHTML = title
        assert reparsed.find() is None
        assert reparsed.get_text().replace(WORD_JOINER, "") == "Long title " + ATTACK + " &amp; R&D"
    # Only the theme's cut-short titles: the page's own text is left as it was.
    assert soup.select_one("p.x").decode_contents() == title


# --- in Chromium ----------------------------------------------------------------------------

LONG = "A very long title of a speech that cannot fit in the header and is cut short "
GLOSSARY = f"""\
- term: Cut short {"W" * 80}{ATTACK} Council
  abbreviation: IXC
  definition: A council.
"""
SPEECH = f"""\
---
title: "{LONG}{LONG}<img src=x onerror=alert(5)>"
date: 2001-01-01
speaker: A Speaker
venue: "{LONG}<svg onload=alert(6)>, Country"
themes:
  - common-security
---

{BODY.replace("<svg onload=alert(2)>", "&lt;svg onload=alert(2)&gt;")}
The IXC met.

## Cut short: {"W" * 100}&lt;img src=x onerror=alert(7)&gt;

Words.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("tooltips"), speeches=False)
    for tsv in (project / "speeches" / "references").glob("*.tsv"):  # a small archive builds fast
        with open(tsv, encoding="utf-8") as text:
            head = list(itertools.islice(text, 100))
        tsv.write_text("".join(head), encoding="utf-8")
    (project / "speeches" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (project / "speeches" / "2001-01-01-a-speech.md").write_text(SPEECH, encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module", params=["file", "http"])
def hostile_base(request, hostile_site: Path):
    if request.param == "file":
        yield hostile_site.as_uri() + "/"
    else:
        with serve(hostile_site) as base:
            yield base


# Material's tooltip: the title inserted with innerHTML (an <img onerror> there would run).
REPARSE = """element => {
    const tooltip = document.createElement("div");
    tooltip.innerHTML = element.title;
    return tooltip.children.length ? tooltip.innerHTML : tooltip.textContent.trim();
}"""
ACTIVE_TOOLTIPS = ".md-tooltip2--active .md-tooltip2__inner"


def tooltip_on_hover(page, element, expected: str, enter: bool = False) -> str:
    """Hover ``element``; ``expected`` once a tooltip shows it, else what the tooltips show.

    ``enter``: send the element the event Material listens for instead of moving the
    pointer.
    """
    element.scroll_into_view_if_needed()
    if enter:
        element.dispatch_event("mouseenter")
    else:
        element.hover()
    shown: list[str] = []
    for _ in range(50):  # Material opens a tooltip 250 ms after the pointer arrives
        page.wait_for_timeout(100)
        shown = page.eval_on_selector_all(
            ACTIVE_TOOLTIPS, "tips => tips.map(tip => tip.innerText.trim())"
        )
        if expected in (text.replace(WORD_JOINER, "") for text in shown):
            break
    if enter:
        element.dispatch_event("mouseleave")
    page.mouse.move(0, 0)
    return expected if expected in (t.replace(WORD_JOINER, "") for t in shown) else repr(shown)


@pytest.mark.parametrize(
    "path", ["speeches/2001-01-01-a-speech.html", "venues/index.html", "glossary/index.html"]
)
def test_hovering_every_title_runs_nothing_and_shows_the_text(browser, hostile_base, path):
    with visit(browser, hostile_base) as record:
        page = record.page
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(record.url(path))
        page.wait_for_load_state("load")
        # Every element with a title in the content: its tooltip shows its title as text.
        # Handles, not a locator: Material takes the title off an element while it shows it.
        titled = page.locator("article [title]").element_handles()
        expected = [" ".join(html.unescape(e.get_attribute("title")).split()) for e in titled]
        shown = [tooltip_on_hover(page, e, text) for e, text in zip(titled, expected, strict=True)]
        assert shown == expected
        # Every title cut short by an ellipsis (header, navigation, table of contents): the
        # tooltip shows its text.
        page.evaluate("window.scrollTo(0, 600)")  # the header shows the page title from here on
        page.wait_for_timeout(500)
        seen = []
        for element in (
            page.locator(".md-ellipsis")
            .filter(has_text=re.compile("cut short", re.I))
            .element_handles()
        ):
            if element.is_visible() and element.evaluate("e => e.offsetWidth < e.scrollWidth"):
                text = " ".join(element.inner_text().replace(WORD_JOINER, "").split())
                # Material gives the title to the link around the text, if any.
                target = element.evaluate_handle("e => e.closest('a') || e").as_element()
                page.wait_for_function("e => e.title", arg=target, timeout=5000)
                if target.evaluate("e => !!e.closest('a')"):
                    seen.append(tooltip_on_hover(page, target, text))
                else:  # the header's layout covers its title: do what Material's tooltip does
                    seen.append(page.evaluate(REPARSE, target).replace(WORD_JOINER, ""))
        page.wait_for_timeout(500)  # an onerror would have fired by now
        assert dialogs == []
        assert record.problems() == [], record.problems()
        if path.startswith("speeches/"):
            assert ATTACK in shown and "<svg onload=alert(2)>" in shown
            assert any(text.endswith(f"{ATTACK} Council") for text in shown)  # the glossary's abbr
            assert any(text.endswith("alert(5)>") for text in seen), seen  # header
            # No table of contents on a speech page (its margin holds the saying notes): the
            # glossary page below checks a cut-short entry of one.
            assert not any(text.endswith("alert(7)>") for text in seen), seen
        if path.startswith("glossary/"):
            assert any(f"{ATTACK} Council" in text for text in seen), seen
