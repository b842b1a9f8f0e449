"""File names git should not hold (escape sequences, a byte that is not UTF-8, a newline)."""

from __future__ import annotations

import os
from pathlib import Path

SPEECH = """\
---
title: A Speech
date: 2001-01-01
speaker: A Speaker
venue: A City, A Country
themes:
  - common-security
---

Some words of the speech.
"""


def _speech_named(name: str):
    def make(project: Path) -> None:
        (project / "speeches" / name).write_text(SPEECH, encoding="utf-8")

    return make


def _page_named(name: str):
    def make(project: Path) -> None:
        (project / "docs" / name).write_text("# A page\n\nSome words.\n", encoding="utf-8")

    return make


RECIPES = {
    "speech-file-name-ansi": _speech_named("2001-01-01-a\x1b[31m-speech.md"),
    # What Python makes of the byte 0xFF in a name (surrogateescape), as os.listdir returns it.
    "speech-file-name-not-utf8": _speech_named(os.fsdecode(b"2001-01-01-a\xff-speech.md")),
    "docs-file-name-osc": _page_named("\x1b]0;pwned\x07.md"),
    "docs-file-name-newline": _page_named("a\nx.md:1: -: fine.md"),
}
