"""Which files of the archive may be read: regular files inside it, with printable names.

A named pipe (FIFO) blocks whoever opens it, a device streams without end, a symbolic
link loop makes path resolution fail, a link leaving the project would publish what it
points at, and a name holding an escape sequence rewrites the terminal that shows it.
All of these are judged from ``lstat``/``stat`` and the names alone, before anything is
opened, in speeches/ (with references/) and in docs/, whose files MkDocs publishes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..characters import name_refusal
from ..problems import Problem

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
LOOP = "is a symbolic link loop (expected a regular file or folder)"


def kind_of(mode: int) -> str:
    """'a named pipe (FIFO)', for a message; 'a special file' for what has no name here."""
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def regular_file_problem(path: Path, shown_as: str) -> Problem | None:
    """Why ``path`` (followed if a link) is not a regular file that can be read, by ``stat``
    alone: a FIFO is never opened, so it cannot block the build."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            return Problem(shown_as, 0, "-", LOOP)
        if err.errno == errno.ENOENT and path.is_symlink():
            return Problem(
                shown_as, 0, "-", "is a symbolic link to nothing (expected a regular file)"
            )
        return Problem(shown_as, 0, "-", f"cannot be read ({err.strerror})")
    if stat.S_ISREG(mode):
        return None
    return Problem(
        shown_as, 0, "-", f"is {kind_of(mode)}, not a regular file (expected a UTF-8 text file)"
    )


def resolved(path: Path) -> Path | None:
    """Where ``path`` leads, or None when it cannot lead anywhere (a loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python before 3.13 on a loop
        return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def folder_problems(folder: Path, shown_as: str) -> list[Problem]:
    """What in ``folder`` and its subfolders (speeches/, references/) is no archive's file:
    FIFOs, sockets, devices and link loops, and names holding a character no value may
    hold (an ANSI escape, a byte that is not UTF-8). Dot files are left out, as the loader
    and MkDocs leave them (an editor's lock file is one)."""
    problems: list[Problem] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return problems  # a folder that cannot be listed is reported by whoever reads it
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path, where = Path(entry.path), f"{shown_as}/{entry.name}"
        message = name_refusal(entry.name)
        if message:
            problems.append(Problem(where, 0, "-", message))
        elif entry.is_dir(follow_symlinks=False):
            problems += folder_problems(path, where)
        elif entry.is_symlink():
            if resolved(path) is None:
                problems.append(Problem(where, 0, "-", LOOP))
        elif not entry.is_file(follow_symlinks=False):  # a FIFO, a socket, a device
            special = regular_file_problem(path, where)
            if special is not None:
                problems.append(special)
    return problems


def docs_problems(root: Path, docs_dir: Path, shown_as: str = "docs") -> list[Problem]:
    """What in ``docs_dir`` MkDocs must not read: links leaving the project, links to
    nothing and loops, FIFOs, sockets and devices, names with control characters.

    MkDocs walks docs_dir following links and publishes every file it finds (a page, the
    search index, the zip), so this runs before it lists the folder.
    """
    top = root.resolve()
    problems: list[Problem] = []
    seen: set[Path] = set()  # folders walked, by real path: each once

    def walk(folder: Path, shown: str, chain: tuple[Path, ...]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as err:
            problems.append(Problem(shown, 0, "-", f"cannot be read ({err.strerror})"))
            return
        for entry in entries:
            if entry.name.startswith("."):  # MkDocs leaves out dot files (exclude_docs)
                continue
            path, where = Path(entry.path), f"{shown}/{entry.name}"
            problem = _entry_problem(path, where, (top, chain[0]), chain)
            if problem is not None:
                problems.append(problem)
            elif path.is_dir():
                real = resolved(path)
                if real is not None and real not in seen:
                    seen.add(real)
                    walk(path, where, (*chain, real))

    real_docs = resolved(docs_dir)
    if real_docs is None:
        return [Problem(shown_as, 0, "-", LOOP)]
    if docs_dir.is_symlink() and not _inside(real_docs, top):
        return [Problem(shown_as, 0, "-", _LEAVING)]
    if real_docs.is_dir():
        seen.add(real_docs)
        walk(docs_dir, shown_as, (real_docs,))
    return problems


_HIDDEN = (
    "is a symbolic link to a hidden file or folder of the project, such as .git or .env "
    "(expected a file of the site)"
)
_LEAVING = (
    "is a symbolic link to a place outside the archive "
    "(expected a regular file or folder inside it)"
)


def _entry_problem(
    path: Path, where: str, homes: tuple[Path, ...], chain: tuple[Path, ...]
) -> Problem | None:
    """Why MkDocs must not read ``path``; links may lead anywhere in ``homes`` (the project,
    and docs_dir itself when mkdocs.yml places it elsewhere)."""
    message = name_refusal(path.name)
    if message:
        return Problem(where, 0, "-", message)
    try:
        mode = path.lstat().st_mode
    except OSError as err:
        return Problem(where, 0, "-", f"cannot be read ({err.strerror})")
    if stat.S_ISLNK(mode):
        target = resolved(path)
        if target is None:
            return Problem(where, 0, "-", LOOP)
        home = next((place for place in homes if _inside(target, place)), None)
        if home is None:
            return Problem(where, 0, "-", _LEAVING)
        if any(part.startswith(".") for part in target.relative_to(home).parts):
            # Inside the project, but what MkDocs would never publish itself (.git/config, .env).
            return Problem(where, 0, "-", _HIDDEN)
        if any(_inside(folder, target) for folder in chain):
            # A link to a folder it is in (docs/, the project): MkDocs would walk it endlessly.
            return Problem(where, 0, "-", LOOP)
        try:
            mode = target.stat().st_mode
        except OSError:
            return Problem(
                where, 0, "-", "is a symbolic link to nothing (expected a regular file or folder)"
            )
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return Problem(
        where, 0, "-", f"is {kind_of(mode)}, not a regular file (expected a page, an image...)"
    )
