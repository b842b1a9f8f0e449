"""The sayings index (urls.SAYINGS_INDEX): every saying found in the archive, grouped by origin.

Each saying's anchor is its id (the catalogue id, or a slug of its text), which the
highlighted sayings on speech pages link to. Collect (one pass over the findings), then render.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..annotate.saying_callouts import original_html
from ..escape import escape_markdown
from ..markup import ORIGIN_ANCHOR_PREFIX, paragraph_anchor, paragraph_label
from ..model import AnnotatedSpeech, Archive, CatalogueSaying, Speech
from ..text import anchor_id, human_date
from ..urls import SAYINGS_INDEX, link_from, saying_link, speech_page_path
from .listing import plural
from .speech import page_front_matter


@dataclass
class IndexedSaying:
    id: str
    text: str
    origin: str
    entry: CatalogueSaying | None
    citation: str | None = None  # the reference passage it quotes, when one was found ("Micah 6:8")
    uses: dict[str, tuple[Speech, list[int]]] = field(
        default_factory=dict
    )  # slug -> speech, paragraphs


def collect_sayings(
    archive: Archive, annotated: Iterable[AnnotatedSpeech]
) -> dict[str, IndexedSaying]:
    """Saying id -> the saying and every paragraph that quotes it, in one pass over the findings."""
    catalogue = {saying.id: saying for saying in archive.sayings}
    found: dict[str, IndexedSaying] = {}
    for item in annotated:
        for use in item.findings.get("sayings", ()):
            entry = catalogue.get(use["id"])
            saying = found.setdefault(
                use["id"],
                IndexedSaying(
                    use["id"],
                    entry.text if entry else use["text"],
                    entry.origin if entry else use["origin"],
                    entry,
                ),
            )
            saying.citation = saying.citation or use.get("citation")
            saying.uses.setdefault(item.speech.slug, (item.speech, []))[1].append(use["paragraph"])
    return found


# A saying note names at most this many other speeches; the index entry lists them all.
MAX_OTHER_SPEECHES = 5


def _newest_first(uses: Iterable[tuple[Speech, list[int]]]) -> list[tuple[Speech, list[int]]]:
    return sorted(uses, key=lambda u: (u[0].date, u[0].slug), reverse=True)


def other_speeches_lines(sayings: dict[str, IndexedSaying], speech: Speech) -> dict[str, str]:
    """For each saying ``speech`` quotes that other speeches quote too, its note's line
    linking them (newest first), by saying id: the part of a saying note only the whole
    archive knows (annotate/saying_callouts.fill_saying_notes puts it in)."""
    page = speech_page_path(speech)
    lines = {}
    for saying in sayings.values():
        if speech.slug not in saying.uses:
            continue
        others = _newest_first(u for slug, u in saying.uses.items() if slug != speech.slug)
        if not others:
            continue
        links = [
            f"[{escape_markdown(other.title)}]({link_from(page, speech_page_path(other))}"
            f"#{paragraph_anchor(paragraphs[0])}) ({other.year})"
            for other, paragraphs in others[:MAX_OTHER_SPEECHES]
        ]
        if len(others) > MAX_OTHER_SPEECHES:
            more = len(others) - MAX_OTHER_SPEECHES
            links.append(
                f"[{plural(more, 'more speech', 'more speeches')}]({saying_link(saying.id)})"
            )
        lines[saying.id] = "*Also quoted in:* " + " · ".join(links)
    return lines


def _origin_anchor(origin: str) -> str:
    # Prefixed so an origin heading never takes a saying's anchor.
    return ORIGIN_ANCHOR_PREFIX + anchor_id(origin)


def render_saying(saying: IndexedSaying) -> list[str]:
    lines = [f"### “{escape_markdown(saying.text)}” {{ #{saying.id} }}", ""]
    entry = saying.entry
    if entry and entry.original:
        lines += [f"*Original:* {original_html(entry)}", ""]
    for label, value in (
        ("Source", (entry and entry.source) or saying.citation),
        ("Meaning", entry and entry.meaning),
    ):
        if value:
            lines += [f"*{label}:* {escape_markdown(value)}", ""]
    lines += [f"Quoted in {plural(len(saying.uses), 'speech', 'speeches')}:", ""]
    for speech, paragraphs in _newest_first(saying.uses.values()):
        page = link_from(SAYINGS_INDEX, speech_page_path(speech))
        places = ", ".join(
            f"[{paragraph_label(n)}]({page}#{paragraph_anchor(n)})" for n in paragraphs
        )
        lines.append(
            f"- [{escape_markdown(speech.title)}]({page}) — {human_date(speech.date)} — {places}"
        )
    return [*lines, ""]


def render_sayings_page(archive: Archive, annotated: Iterable[AnnotatedSpeech]) -> dict[str, str]:
    sayings = collect_sayings(archive, annotated)
    summary = (
        f"{plural(len(sayings), 'saying')} quoted in the archive's speeches, "
        "with their origin, meaning and every place they are quoted."
    )
    lines = [page_front_matter({"title": "Sayings", "description": summary}) + "# Sayings", ""]
    if not sayings:
        lines.append(
            "No speech quotes a saying yet. Known sayings are listed in speeches/sayings.yml."
        )
        return {SAYINGS_INDEX: "\n".join(lines) + "\n"}
    origins: dict[str, list[IndexedSaying]] = {}
    for saying in sorted(sayings.values(), key=lambda s: (s.text.casefold(), s.id)):
        origins.setdefault(saying.origin, []).append(saying)
    lines += [
        f"{plural(len(sayings), 'saying')} quoted in the speeches, grouped by origin, with every "
        "paragraph that quotes them.",
        "",
        " · ".join(
            f"[{escape_markdown(o)}](#{_origin_anchor(o)})"
            for o in sorted(origins, key=str.casefold)
        ),
        "",
    ]
    for origin in sorted(origins, key=str.casefold):
        lines += [f"## {escape_markdown(origin)} {{ #{_origin_anchor(origin)} }}", ""]
        for saying in origins[origin]:
            lines += render_saying(saying)
    return {SAYINGS_INDEX: "\n".join(lines)}
