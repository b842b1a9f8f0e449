"""Venues: speeches grouped by country (the venue's last comma part), then by venue."""

from __future__ import annotations

from ..escape import escape_markdown
from ..markup import COUNTRY_ANCHOR_PREFIX, VENUE_ANCHOR_PREFIX
from ..model import Archive, Speech
from ..text import anchor_id
from ..urls import VENUES_INDEX
from .listing import plural, speech_list
from .speech import page_front_matter


def group_by_venue(
    speeches: tuple[Speech, ...] | list[Speech],
) -> dict[str, dict[str, list[Speech]]]:
    """Country -> venue -> speeches; countries and venues in alphabetical order.

    Venues are compared as written: 'Shanghai, China' and 'Shanghai,  China' are one venue
    (whitespace is normalised), but spellings are not guessed at.
    """
    groups: dict[str, dict[str, list[Speech]]] = {}
    for speech in speeches:
        venue = " ".join(speech.venue.split())
        groups.setdefault(speech.country, {}).setdefault(venue, []).append(speech)
    return {
        country: {venue: groups[country][venue] for venue in sorted(groups[country], key=_sort_key)}
        for country in sorted(groups, key=_sort_key)
    }


def _sort_key(name: str) -> tuple[str, str]:
    return (anchor_id(name), name)


def unique_anchors(names: list[str], prefix: str) -> dict[str, str]:
    """A distinct HTML id per name, stable for a given archive ('country-china', 'country-china-2')."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = anchor = f"{prefix}{anchor_id(name)}"
        number = 1
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        used.add(anchor)
        anchors[name] = anchor
    return anchors


def render_venues_index(archive: Archive, groups: dict[str, dict[str, list[Speech]]]) -> str:
    summary = (
        f"The archive's speeches by country and venue: {plural(len(groups), 'country', 'countries')}, "
        f"{plural(sum(len(venues) for venues in groups.values()), 'venue')}."
    )
    lines = [page_front_matter({"title": "Venues", "description": summary}) + "# Venues", ""]
    lines.append(summary)
    countries = unique_anchors(list(groups), COUNTRY_ANCHOR_PREFIX)
    venue_names = [venue for venues in groups.values() for venue in venues]
    venue_anchors = unique_anchors(venue_names, VENUE_ANCHOR_PREFIX)
    if groups:
        lines.append("")
        for country, venues in groups.items():
            count = sum(len(speeches) for speeches in venues.values())
            lines.append(f"- [{escape_markdown(country)}](#{countries[country]}) ({count})")
    for country, venues in groups.items():
        lines += ["", f"## {escape_markdown(country)} {{#{countries[country]}}}"]
        for venue, speeches in venues.items():
            lines += ["", f"### {escape_markdown(venue)} {{#{venue_anchors[venue]}}}", ""]
            lines += speech_list(speeches, archive, VENUES_INDEX)
    return "\n".join(lines) + "\n"


def render_venue_pages(archive: Archive) -> dict[str, str]:
    return {VENUES_INDEX: render_venues_index(archive, group_by_venue(archive.speeches))}
