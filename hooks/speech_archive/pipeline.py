"""The whole build, in order: load and validate -> annotate each speech -> emit pages and data.

This is the file to read first. ``build_site_files`` returns every generated file
by its path in the site; the MkDocs hook only registers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .annotate.blocks import Block, join_blocks, split_blocks
from .annotate.glossary import add_glossary_notes
from .annotate.paragraphs import number_paragraphs
from .index_pages import render_index_pages
from .indexes.glossary import render_glossary_page
from .model import Archive, Speech
from .speech_page import render_speech_page

# A pass takes the speech's blocks and returns them annotated, with what it found.
AnnotationPass = Callable[[list[Block], Speech, Archive], tuple[list[Block], dict]]

# Run order matters: later passes see what earlier ones added as protected markup.
ANNOTATION_PASSES: list[AnnotationPass] = [
    number_paragraphs,  # anchors come from the source's paragraphs, before anything is added
    add_glossary_notes,  # after paragraph/saying links exist: they are protected, so no footnote lands in one
]


@dataclass
class AnnotatedSpeech:
    speech: Speech
    markdown: str  # the annotated body
    findings: dict = field(default_factory=dict)  # merged findings of all passes


def annotate_speech(speech: Speech, archive: Archive) -> AnnotatedSpeech:
    blocks = split_blocks(speech.body)
    findings: dict = {}
    for annotation_pass in ANNOTATION_PASSES:
        blocks, found = annotation_pass(blocks, speech, archive)
        findings.update(found)
    return AnnotatedSpeech(speech, join_blocks(blocks), findings)


def build_site_files(archive: Archive) -> dict[str, str]:
    """Every generated file of the site by its docs-relative path: pages and data."""
    annotated = [annotate_speech(speech, archive) for speech in archive.speeches]
    files: dict[str, str] = {}
    for item in annotated:
        files[f"speeches/{item.speech.slug}.md"] = render_speech_page(item.speech, archive, item.markdown)
    files.update(render_index_pages(archive, annotated))
    files.update(render_glossary_page(archive, annotated))
    return files
