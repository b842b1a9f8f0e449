"""Chronology: every speech by year on speeches/index.md, and one page per year."""

from __future__ import annotations

from ..markup import year_anchor
from ..model import Archive, Speech
from ..urls import SPEECHES_INDEX, link_from, year_page_path
from .head import breadcrumb, year_description
from .listing import plural, speech_list
from .speech import page_front_matter


def group_by_year(speeches: tuple[Speech, ...] | list[Speech]) -> dict[int, list[Speech]]:
    """Year -> its speeches, newest year first (dicts keep insertion order)."""
    groups: dict[int, list[Speech]] = {}
    for speech in speeches:
        groups.setdefault(speech.year, []).append(speech)
    return {year: groups[year] for year in sorted(groups, reverse=True)}


def year_links(years: list[int], page: str, current: int | None = None) -> str:
    """One line linking every year that has speeches; the current year unlinked."""
    return " · ".join(
        f"**{year}**" if year == current else f"[{year}]({link_from(page, year_page_path(year))})"
        for year in years
    )


def render_chronology(archive: Archive, groups: dict[int, list[Speech]]) -> str:
    summary = f"{plural(len(archive.speeches), 'speech', 'speeches')} in the archive, newest first."
    lines = [page_front_matter({"title": "Speeches", "description": summary}) + "# Speeches", ""]
    lines.append(summary)
    if groups:
        lines += ["", "Years: " + year_links(list(groups), SPEECHES_INDEX)]
    for year, speeches in groups.items():
        # An explicit, documented anchor (speeches/index.html#year-2014) that readers can link to.
        lines += ["", f"## {year} {{#{year_anchor(year)}}}", ""]
        year_page = link_from(SPEECHES_INDEX, year_page_path(year))
        lines.append(f"[{plural(len(speeches), 'speech', 'speeches')} in {year}]({year_page})")
        lines.append("")
        lines += speech_list(speeches, archive, SPEECHES_INDEX)
    return "\n".join(lines) + "\n"


def render_year_page(archive: Archive, year: int, speeches: list[Speech], years: list[int]) -> str:
    page = year_page_path(year)
    meta = {
        "title": f"Speeches of {year}",
        "description": year_description(year, speeches),
        "breadcrumbs": [breadcrumb("Speeches", SPEECHES_INDEX)],
    }
    lines = [page_front_matter(meta) + f"# Speeches of {year}", ""]
    lines += ["Years: " + year_links(years, page, current=year), ""]
    lines += [
        f"{plural(len(speeches), 'speech', 'speeches')}, newest first. "
        f"[All speeches]({link_from(page, SPEECHES_INDEX)})",
        "",
    ]
    lines += speech_list(speeches, archive, page)
    return "\n".join(lines) + "\n"


def render_chronology_pages(archive: Archive) -> dict[str, str]:
    groups = group_by_year(archive.speeches)
    years = list(groups)
    pages = {SPEECHES_INDEX: render_chronology(archive, groups)}
    for year, speeches in groups.items():
        pages[year_page_path(year)] = render_year_page(archive, year, speeches, years)
    return pages
