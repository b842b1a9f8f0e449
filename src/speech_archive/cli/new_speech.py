"""A new speech file: complete front matter from what the contributor gave, and a body placeholder."""

from __future__ import annotations

import re
from pathlib import Path

from ..load.archive import SPEECHES_DIR
from ..load.unfinished import PLACEHOLDER
from ..problems import Problem
from .speech_file import check_speech_text, render_speech_file


def new_speech_text(
    title: str,
    date: str,
    venue: str,
    speaker: str | None = None,
    themes: tuple[str, ...] = (),
    occasion: str | None = None,
) -> str:
    """The file's text. Fields not given are left out, so validation names them."""
    meta: dict = {
        "title": title,
        "date": date,
        "speaker": speaker,
        "venue": venue,
        "occasion": occasion,
        "themes": list(themes),
    }
    meta = {key: value for key, value in meta.items() if value not in (None, [])}
    return render_speech_file(meta, PLACEHOLDER)


def check_new_speech(root: Path, date: str, slug: str, text: str) -> list[Problem]:
    """The build's problems with ``text`` saved as speeches/<date>-<slug>.md.

    The file name is made from the date, so a malformed date is reported once, as the
    date field's problem, rather than again as a malformed file name.
    """
    file_name = f"{date}-{slug}.md"
    name_to_check = (
        file_name if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else f"0000-00-00-{slug}.md"
    )
    problems = check_speech_text(root, name_to_check, text, shown_as=f"{SPEECHES_DIR}/{file_name}")
    # The body is the placeholder, which check and the build refuse until it is replaced.
    return [problem for problem in problems if problem.field != "body"]
