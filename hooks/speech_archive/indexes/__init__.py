"""Index pages and data, each built the same way: group (pure) -> render Markdown/data.

One module per index: themes, chronology (speeches by year), venues, neighbours
(previous/next/related on speech pages), home (the home page's figures), catalogue
(speeches.json) and feed (feed.xml); glossary and proverbs are registered by the
pipeline beside them. Every grouping is one pass over the archive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Archive
from .catalogue import CATALOGUE, render_catalogue
from .chronology import render_chronology_pages
from .feed import FEED, render_atom_feed
from .themes import render_theme_pages
from .venues import render_venue_pages

if TYPE_CHECKING:
    from ..pipeline import AnnotatedSpeech


def render_index_pages(archive: Archive, annotated: list["AnnotatedSpeech"]) -> dict[str, str]:
    """The generated Markdown index pages by docs-relative path."""
    return {
        **render_chronology_pages(archive),
        **render_theme_pages(archive, annotated),
        **render_venue_pages(archive),
    }


def render_data_files(
    archive: Archive, annotated: list["AnnotatedSpeech"], site_name: str, site_url: str | None
) -> dict[str, str]:
    """The machine-readable files: the JSON catalogue and the Atom feed."""
    return {
        CATALOGUE: render_catalogue(annotated),
        FEED: render_atom_feed(archive, site_name, site_url),
    }
