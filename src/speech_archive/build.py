"""The whole build, in order. Read this file first.

    archive = load_archive(root)                   # load/: read and validate every file
    annotated = annotate_archive(archive)          # annotate/: each pass over each speech
    files = render_site(archive, annotated, ...)   # pages/: the text of every generated file

The MkDocs plugin (plugin.py) calls these three from its events and registers each
file with its text; MkDocs and Material then convert the pages, and output/ tunes the
search index and zips the written site. ``speech-archive check`` runs the first two.
"""

from __future__ import annotations

from collections.abc import Callable

from .annotate.blocks import Block, join_blocks, split_blocks
from .annotate.glossary import add_glossary_notes
from .annotate.paragraphs import keep_line_breaks, number_paragraphs
from .annotate.saying_callouts import fill_saying_notes, mark_sayings
from .cache import ContentCache, cached
from .model import AnnotatedSpeech, Archive, Findings, Speech
from .pages import render_annotation_indexes, render_archive_indexes
from .pages.home import fill_home_page, render_home_summary
from .pages.neighbours import find_neighbours, render_speech_footer
from .pages.sayings import collect_sayings, other_speeches_lines
from .pages.speech import render_speech_page
from .timings import NO_TIMER, StepTimer
from .urls import HOME_PAGE, speech_page_path

# A pass takes the speech's blocks and returns them annotated, with what it found.
AnnotationPass = Callable[[list[Block], Speech, Archive], tuple[list[Block], Findings]]

# Run order matters: later passes see what earlier ones added as protected markup.
# A pass reads only its speech and the vocabularies (themes, catalogues), never other
# speeches: `mkdocs serve` reuses a speech's annotation while neither has changed.
ANNOTATION_PASSES: list[AnnotationPass] = [
    number_paragraphs,  # anchors come from the source's paragraphs, before anything is added
    mark_sayings,  # notes follow their paragraph; saying links are then protected from later passes
    add_glossary_notes,  # after paragraph/saying links exist: no footnote lands in one
    keep_line_breaks,  # last: hard breaks must not split a mention the passes above look for
]


def annotate_speech(
    speech: Speech, archive: Archive, timer: StepTimer = NO_TIMER
) -> AnnotatedSpeech:
    blocks = split_blocks(speech.body)
    findings = Findings()
    for annotation_pass in ANNOTATION_PASSES:
        with timer.measure(f"annotate.{annotation_pass.__name__}"):
            blocks, found = annotation_pass(blocks, speech, archive)
        findings.update(found)
    return AnnotatedSpeech(speech, join_blocks(blocks), findings)


def annotate_archive(
    archive: Archive, cache: ContentCache | None = None, timer: StepTimer = NO_TIMER
) -> list[AnnotatedSpeech]:
    """Every speech annotated, in archive order.

    With a cache (`mkdocs serve`), an unchanged speech keeps its last annotation. One
    process: a pool of them saved under 3 % of a build at 1,000 speeches (bench/README.md).
    """
    return [
        cached(
            cache,
            ("annotated", speech.path, speech.content_hash, archive.vocabulary_hash),
            lambda: annotate_speech(speech, archive, timer),  # noqa: B023 (called at once)
        )
        for speech in archive.speeches
    ]


def render_site(
    archive: Archive,
    annotated: list[AnnotatedSpeech],
    site_name: str = "Speech Archive",
    site_url: str | None = None,
    home_page: str | None = None,
    cache: ContentCache | None = None,
) -> dict[str, str]:
    """Every generated file's text by docs-relative path: speech pages, index pages, data.

    ``home_page`` is the hand-written home page's Markdown: it comes back as HOME_PAGE,
    with the archive's figures and latest speeches at its marker line.
    """
    neighbours = find_neighbours(archive)  # previous/next/related for every speech, in one pass
    sayings = collect_sayings(archive, annotated)  # every use of every saying, in one pass

    def speech_page(item: AnnotatedSpeech) -> str:
        speech = item.speech
        footer = render_speech_footer(speech, neighbours[speech.slug], archive)
        # The other speeches quoting its sayings, for the saying notes the pass left open.
        others = other_speeches_lines(sayings, speech)
        # Under `serve`, an unchanged speech with unchanged neighbours, and whose sayings
        # no other speech has started or stopped quoting, keeps its page text.
        key = (
            "page",
            speech.path,
            speech.content_hash,
            archive.vocabulary_hash,
            footer,
            site_url,
            tuple(sorted(others.items())),
        )
        return cached(
            cache,
            key,
            lambda: render_speech_page(
                speech, archive, fill_saying_notes(item.markdown, others), footer, site_url
            ),
        )

    files = {speech_page_path(item.speech): speech_page(item) for item in annotated}
    files.update(render_archive_indexes(archive, site_name, site_url))
    files.update(render_annotation_indexes(archive, annotated))
    if home_page is not None:
        summary = render_home_summary(archive, annotated, files)
        files[HOME_PAGE] = fill_home_page(home_page, summary)
    return files
