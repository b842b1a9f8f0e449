"""The sayings pass: highlight each found saying where it stands, and add a callout after its paragraph."""

from __future__ import annotations

from ..escape import escape_markdown
from ..markup import CALLOUT_CLASS, CALLOUT_LINK_LABEL, CALLOUT_TYPE, SAYING_CLASS
from ..model import Archive, Findings, SayingFinding, Speech
from ..urls import saying_link
from .blocks import ADDED, PARAGRAPH, Block, prose_spans
from .saying_catalogue import build_catalogue_index
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


def render_callout(saying: FoundSaying) -> str:
    """A Material admonition: the saying, its original, source and meaning, and a link."""
    # escape_markdown turns '"' into an entity, so the title's own quotes stay intact.
    lines = [f'!!! {CALLOUT_TYPE} {CALLOUT_CLASS} "{escape_markdown(saying.origin)}"', ""]
    paragraphs = [f"“{escape_markdown(saying.text)}”"]
    entry = saying.saying
    if entry and entry.original:
        paragraphs.append(f"*Original:* {escape_markdown(entry.original)}")
    if entry and entry.source:
        paragraphs.append(f"*Source:* {escape_markdown(entry.source)}")
    elif saying.citation:
        paragraphs.append(f"*Source:* {escape_markdown(saying.citation)}")
    if entry and entry.meaning:
        paragraphs.append(f"*Meaning:* {escape_markdown(entry.meaning)}")
    paragraphs.append(f"[{CALLOUT_LINK_LABEL}]({saying_link(saying.id)})")
    for paragraph in paragraphs:
        lines += [f"    {paragraph}", ""]
    return "\n".join(lines).rstrip("\n")


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
                continue  # quoted twice in one paragraph: both highlighted, one callout
            explained.add(saying.id)
            out.append(Block(render_callout(saying), ADDED))
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
