"""The whole build, in order: load and validate -> annotate each speech -> emit pages and data.

This is the file to read first. ``build_site_files`` returns every generated file
by its path in the site; the MkDocs hook only registers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .annotate.blocks import Block, join_blocks, split_blocks
from .annotate.glossary import add_glossary_notes
from .annotate.paragraphs import keep_line_breaks, number_paragraphs
from .annotate.saying_callouts import mark_sayings
from .cache import ContentCache, cached
from .indexes import render_data_files, render_index_pages
from .indexes.glossary import render_glossary_page
from .indexes.home import HOME_PAGE, fill_home_page, render_home_summary
from .indexes.neighbours import find_neighbours, render_speech_footer
from .indexes.proverbs import render_proverbs_page
from .model import Archive, Speech
from .parallel import MIN_ITEMS, can_fork, map_in_processes
from .speech_page import render_speech_page
from .timings import NO_TIMER, StepTimer

# A pass takes the speech's blocks and returns them annotated, with what it found.
AnnotationPass = Callable[[list[Block], Speech, Archive], tuple[list[Block], dict]]

# Run order matters: later passes see what earlier ones added as protected markup.
# A pass reads only its speech and the vocabularies (themes, catalogues), never other
# speeches: `mkdocs serve` reuses a speech's annotation while neither has changed.
ANNOTATION_PASSES: list[AnnotationPass] = [
    number_paragraphs,  # anchors come from the source's paragraphs, before anything is added
    mark_sayings,  # callouts cite Block.number; saying links are then protected from later passes
    add_glossary_notes,  # after paragraph/saying links exist: they are protected, so no footnote lands in one
    keep_line_breaks,  # last: hard breaks must not split a mention the passes above look for
]


@dataclass
class AnnotatedSpeech:
    speech: Speech
    markdown: str  # the annotated body
    findings: dict = field(default_factory=dict)  # merged findings of all passes


def annotate_speech(
    speech: Speech, archive: Archive, timer: StepTimer = NO_TIMER
) -> AnnotatedSpeech:
    blocks = split_blocks(speech.body)
    findings: dict = {}
    for annotation_pass in ANNOTATION_PASSES:
        with timer.measure(f"annotate.{annotation_pass.__name__}"):
            blocks, found = annotation_pass(blocks, speech, archive)
        findings.update(found)
    return AnnotatedSpeech(speech, join_blocks(blocks), findings)


def annotate_archive(
    archive: Archive,
    cache: ContentCache | None = None,
    timer: StepTimer = NO_TIMER,
    workers: int = 1,
) -> list[AnnotatedSpeech]:
    """Every speech annotated; with a cache, an unchanged speech reuses its last result.

    With ``workers`` > 1 and many speeches to annotate, they are annotated in that many
    processes (passes are pure); the result is the same, in the same order.
    """
    def key(speech: Speech) -> tuple:
        return ("annotated", speech.path, speech.content_hash, archive.vocabulary_hash)

    todo = [speech for speech in archive.speeches if cache is None or key(speech) not in cache]
    done: dict[str, AnnotatedSpeech] = {}
    if workers > 1 and len(todo) >= MIN_ITEMS and can_fork():
        with timer.measure("annotate (in processes)"):
            done = _annotate_in_processes(todo, archive, timer, workers)
    # Each lambda is called at once, in its own iteration.
    return [
        cached(cache, key(speech), lambda: done.pop(speech.path, None)  # noqa: B023
               or annotate_speech(speech, archive, timer))  # noqa: B023
        for speech in archive.speeches
    ]


def _annotate_in_processes(
    speeches: list[Speech], archive: Archive, timer: StepTimer, workers: int
) -> dict[str, AnnotatedSpeech]:
    def annotate(index: int) -> tuple[str, dict, dict[str, float]]:
        pass_timer = StepTimer()  # each worker's seconds per pass, added up below
        item = annotate_speech(speeches[index], archive, pass_timer)
        return item.markdown, item.findings, pass_timer.seconds

    done = {}
    results = map_in_processes(annotate, len(speeches), workers)
    for speech, (markdown, findings, seconds) in zip(speeches, results):
        done[speech.path] = AnnotatedSpeech(speech, markdown, findings)
        for step, spent in seconds.items():
            timer.add(step, spent)  # CPU of all workers together, not wall time
    return done


def build_site_files(
    archive: Archive, site_name: str = "Speech Archive", site_url: str | None = None, home_page: str | None = None,
    cache: ContentCache | None = None, timer: StepTimer = NO_TIMER, workers: int = 1,
) -> dict[str, str]:
    """Every generated file of the site by its docs-relative path: pages and data.

    ``home_page`` is the hand-written home page's Markdown: it comes back as HOME_PAGE,
    with the archive's figures and latest speeches at its marker line.
    """
    annotated = annotate_archive(archive, cache, timer, workers)
    neighbours = find_neighbours(archive)  # previous/next/related for every speech, in one pass
    files: dict[str, str] = {}
    for item in annotated:
        speech = item.speech
        footer = render_speech_footer(speech, neighbours[speech.slug], archive)
        # Under `serve`, an unchanged speech with unchanged neighbours keeps its page text.
        page_key = ("page", speech.path, speech.content_hash, archive.vocabulary_hash, footer)
        files[f"speeches/{speech.slug}.md"] = cached(
            cache, page_key, lambda: render_speech_page(speech, archive, item.markdown, footer)  # noqa: B023
        )
    files.update(render_index_pages(archive, annotated))
    files.update(render_glossary_page(archive, annotated))
    files.update(render_proverbs_page(archive, annotated))
    files.update(render_data_files(archive, annotated, site_name, site_url))
    # Keep this last: the home page links only the indexes generated above.
    if home_page is not None:
        files[HOME_PAGE] = fill_home_page(home_page, render_home_summary(archive, annotated, files))
    return files
