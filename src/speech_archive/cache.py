"""Results kept between `mkdocs serve` rebuilds, keyed by the content hash of their inputs.

This is the one deliberate exception to "per-build state, never module globals":
`mkdocs serve` loads the hook module once and rebuilds the whole site after every
edit, so re-parsing and re-annotating a thousand unchanged speeches would make
every preview wait. Entries are keyed by what they were computed from (a speech
file's SHA-256, the vocabularies' SHA-256), never by a file name or time stamp, so a
changed input can only miss, never return a stale result. At the end of each build
the entries it did not use are dropped: memory stays the size of one archive.

Only pure results go in: values computed from the key's inputs alone, immutable or
never mutated by their users.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Hashable, Iterator
from typing import TypeVar

T = TypeVar("T")


def content_hash(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so ('ab', 'c') and ('a', 'bc') differ."""
    digest = hashlib.sha256()
    for part in parts:
        # surrogatepass: a file name that is not UTF-8 (surrogateescape) still hashes.
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class ContentCache:
    """A dict of results by content key that forgets what a build did not ask for."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, object] = {}
        self._used: set[Hashable] = set()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        self._used.add(key)
        if key in self._entries:
            self.hits += 1
            return self._entries[key]  # type: ignore[return-value]
        self.misses += 1
        value = compute()
        self._entries[key] = value
        return value

    def begin_build(self) -> None:
        """A build starts using the cache: count afresh."""
        self._used = set()
        self.hits = self.misses = 0

    def end_build(self) -> None:
        """The build has asked for all it needs: drop what it did not use."""
        self._entries = {key: value for key, value in self._entries.items() if key in self._used}

    @contextlib.contextmanager
    def build(self) -> Iterator[ContentCache]:
        """One build's use of the cache, for callers whose build is one block of code."""
        self.begin_build()
        yield self
        self.end_build()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries


def cached(cache: ContentCache | None, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, through ``cache`` when there is one (a plain build needs none)."""
    return compute() if cache is None else cache.get_or_compute(key, compute)
