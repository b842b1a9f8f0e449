"""The whole built site as one zip, for readers who download the archive to read offline.

The zip is reproducible: the same site gives the same bytes (entries in a fixed
order, one fixed timestamp and fixed permissions), so a rebuild does not change it
for nothing. Its entries sit in one top folder, so unzipping never scatters files
into the reader's current folder.

``write_site_zip`` zips a finished site. ``PipelinedSiteZip`` does the same during a
build: each page the build has written is read and compressed by a worker (a forked
process where there are cores to spare, else a thread) while the build renders the
next ones, and the rest of the site is added at the end. The worker then checks
every page it took against the file on disk; if any has changed since, the whole
site is zipped again from disk.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
import threading
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ZIP_NAME = "speech-archive.zip"
TOP_FOLDER = "speech-archive"
# Fastest deflate: about 7x quicker than the default level on the pages of 1,000 speeches
# and only ~20 % larger (31 MB against 26 MB); the zip is rebuilt on every build.
COMPRESS_LEVEL = 1
# The earliest date a zip can store; any fixed value makes the bytes reproducible.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16  # rw-r--r--, in the high bits of external_attr as zip tools expect


def site_entries(site_dir: Path, exclude: Path) -> list[Path]:
    """Every file of the site except ``exclude``, sorted by their path in the zip."""
    files = [path for path in site_dir.rglob("*") if path.is_file() and path != exclude]
    return sorted(files, key=lambda path: path.relative_to(site_dir).as_posix())


def _add_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(f"{TOP_FOLDER}/{name}", FIXED_TIME)
    info.external_attr = FILE_MODE
    archive.writestr(info, data, zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)


def _add_files(archive: zipfile.ZipFile, site_dir: Path, skip: set[Path]) -> None:
    for path in site_entries(site_dir, exclude=site_dir / ZIP_NAME):
        if path not in skip:
            _add_entry(archive, path.relative_to(site_dir).as_posix(), path.read_bytes())


def write_site_zip(site_dir: Path, name: str = ZIP_NAME) -> Path:
    """Zip ``site_dir`` into ``site_dir/name`` (written beside, then moved in); return its path."""
    target = site_dir / name
    partial = site_dir / f".{name}.partial"
    with zipfile.ZipFile(partial, "w") as archive:
        _add_files(archive, site_dir, skip={partial, target})
    os.replace(partial, target)
    return target


class PipelinedSiteZip:
    """The site's zip, written while the build renders pages: ``add`` each written page, then ``finish``.

    Pages come first, in the order the build gives them (the same every build), then every
    other file sorted by path. ``abort`` drops it all, for a build that fails.

    The work is done by a worker that owns the zip: a thread, or with ``in_process`` a
    forked process. A thread shares the interpreter lock with the build, which lets it
    run only between the build's steps: on a large site it falls behind and its work lands
    at the end. A process keeps pace on a second core. It may be made before the build
    empties ``site_dir``: the zip is opened when the first page comes.
    """

    # Pages go to the worker in batches: waking it for every page made the build and the
    # worker trade the interpreter lock (or a pipe message) a thousand times for nothing.
    BATCH = 32

    def __init__(self, site_dir: Path, name: str = ZIP_NAME, in_process: bool = False):
        self.site_dir = site_dir
        self.target = site_dir / name
        self.partial = site_dir / f".{name}.partial"
        self._batch: list[str] = []
        worker_args = (site_dir, self.partial, self.target)
        if in_process:
            # One-way pipe: the build only sends; the worker's answer is its exit code.
            fork = multiprocessing.get_context("fork")
            receiver, self._sender = fork.Pipe(duplex=False)
            self._send = self._sender.send
            self._worker = fork.Process(
                target=_zip_in_process,
                args=(*worker_args, receiver, self._sender),
                name="site-zip",
                daemon=True,
            )
            self._worker.start()
            receiver.close()
        else:
            # Unbounded: it holds only file names, and the build must never wait for the
            # worker; what the worker has not done by the end, finish() waits for.
            messages: queue.Queue = queue.Queue()
            self._send = messages.put
            self._outcome: list[bool] = []
            self._worker = threading.Thread(
                target=lambda: self._outcome.append(_zip_or_fail(*worker_args, messages.get)),
                name="site-zip",
                daemon=True,
            )
            self._worker.start()

    def add(self, name: str) -> None:
        """``site_dir/name``, a file the build has written, to zip now."""
        self._batch.append(name)
        if len(self._batch) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Hand the pages added so far to the worker now, not when the batch is full."""
        if self._batch:
            self._send(self._batch)
            self._batch = []

    def _end(self, message: str) -> bool:
        """Send the last pages and ``message``; True when the worker did all it was asked."""
        self.flush()
        self._send(message)
        self._worker.join()
        if isinstance(self._worker, threading.Thread):
            return self._outcome == [True]
        self._sender.close()
        return self._worker.exitcode == 0

    def finish(self) -> Path:
        """Add the rest of the site and put the zip in place; return its path."""
        if not self._end(_FINISH):
            self.partial.unlink(missing_ok=True)
            return write_site_zip(self.site_dir, self.target.name)  # the safe way: from disk
        return self.target

    def abort(self) -> None:
        self._end(_ABORT)
        self.partial.unlink(missing_ok=True)


_FINISH, _ABORT = "finish", "abort"


def _zip_pages(site_dir: Path, partial: Path, target: Path, receive: Callable[[], object]) -> bool:
    """The worker: zip each batch of pages ``receive`` gives, until it gives _FINISH or _ABORT.

    On _FINISH, add the rest of the site and put the zip in place, unless a page could not
    be read or has changed on disk since it was zipped. True when the zip is in place.
    """
    pages: list[Path] = []
    failed = False
    batch = receive()
    if batch == _ABORT:
        return False
    # Opened once the first pages come: the worker may start before the build empties site_dir.
    with zipfile.ZipFile(partial, "w") as archive:
        while isinstance(batch, list):
            try:
                for name in (
                    [] if failed else batch
                ):  # once failed, only take messages (the pipe must not fill)
                    _add_entry(archive, name, (site_dir / name).read_bytes())
                    pages.append(site_dir / name)
            except OSError:
                failed = True  # finish() then zips the site from disk
            batch = receive()
        if batch != _FINISH or failed or not _as_written(archive, site_dir, pages):
            return False
        _add_files(archive, site_dir, skip={partial, target, *pages})
    os.replace(partial, target)
    return True


def _as_written(archive: zipfile.ZipFile, site_dir: Path, pages: list[Path]) -> bool:
    """Every page zipped is the file on disk now (no later step rewrote or removed it)."""
    for path in pages:
        info = archive.getinfo(f"{TOP_FOLDER}/{path.relative_to(site_dir).as_posix()}")
        try:
            data = path.read_bytes()
        except OSError:
            return False
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            return False
    return True


def _zip_or_fail(
    site_dir: Path, partial: Path, target: Path, receive: Callable[[], object]
) -> bool:
    try:
        return _zip_pages(site_dir, partial, target, receive)
    except Exception:
        return False


def _zip_in_process(site_dir: Path, partial: Path, target: Path, receiver, sender) -> None:
    """The forked worker: its exit code tells the build whether the zip is in place."""
    sender.close()  # the build's copy is then the only one: a build that dies ends the pipe (EOFError)
    sys.exit(0 if _zip_or_fail(site_dir, partial, target, receiver.recv) else 1)
