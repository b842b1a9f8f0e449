"""What a reader's citation of a speech is made from, placed on its page as data attributes.

The page's script (assets/javascripts/reader.js) turns it into the plain-text citation,
BibTeX and CSL-JSON, for the whole speech or one paragraph: the formats are made in the
browser because the permanent URL may be the page's own location (no ``site_url``).
The values are contributors' text: they reach the page only as escaped attribute values
of an empty, hidden element (escape.escape_html), which the script reads as text.
"""

from __future__ import annotations

from ..escape import escape_html
from ..markup import CITATION_DATA_ID
from ..model import Speech
from ..text import human_date
from ..urls import speech_url


def citation_data(speech: Speech, site_url: str | None = None) -> dict:
    """The facts a citation names, by attribute name (``data-<name>``); None when unknown.

    ``url`` is the page's permanent address, or None when the archive has no ``site_url``
    (the script then takes the page's location).
    """
    url = None
    if site_url:
        url = site_url.rstrip("/") + "/" + speech_url(speech)
    source = speech.source or {}
    return {
        "key": speech.slug,  # permanent and unique: the file name
        "title": speech.title,
        "speaker": speech.speaker,
        "venue": speech.venue,
        "occasion": speech.occasion,
        "date": speech.date.isoformat(),
        "date-text": human_date(speech.date),
        "publisher": source.get("publisher"),
        "language": speech.language,
        "url": url,
    }


def citation_element(data: dict) -> str:
    """The hidden element carrying ``data`` for the script; what is unknown is left out."""
    # One line each: a blank line would end the HTML block Python-Markdown keeps it in.
    attributes = "".join(
        f' data-{name}="{escape_html(" ".join(value.split()))}"'
        for name, value in data.items()
        if value is not None
    )
    return f'<div id="{CITATION_DATA_ID}" hidden{attributes}></div>'
