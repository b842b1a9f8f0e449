"""MkDocs hooks: thin glue between MkDocs events and the speech_archive core.

The pipeline itself is in ``speech_archive/pipeline.py``. Here, MkDocs events only:
  on_files -> load + validate the archive, annotate, and register every generated page
              (and fill the hand-written home page's marker with the archive's figures)
(mkdocs.yml's `watch:` makes `mkdocs serve` rebuild when speeches or hooks change.)
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from speech_archive.indexes.home import HOME_PAGE
from speech_archive.loader import load_archive
from speech_archive.pipeline import build_site_files
from speech_archive.problems import ArchiveError


def _archive_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config) -> Files:
    try:
        archive = load_archive(_archive_root(config))
    except ArchiveError as err:
        # PluginError makes MkDocs print the message and exit 1, without a traceback.
        raise PluginError("\n" + err.report()) from None
    home = files.get_file_from_path(HOME_PAGE)
    generated = build_site_files(
        archive, site_name=config.site_name, site_url=config.site_url or None,
        home_page=home.content_string if home else None,
    )
    if home is not None:
        # Filled here, not in on_page_markdown, so no state has to outlive this event; the
        # file stays the hand-written one (its edit link and `serve` watching are kept).
        home.content_string = generated.pop(HOME_PAGE)
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    return files
