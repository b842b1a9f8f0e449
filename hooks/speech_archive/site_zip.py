"""The whole built site as one zip, for readers who download the archive to read offline.

The zip is reproducible: the same site gives the same bytes (entries in a fixed
order, one fixed timestamp and fixed permissions), so a rebuild does not change it
for nothing. Its entries sit in one top folder, so unzipping never scatters files
into the reader's current folder.

``write_site_zip`` zips a finished site. ``PipelinedSiteZip`` does the same during a
build: each page the build has written is read and compressed on another thread
while the build renders the next ones (zlib and file reads leave the interpreter
free, so a second core does the work), and the rest of the site is added at the end.
It then checks every page it took against the file on disk, and zips the whole site
again if any has changed since.
"""

from __future__ import annotations

import os
import queue
import threading
import zipfile
import zlib
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
    """

    _DONE = None
    # Pages go to the thread in batches: waking it for every page made the two threads
    # trade the interpreter lock a thousand times, which cost the build more than it saved.
    BATCH = 32

    def __init__(self, site_dir: Path, name: str = ZIP_NAME):
        self.site_dir = site_dir
        self.target = site_dir / name
        self.partial = site_dir / f".{name}.partial"
        site_dir.mkdir(parents=True, exist_ok=True)
        self._archive = zipfile.ZipFile(self.partial, "w")
        self._pages: list[Path] = []
        self._batch: list[str] = []
        self._error: BaseException | None = None
        # Unbounded: it holds only file names, and the build must never wait for the thread,
        # which gets the interpreter only between the build's steps; what it has not done by
        # the end, finish() waits for.
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._compress, name="site-zip", daemon=True)
        self._thread.start()

    def _compress(self) -> None:
        while (batch := self._queue.get()) is not self._DONE:
            if self._error is None:
                try:
                    for name in batch:
                        _add_entry(self._archive, name, (self.site_dir / name).read_bytes())
                except Exception as err:  # noqa: BLE001 - finish() then zips the site from disk
                    self._error = err

    def add(self, name: str) -> None:
        """``site_dir/name``, a file the build has written, to zip now."""
        self._pages.append(self.site_dir / name)
        self._batch.append(name)
        if len(self._batch) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Hand the pages added so far to the thread now, not when the batch is full."""
        if self._batch:
            self._queue.put(self._batch)
            self._batch = []

    def _stop(self) -> None:
        self.flush()
        self._queue.put(self._DONE)
        self._thread.join()

    def _pages_as_written(self) -> bool:
        """Every page zipped is the file on disk now (no later step rewrote or removed it)."""
        for path in self._pages:
            info = self._archive.getinfo(f"{TOP_FOLDER}/{path.relative_to(self.site_dir).as_posix()}")
            try:
                data = path.read_bytes()
            except OSError:
                return False
            if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
                return False
        return True

    def finish(self) -> Path:
        """Add the rest of the site and put the zip in place; return its path."""
        self._stop()
        if self._error is not None or not self._pages_as_written():
            self._archive.close()
            return write_site_zip(self.site_dir, self.target.name)  # the safe way: from disk
        with self._archive:
            _add_files(self._archive, self.site_dir, skip={self.partial, self.target, *self._pages})
        os.replace(self.partial, self.target)
        return self.target

    def abort(self) -> None:
        self._stop()
        self._archive.close()
        self.partial.unlink(missing_ok=True)
