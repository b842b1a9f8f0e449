"""Themes: an index of every theme with its count, and one page per theme."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..escape import escape_markdown
from ..markup import paragraph_anchor, paragraph_label
from ..model import AnnotatedSpeech, Archive, Speech
from ..urls import THEMES_INDEX, link_from, saying_link, speech_page_path, theme_page_path
from .head import theme_breadcrumbs
from .listing import plural, speech_list
from .speech import page_front_matter


@dataclass(frozen=True)
class SayingUse:
    """One saying as one speech uses it (from the sayings pass's findings)."""

    id: str
    text: str
    origin: str
    speech: Speech
    paragraph: int | None


def group_by_theme(archive: Archive) -> dict[str, list[Speech]]:
    """Theme slug -> its speeches, for every theme in themes.yml (unused themes map to [])."""
    groups: dict[str, list[Speech]] = {slug: [] for slug in archive.themes}
    for speech in archive.speeches:
        for slug in speech.themes:
            groups[slug].append(speech)
    return groups


def sayings_by_theme(annotated: list[AnnotatedSpeech]) -> dict[str, dict[str, list[SayingUse]]]:
    """Theme slug -> saying id -> its uses in that theme's speeches, in one pass over the findings."""
    groups: dict[str, dict[str, list[SayingUse]]] = defaultdict(lambda: defaultdict(list))
    for item in annotated:
        for found in item.findings.get("sayings", []):
            use = SayingUse(
                found["id"],
                found["text"],
                found.get("origin", ""),
                item.speech,
                found.get("paragraph"),
            )
            for slug in item.speech.themes:
                groups[slug][use.id].append(use)
    return groups


def render_themes_index(archive: Archive, groups: dict[str, list[Speech]]) -> str:
    summary = f"The archive's {plural(len(archive.themes), 'theme')}, with the number of speeches on each."
    lines = [page_front_matter({"title": "Themes", "description": summary}) + "# Themes", ""]
    lines.append(summary)
    lines.append("")
    for slug, theme in archive.themes.items():
        count = plural(len(groups[slug]), "speech", "speeches")
        link = link_from(THEMES_INDEX, theme_page_path(slug))
        lines.append(
            f"- [{escape_markdown(theme.title)}]({link}) ({count}) — {escape_markdown(theme.description)}"
        )
    return "\n".join(lines) + "\n"


def render_theme_page(
    archive: Archive, slug: str, speeches: list[Speech], sayings: dict[str, list[SayingUse]]
) -> str:
    theme, page = archive.themes[slug], theme_page_path(slug)
    meta = {
        "title": theme.title,
        "description": " ".join(theme.description.split()),
        "breadcrumbs": theme_breadcrumbs(),
    }
    lines = [page_front_matter(meta) + f"# {escape_markdown(theme.title)}", ""]
    lines += [escape_markdown(theme.description), "", "## Speeches", ""]
    lines += speech_list(speeches, archive, page) or [
        "No speech in the archive has this theme yet."
    ]
    if sayings:
        lines += [
            "",
            "## Sayings",
            "",
            "Sayings quoted in these speeches, with where each is used.",
            "",
        ]
        for saying_id, uses in sorted(
            sayings.items(), key=lambda kv: (kv[1][0].text.casefold(), kv[0])
        ):
            lines.append(render_saying_line(page, saying_id, uses))
    return "\n".join(lines) + "\n"


def render_saying_line(page: str, saying_id: str, uses: list[SayingUse]) -> str:
    first = uses[0]
    entry = saying_link(saying_id, page)
    places = []
    for use in sorted(
        uses, key=lambda u: (u.speech.date, u.speech.slug, u.paragraph or 0), reverse=True
    ):
        where = link_from(page, speech_page_path(use.speech))
        label = escape_markdown(use.speech.title)
        if use.paragraph:
            where = f"{where}#{paragraph_anchor(use.paragraph)}"
            label = f"{label}, {paragraph_label(use.paragraph)}"
        places.append(f"[{label}]({where})")
    origin = f" — {escape_markdown(first.origin)}" if first.origin else ""
    return f"- [“{escape_markdown(first.text)}”]({entry}){origin} — {'; '.join(places)}"


def render_theme_pages(archive: Archive, annotated: list[AnnotatedSpeech]) -> dict[str, str]:
    """One page per theme: its speeches and the sayings they quote."""
    groups = group_by_theme(archive)
    sayings = sayings_by_theme(annotated)
    return {
        theme_page_path(slug): render_theme_page(archive, slug, groups[slug], sayings.get(slug, {}))
        for slug in archive.themes
    }
