"""MkDocs hooks: thin glue between MkDocs events and the speech_archive core.

The pipeline itself is in ``speech_archive/pipeline.py``. Here, MkDocs events only:
  on_startup, on_config -> the `serve` cache, the per-build step timer (see _HookState)
              and, for `mkdocs build`, the worker that will zip the site
  on_pre_build -> load + validate the archive, once per build, *before* MkDocs empties
              site_dir: a contributor's mistake leaves the previous site untouched;
              then start annotating, in processes of its own when there are cores
  on_files -> register every generated file; its text comes when MkDocs reads it
  on_pre_page -> each generated page's text, as MkDocs reads it: a speech page waits
              only for its own speech, the indexes and the home page's figures for all
  on_env   -> fill the data files (every page is read by now); date every page from
              the sources, not the clock (reproducible builds)
  on_post_page -> hand each written page to the zip, compressed on another core
  on_post_build -> tune Material's search index (speech facets), finish the zip
  on_build_error -> stop annotating, drop an unfinished zip
(mkdocs.yml's `watch:` makes `mkdocs serve` rebuild when speeches or hooks change.)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from speech_archive.build import SiteFiles
from speech_archive.cache import ContentCache
from speech_archive.load.archive import load_archive
from speech_archive.model import Archive
from speech_archive.output.build_date import sources_date
from speech_archive.output.search_index import (
    add_facets_in_place,
    archive_facets,
    tune_search_index_json,
)
from speech_archive.output.site_zip import PipelinedSiteZip, write_site_zip
from speech_archive.parallel import can_fork, worker_count
from speech_archive.problems import ArchiveError
from speech_archive.timings import NO_TIMER, TIMINGS_ENV, StepTimer
from speech_archive.urls import HOME_PAGE


@dataclass
class _HookState:
    """What this module keeps between events.

    `mkdocs serve` loads a hook module once and rebuilds many times, so module state
    outlives a build. Only the content cache may do so, on purpose (see
    speech_archive/cache.py): it is keyed by content hashes and never returns a stale
    result. Everything else is per build and replaced in on_config.
    """

    cache: ContentCache | None = None  # per process, `serve` only: created in on_startup
    timer: StepTimer = NO_TIMER  # per build: measures steps when SPEECH_ARCHIVE_TIMINGS is set
    archive: Archive | None = None  # per build: loaded once in on_pre_build, used by later events
    search_facets: dict[str, str] | None = None  # per build: page URL -> speech facets for search
    serving: bool = False  # per process: `mkdocs serve` skips the zip (seconds per rebuild)
    site_zip: PipelinedSiteZip | None = (
        None  # per build: started in on_config, finished in on_post_build
    )
    unzipped_page: str | None = None  # per build: the page MkDocs writes after its on_post_page
    workers: int = 1  # per process: processes a one-off build may use (serve uses its cache)
    site_files: SiteFiles | None = (
        None  # per build: started in on_pre_build, asked for each page's text
    )
    generated: dict[str, File] | None = None  # per build: the files registered in on_files, by path
    home_page: str | None = (
        None  # per build: the hand-written home page, filled when MkDocs reads it
    )


_state = _HookState()


def on_startup(command: str, dirty: bool) -> None:
    # A one-off `mkdocs build` reads every file once: only `serve` gains from a cache.
    _state.cache = ContentCache() if command == "serve" else None
    _state.serving = command == "serve"
    # Forking beside serve's watcher threads is not safe; serve re-annotates one speech anyway.
    _state.workers = 1 if _state.serving else worker_count()


def on_config(config):
    _state.timer = StepTimer() if os.environ.get(TIMINGS_ENV) else NO_TIMER
    _state.search_facets = None
    _state.archive = None
    _state.site_zip = None
    if not _state.serving:
        # Started now, while this process is small: a process forked later shares the build's
        # memory, and the build then pays to copy each page of it that it writes (at 3,000
        # speeches, seconds). In a process of its own when the build may use more than one.
        _state.site_zip = PipelinedSiteZip(
            Path(config.site_dir), in_process=_state.workers > 1 and can_fork()
        )
    _state.unzipped_page = None
    _state.site_files = None
    _state.generated = None
    _state.home_page = None
    return config


def _archive_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_pre_build(config) -> None:
    # MkDocs empties site_dir right after this event: validating here keeps the last good site.
    if _state.cache:
        _state.cache.begin_build()
    try:
        with _state.timer.measure("load"):
            _state.archive = load_archive(_archive_root(config), _state.cache, _state.workers)
    except ArchiveError as err:
        # PluginError makes MkDocs print the message and exit 1, without a traceback.
        raise PluginError("\n" + err.report()) from None
    # Annotation starts now, in processes of its own, and keeps ahead of MkDocs, which
    # converts each page on this one; with one core, each speech is annotated when read.
    _state.site_files = SiteFiles(
        _state.archive,
        config.site_name,
        config.site_url or None,
        cache=_state.cache,
        timer=_state.timer,
        processes=_state.workers - 1,
    )


def on_files(files: Files, config) -> Files:
    with _state.timer.measure("register"):
        facets = archive_facets(_state.archive)
        _state.search_facets, _state.generated = {}, {}
        # In the order MkDocs reads them: the speeches as annotated, then the indexes.
        for path in _state.site_files.paths:
            file = File.generated(config, path, content="")  # filled as MkDocs reads it
            files.append(file)
            _state.generated[path] = file
            if path in facets:
                _state.search_facets[file.url] = facets[path]  # the URL is what the index names
        home = files.get_file_from_path(HOME_PAGE)
        if home is not None:
            # Read last: its figures need every speech annotated. The file stays the
            # hand-written one (its edit link and `serve` watching are kept).
            _state.home_page = home.content_string
            files.remove(home)
            files.append(home)
    return files


def on_pre_page(page, config, files):
    # Right before MkDocs reads the page: waits only for what the page needs annotated.
    path = page.file.src_uri
    if _state.generated and path in _state.generated:
        page.file.content_string = _state.site_files.text(path)
    elif path == HOME_PAGE and _state.home_page is not None:
        page.file.content_string = _state.site_files.home_page(_state.home_page)
    return page


def on_env(env, config, files):
    # Every page has been read: the data files (speeches.json, the feed) can be filled.
    for path, file in (_state.generated or {}).items():
        if not file.is_documentation_page():
            file.content_string = _state.site_files.text(path)
    if _state.cache:
        _state.cache.end_build()  # everything cached has been asked for by now
    # MkDocs dates pages with today's date unless SOURCE_DATE_EPOCH is set; the sitemap
    # and the gzip header of sitemap.xml.gz would change every day with no change in the sources.
    date = sources_date(_state.archive, os.environ.get("SOURCE_DATE_EPOCH"))
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = date
    return env


@event_priority(-100)  # after every other handler: whether MkDocs writes the page is known
def on_post_page(output: str, page, config) -> str:
    # MkDocs writes a page right after this event: by the next page's, the last one is on disk.
    if _state.site_zip is not None:
        _zip_written_page()
        _state.unzipped_page = (
            page.file.dest_uri if output.strip() else None
        )  # no empty page is written
    return output


def _zip_written_page() -> None:
    if _state.unzipped_page is not None:
        _state.site_zip.add(_state.unzipped_page)
        _state.unzipped_page = None


def on_build_error(error: Exception) -> None:
    if _state.site_files is not None:
        _state.site_files.close()
    if _state.site_zip is not None:
        _state.site_zip.abort()
        _state.site_zip = None


@event_priority(-300)  # after every post-build step it reports (search index, zip)
def _write_timings(config) -> None:
    """With SPEECH_ARCHIVE_TIMINGS=<file>, write where this build's hook time went (for bench/)."""
    target = os.environ.get(TIMINGS_ENV)
    if target and _state.timer is not NO_TIMER:
        cache = _state.cache
        report = {
            "steps": _state.timer.as_dict(),
            "cache": (
                {"hits": cache.hits, "misses": cache.misses, "entries": len(cache)}
                if cache
                else None
            ),
        }
        Path(target).write_text(json.dumps(report, indent=1), encoding="utf-8")


# Before Material's search plugin writes its index (priority 0): the facets go into the
# entries it holds, so a 20 MB index is not read back and written again.
@event_priority(50)
def _add_search_facets(config) -> None:
    index = _material_search_index(config)
    if index is not None and _state.search_facets is not None:
        with _state.timer.measure("search_index"):
            add_facets_in_place(index.entries, index.config["fields"], _state.search_facets)
        _state.search_facets = None  # done: the written file needs no tuning


def _material_search_index(config):
    """Material's search index as it is built (material/search 9.x), or None elsewhere."""
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    entries, settings = getattr(index, "entries", None), getattr(index, "config", None)
    if (
        isinstance(entries, list)
        and isinstance(settings, dict)
        and isinstance(settings.get("fields"), dict)
    ):
        return index
    return None


# After Material's search plugin writes search_index.json (priority 0), before its
# offline plugin copies it into search_index.js (-100): both then carry the tuning.
@event_priority(-50)
def _finish_search_index(config) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    if _state.search_facets is not None:  # a Material whose entries were not found above
        with _state.timer.measure("search_index"):
            text = tune_search_index_json(index.read_text(encoding="utf-8"), _state.search_facets)
            index.write_text(text, encoding="utf-8")
    if _state.site_zip is not None:  # compressed while the offline plugin copies it
        _zip_written_page()
        _state.site_zip.add(index.relative_to(config.site_dir).as_posix())
        _state.site_zip.flush()


# Last of all (the offline plugin runs at -100): the zip must hold the finished site.
@event_priority(-200)
def _zip_site(config) -> None:
    if not _state.serving:
        with _state.timer.measure("zip"):
            if _state.site_zip is not None:
                _zip_written_page()
                _state.site_zip.finish()
                _state.site_zip = None
            else:
                write_site_zip(Path(config.site_dir))


on_post_build = CombinedEvent(_write_timings, _add_search_facets, _finish_search_index, _zip_site)
