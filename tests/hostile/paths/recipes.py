"""What git cannot hold: symbolic links, FIFOs, sockets, devices and loops, made in the project.

Each recipe runs after the case's overlay. Whatever lies outside the project holds SECRET,
which no output may show. Devices need root (mknod): without it the case is skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SECRET = "not-for-the-site"
SPEECH = "2001-01-01-a-speech.md"


def _outside(project: Path, name: str, text: str = f"# {SECRET}\n\n{SECRET}\n") -> Path:
    """A file beside the project, outside it."""
    path = project.parent / f"outside-{project.name}-{name}"
    path.write_text(text, encoding="utf-8")
    return path


def _replace(path: Path) -> Path:
    """``path`` removed (file or link), so something else can take its name."""
    path.unlink(missing_ok=True)
    return path


def _link(where: str, target: str | Callable[[Path], Path]) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = _replace(project / where)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target(project) if callable(target) else target)

    return make


def _fifo(where: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = _replace(project / where)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)

    return make


@contextlib.contextmanager
def _in(folder: Path) -> Iterator[None]:
    # A socket's path is limited to ~100 bytes: bind by a short name from its folder.
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def _socket(where: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = _replace(project / where)
        with _in(path.parent):
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(path.name)
            server.close()  # the socket file stays: nothing listens, connecting would fail

    return make


def _device(where: str, kind: int, major: int, minor: int) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = _replace(project / where)
        try:
            os.mknod(path, 0o600 | kind, os.makedev(major, minor))
        except PermissionError:
            pytest.skip("making a device file needs root")

    return make


def _docs_outside(project: Path) -> None:
    outside = project.parent / f"outside-{project.name}-docs"
    shutil.move(project / "docs", outside)
    (outside / "leak.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (project / "docs").symlink_to(outside, target_is_directory=True)


def _hidden_env_file(project: Path) -> None:
    (project / ".env").write_text(f"TOKEN={SECRET}\n", encoding="utf-8")
    (project / "docs" / "settings.md").symlink_to(Path("..", ".env"))


def _references_outside(project: Path) -> None:
    outside = project.parent / f"outside-{project.name}-references"
    shutil.move(project / "speeches" / "references", outside)
    (project / "speeches" / "references").symlink_to(outside, target_is_directory=True)


def _folder_named_like_a_speech(project: Path) -> None:
    (project / "speeches" / SPEECH).mkdir()
    (project / "speeches" / SPEECH / "index.md").write_text("words\n", encoding="utf-8")


def _speech_link_pair(project: Path) -> None:
    (project / "speeches" / "2001-01-01-a.md").symlink_to("2001-01-01-b.md")
    (project / "speeches" / "2001-01-01-b.md").symlink_to("2001-01-01-a.md")


RECIPES: dict[str, Callable[[Path], None]] = {
    # docs/: MkDocs publishes every file it finds there, following links
    "docs-symlink-to-etc-os-release": _link("docs/leak.md", "/etc/os-release"),
    "docs-symlink-folder-to-etc": _link("docs/system", "/etc"),
    "docs-relative-symlink-climbing-out": _link(
        "docs/notes.md", lambda p: Path("..", "..", _outside(p, "notes.md").name)
    ),
    "docs-asset-symlink-outside": _link(
        "docs/assets/stylesheets/extra.css", lambda p: _outside(p, "extra.css", f"/* {SECRET} */")
    ),
    "docs-symlink-loop": _link("docs/loop.md", "loop.md"),
    "docs-symlink-folder-to-itself": _link("docs/again", "."),
    "docs-symlink-folder-to-project": _link("docs/up", ".."),
    "docs-symlink-to-nothing": _link("docs/gone.md", "nowhere.md"),
    "docs-fifo-page": _fifo("docs/pipe.md"),
    "docs-fifo-asset-in-subfolder": _fifo("docs/assets/pipe.css"),
    "docs-socket": _socket("docs/socket.md"),
    "docs-character-device": _device("docs/zero.md", stat.S_IFCHR, 1, 5),
    "docs-folder-links-outside": _docs_outside,
    "docs-symlink-within-docs": _link("docs/about-again.md", "about.md"),
    "docs-symlink-to-hidden-env-file": _hidden_env_file,
    # speeches/: the loader reads speeches, vocabularies, the schema and references/
    "speeches-fifo-speech": _fifo(f"speeches/{SPEECH}"),
    "speeches-fifo-themes": _fifo("speeches/themes.yml"),
    "speeches-fifo-schema": _fifo("speeches/speech.schema.json"),
    "speeches-fifo-in-subfolder": _fifo("speeches/drafts/notes.md"),
    "speeches-socket-speech": _socket(f"speeches/{SPEECH}"),
    "speeches-character-device-speech": _device(f"speeches/{SPEECH}", stat.S_IFCHR, 1, 5),
    "speeches-block-device-glossary": _device("speeches/glossary.yml", stat.S_IFBLK, 7, 0),
    "speeches-symlink-to-dev-zero": _link(f"speeches/{SPEECH}", "/dev/zero"),
    "speeches-symlink-loop-pair": _speech_link_pair,
    "speeches-symlink-loop-glossary": _link("speeches/glossary.yml", "glossary.yml"),
    "speeches-symlink-to-nothing-sayings": _link("speeches/sayings.yml", "missing.yml"),
    "speeches-folder-named-like-a-speech": _folder_named_like_a_speech,
    "references-folder-links-outside": _references_outside,
    "references-declaration-fifo": _fifo("speeches/references/references.yml"),
    "references-tsv-fifo": _fifo("speeches/references/psalms.tsv"),
    "references-tsv-symlink-loop": _link("speeches/references/psalms.tsv", "psalms.tsv"),
}
