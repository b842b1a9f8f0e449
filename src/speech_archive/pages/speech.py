"""Render one speech as the Markdown page MkDocs turns into site/speeches/<slug>.html.

Front-matter values are contributors' text, so every one is escaped; the speech
body arrives already annotated and is placed as it is.
"""

from __future__ import annotations

import yaml

from ..escape import escape_html, escape_markdown, html_link
from ..markup import SPEECH_BODY_CLASS, SPEECH_META_CLASS, SPEECH_RIGHTS_CLASS
from ..model import Archive, Speech
from ..text import human_date
from ..urls import link_from, speech_page_path, theme_page_path
from .citation import citation_data, citation_element
from .head import speech_head_meta

HTML_META_KEYS = ("title", "description")  # page metadata the theme places into HTML
# libyaml's emitter when PyYAML has it: ~6x quicker for the thousand pages of a large archive.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def page_front_matter(meta: dict) -> str:
    """YAML front matter for a generated page (Material reads title, description, search...)."""
    # Material prints these into <title>, <meta content> and the header unescaped (MkDocs'
    # Jinja does not autoescape); MkDocs treats titles as HTML everywhere, so escape once here.
    meta = {
        key: escape_html(value) if key in HTML_META_KEYS else value for key, value in meta.items()
    }
    return (
        "---\n"
        + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=1000)
        + "---\n\n"
    )


def render_speech_page(
    speech: Speech, archive: Archive, body: str, footer: str = "", site_url: str | None = None
) -> str:
    """The whole page: title, metadata block with the citation's data, the (annotated) body,
    the rights notice. ``site_url`` makes the citation's URL the archive's own."""
    # No table of contents: a speech has few headings, and its right margin holds the
    # saying notes (archive.css, "Sayings").
    meta: dict = {"title": speech.title, "hide": ["toc"], **speech_head_meta(speech)}
    # The speech's language on its title and text (fonts, screen readers' voices); the tag
    # is checked against the schema's BCP 47 pattern, and quoted all the same.
    lang = f'lang="{escape_html(speech.language)}"'
    lines = [page_front_matter(meta) + f"# {escape_markdown(speech.title)} {{ {lang} }}", ""]

    facts = [
        f'**Date:** <time datetime="{speech.date.isoformat()}">{human_date(speech.date)}</time>',
        f"**Speaker:** {escape_markdown(speech.speaker)}",
        f"**Venue:** {escape_markdown(speech.venue)}",
    ]
    if speech.occasion:
        facts.append(f"**Occasion:** {escape_markdown(speech.occasion)}")
    page = speech_page_path(speech)
    theme_links = ", ".join(
        f"[{escape_markdown(archive.themes[slug].title)}]({link_from(page, theme_page_path(slug))})"
        for slug in speech.themes
    )
    facts.append(f"**Themes:** {theme_links}")
    if speech.source:
        facts.append(f"**Source:** {_source_line(speech.source)}")
    if speech.note:  # the source's note on the speech: a fact about it, not a footnote
        facts.append(f"**Note:** {escape_markdown(speech.note)}")
    if speech.summary:
        facts.append(f"**Summary:** {escape_markdown(speech.summary)}")
    lines += [
        f'<div class="{SPEECH_META_CLASS}" markdown>',
        "",
        "  \n".join(facts),
        "",
        "</div>",
        "",
        citation_element(citation_data(speech, site_url)),
        "",
    ]

    # The wrapper lets tests and styles tell the speech's text from the page around it.
    lines += [
        f'<div class="{SPEECH_BODY_CLASS}" {lang} markdown>',
        "",
        body.strip("\n"),
        "",
        "</div>",
        "",
    ]
    if speech.rights:
        lines += [
            f'<div class="{SPEECH_RIGHTS_CLASS}" markdown>',
            "",
            escape_markdown(speech.rights),
            "",
            "</div>",
            "",
        ]
    if footer:
        lines += [footer, ""]
    return "\n".join(lines)


def _source_line(source: dict) -> str:
    title = f"*{escape_markdown(source['title'])}*"
    if source.get("url"):  # checked by the loader (escape.checked_url)
        title = html_link(source["url"], title)
    parts = [title]
    if source.get("publisher"):
        parts.append(escape_markdown(source["publisher"]))
    if source.get("updated"):
        parts.append(f"updated {_iso_to_human(source['updated'])}")
    if source.get("retrieved"):
        parts.append(f"retrieved {_iso_to_human(source['retrieved'])}")
    return ", ".join(parts)


def _iso_to_human(value: str) -> str:
    import datetime as dt

    return human_date(dt.date.fromisoformat(value))
