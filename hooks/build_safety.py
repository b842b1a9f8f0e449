"""MkDocs hooks that make a failed build lose nothing and two builds byte-identical.

  on_config      -> a fresh record for this build (hooks are not reloaded by `serve`)
  on_pre_build   -> validate the archive *before* MkDocs empties site_dir, so a
                    contributor's mistake leaves the previous site untouched
  on_files       -> note that MkDocs has now emptied site_dir
  on_env         -> pin every page's date (sitemap lastmod, sitemap.xml.gz header)
                    to a date taken from the sources, not the wall clock
  on_build_error -> a build failing after that point (a strict-mode warning, a
                    crash) empties site_dir: no site rather than a mix of old and new
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import clean_directory

from speech_archive.loader import load_archive
from speech_archive.model import Archive
from speech_archive.problems import ArchiveError


@dataclass
class _BuildRecord:
    site_dir: str
    archive: Archive | None = None
    site_dir_emptied: bool = False


_build: _BuildRecord | None = None  # replaced in on_config at the start of every build


def on_config(config):
    global _build
    _build = _BuildRecord(site_dir=config.site_dir)
    return config


def on_pre_build(config) -> None:
    try:
        _build.archive = load_archive(Path(config.config_file_path).resolve().parent)
    except ArchiveError as err:
        # PluginError: MkDocs prints the message and exits 1, without a traceback.
        raise PluginError("\n" + err.report()) from None


@event_priority(100)  # first among the on_files handlers: by then MkDocs has emptied site_dir
def on_files(files, config):
    _build.site_dir_emptied = True
    return files


def sources_date(archive: Archive) -> str:
    """The build's date: SOURCE_DATE_EPOCH when set, else the newest date in the archive."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%d")
    dates = [speech.date.isoformat() for speech in archive.speeches]
    for speech in archive.speeches:
        dates += [str(speech.source[key]) for key in ("updated", "retrieved") if (speech.source or {}).get(key)]
    return max(dates, default="1970-01-01")


def on_env(env, config, files):
    # MkDocs dates pages with today's date unless SOURCE_DATE_EPOCH is set; the sitemap
    # and the gzip header of sitemap.xml.gz would change every day with no change in the sources.
    date = sources_date(_build.archive)
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = date
    return env


def on_build_error(error: Exception) -> None:
    if _build is not None and _build.site_dir_emptied and os.path.isdir(_build.site_dir):
        clean_directory(_build.site_dir)
