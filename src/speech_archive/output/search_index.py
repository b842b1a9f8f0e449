"""Tune the search index Material writes, so readers find speeches by what they type.

Material's search plugin indexes each page's title and text. A speech page's text
already holds its speaker, venue, occasion and themes (the metadata block), but as
one word among thousands: a search for "Geneva" would rank a speech that mentions
Geneva three times above the speech given there. So every speech's facts are also
put in a field of their own, ``facets``, boosted far above the text: a venue's or a
theme's speeches come before any speech that merely mentions it, and before
sections that only name it in a heading (a glossary entry, the venue's line in the
venue list). Only a page titled with the words (the theme's own page) can lead.

The plugin tunes Material's entries before Material writes them (search_index.json,
and the offline plugin's copy of it, search_index.js).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import AnnotatedSpeech, Archive, Speech
from ..urls import speech_page_path

FACETS_FIELD = "facets"
# Material's worker multiplies a page's score by up to 5 and a section's by up to 2
# after the query; so 800 puts a speech's own venue/theme/speaker (800 x 5) above section
# titles (1000 x 2) and far above text (1), and just below page titles (1000 x 5).
FACETS_BOOST = 800.0


def speech_facets(speech: Speech, archive: Archive, originals: Iterable[str] = ()) -> str:
    """The facts a reader searches a speech by, as one line of text.

    ``originals``: the original wordings of the sayings it quotes. The saying notes that
    show them are kept out of the text's search entry (a note is not the speech's words),
    yet a reader who types a saying's Chinese original is looking for the speeches quoting it.
    """
    parts = [speech.speaker, speech.venue]
    if speech.occasion:
        parts.append(speech.occasion)
    parts += [archive.themes[slug].title for slug in speech.themes]
    parts += originals
    return " · ".join(parts)


def archive_facets(archive: Archive, annotated: Iterable[AnnotatedSpeech] = ()) -> dict[str, str]:
    """Facets of every speech, by the docs-relative path of its page."""
    catalogue = {saying.id: saying for saying in archive.sayings}
    originals: dict[str, list[str]] = {}
    for item in annotated:
        quoted = dict.fromkeys(found["id"] for found in item.findings.get("sayings", []))
        originals[item.speech.slug] = [
            original
            for saying_id in quoted
            if saying_id in catalogue and (original := catalogue[saying_id].original)
        ]
    return {
        speech_page_path(speech): speech_facets(speech, archive, originals.get(speech.slug, ()))
        for speech in archive.speeches
    }


def add_facets_in_place(docs: list[dict], fields: dict, facets_by_location: dict[str, str]) -> None:
    """Give each page's main entry (no ``#anchor``) its facets, and the field its boost.

    In place, for the index Material holds before it writes it: ``docs`` are its
    entries, ``fields`` its field boosts. Material groups sections under their page,
    so the page is what should rank.
    """
    fields[FACETS_FIELD] = {"boost": FACETS_BOOST}
    for doc in docs:
        facets = facets_by_location.get(doc["location"])
        if facets:
            doc[FACETS_FIELD] = facets
