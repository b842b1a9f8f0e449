"""The whole build, in order: load and validate -> annotate each speech -> emit pages and data.

This is the file to read first. ``SiteFiles`` is the whole site the hooks add: every
generated file's path at once, each file's text when asked, while the speeches are
annotated (ahead, in other processes, on a large archive). The MkDocs hook registers
the paths and asks for each page as MkDocs reads it; ``build_site_files`` gives
everything at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .annotate.blocks import Block, join_blocks, split_blocks
from .annotate.glossary import add_glossary_notes
from .annotate.paragraphs import keep_line_breaks, number_paragraphs
from .annotate.saying_callouts import mark_sayings
from .annotate.sayings import reference_index
from .cache import ContentCache, cached
from .model import Archive, Speech
from .pages import annotation_index_paths, render_annotation_indexes, render_archive_indexes
from .pages.home import fill_home_page, render_home_summary
from .pages.neighbours import find_neighbours, render_speech_footer
from .pages.speech import render_speech_page
from .parallel import MIN_ITEMS, ProcessStream, can_fork
from .timings import NO_TIMER, StepTimer
from .urls import HOME_PAGE, speech_page_path

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


WAITING_FOR_PROCESSES = "annotate (in processes)"  # a step of the timer: what the build waited for


class AnnotationStream:
    """The archive's speeches annotated, one by one in archive order, by iterating.

    With ``processes`` and enough speeches, they are annotated ahead in that many forked
    processes, started at once: the caller does other work meanwhile (MkDocs converts
    the pages of speeches already annotated) and waits only for a speech not yet done.
    With a cache, an unchanged speech reuses its last result.
    """

    def __init__(
        self,
        archive: Archive,
        cache: ContentCache | None = None,
        timer: StepTimer = NO_TIMER,
        processes: int = 0,
    ):
        self.archive, self.cache, self.timer = archive, cache, timer
        todo = [
            speech for speech in archive.speeches if cache is None or self._key(speech) not in cache
        ]
        self._todo_paths = {speech.path for speech in todo}
        self._processes: ProcessStream | None = None
        if processes > 0 and len(todo) >= MIN_ITEMS and can_fork():
            with timer.measure("index reference works"):
                reference_index(archive)  # built once here, inherited by every forked process

            def annotate(index: int) -> tuple[str, dict, dict[str, float]]:
                pass_timer = StepTimer()  # each process's seconds per pass, added up below
                item = annotate_speech(todo[index], archive, pass_timer)
                return item.markdown, item.findings, pass_timer.seconds

            # Small chunks: the first speeches come back soon, while the build is still reading.
            self._processes = ProcessStream(annotate, len(todo), processes, chunk=8)
            self._ahead = iter(self._processes)

    def _key(self, speech: Speech) -> tuple:
        return ("annotated", speech.path, speech.content_hash, self.archive.vocabulary_hash)

    def __iter__(self) -> Iterator[AnnotatedSpeech]:
        for speech in self.archive.speeches:
            yield cached(self.cache, self._key(speech), lambda: self._annotate(speech))  # noqa: B023

    def _annotate(self, speech: Speech) -> AnnotatedSpeech:
        if self._processes is None or speech.path not in self._todo_paths:
            return annotate_speech(speech, self.archive, self.timer)
        with self.timer.measure(WAITING_FOR_PROCESSES):  # the time the build waited, not the work
            markdown, findings, seconds = next(self._ahead)
        self._todo_paths.discard(speech.path)
        if not self._todo_paths:
            self.close()  # every result is in: the processes can go
        for step, spent in seconds.items():
            self.timer.add(step, spent)  # CPU of all processes together, not wall time
        return AnnotatedSpeech(speech, markdown, findings)

    def close(self) -> None:
        """Stop the processes: all is done, or the build failed."""
        if self._processes is not None:
            self._processes.close()


def annotate_archive(
    archive: Archive,
    cache: ContentCache | None = None,
    timer: StepTimer = NO_TIMER,
    workers: int = 1,
) -> list[AnnotatedSpeech]:
    """Every speech annotated, in archive order; with ``workers`` > 1, in that many processes."""
    return list(AnnotationStream(archive, cache, timer, processes=workers if workers > 1 else 0))


class SiteFiles:
    """Every file the hooks add to the site, by docs-relative path: all paths at once, each text when asked.

    A speech page needs only its own speech annotated, and the indexes of years, venues
    and themes only the archive: asked for in archive order, speech pages follow the
    annotation as it goes. The pages listing what annotation found (each theme's
    sayings, the glossary, the sayings, speeches.json) and the home page's figures need
    every speech: the first of them asked for waits for all.
    """

    def __init__(
        self,
        archive: Archive,
        site_name: str = "Speech Archive",
        site_url: str | None = None,
        cache: ContentCache | None = None,
        timer: StepTimer = NO_TIMER,
        processes: int = 0,
    ):
        self.archive, self.cache, self.timer = archive, cache, timer
        self._stream = AnnotationStream(archive, cache, timer, processes)
        self._annotating = iter(self._stream)
        self._annotated: dict[str, AnnotatedSpeech] = {}  # by speech path, as they come
        self._neighbours = find_neighbours(
            archive
        )  # previous/next/related for every speech, in one pass
        self._speeches = {speech_page_path(speech): speech for speech in archive.speeches}
        with timer.measure("generate"):
            self._ready = render_archive_indexes(archive, site_name, site_url)
        self._needing_all = annotation_index_paths(archive)
        self.paths = [*self._speeches, *self._ready, *self._needing_all]

    def text(self, path: str) -> str:
        """The text of the file at ``path`` (one of ``paths``), once what it lists is annotated."""
        if path in self._speeches:
            return self._speech_page(self._speeches[path])
        if path in self._ready:
            return self._ready[path]
        if path in self._needing_all:
            self._ready.update(self._render_annotation_indexes())
            return self._ready[path]
        raise KeyError(path)

    def home_page(self, hand_written: str) -> str:
        """The hand-written home page, with the archive's figures and latest speeches at its marker line."""
        summary = render_home_summary(self.archive, self._all_annotated(), self.paths)
        return fill_home_page(hand_written, summary)

    def all(self) -> dict[str, str]:
        return {path: self.text(path) for path in self.paths}

    def close(self) -> None:
        self._stream.close()

    def _annotation_of(self, speech: Speech) -> AnnotatedSpeech:
        while speech.path not in self._annotated:
            item = next(self._annotating)
            self._annotated[item.speech.path] = item
        return self._annotated[speech.path]

    def _all_annotated(self) -> list[AnnotatedSpeech]:
        return [self._annotation_of(speech) for speech in self.archive.speeches]

    def _speech_page(self, speech: Speech) -> str:
        item = self._annotation_of(speech)
        with self.timer.measure("generate"):
            footer = render_speech_footer(speech, self._neighbours[speech.slug], self.archive)
            # Under `serve`, an unchanged speech with unchanged neighbours keeps its page text.
            page_key = (
                "page",
                speech.path,
                speech.content_hash,
                self.archive.vocabulary_hash,
                footer,
            )
            return cached(
                self.cache,
                page_key,
                lambda: render_speech_page(speech, self.archive, item.markdown, footer),
            )

    def _render_annotation_indexes(self) -> dict[str, str]:
        annotated = self._all_annotated()
        with self.timer.measure("generate"):
            pages = render_annotation_indexes(self.archive, annotated)
        if (
            list(pages) != self._needing_all
        ):  # a new index must say its paths in annotation_index_paths
            raise RuntimeError(
                f"index paths changed after annotation: {sorted(set(pages) ^ set(self._needing_all))}"
            )
        return pages


def build_site_files(
    archive: Archive,
    site_name: str = "Speech Archive",
    site_url: str | None = None,
    home_page: str | None = None,
    cache: ContentCache | None = None,
    timer: StepTimer = NO_TIMER,
    workers: int = 1,
) -> dict[str, str]:
    """Every generated file of the site at once (SiteFiles, for callers that need no streaming).

    ``home_page`` is the hand-written home page's Markdown: it comes back as HOME_PAGE,
    with the archive's figures and latest speeches at its marker line.
    """
    site = SiteFiles(
        archive, site_name, site_url, cache, timer, processes=workers if workers > 1 else 0
    )
    files = site.all()
    if home_page is not None:
        files[HOME_PAGE] = site.home_page(home_page)
    return files
