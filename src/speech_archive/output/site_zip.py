"""The whole built site as one zip, for readers who download the archive to read offline.

The zip is reproducible: the same site gives the same bytes (entries in a fixed
order, one fixed timestamp and fixed permissions), so a rebuild does not change it
for nothing. Its entries sit in one top folder, so unzipping never scatters files
into the reader's current folder.

``write_site_zip`` zips the finished site, at the very end of the build: it holds
exactly what was written, except that a page's link to the zip itself (the home page's
"Download") becomes its plain text there: the copy does not link to a file it lacks.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

ZIP_NAME = "speech-archive.zip"
TOP_FOLDER = "speech-archive"
# Fastest deflate: about 7x quicker than the default level on the pages of 1,000 speeches
# and only ~20 % larger (31 MB against 26 MB); the zip is rebuilt on every build.
COMPRESS_LEVEL = 1
# The earliest date a zip can store; any fixed value makes the bytes reproducible.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16  # rw-r--r--, in the high bits of external_attr as zip tools expect
# A link to the zip at the site's root, from a page at any depth: its text is kept.
# No part reads past a '<' that starts another tag of its kind, so an unclosed link is
# read up to the next one, never to the end of the page for each link.
_LINK_TO_ZIP = re.compile(
    rb"<a\b[^<>]*?\shref=([\"']?)(?:\./)?(?:\.\./)*"
    + re.escape(ZIP_NAME.encode())
    + rb"\1(?=[\s>])[^<>]*>([^<]*(?:<(?!/?a\b)[^<]*)*)</a>"
)


def site_entries(site_dir: Path, exclude: Path) -> list[Path]:
    """Every file of the site except ``exclude`` and hidden ones, sorted by their path in the zip.

    MkDocs publishes no hidden file (its exclude_docs leaves out '.*'); one in the site
    folder is the publisher's own (a ``.git`` of a gh-pages checkout, kept from build to
    build by output/publish.py) and not for readers.
    """
    files = [
        path
        for path in site_dir.rglob("*")
        if path.is_file()
        and path != exclude
        and not any(part.startswith(".") for part in path.relative_to(site_dir).parts)
    ]
    return sorted(files, key=lambda path: path.relative_to(site_dir).as_posix())


def _add_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(f"{TOP_FOLDER}/{name}", FIXED_TIME)
    info.external_attr = FILE_MODE
    archive.writestr(info, data, zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)


def without_zip_links(page: bytes) -> bytes:
    """An HTML page's bytes with every link to the zip replaced by the link's text."""
    if ZIP_NAME.encode() not in page:
        return page
    return _LINK_TO_ZIP.sub(rb"\2", page)


def _add_files(archive: zipfile.ZipFile, site_dir: Path, skip: set[Path]) -> None:
    for path in site_entries(site_dir, exclude=site_dir / ZIP_NAME):
        if path not in skip:
            data = path.read_bytes()
            if path.suffix == ".html":
                data = without_zip_links(data)
            _add_entry(archive, path.relative_to(site_dir).as_posix(), data)


def write_site_zip(site_dir: Path, name: str = ZIP_NAME) -> Path:
    """Zip ``site_dir`` into ``site_dir/name`` (written beside, then moved in); return its path."""
    target = site_dir / name
    partial = site_dir / f".{name}.partial"
    # A new file, never one written through: a stale one may be linked to the last site's.
    partial.unlink(missing_ok=True)
    with zipfile.ZipFile(partial, "w") as archive:
        _add_files(archive, site_dir, skip={partial, target})
    os.replace(partial, target)
    return target
