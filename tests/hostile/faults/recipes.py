"""What a killed build leaves beside site/, and site folders that are links: made in the project.

The faults git cannot hold (folders named as a build's, symbolic links). Kills, full disks,
read-only folders and concurrent builds happen while a build runs, which a case cannot
describe: tests/test_publishing.py makes them to real builds.

A dead build's folder is ``.site.build-<hex>``; a site moved aside by the two-rename swap
(where the atomic exchange is unavailable) is ``.site.old-<hex>`` (src/speech_archive/output/publish.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

SCRIPT_PAGE = "<!doctype html><title>stale</title><script>alert(1)</script>\n"
DEAD_BUILD = ".site.build-0badc0de"
ASIDE = ".site.old-0badc0de"


def _old_site(folder: Path) -> None:
    """An older build's pages: one a source no longer makes, with a script; a half zip."""
    (folder / "speeches").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>old</title>\n", encoding="utf-8")
    (folder / "evil.html").write_text(SCRIPT_PAGE, encoding="utf-8")
    (folder / "speeches" / "2000-01-01-removed.html").write_text(SCRIPT_PAGE, encoding="utf-8")
    (folder / ".speech-archive.zip.partial").write_bytes(b"PK\x03\x04 cut short")


def killed_build_folder(project: Path) -> None:
    folder = project / DEAD_BUILD
    _old_site(folder)
    (folder / "index.html").write_bytes(b"")  # the 0-byte page a kill left mid-write


def site_moved_aside(project: Path) -> None:
    _old_site(project / ASIDE)


def stale_site(project: Path) -> None:
    _old_site(project / "site")


def leftover_linking_to_docs(project: Path) -> None:
    (project / DEAD_BUILD).symlink_to("docs")


def aside_linking_to_speeches(project: Path) -> None:
    (project / ASIDE).symlink_to("speeches")


def site_linking_outside(project: Path) -> None:
    elsewhere = project.parent / f"{project.name}-published"
    _old_site(elsewhere)
    (project / "site").symlink_to(elsewhere)


def site_linking_to_nothing(project: Path) -> None:
    (project / "site").symlink_to(project.parent / f"{project.name}-www" / "site")


RECIPES: dict[str, Callable[[Path], None]] = {
    "killed-build-folder-with-a-script-page": killed_build_folder,
    "site-moved-aside-by-a-killed-swap": site_moved_aside,
    "stale-site-with-a-script-page": stale_site,
    "leftover-name-linking-to-docs": leftover_linking_to_docs,
    "leftover-aside-linking-to-speeches": aside_linking_to_speeches,
    "site-linking-outside-the-project": site_linking_outside,
    "site-linking-to-nothing-yet": site_linking_to_nothing,
}
