"""MkDocs hooks that make a failed build lose nothing.

  on_config      -> a fresh record for this build (hooks are not reloaded by `serve`)
  on_files       -> note that MkDocs has now emptied site_dir; no page may be
                    written outside it
  on_build_error -> a build failing after that point (a strict-mode warning, a
                    crash) empties site_dir: no site rather than a mix of old and new

The archive is validated before site_dir is emptied, and pages are dated from the
sources, by build_hooks.py, which loads the archive once per build for every event.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
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


@event_priority(-100)  # last: every handler has added its generated pages by then
def on_files(files, config):
    _build.site_dir_emptied = True  # MkDocs empties site_dir before any on_files handler
    site = Path(config.site_dir).resolve()
    for file in files:
        # A page's path comes from file names and slugs; none may lead out of the site.
        if site not in Path(file.abs_dest_path).resolve().parents:
            raise PluginError(
                f"{file.src_uri}: would be written outside the site folder "
                f"(to {file.abs_dest_path}; expected a path inside {config.site_dir})"
            )
    return files


def on_build_error(error: Exception) -> None:
    if _build is not None and _build.site_dir_emptied and os.path.isdir(_build.site_dir):
        clean_directory(_build.site_dir)
