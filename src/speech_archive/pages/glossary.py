"""The glossary page (glossary/index.md): every term, A to Z, and the speeches that mention it.

Each term's anchor is its slug, so other pages can link to ``glossary/index.md#<slug>``.
Collect (one pass over the speeches' findings), then render.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ..escape import escape_markdown, html_link
from ..markup import LETTER_ANCHOR_PREFIX
from ..model import AnnotatedSpeech, Archive, GlossaryTerm, Speech
from ..text import human_date
from ..urls import GLOSSARY_INDEX, link_from, speech_page_path
from .listing import plural
from .speech import page_front_matter


def speeches_by_term(annotated: Iterable[AnnotatedSpeech]) -> dict[str, list[Speech]]:
    """Term -> the speeches that mention it, newest first (from the glossary pass's findings)."""
    groups: dict[str, list[Speech]] = {}
    for item in annotated:
        for term in item.findings.get("terms", ()):
            groups.setdefault(term, []).append(item.speech)
    return {
        term: sorted(speeches, key=lambda s: (s.date, s.slug), reverse=True)
        for term, speeches in groups.items()
    }


def sort_key(term: GlossaryTerm) -> str:
    """Alphabetical regardless of case and accents ('Élysée' files under E)."""
    decomposed = unicodedata.normalize("NFKD", term.term)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _letter(term: GlossaryTerm) -> str:
    first = sort_key(term)[:1].upper()
    return first if first.isalpha() else "0–9" if first.isdigit() else "#"


def _letter_anchor(letter: str) -> str:
    # Never a term's slug: a term may be called "A", so the heading "A" cannot take #a.
    special = {"0–9": "digits", "#": "other"}
    return LETTER_ANCHOR_PREFIX + special.get(letter, letter.lower())


def render_term(term: GlossaryTerm, speeches: list[Speech]) -> list[str]:
    heading = escape_markdown(term.term)
    if term.abbreviation:
        heading += f" ({escape_markdown(term.abbreviation)})"
    lines = [f"### {heading} {{ #{term.slug} }}", "", escape_markdown(term.definition), ""]
    if term.aliases:
        lines += ["Also: " + ", ".join(escape_markdown(alias) for alias in term.aliases), ""]
    if term.url:
        lines += [f"Read more: {html_link(term.url, escape_markdown(term.url))}", ""]
    if speeches:
        lines += ["Mentioned in:", ""]
        lines += [
            f"- [{escape_markdown(s.title)}]({link_from(GLOSSARY_INDEX, speech_page_path(s))})"
            f" — {human_date(s.date)}"
            for s in speeches
        ]
    else:
        lines.append("Not mentioned in any speech yet.")
    return [*lines, ""]


def render_glossary_page(archive: Archive, annotated: Iterable[AnnotatedSpeech]) -> dict[str, str]:
    mentions = speeches_by_term(annotated)
    terms = sorted(archive.glossary, key=sort_key)
    summary = (
        f"{plural(len(terms), 'term')} the archive's speeches use, "
        "with what they mean and where they are mentioned."
    )
    lines = [page_front_matter({"title": "Glossary", "description": summary}) + "# Glossary", ""]
    if not terms:
        lines.append("The glossary is empty: terms are defined in speeches/glossary.yml.")
        return {GLOSSARY_INDEX: "\n".join(lines) + "\n"}
    lines += [
        f"{len(terms)} terms the speeches use, with what they mean and where they are mentioned. "
        "In a speech, the first mention of a term has a footnote, and abbreviations show "
        "their full name when you hover over them.",
        "",
    ]
    letters: dict[str, list[GlossaryTerm]] = {}
    for term in terms:
        letters.setdefault(_letter(term), []).append(term)
    lines += [" · ".join(f"[{letter}](#{_letter_anchor(letter)})" for letter in letters), ""]
    for letter, group in letters.items():
        lines += [f"## {letter} {{ #{_letter_anchor(letter)} }}", ""]
        for term in group:
            lines += render_term(term, mentions.get(term.term, []))
    return {GLOSSARY_INDEX: "\n".join(lines)}
