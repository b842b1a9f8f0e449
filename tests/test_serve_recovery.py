"""`mkdocs serve` recovers once a hostile speech is fixed (issue 15, bounded work).

A body that once hung Python-Markdown (a list nested hundreds deep) left `serve` rebuilding forever,
even after the file was restored. Now the loader refuses it at once: a real `mkdocs serve`
reports the problem, keeps watching, and serves the fixed page after the fix.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from conftest import PLAIN_FRONT_MATTER, make_small_archive

SPEECH = "speeches/2001-01-01-a-speech.md"
HEAD = PLAIN_FRONT_MATTER
PAGE = "speeches/2001-01-01-a-speech.html"
WAIT = 120  # seconds: generous, for a loaded machine; a hang would never end


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(port: int) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{PAGE}", timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"gave up waiting {WAIT} s for {what}")


@pytest.mark.slow  # three builds under a real `mkdocs serve`
def test_serve_reports_a_hostile_speech_and_serves_the_fixed_one(tmp_path):
    project = make_small_archive(tmp_path / "archive")
    speech = project / SPEECH
    speech.write_text(HEAD + "The first words.\n", encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(server.stdout or ()), daemon=True)
    reader.start()
    try:
        _wait_for(lambda: "The first words." in (_page(port) or ""), "the first page")
        time.sleep(1)  # past the watcher's first look at the folder
        # 200 levels (80,000 characters): refused for its depth, below every size bound.
        speech.write_text(HEAD + "".join("    " * n + "- item\n" for n in range(200)), "utf-8")
        _wait_for(
            lambda: any(f"{SPEECH}:" in line and "levels deep" in line for line in log),
            "the problem to be reported",
        )
        speech.write_text(HEAD + "The fixed words.\n", encoding="utf-8")
        _wait_for(lambda: "The fixed words." in (_page(port) or ""), "the fixed page")
        assert server.poll() is None, "".join(log)  # still serving
        assert not any("Traceback" in line for line in log), "".join(log)
    finally:
        server.terminate()
        server.wait(timeout=30)
