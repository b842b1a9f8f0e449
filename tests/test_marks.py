"""What the passes insert never takes a speech's markup: attribute lists, reference definitions.

The body check judges a speech as written; the passes then add footnote marks, line
breaks, paragraph numbers and saying links. Markup the check saw as text (an attribute
list after a term) or as an attribute (a reference definition's title) must stay so.
"""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from bs4 import BeautifulSoup

from speech_archive.annotate.saying_callouts import fill_saying_notes
from speech_archive.build import annotate_speech
from speech_archive.load.untrusted import PAGE_WRAPPER, SITE_EXTENSIONS, check_speech_body
from speech_archive.model import Archive, CatalogueSaying, GlossaryTerm, Speech, Theme

ARCHIVE = Archive(
    speeches=(),
    themes={"t": Theme("t", "T", "A theme.")},
    sayings=(CatalogueSaying("light", "Many hands make light work.", "Proverb"),),
    glossary=(
        GlossaryTerm("Cold War", "The rivalry of two blocs."),
        GlossaryTerm("Conference on Interaction", "A forum.", abbreviation="CICA"),
    ),
)


def rendered(body: str) -> BeautifulSoup:
    """The speech's body as its page shows it, once annotated; the check must pass it first."""
    assert check_speech_body(body, "speeches/x.md", 10) == []
    speech = Speech(
        "2001-01-01-x",
        "speeches/2001-01-01-x.md",
        "X",
        dt.date(2001, 1, 1),
        "S",
        "V",
        ("t",),
        body,
        10,
    )
    body = fill_saying_notes(annotate_speech(speech, ARCHIVE).markdown, {})  # a lone speech
    page = f"{PAGE_WRAPPER[0]}\n\n{body}\n\n{PAGE_WRAPPER[1]}"
    return BeautifulSoup(markdown.markdown(page, extensions=list(SITE_EXTENSIONS)), "html.parser")


def handlers(page: BeautifulSoup) -> list[str]:
    return [
        f"{element.name} {name}"
        for element in page.find_all(True)
        for name in element.attrs
        if name.startswith("on") or name in ("tabindex", "autofocus", "style")
    ]


@pytest.mark.parametrize(
    "body,text",
    [
        (
            "During the Cold War{ tabindex=0 autofocus onfocus=alert(1) } words.",
            "{ tabindex=0 autofocus onfocus=alert(1) }",
        ),
        ("The CICA{: onmouseover=alert(1) } met.", "{: onmouseover=alert(1) }"),
        # The <br> a hard break makes keeps the newline in its tail: no attribute list there.
        ("Ladies and gentlemen,\n{ onfocus=alert(1) autofocus } friends.", "{ onfocus"),
        (
            "As the proverb goes, many hands make light work.{ onmouseover=alert(1) }",
            "{ onmouseover",
        ),
    ],
)
def test_an_attribute_list_after_a_mark_stays_text(body, text):
    page = rendered(body)
    assert handlers(page) == []
    assert text in page.get_text()  # shown as written, as it was before the passes ran


@pytest.mark.parametrize(
    "body",
    [
        '[hover][r]\n\n[r]: https://example.org/ "<img src=x onerror=alert(1)>"',
        'About the [Cold War][].\n[Cold War]: https://example.org/ "<img src=x onerror=alert(1)>"',
    ],
)
def test_a_reference_definition_stays_a_definition(body):
    page = rendered(body)
    assert page.find("img") is None
    assert "onerror" not in page.get_text()  # not printed as text either: still a definition
    link = page.find("a", href="https://example.org/")
    assert link is not None and link["title"] == "<img src=x onerror=alert(1)>"
