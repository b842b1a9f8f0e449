"""MkDocs hooks: thin glue between MkDocs events and the speech_archive core.

The pipeline itself is in ``speech_archive/pipeline.py``. Here, MkDocs events only:
  on_startup, on_config -> the `serve` cache and the per-build step timer (see _HookState)
  on_files -> load + validate the archive, annotate, and register every generated page
              (and fill the hand-written home page's marker with the archive's figures)
(mkdocs.yml's `watch:` makes `mkdocs serve` rebuild when speeches or hooks change.)
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from speech_archive.cache import ContentCache
from speech_archive.indexes.home import HOME_PAGE
from speech_archive.loader import load_archive
from speech_archive.pipeline import build_site_files
from speech_archive.problems import ArchiveError
from speech_archive.timings import NO_TIMER, TIMINGS_ENV, StepTimer


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


_state = _HookState()


def on_startup(command: str, dirty: bool) -> None:
    # A one-off `mkdocs build` reads every file once: only `serve` gains from a cache.
    _state.cache = ContentCache() if command == "serve" else None


def on_config(config):
    _state.timer = StepTimer() if os.environ.get(TIMINGS_ENV) else NO_TIMER
    return config


def _archive_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config) -> Files:
    timer, cache = _state.timer, _state.cache
    with timer.measure("hook.on_files"), (cache.build() if cache else contextlib.nullcontext()):
        return _add_site_files(files, config, timer, cache)


def _add_site_files(files: Files, config, timer: StepTimer, cache: ContentCache | None) -> Files:
    try:
        with timer.measure("load"):
            archive = load_archive(_archive_root(config), cache)
    except ArchiveError as err:
        # PluginError makes MkDocs print the message and exit 1, without a traceback.
        raise PluginError("\n" + err.report()) from None
    home = files.get_file_from_path(HOME_PAGE)
    with timer.measure("generate"):
        generated = build_site_files(
            archive, site_name=config.site_name, site_url=config.site_url or None,
            home_page=home.content_string if home else None, cache=cache, timer=timer,
        )
    if home is not None:
        # Filled here, not in on_page_markdown, so no state has to outlive this event; the
        # file stays the hand-written one (its edit link and `serve` watching are kept).
        home.content_string = generated.pop(HOME_PAGE)
    with timer.measure("register"):
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content))
    return files


def on_post_build(config) -> None:
    """With SPEECH_ARCHIVE_TIMINGS=<file>, write where this build's hook time went (for bench/)."""
    target = os.environ.get(TIMINGS_ENV)
    if target and _state.timer is not NO_TIMER:
        cache = _state.cache
        report = {
            "steps": _state.timer.as_dict(),
            "cache": {"hits": cache.hits, "misses": cache.misses, "entries": len(cache)} if cache else None,
        }
        Path(target).write_text(json.dumps(report, indent=1), encoding="utf-8")
