"""The sayings pass: highlight each found saying where it stands, and add a note beside it.

The note holds only what the text does not already say: the origin when the words before
the saying do not name it, the original wording (with its language), the source or the
passage cited, the meaning, and the other speeches that quote it. The pass reads one
speech, so that last part is a placeholder line that build.render_site fills from the
whole archive's findings (fill_saying_notes); a saying with nothing to add gets no note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..escape import escape_html, escape_markdown
from ..markup import (
    NOT_QUOTED_CLASS,
    SAYING_CLASS,
    SAYING_NOTE_CLASS,
    SAYING_NOTE_SUMMARY,
    SAYING_ORIGINAL_CLASS,
)
from ..model import Archive, CatalogueSaying, Findings, SayingFinding, Speech
from ..urls import saying_link
from .blocks import ADDED, PARAGRAPH, Block, prose_spans
from .saying_catalogue import build_catalogue_index, normal_words
from .sayings import Corrections, FoundSaying, detect_sayings, reference_index


def _linkable(words: str) -> bool:
    # Brackets would end the link text early, a trailing backslash would escape its end,
    # and an odd emphasis mark would pair with one outside the link: leave those unlinked.
    return (
        words.strip() != ""
        and not any(ch in words for ch in "[]")
        and not words.endswith("\\")
        and all(words.count(mark) % 2 == 0 for mark in ("*", "_", "`"))
    )


def highlight_sayings(text: str, found: list[FoundSaying]) -> str:
    """Wrap each saying's words in a link to its index entry; the words themselves stay as they are."""
    spans = prose_spans(text)
    pieces: list[tuple[int, int, str]] = []
    for saying in found:
        for start, end in saying.pieces:
            for span_start, span_end in spans:
                first, last = max(start, span_start), min(end, span_end)
                while first < last and text[first].isspace():
                    first += 1
                while last > first and text[last - 1].isspace():
                    last -= 1
                if first < last and _linkable(text[first:last]):
                    pieces.append((first, last, saying.id))
    out, position = [], 0
    for start, end, saying_id in sorted(pieces):
        if start < position:
            continue  # overlapping pieces: the first one wins
        out.append(text[position:start])
        out.append(f"[{text[start:end]}]({saying_link(saying_id)}){{ .{SAYING_CLASS} }}")
        position = end
    out.append(text[position:])
    return "".join(out)


# Placeholders the pass leaves for build.render_site, which alone sees every speech.
# U+001F cannot come from a contributor (the loader refuses control characters), so no
# speech text is ever taken for one.
_USES = "\x1fsaying-uses {}\x1f"  # inside a note: the other speeches quoting the saying
_NOTE = "\x1fsaying-note {}\x1f"  # a whole note, only if other speeches quote the saying
# Starting only at the first of a run of line breaks keeps a search linear on many of them.
_PLACEHOLDER = re.compile("(?<!\n)\n*\x1fsaying-(uses|note) ([^\x1f]*)\x1f")


def origin_already_said(origin: str, paragraph: str, saying: FoundSaying) -> bool:
    """Whether the text names the origin itself ("As a Chinese saying goes", "..., the proverb
    says"): every word of the origin stands in the paragraph outside the saying's words,
    or in the cue (which may close the paragraph before)."""
    outside, position = [], 0
    for start, end in saying.pieces:
        outside.append(paragraph[position:start])
        position = end
    outside.append(paragraph[position:])
    said = set(normal_words(" ".join([*outside, saying.cue or ""])))
    wanted = normal_words(origin)
    # A bare "Saying" tells a reader nothing the highlight does not.
    return not wanted or wanted == ("saying",) or all(word in said for word in wanted)


def original_html(entry: CatalogueSaying) -> str:
    """The saying's original wording as inline HTML, in its language (the catalogue's
    original_language) so browsers pick its fonts and screen readers its voice."""
    assert entry.original is not None
    lang = f' lang="{escape_html(entry.original_language)}"' if entry.original_language else ""
    # Only the tags are raw HTML: Python-Markdown still reads the text between them.
    return f'<span class="{SAYING_ORIGINAL_CLASS}"{lang}>{escape_markdown(entry.original)}</span>'


def note_lines(saying: FoundSaying, paragraph: str) -> list[str]:
    """The note's own lines (Markdown), from the catalogue and the citation: [] if it adds nothing."""
    lines = []
    if not origin_already_said(saying.origin, paragraph, saying):
        lines.append(f"*{escape_markdown(saying.origin)}*")
    entry = saying.saying
    # A speech that quotes the original itself (古人云 ...) already shows it.
    if (
        entry
        and entry.original
        and "".join(entry.original.split()) not in "".join(paragraph.split())
    ):
        lines.append(f"*Original:* {original_html(entry)}")
    source = (entry and entry.source) or saying.citation
    if source:
        lines.append(f"*Source:* {escape_markdown(source)}")
    if entry and entry.meaning:
        lines.append(f"*Meaning:* {escape_markdown(entry.meaning)}")
    return lines


def render_note(lines: list[str]) -> str:
    """An <aside> holding ``lines``, each a paragraph: beside the text on a wide screen, a
    collapsed <details> on a phone (archive.css, "Sayings"); never part of a copied quote."""
    out = [
        f'<aside class="{SAYING_NOTE_CLASS} {NOT_QUOTED_CLASS}" markdown>',
        "<details markdown>",
        f"<summary>{SAYING_NOTE_SUMMARY}</summary>",
        "",
    ]
    for line in lines:
        out += [line, ""]
    return "\n".join([*out, "</details>", "</aside>"])


def fill_saying_notes(markdown: str, others: Mapping[str, str]) -> str:
    """Put in each note the line naming the other speeches that quote its saying
    (``others``: saying id -> that line, absent when no other speech quotes it)."""

    def fill(match: re.Match[str]) -> str:
        kind, saying_id = match.group(1), match.group(2)
        line = others.get(saying_id)
        if line is None:
            return ""
        return "\n\n" + (line if kind == "uses" else render_note([line]))

    return _PLACEHOLDER.sub(fill, markdown)


def mark_sayings(
    blocks: list[Block], speech: Speech, archive: Archive
) -> tuple[list[Block], Findings]:
    index = build_catalogue_index(archive.sayings)
    references = reference_index(archive)
    corrections = Corrections(speech.sayings_add, speech.sayings_ignore)
    out: list[Block] = []
    findings: list[SayingFinding] = []
    lead_in = ""  # the paragraph just before: its closing cue may introduce this one's quotation
    for block in blocks:
        found = (
            detect_sayings(block.text, index, corrections, references, lead_in, speech.speaker)
            if block.kind == PARAGRAPH
            else []
        )
        lead_in = block.text if block.kind == PARAGRAPH else ""
        if not found:
            out.append(block)
            continue
        assert block.number is not None  # a paragraph: split_blocks numbered it
        out.append(block.with_text(highlight_sayings(block.text, found)))
        explained: set[str] = set()
        for saying in found:
            if saying.id in explained:
                continue  # quoted twice in one paragraph: both highlighted, one note
            explained.add(saying.id)
            lines = note_lines(saying, block.text)
            note = render_note([*lines, _USES.format(saying.id)]) if lines else None
            out.append(Block(note or _NOTE.format(saying.id), ADDED))
            finding: SayingFinding = {
                "id": saying.id,
                "text": saying.text,
                "origin": saying.origin,
                "paragraph": block.number,
                "catalogued": saying.catalogued,
            }
            if saying.citation:
                finding["citation"] = saying.citation
            findings.append(finding)
    return out, {"sayings": findings}
