"""The date a build gives its pages: taken from the sources, so a rebuild changes nothing."""

from __future__ import annotations

import datetime as dt

from ..model import Archive


def sources_date(archive: Archive, source_date_epoch: str | None = None) -> str:
    """SOURCE_DATE_EPOCH (seconds, UTC) when given, else the newest date in the archive."""
    if source_date_epoch is not None:
        return dt.datetime.fromtimestamp(int(source_date_epoch), dt.UTC).strftime("%Y-%m-%d")
    dates = [speech.date.isoformat() for speech in archive.speeches]
    for speech in archive.speeches:
        source = speech.source or {}
        dates += [str(source[key]) for key in ("updated", "retrieved") if source.get(key)]
    # Not before 1970: MkDocs stamps sitemap.xml.gz with this date, and gzip cannot hold an
    # earlier one (an archive of speeches all older than 1970 would fail to build).
    return max([*dates, "1970-01-01"])
