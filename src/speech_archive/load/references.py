"""The reference works in speeches/references/: public-domain texts speeches quote.

``references.yml`` declares each work (title, licence, where it came from); its
passages are a UTF-8 TSV file in the same folder, one ``citation<TAB>text`` a line.
A mistake in either becomes a Problem naming the file, line and field, never a
traceback: the build then stops with every problem listed, as for the other vocabularies.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Passage, ReferenceWork
from ..problems import Problem
from .archive_files import regular_file_problem, resolved
from .catalogues import _duplicates, _load
from .text_files import MAX_BYTES, character_problems, read_text

DECLARATION = "references.yml"
MAX_PASSAGES = 200_000  # the whole Bible is ~31,000 verses
_MAX_LINE_PROBLEMS = 20  # a wrong file (not TSV at all) would otherwise flood the report

_TEXT = {"type": "string", "minLength": 1, "maxLength": 2000}
REFERENCES_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "title", "origin", "file", "licence", "source", "cite"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "examples": ["kjv"]},
            "title": {**_TEXT, "maxLength": 200, "description": "the work's title"},
            "origin": {
                **_TEXT,
                "maxLength": 100,
                "description": "what a saying note calls it, e.g. 'Bible'",
            },
            # A plain file name: nothing that could reach outside the folder.
            "file": {
                "type": "string",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$",
                "examples": ["kjv.tsv"],
            },
            "licence": {**_TEXT, "description": "why the text may be published"},
            "source": {
                "type": "string",
                "pattern": "^https?://[^\\s]+$",
                "examples": ["https://www.gutenberg.org/ebooks/10900"],
            },
            "cite": {**_TEXT, "maxLength": 100, "description": "e.g. 'book chapter:verse'"},
        },
    },
}


def load_references(folder: Path, shown_as: str) -> tuple[tuple[ReferenceWork, ...], list[Problem]]:
    """The works ``folder/references.yml`` declares, with their passages; none without it."""
    declaration = folder / DECLARATION
    if not declaration.exists() and not declaration.is_symlink():
        return (), []  # a FIFO or a loop under that name is read, and refused, below
    declared_as = f"{shown_as}/{DECLARATION}"
    if _leaves(folder, declaration):
        return (), [
            Problem(
                declared_as,
                0,
                "-",
                "is a symbolic link to a place outside its folder "
                "(expected a regular file inside it)",
            )
        ]
    doc, problems = _load(declaration, declared_as, REFERENCES_SCHEMA, required=False)
    if doc is None:
        return (), problems
    entries = doc.data
    problems = _duplicates(doc, declared_as, "id", [e["id"] for e in entries])
    problems += _duplicates(doc, declared_as, "file", [e["file"] for e in entries])
    works = []
    for index, entry in enumerate(entries):
        file_as = f"{shown_as}/{entry['file']}"
        path = folder / entry["file"]
        found = _file_problems(
            folder, path, file_as, declared_as, doc.line_of((index, "file")), index
        )
        if not found:
            passages, found = read_passages(path, file_as)
        problems += found
        if not found:
            works.append(
                ReferenceWork(
                    id=entry["id"],
                    title=entry["title"].strip(),
                    origin=entry["origin"].strip(),
                    licence=entry["licence"].strip(),
                    source=entry["source"],
                    cite=entry["cite"].strip(),
                    passages=passages,
                )
            )
    return tuple(works), problems


def _leaves(folder: Path, path: Path) -> bool:
    """True for a symbolic link that leads out of ``folder``: its contents would be published.
    A loop leads nowhere: reading it reports it."""
    if not path.is_symlink():
        return False
    target = resolved(path)
    return target is not None and folder.resolve() not in target.parents


def _file_problems(
    folder: Path, path: Path, file_as: str, declared_as: str, line: int, index: int
) -> list[Problem]:
    """Why the declared file cannot be read, if it cannot: missing, leaving the folder, too large."""
    if not path.exists() and not path.is_symlink():
        return [
            Problem(
                declared_as,
                line,
                f"[{index}].file",
                f"names {path.name!r}, which is not in {file_as.rpartition('/')[0]}/ "
                "(expected the work's TSV file in that folder)",
            )
        ]
    if _leaves(folder, path):
        return [
            Problem(
                file_as,
                0,
                "-",
                "is a symbolic link to a place outside its folder "
                "(expected a regular file inside it)",
            )
        ]
    not_regular = regular_file_problem(path, file_as)
    if not_regular is not None:
        return [not_regular]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [Problem(file_as, 0, "-", f"is {size} bytes (expected at most {MAX_BYTES})")]
    return []


def read_passages(path: Path, shown_as: str) -> tuple[tuple[Passage, ...], list[Problem]]:
    """The ``citation<TAB>text`` lines of a TSV file; blank lines are skipped."""
    text, problems = read_text(path, shown_as)
    if text is None:
        return (), problems
    problems = character_problems(text, shown_as)  # the passages are quoted on pages
    if problems:
        return (), problems
    passages: list[Passage] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(problems) >= _MAX_LINE_PROBLEMS:
            problems.append(
                Problem(
                    shown_as,
                    number,
                    "-",
                    "has more problems; stopped reading "
                    "(expected one 'citation<TAB>text' passage a line)",
                )
            )
            break
        if len(passages) >= MAX_PASSAGES:
            problems.append(
                Problem(
                    shown_as,
                    number,
                    "-",
                    f"has more than {MAX_PASSAGES} passages (expected at most {MAX_PASSAGES})",
                )
            )
            break
        citation, tab, words = line.partition("\t")
        citation, words = citation.strip(), words.strip()
        if not tab:
            problems.append(
                Problem(
                    shown_as,
                    number,
                    "-",
                    "has no tab (expected 'citation<TAB>text', "
                    "e.g. 'Micah 6:8<TAB>He hath shewed thee, O man, ...')",
                )
            )
        elif not citation:
            problems.append(
                Problem(
                    shown_as,
                    number,
                    "citation",
                    "is empty (expected how the passage "
                    "is cited, e.g. 'Micah 6:8', before the tab)",
                )
            )
        elif not words:
            problems.append(
                Problem(
                    shown_as,
                    number,
                    "text",
                    f"of {citation!r} is empty (expected the passage's words after the tab)",
                )
            )
        elif citation in first_line:
            problems.append(
                Problem(
                    shown_as,
                    number,
                    "citation",
                    f"{citation!r} is already on line "
                    f"{first_line[citation]} (expected each citation once)",
                )
            )
        else:
            first_line[citation] = number
            passages.append(Passage(citation, words))
    if not passages and not problems:
        problems.append(
            Problem(shown_as, 0, "-", "has no passages (expected one 'citation<TAB>text' a line)")
        )
    return tuple(passages), problems
