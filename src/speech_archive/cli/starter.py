"""``speech-archive init``: a new archive, from the starter files shipped with the package.

The starter (src/speech_archive/starter/) is a complete archive with no speech yet:
mkdocs.yml with the plugin, the home page, the stylesheet and the offline shim, and
speeches/ with the schema and empty vocabularies. It builds as it is.
"""

from __future__ import annotations

import json
import shutil
from importlib.resources import as_file, files
from pathlib import Path


class StarterError(Exception):
    """The folder cannot take a new archive (it holds files, or cannot be written)."""


def write_starter(folder: Path, site_name: str | None = None) -> list[Path]:
    """Copy the starter into ``folder`` (new or empty); the files written, sorted."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StarterError(f"{folder} is not an empty folder (expected a new or empty one)")
    with as_file(files("speech_archive") / "starter") as starter:
        try:
            shutil.copytree(starter, folder, dirs_exist_ok=True)
        except OSError as err:
            raise StarterError(f"cannot write {folder}: {err.strerror or err}") from None
    if site_name:
        config, home = folder / "mkdocs.yml", folder / "docs" / "index.md"
        text = config.read_text(encoding="utf-8")
        # A JSON string is a YAML string: any name is quoted safely.
        text = text.replace("site_name: Speech Archive", f"site_name: {json.dumps(site_name)}", 1)
        config.write_text(text, encoding="utf-8")
        text = home.read_text(encoding="utf-8").replace("# Speech Archive", f"# {site_name}", 1)
        home.write_text(text, encoding="utf-8")
    return sorted(path for path in folder.rglob("*") if path.is_file())
