"""The home page's live part: figures, latest speeches and entry points to the indexes.

docs/index.md stays hand-written; a line holding only HOME_MARKER marks where this
Markdown goes, so maintainers keep the wording and the layout around it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ..markup import ARCHIVE_FIGURES_CLASS
from ..model import AnnotatedSpeech, Archive
from ..urls import (
    CATALOGUE,
    FEED,
    GLOSSARY_INDEX,
    HOME_PAGE,
    SAYINGS_INDEX,
    SPEECHES_INDEX,
    THEMES_INDEX,
    VENUES_INDEX,
)
from .listing import plural, speech_list

HOME_MARKER = "<!-- archive-summary -->"
LATEST_COUNT = 5

# Every index a build may generate, in the order readers meet them; the home page links
# those this build generated (the sayings and glossary pages exist once their passes run).
ENTRY_POINTS = (
    (SPEECHES_INDEX, "All speeches", "by year, newest first"),
    (THEMES_INDEX, "Themes", "the speeches grouped by what they are about"),
    (VENUES_INDEX, "Venues", "by country and place"),
    (SAYINGS_INDEX, "Sayings", "every saying quoted, by origin"),
    (GLOSSARY_INDEX, "Glossary", "organisations, programmes and terms"),
    (FEED, "Atom feed", "the latest speeches, for feed readers"),
    (CATALOGUE, "Catalogue", "every speech as JSON, for other tools"),
)


@dataclass(frozen=True)
class ArchiveFigures:
    speeches: int
    themes: int
    sayings: int  # distinct sayings found across the archive
    first_year: int | None
    last_year: int | None


def archive_figures(archive: Archive, annotated: list[AnnotatedSpeech]) -> ArchiveFigures:
    saying_ids = {found["id"] for item in annotated for found in item.findings.get("sayings", [])}
    years = [speech.year for speech in archive.speeches]
    return ArchiveFigures(
        speeches=len(archive.speeches),
        themes=len(archive.themes),
        sayings=len(saying_ids),
        first_year=min(years, default=None),
        last_year=max(years, default=None),
    )


def render_home_summary(
    archive: Archive, annotated: list[AnnotatedSpeech], pages: Collection[str]
) -> str:
    figures = archive_figures(archive, annotated)
    facts = [
        plural(figures.speeches, "speech", "speeches"),
        plural(figures.themes, "theme"),
        plural(figures.sayings, "saying"),
    ]
    if figures.first_year is not None:
        span = str(figures.first_year)
        if figures.last_year != figures.first_year:
            span += f"–{figures.last_year}"
        facts.append(f"years covered: {span}")
    lines = [
        f'<div class="{ARCHIVE_FIGURES_CLASS}" markdown>',
        "",
        " · ".join(facts),
        "",
        "</div>",
        "",
    ]
    lines += ["## Latest speeches", ""]
    latest = speech_list(archive.speeches, archive, HOME_PAGE)[:LATEST_COUNT]
    lines += latest or ["No speeches yet."]
    lines += ["", "## Browse the archive", ""]
    lines += [
        f"- [{label}]({path}): {what}." for path, label, what in ENTRY_POINTS if path in pages
    ]
    return "\n".join(lines)


def fill_home_page(hand_written: str, summary: str) -> str:
    """The hand-written page with its marker line replaced; unchanged if it has no marker."""
    marker = re.compile(rf"^[ \t]*{re.escape(HOME_MARKER)}[ \t]*$", re.MULTILINE)
    return marker.sub(lambda _: summary, hand_written, count=1)
