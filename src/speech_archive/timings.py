"""Where a build's time goes: seconds per named step, collected only when asked for.

The hook creates a ``StepTimer`` per build when the SPEECH_ARCHIVE_TIMINGS
environment variable names a file, and writes ``as_dict()`` there at the end of the
build (the benchmark reads it). Otherwise every step uses ``NO_TIMER``, whose
``measure`` returns one shared do-nothing context manager.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager

TIMINGS_ENV = "SPEECH_ARCHIVE_TIMINGS"


class StepTimer:
    """Accumulates wall-clock seconds and call counts per step name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    @contextlib.contextmanager
    def measure(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(step, time.perf_counter() - start)

    def add(self, step: str, seconds: float) -> None:
        self.seconds[step] = self.seconds.get(step, 0.0) + seconds
        self.calls[step] = self.calls.get(step, 0) + 1

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {
            step: {"seconds": round(seconds, 6), "calls": self.calls[step]}
            for step, seconds in self.seconds.items()
        }


class _NoTimer(StepTimer):
    """Measures nothing; stateless, so one instance serves every build."""

    _nothing = contextlib.nullcontext()

    def measure(self, step: str) -> AbstractContextManager[None]:  # type: ignore[override]
        return self._nothing

    def add(self, step: str, seconds: float) -> None:
        pass


NO_TIMER: StepTimer = _NoTimer()
