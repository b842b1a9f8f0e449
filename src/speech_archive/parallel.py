"""Pure work spread over several processes, for the cores a build would otherwise leave idle.

Loading or annotating a speech reads only that speech and the vocabularies, so a
large archive's speeches can be done on every core at once. Only where processes fork (Linux, and macOS if asked): a forked worker inherits
the job and its data, so nothing is pickled on the way in; each result (a speech's
Markdown and findings) is pickled on the way back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
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


def map_in_processes(job: Callable[[int], R], count: int, workers: int) -> list[R]:
    """``[job(i) for i in range(count)]``, computed in ``workers`` forked processes, in order."""
    size = max(1, -(-count // (workers * 4)))  # a few chunks per worker evens out slow speeches
    chunks = [range(start, min(count, start + size)) for start in range(0, count, size)]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(job,)) as pool:
        return [result for chunk in pool.imap(_run_chunk, chunks) for result in chunk]
