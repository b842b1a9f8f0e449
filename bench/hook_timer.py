"""Seconds spent in the project's hook modules, per hook file and event.

MkDocs registers each file listed under `hooks:` as a plugin named by its path, and
calls every event through ``PluginCollection.run_event``. ``install`` wraps that one
dispatcher so the time of each call made to a hook module (a plugin whose name ends
in ``.py``) is added up; plugins such as search and offline are not counted.

As a script it is `mkdocs` itself with the timer installed, writing the totals to
the file named by BENCH_HOOK_EVENTS when the build ends:

    BENCH_HOOK_EVENTS=events.json python bench/hook_timer.py build -d site
"""

from __future__ import annotations

import atexit
import json
import os
import time
from pathlib import Path

from mkdocs.plugins import PluginCollection

EVENTS_ENV = "BENCH_HOOK_EVENTS"


def install(seconds: dict[str, float]) -> None:
    """Add the time of every hook-module event call to ``seconds['<hook file> on_<event>']``."""
    dispatch = PluginCollection.run_event

    def timed_run_event(self: PluginCollection, name: str, item=None, **kwargs):
        pass_item = item is not None
        # Same dispatch as MkDocs, with a clock around the hook modules' methods only.
        for method in self.events[name]:
            origin = self._event_origins.get(method, "<unknown>")
            self._current_plugin = origin
            start = time.perf_counter()
            result = method(item, **kwargs) if pass_item else method(**kwargs)
            if origin.endswith(".py"):
                key = f"{origin} on_{name}"
                seconds[key] = seconds.get(key, 0.0) + time.perf_counter() - start
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    timed_run_event.__wrapped__ = dispatch  # type: ignore[attr-defined]
    PluginCollection.run_event = timed_run_event  # type: ignore[method-assign]


def main() -> None:
    from mkdocs.__main__ import cli

    seconds: dict[str, float] = {}
    install(seconds)
    target = os.environ.get(EVENTS_ENV)
    if target:
        atexit.register(
            lambda: Path(target).write_text(json.dumps(seconds, indent=1), encoding="utf-8")
        )
    cli(prog_name="mkdocs")


if __name__ == "__main__":
    main()
