"""Checks a schema cannot express: footnotes in a speech body, one speech entered twice, URLs.

Both run inside the loader, so ``speech-archive check`` and the build report the same problems.
"""

from __future__ import annotations

import re

from ..annotate.blocks import code_spans, prose_lines
from ..escape import UrlError, checked_url
from ..model import Speech
from ..problems import Problem
from ..text import anchor_id

# Python-Markdown's own patterns (markdown/extensions/footnotes.py): labels are case-sensitive.
_DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]]*)\]:")
# A label holds no '[' (Markdown's holds any): '[^[^[^...' then costs linear time.
_REFERENCE = re.compile(r"(?<!\\)\[\^([^\[\]]*)\]")


def footnote_problems(body: str, body_line: int, shown_as: str) -> list[Problem]:
    """A ``[^label]`` reference with no ``[^label]:`` definition (Markdown would print it as
    text), and a definition with nothing in it (Python-Markdown crashes on one no reference uses).

    Code (fenced blocks and code spans) is skipped: brackets there are not references.
    """
    if "[^" not in body:
        return []  # no reference at all: most speeches, no need to read line by line
    defined: set[str] = set()
    first_use: dict[str, int] = {}
    empty: list[Problem] = []
    lines = body.split("\n")
    for offset, line in prose_lines(lines):
        line = _blank_code_spans(line)
        definition = _DEFINITION.match(line)
        if definition:
            defined.add(definition.group(1))
            line = line[definition.end() :]
            if not line.strip() and not _indented_next(lines, offset + 1):
                empty.append(
                    Problem(
                        shown_as,
                        body_line + offset,
                        "body",
                        f"footnote [^{definition.group(1)}] has an empty definition "
                        f"(expected its text after '[^{definition.group(1)}]:', or remove the line)",
                    )
                )
        for reference in _REFERENCE.finditer(line):
            first_use.setdefault(reference.group(1), body_line + offset)
    return empty + [
        Problem(
            shown_as,
            line,
            "body",
            f"footnote reference [^{label}] has no definition "
            f"(expected a line '[^{label}]: ...' in the speech, or remove the reference)",
        )
        for label, line in first_use.items()
        if label not in defined
    ]


def _blank_code_spans(line: str) -> str:
    """``line`` with each code span's characters replaced by spaces."""
    if "`" not in line:
        return line
    pieces, position = [], 0
    for start, end in code_spans(line).items():
        pieces += [line[position:start], " " * (end - start)]
        position = end
    return "".join(pieces) + line[position:]


def _indented_next(lines: list[str], start: int) -> bool:
    """Whether the next non-blank line is indented as a footnote's continued text."""
    for line in lines[start:]:
        if line.strip():
            return line.startswith(("    ", "\t"))
    return False


def url_problem(value: object, shown_as: str, line: int, field: str) -> Problem | None:
    """A URL field's value that a browser would not read as a plain web address.

    The schema's pattern only asks for 'http(s)://' and no spaces; this parses the URL
    (escape.checked_url). Values that are not text are the schema's to report.
    """
    if not isinstance(value, str) or not _WEB_URL_SHAPE.match(value):
        return None  # the schema reports it (not text, or not 'http(s)://' and no spaces)
    try:
        checked_url(value)
    except UrlError as err:
        return Problem(
            shown_as,
            line,
            field,
            f"{value!r} {err} (expected a web address like 'https://example.org/page')",
        )
    return None


# What the schema's pattern lets through; anything else it reports itself.
_WEB_URL_SHAPE = re.compile(r"https?://\S+\Z")


def top_level_key_line(text: str, key: str) -> int:
    """The line of a top-level front-matter key (always at column 0 in block YAML); 2 if unseen."""
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
        if line.rstrip() in ("---", "..."):
            break
    return 2


def duplicate_speeches(speeches: list[Speech], title_lines: dict[str, int]) -> list[Problem]:
    """The same speech entered twice: two files with the same date and the same title.

    File names are unique by construction, so a duplicate slug in this archive means a
    second file for one speech (say, imported and also typed in, under different slugs),
    which would publish two pages for it. Titles are compared as slugs, so case,
    punctuation and accents do not hide a duplicate. Same-titled speeches on other days
    (a yearly address) are distinct. ``title_lines`` gives each file's title line.
    """
    by_key: dict[tuple, list[Speech]] = {}
    for speech in speeches:
        by_key.setdefault((speech.date, anchor_id(speech.title)), []).append(speech)
    problems: list[Problem] = []
    for group in by_key.values():
        for speech in group:
            others = ", ".join(other.path for other in group if other is not speech)
            if others:
                problems.append(
                    Problem(
                        speech.path,
                        title_lines.get(speech.path, 2),
                        "title",
                        f"{speech.title!r} on {speech.date.isoformat()} is also in {others} "
                        "(expected each speech once: keep one file, or correct the title or date)",
                    )
                )
    return problems
