"""Reading the archive's text files: strict UTF-8, with the usual editor variations accepted."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..characters import FORBIDDEN, describe
from ..problems import Problem
from .archive_files import regular_file_problem

# A speech is prose: a file larger than this is almost certainly not one, and
# would only make the build slow. 5 MB speeches are accepted.
MAX_BYTES = 20 * 1024 * 1024
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)  # POSIX only


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    """Return the file's text with BOM and CRLF normalised, or a problem saying why not."""
    not_regular = regular_file_problem(path, shown_as)  # by stat: a FIFO is never opened
    if not_regular is not None:
        return None, [not_regular]
    try:
        # Non-blocking: should a FIFO replace the file after the stat, opening it cannot hang.
        with open(os.open(path, os.O_RDONLY | _NON_BLOCKING), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None, [Problem(shown_as, 0, "-", "is not a regular file (expected text)")]
            size = info.st_size
            # Never more than the limit is read, whatever the file claims or becomes.
            data = handle.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
    except OSError as err:
        return None, [Problem(shown_as, 0, "-", f"cannot be read ({err.strerror})")]
    if size > MAX_BYTES or len(data) > MAX_BYTES:
        shown = f"{size} bytes" if size > MAX_BYTES else f"more than {MAX_BYTES} bytes"
        return None, [Problem(shown_as, 0, "-", f"is {shown} (expected at most {MAX_BYTES})")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(shown_as, 1, "-", "is UTF-16 encoded (expected UTF-8)")]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(shown_as, line, "-", "contains a NUL byte (expected UTF-8 text)")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                shown_as,
                line,
                "-",
                f"is not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}; "
                "expected UTF-8 text: re-save the file as UTF-8)",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


_MAX_CHARACTER_PROBLEMS = 20  # a binary file pasted in would otherwise flood the report
# A numeric character reference that HTML turns into a character no value may hold
# ('&#x1b;'); 0x80-0x9F are not among them: HTML reads those as Windows-1252 ('&#146;' is ’).
_NUMERIC_REFERENCE = re.compile(r"&#(?:([0-9]{1,32})|[xX]([0-9a-fA-F]{1,32}));")


def _referenced(match: re.Match[str]) -> str | None:
    """What a reference stands for when it is refused ('the control character U+001B')."""
    point = int(match.group(1), 10) if match.group(1) else int(match.group(2), 16)
    if point == 0 or point > 0x10FFFF:
        return "no character"  # browsers show U+FFFD
    if 0x80 <= point <= 0x9F:
        return None
    return describe(chr(point)) if FORBIDDEN.match(chr(point)) else None


def character_problems(
    text: str, shown_as: str, field: str = "-", first_line: int = 1, references: bool = False
) -> list[Problem]:
    """Each line of ``text`` holding a character no text may hold (characters.FORBIDDEN),
    by its line in the file; with ``references``, also '&#...;' references to one, which
    Markdown passes to the page as they are."""
    problems: list[Problem] = []
    hits = FORBIDDEN.search(text) is not None or (references and "&#" in text)
    if not hits:
        return problems  # the usual case: one scan of the text, in C
    for number, line in enumerate(text.split("\n"), start=first_line):
        found = FORBIDDEN.search(line)
        message = None
        if found:
            message = f"contains {describe(found.group())} at column {found.start() + 1}"
        elif references and "&#" in line:
            for reference in _NUMERIC_REFERENCE.finditer(line):
                what = _referenced(reference)
                if what is not None:
                    message = (
                        f"writes {reference.group()!r} at column {reference.start() + 1}, "
                        f"which stands for {what}"
                    )
                    break
        if message is None:
            continue
        if len(problems) == _MAX_CHARACTER_PROBLEMS:
            problems.append(
                Problem(shown_as, number, field, "has more such lines; stopped looking")
            )
            break
        problems.append(
            Problem(
                shown_as,
                number,
                field,
                f"{message} (expected printable text: such characters are invisible "
                "on the page and break the feed)",
            )
        )
    return problems
