"""What a generated page tells the page head and its frame, passed as front-matter keys.

The package's template override (templates/main.html) reads them and prints them as they
are: MkDocs' Jinja does not autoescape, so every contributor value here is HTML-escaped
once, and the template never escapes it again.

    description   Material's <meta name="description"> and og:description (escaped by
                  page_front_matter, like the title)
    citation      Highwire Press tags on a speech page, for Zotero and scholarly indexers
    breadcrumbs   where the page sits: [{title, url}], url relative to the site root
"""

from __future__ import annotations

import html
import re

from ..escape import escape_html
from ..model import Speech
from ..urls import SPEECHES_INDEX, THEMES_INDEX, url_of, year_page_path
from .listing import plural

DESCRIPTION_LIMIT = 300  # characters: search engines show about 160; a sentence is rarely longer

# No part scans past an opener of its own kind: linear on a run of unclosed ones.
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]]*\]")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_ATTR_LIST = re.compile(r"\{:?[^{}]*\}")
_MARKS = re.compile(r"[*_`\\]")
_TAG = re.compile(r"<[^<>]*>")
# A sentence ends at ., ! or ? (a closing quote or bracket may follow) before a space or the
# end; at a CJK full stop, which needs no space after it, anywhere.
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*(?=\s|$)|[。！？][”’」』）]*")


def plain_text(markdown: str) -> str:
    """A paragraph's words without Markdown marks, footnote references or entities."""
    text = _FOOTNOTE_REF.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _ATTR_LIST.sub("", text)
    text = _TAG.sub("", text)
    text = _MARKS.sub("", text)
    return " ".join(html.unescape(text).split())


def first_sentence(body: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The first sentence of a speech's text, skipping salutations ("Dear friends,").

    A salutation block ends with a comma or nothing: the first paragraph holding a
    sentence's end is where the speech begins. Cut at a word when longer than ``limit``.
    """
    paragraphs = [plain_text(block) for block in re.split(r"\n\s*\n", body)]
    paragraphs = [text for text in paragraphs if text and not text.startswith("[^")]
    chosen = next((text for text in paragraphs if _SENTENCE_END.search(text)), None)
    if chosen is None:
        chosen = paragraphs[0] if paragraphs else ""
    end = _SENTENCE_END.search(chosen)
    sentence = chosen[: end.end()] if end else chosen
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + " …"
    return sentence


def speech_description(speech: Speech) -> str:
    """A speech's summary, or else its first sentence (plain text, not yet escaped)."""
    if speech.summary:
        return " ".join(speech.summary.split())
    return first_sentence(speech.body)


def citation_meta(speech: Speech) -> dict[str, str]:
    """Highwire Press values for a speech page, HTML-escaped once (the template prints them).

    The occasion (or the venue without one) goes in citation_conference_title, the tag
    Zotero's Embedded Metadata translator reads as the event a paper was given at.
    """
    values = {
        "title": speech.title,
        "author": speech.speaker,
        "date": speech.date.strftime("%Y/%m/%d"),
        "language": speech.language,
        "conference_title": speech.occasion or speech.venue,
    }
    publisher = (speech.source or {}).get("publisher")
    if publisher:
        values["publisher"] = publisher
    return {key: escape_html(" ".join(value.split())) for key, value in values.items()}


def breadcrumb(title: str, path: str) -> dict[str, str]:
    """One step of a page's breadcrumbs: escaped title, URL relative to the site root."""
    return {"title": escape_html(" ".join(title.split())), "url": url_of(path)}


def speech_breadcrumbs(speech: Speech) -> list[dict[str, str]]:
    """Speeches › year: the page's own title follows, unlinked."""
    return [
        breadcrumb("Speeches", SPEECHES_INDEX),
        breadcrumb(str(speech.year), year_page_path(speech.year)),
    ]


def theme_breadcrumbs() -> list[dict[str, str]]:
    return [breadcrumb("Themes", THEMES_INDEX)]


def year_description(year: int, speeches: list[Speech]) -> str:
    """A year page's figures: speeches, speakers, venues."""
    speakers = len({speech.speaker for speech in speeches})
    venues = len({speech.venue for speech in speeches})
    return (
        f"{plural(len(speeches), 'speech', 'speeches')} of {year}, "
        f"by {plural(speakers, 'speaker')}, at {plural(venues, 'venue')}."
    )


def speech_head_meta(speech: Speech) -> dict:
    """The front-matter keys a speech page adds for the head and frame (see the module doc)."""
    return {
        "description": speech_description(speech),
        "citation": citation_meta(speech),
        "breadcrumbs": speech_breadcrumbs(speech),
    }
