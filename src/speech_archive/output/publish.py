"""Publishing a build whole or not at all: the site is built beside the last one, then swapped in.

A build writes into a folder of its own next to the site folder (``.site.build-<random>``
beside ``site/``: the same filesystem, so a rename moves it), and only a complete build
replaces the site, by one rename that exchanges the two folders (Linux ``renameat2`` with
``RENAME_EXCHANGE``: there is never a moment without a site). A build that is killed, fails
or runs out of disk leaves the last site exactly as it was; what it wrote is removed then,
or by the next build if it was killed.

Each build holds an flock on its own folder for as long as it runs, so a build removes the
folders of builds that died and never one still running. Two builds at once each write their
own folder and each swaps in a complete site: the last to finish is the one published.
Making, sweeping and swapping folders happen under a brief flock on the site's parent
folder, so no build meets another's folder half made or half swapped.

    begin(site_dir, keep=False) -> Publication   where to build (``keep``: from a copy of the site)
    publication.publish() -> Path | None         swap in; the old site's folder if it stayed
    publication.abandon()                        remove what a failed build wrote
    publication.write_error(error) -> str | None the message for an error writing the site
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Errors that mean the site could not be written, wherever they were raised from.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


class PublishError(Exception):
    """The site folder cannot be built beside or replaced; the message says which and why."""


def build_prefix(target: Path) -> str:
    """The name a build's folder starts with, beside ``target``."""
    return f".{target.name}.build-"


def _old_prefix(target: Path) -> str:
    # The last site while the two-rename swap (no RENAME_EXCHANGE) moves it aside.
    return f".{target.name}.old-"


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive flock on ``folder`` (a directory can be flocked without writing to it)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _try_lock(path: Path) -> int | None:
    """The descriptor of folder ``path`` flocked by this process, or None if another holds it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # a running build's folder
        os.close(fd)
        return None
    return fd


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths in one step; False where the system or filesystem cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # not Linux, or a C library older than glibc 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):  # an old kernel, a filesystem without it
        return False
    raise OSError(code, os.strerror(code), str(one), None, str(other))


def _remove(folders: list[tuple[Path, int]]) -> None:
    """Remove folders this process holds the lock of, then let go of them."""
    for path, fd in folders:
        shutil.rmtree(path, ignore_errors=True)
        os.close(fd)


def _sweep(target: Path) -> list[tuple[Path, int]]:
    """The folders of dead builds beside ``target``, each locked (call under the parent's lock).

    A build killed in the middle of a two-rename swap left the last site aside and none in
    its place: that one is put back instead.
    """
    found = []
    for entry in os.scandir(target.parent):
        if entry.name.startswith((build_prefix(target), _old_prefix(target))):
            fd = _try_lock(Path(entry.path))
            if fd is not None:
                found.append((Path(entry.path), fd))
    if not os.path.lexists(target):
        aside = [item for item in found if item[0].name.startswith(_old_prefix(target))]
        if aside:
            path, fd = aside[0]
            os.rename(path, target)
            os.close(fd)
            found.remove((path, fd))
    return found


def _new_folder(target: Path, prefix: str) -> Path:
    """A new empty folder beside ``target`` (made with os.mkdir: the usual permissions)."""
    while True:
        path = target.parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


@dataclass
class Publication:
    """One build's folder, locked while the build runs, and the site it will replace."""

    target: Path  # the site folder (symbolic links resolved: the folder that is replaced)
    tree: Path  # where this build writes
    _lock: int  # the descriptor holding the flock on ``tree``; -1 once published or abandoned

    def publish(self) -> Path | None:
        """Put the finished build in the site's place; None, or the old site if it stayed.

        The old site is removed after the swap; if that fails (a folder in it made
        read-only) it stays beside the site, named as a build's folder, for the next build.
        """
        try:
            with _locked(self.target.parent):
                old = self._swap()
                old_lock = _try_lock(old) if old is not None else None
        except OSError as err:
            raise PublishError(
                f"{self.target}: the new site could not be put in place ({err.strerror}); "
                "expected a folder this build may replace (the last site is left as it was)"
            ) from None
        os.close(self._lock)  # the new site is in place: no build removes the site folder
        self._lock = -1
        if old is None:
            return None
        shutil.rmtree(old, ignore_errors=True)
        if old_lock is not None:
            os.close(old_lock)
        return old if os.path.lexists(old) else None

    def _swap(self) -> Path | None:
        """Swap the build in; the path the old site is now at (None if there was none)."""
        target, tree = self.target, self.tree
        if not os.path.lexists(target):
            os.rename(tree, target)
            return None
        if _exchange(tree, target):
            return tree  # the old site now has the build folder's name
        # Two renames: a build killed between them leaves no site, and the last one aside,
        # which the next build puts back (see _sweep).
        aside = target.parent / f"{_old_prefix(target)}{secrets.token_hex(4)}"
        os.rename(target, aside)
        try:
            os.rename(tree, target)
        except OSError:
            os.rename(aside, target)
            raise
        os.rename(aside, tree)  # named as a build's folder again: removed, never put back
        return tree

    def abandon(self) -> None:
        """Remove what this build wrote; the site is not touched."""
        if self._lock < 0:
            return
        shutil.rmtree(self.tree, ignore_errors=True)
        os.close(self._lock)
        self._lock = -1

    def write_error(self, error: OSError) -> str | None:
        """The message for ``error`` if it was raised writing the site, else None."""
        names = (error.filename, error.filename2)  # a copy names its source, then its target
        paths = [Path(os.path.abspath(name)) for name in names if isinstance(name, str)]
        inside = [path for path in paths if self.tree in path.parents]
        if not inside and error.errno not in WRITE_ERRNOS:
            return None
        where = f" (writing {inside[0].relative_to(self.tree)})" if inside else ""
        return (
            f"{self.target}: the new site could not be written{where}: "
            f"{error.strerror or error}; expected room and permission to write the whole "
            "site beside the last one, which is left as it was"
        )


def _link_or_copy(source: str, dest: str) -> None:
    try:
        os.link(source, dest)  # the old site is removed after the swap: no copy needed
    except OSError:
        shutil.copy2(source, dest)


def _keep_hidden(target: Path, tree: Path) -> None:
    """The site's hidden entries, which MkDocs neither writes nor removes (a ``.git`` to
    deploy from, say), carried into the new site."""
    for entry in os.scandir(target):
        if not entry.name.startswith("."):
            continue
        dest = tree / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), dest)
        elif entry.is_dir():
            shutil.copytree(entry.path, dest, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_file():
            _link_or_copy(entry.path, str(dest))


def _overlaps(one: Path, other: Path) -> bool:
    return one == other or one in other.parents or other in one.parents


def begin(
    site_dir: str | Path, keep: bool = False, sources: tuple[str | Path, ...] = ()
) -> Publication:
    """Make and lock this build's folder beside ``site_dir``, removing dead builds' folders.

    With ``keep`` (``mkdocs build --dirty``) the folder starts as a copy of the site, file
    times kept, so MkDocs rewrites only what changed, still without touching the site.
    A site that is, holds or sits in one of ``sources`` (through symbolic links too) is
    refused: it would be replaced whole.
    """
    target = Path(os.path.realpath(site_dir))
    for source in sources:
        if _overlaps(target, Path(os.path.realpath(source))):
            raise PublishError(
                f"{site_dir}: the site folder is {target}, which would replace or hold "
                f"{source}; expected a folder apart from the sources (a build replaces it whole)"
            )
    if os.path.lexists(target) and not target.is_dir():
        raise PublishError(f"{site_dir}: not a folder; expected the site folder, or no file there")
    if target.is_dir() and os.path.ismount(target):
        raise PublishError(
            f"{site_dir}: a mount point; the site is replaced by renaming its folder, which a "
            "mount point cannot be: expected a folder inside it"
        )
    if target.is_dir() and not os.access(target, os.W_OK | os.X_OK):
        raise PublishError(
            f"{site_dir}: the site folder is read-only; expected a folder this build may "
            "replace (the last site is left as it was)"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.parent):
            dead = _sweep(target)
            tree = _new_folder(target, build_prefix(target))
            lock = os.open(tree, os.O_RDONLY | os.O_DIRECTORY)
            fcntl.flock(lock, fcntl.LOCK_EX)  # before any other build can see the folder
        _remove(dead)
        publication = Publication(target, tree, lock)
    except OSError as err:
        raise PublishError(
            f"{target.parent}: the new site cannot be written beside {target.name} "
            f"({err.strerror}); expected a folder this build may write in (the last site is "
            "left as it was)"
        ) from None
    try:
        if target.is_dir():
            os.chmod(tree, stat.S_IMODE(target.stat().st_mode))  # as the site was
            if keep:  # real copies: MkDocs rewrites files in place
                shutil.copytree(target, tree, symlinks=True, dirs_exist_ok=True)
            else:
                _keep_hidden(target, tree)
    except OSError as err:
        publication.abandon()
        message = publication.write_error(err) or f"{target}: {err}"
        raise PublishError(message) from None
    return publication
