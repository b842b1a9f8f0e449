"""MkDocs hooks that make a failed build lose nothing.

  on_config      -> a fresh record for this build (hooks are not reloaded by `serve`)
  on_files       -> note that MkDocs has now emptied site_dir
  on_build_error -> a build failing after that point (a strict-mode warning, a
                    crash) empties site_dir: no site rather than a mix of old and new

The archive is validated before site_dir is emptied, and pages are dated from the
sources, by build_hooks.py, which loads the archive once per build for every event.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from mkdocs.plugins import event_priority
from mkdocs.utils import clean_directory


@dataclass
class _BuildRecord:
    site_dir: str
    site_dir_emptied: bool = False


_build: _BuildRecord | None = None  # replaced in on_config at the start of every build


def on_config(config):
    global _build
    _build = _BuildRecord(site_dir=config.site_dir)
    return config


@event_priority(100)  # first among the on_files handlers: by then MkDocs has emptied site_dir
def on_files(files, config):
    _build.site_dir_emptied = True
    return files


def on_build_error(error: Exception) -> None:
    if _build is not None and _build.site_dir_emptied and os.path.isdir(_build.site_dir):
        clean_directory(_build.site_dir)
