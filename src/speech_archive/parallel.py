"""Pure work spread over several processes, for the cores a build would otherwise leave idle.

Annotating a speech reads only that speech and the vocabularies, so a large archive
can be annotated on other cores, ahead of MkDocs, which converts each page on its
own. Only where processes fork (Linux, and macOS if asked): a forked worker inherits
the job and its data, so nothing is pickled on the way in; each result (a speech's
Markdown and findings) is pickled on the way back.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterator
from typing import TypeVar

R = TypeVar("R")

WORKERS_ENV = "SPEECH_ARCHIVE_WORKERS"  # a number of processes; 1 turns the parallel path off
MAX_WORKERS = 4  # beyond this the results' pickling and the page rendering dominate
MIN_ITEMS = 200  # below this, starting processes costs more than it saves

_job: Callable[[int], object] | None = None  # set in each worker process only, by _start_worker


def worker_count() -> int:
    """SPEECH_ARCHIVE_WORKERS when set, else the machine's cores (at most MAX_WORKERS)."""
    requested = os.environ.get(WORKERS_ENV, "").strip()
    if requested.isdigit() and int(requested) > 0:
        return int(requested)
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _start_worker(job: Callable[[int], object]) -> None:
    global _job
    _job = job


def _run_chunk(indices: range) -> list:
    assert _job is not None
    return [_job(index) for index in indices]


class ProcessStream:
    """``job(0), job(1), ...`` computed ahead in forked processes, taken in order by iterating.

    The processes start at once and work in chunks of ``chunk`` items while the caller
    does something else; iterating waits only for the next result not yet done.
    ``close`` stops them early (a build that fails); iterating to the end closes too.
    """

    def __init__(self, job: Callable[[int], R], count: int, processes: int, chunk: int):
        chunks = [range(start, min(count, start + chunk)) for start in range(0, count, chunk)]
        context = multiprocessing.get_context("fork")
        self._pool: multiprocessing.pool.Pool | None = context.Pool(
            processes, initializer=_start_worker, initargs=(job,)
        )
        self._results = self._pool.imap(_run_chunk, chunks)

    def __iter__(self) -> Iterator[R]:
        try:
            for chunk in self._results:
                yield from chunk
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None  # once: a later call (the iterator's end, at exit) has nothing to do


def map_in_processes(job: Callable[[int], R], count: int, workers: int) -> list[R]:
    """``[job(i) for i in range(count)]``, computed in ``workers`` forked processes, in order."""
    size = max(1, -(-count // (workers * 4)))  # a few chunks per worker evens out slow speeches
    return list(ProcessStream(job, count, workers, size))
