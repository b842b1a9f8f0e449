"""Index pages: pure grouping, then one Markdown page per index."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import TYPE_CHECKING

from .model import Archive, Speech
from .speech_page import page_front_matter
from .text import escape_markdown, human_date

if TYPE_CHECKING:
    from .pipeline import AnnotatedSpeech


def newest_first(speeches) -> list[Speech]:
    return sorted(speeches, key=lambda s: (s.date, s.slug), reverse=True)


def group_by_theme(archive: Archive) -> dict[str, list[Speech]]:
    groups: dict[str, list[Speech]] = {slug: [] for slug in archive.themes}
    for speech in archive.speeches:
        for slug in speech.themes:
            groups[slug].append(speech)
    return groups


def speech_list_item(speech: Speech, archive: Archive, from_dir: str) -> str:
    """One line of a speech list: date, linked title, venue, themes."""
    prefix = "" if from_dir == "speeches" else "../speeches/"
    theme_prefix = "" if from_dir == "themes" else "../themes/"
    themes = ", ".join(
        f"[{escape_markdown(archive.themes[t].title)}]({theme_prefix}{t}.md)" for t in speech.themes
    )
    return (
        f"- {human_date(speech.date)} — [{escape_markdown(speech.title)}]({prefix}{speech.slug}.md)"
        f" — {escape_markdown(speech.venue)} — {themes}"
    )


def render_chronology(archive: Archive) -> str:
    lines = [page_front_matter({"title": "Speeches"}) + "# Speeches", ""]
    lines.append(f"All {len(archive.speeches)} speeches in the archive, newest first.")
    for year, speeches in groupby(newest_first(archive.speeches), key=lambda s: s.year):
        lines += ["", f"## {year}", ""]
        lines += [speech_list_item(s, archive, "speeches") for s in speeches]
    return "\n".join(lines) + "\n"


def render_themes_index(archive: Archive, groups: dict[str, list[Speech]]) -> str:
    lines = [page_front_matter({"title": "Themes"}) + "# Themes", ""]
    for slug, theme in archive.themes.items():
        count = len(groups[slug])
        lines.append(
            f"- [{escape_markdown(theme.title)}]({slug}.md) ({count} speech{'es' if count != 1 else ''})"
            f" — {escape_markdown(theme.description)}"
        )
    return "\n".join(lines) + "\n"


def render_theme_page(archive: Archive, slug: str, speeches: list[Speech]) -> str:
    theme = archive.themes[slug]
    lines = [page_front_matter({"title": theme.title}) + f"# {escape_markdown(theme.title)}", ""]
    lines += [escape_markdown(theme.description), "", "## Speeches", ""]
    lines += [speech_list_item(s, archive, "themes") for s in newest_first(speeches)] or ["No speeches yet."]
    return "\n".join(lines) + "\n"


def render_index_pages(archive: Archive, annotated: list["AnnotatedSpeech"]) -> dict[str, str]:
    groups = group_by_theme(archive)
    pages = {"speeches/index.md": render_chronology(archive), "themes/index.md": render_themes_index(archive, groups)}
    for slug in archive.themes:
        pages[f"themes/{slug}.md"] = render_theme_page(archive, slug, groups[slug])
    return pages
