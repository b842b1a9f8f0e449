"""Index pages and data, each built the same way: group (pure) -> render Markdown/data.

One module per index: themes, chronology (speeches by year), venues, neighbours
(previous/next/related on speech pages), home (the home page's figures), catalogue
(speeches.json), feed (feed.xml), glossary and sayings. Every grouping is one pass
over the archive. Some indexes list the speeches alone, others what annotation found
in them: build.py's render_site makes both once every speech is annotated.
"""

from __future__ import annotations

from ..model import AnnotatedSpeech, Archive
from ..urls import CATALOGUE, FEED, THEMES_INDEX
from .catalogue import render_catalogue
from .chronology import render_chronology_pages
from .feed import render_atom_feed
from .glossary import render_glossary_page
from .redirects import render_redirects
from .sayings import render_sayings_page
from .themes import (
    group_by_theme,
    render_theme_pages,
    render_themes_index,
)
from .venues import render_venue_pages


def render_archive_indexes(
    archive: Archive, site_name: str, site_url: str | None
) -> dict[str, str]:
    """What lists the speeches alone, with no annotation: years, venues, themes, the feed;
    and the pages left at moved pages' old addresses."""
    return {
        **render_chronology_pages(archive),
        THEMES_INDEX: render_themes_index(archive, group_by_theme(archive)),
        **render_venue_pages(archive),
        FEED: render_atom_feed(archive, site_name, site_url),
        **render_redirects(site_url),
    }


def render_annotation_indexes(archive: Archive, annotated: list[AnnotatedSpeech]) -> dict[str, str]:
    """What lists what annotation found in every speech: each theme's sayings, the glossary's
    speeches, the sayings index and speeches.json."""
    return {
        **render_theme_pages(archive, annotated),
        **render_glossary_page(archive, annotated),
        **render_sayings_page(archive, annotated),
        CATALOGUE: render_catalogue(annotated),
    }
