"""What ``speech-archive check`` reports: the build's problems, and what the passes will add.

The problems come from ``loader.collect_problems``, the build's own validator, so
check and build never disagree. For the speeches a contributor changed, the report
also lists what the annotation passes find (paragraphs, sayings, glossary terms).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..build import annotate_speech
from ..characters import shown
from ..load.archive import (
    OLD_SAYINGS_FILE,
    SAYINGS_FILE,
    SPEECHES_DIR,
    collect_problems,
    sayings_file,
    speech_files,
)
from ..model import Archive, Speech
from ..problems import Problem

# The catalogue of sayings under its old name too: an archive may still use it.
VOCABULARIES = ("themes.yml", SAYINGS_FILE, OLD_SAYINGS_FILE, "glossary.yml")


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 speech', '2 speeches'."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


@dataclass
class CheckReport:
    problems: list[Problem]  # in the files checked
    checked: list[str] | None  # the paths asked for; None for the whole archive
    elsewhere: int = 0  # problems in files not asked for
    findings: dict[str, dict] = field(default_factory=dict)  # speech path -> what the passes found
    speech_count: int = 0  # speech files in the archive, valid or not
    sayings_file: str = f"{SPEECHES_DIR}/{SAYINGS_FILE}"  # the archive's catalogue of sayings

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        what = (
            count(len(self.checked), "file")
            if self.checked is not None
            else f"{count(self.speech_count, 'speech', 'speeches')} and the vocabularies"
        )
        if self.ok:
            line = f"no problems: checked {what}"
        else:
            files = len({p.path for p in self.problems})
            line = (
                f"{count(len(self.problems), 'problem')} in {count(files, 'file')}: checked {what}"
            )
        if self.elsewhere:
            line += f"; {self.elsewhere} more elsewhere in the archive (run check without paths)"
        return line


def archive_path(root: Path, path: Path) -> str | None:
    """'speeches/<name>' for a speech or vocabulary of the archive at ``root``; None otherwise."""
    try:
        relative = path.resolve().relative_to((root / SPEECHES_DIR).resolve())
    except ValueError:
        return None
    if len(relative.parts) != 1 or not (relative.suffix == ".md" or relative.name in VOCABULARIES):
        return None
    return f"{SPEECHES_DIR}/{relative.name}"


def changed_speeches(root: Path, since: str) -> list[str]:
    """Speech files changed since git revision ``since``, or new; [] outside a git work tree."""
    commands = (
        ["git", "diff", "--name-only", "--relative", "--diff-filter=d", since, "--", SPEECHES_DIR],
        ["git", "ls-files", "--others", "--exclude-standard", "--", SPEECHES_DIR],
    )
    paths: set[str] = set()
    for command in commands:
        try:
            result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return []
        if result.returncode != 0:
            return []
        paths.update(line for line in result.stdout.splitlines() if line.endswith(".md"))
    return sorted(paths)


def _findings_for(speech: Speech, archive: Archive) -> dict:
    found = annotate_speech(speech, archive).findings
    # Other passes may not be installed yet: .get keeps the report honest either way.
    return {
        "paragraphs": found.get("paragraphs", 0),
        "sayings": found.get("sayings", []),
        "terms": found.get("terms", []),
    }


def run_check(root: Path, paths: list[str] | None, since: str = "HEAD") -> CheckReport:
    """Check the archive at ``root`` (or only ``paths``, given as 'speeches/<name>')."""
    archive, problems = collect_problems(root)
    asked = set(paths) if paths is not None else None
    shown = [p for p in problems if asked is None or p.path in asked]
    speeches_dir = root / SPEECHES_DIR
    report = CheckReport(
        shown,
        paths,
        elsewhere=len(problems) - len(shown),
        speech_count=len(speech_files(speeches_dir)) if speeches_dir.is_dir() else 0,
        sayings_file=f"{SPEECHES_DIR}/{sayings_file(speeches_dir)}",
    )
    changed = set(paths if paths is not None else changed_speeches(root, since))
    if archive:
        for speech in archive.speeches:
            if speech.path in changed:
                report.findings[speech.path] = _findings_for(speech, archive)
    return report


def _saying_line(saying: dict, catalogue: str) -> str:
    where = f"paragraph {saying.get('paragraph')}" if saying.get("paragraph") else "saying"
    known = (
        f"catalogued as {saying.get('id')}"
        if saying.get("catalogued")
        else f"not yet in {catalogue}"
    )
    origin = f", {saying['origin']}" if saying.get("origin") else ""
    return f'  saying, {where}: "{saying.get("text", "")}" ({known}{origin})'


def format_text(report: CheckReport) -> str:
    lines: list[str] = []
    for path, found in report.findings.items():
        lines.append(
            f"{path}: the build will add {count(found['paragraphs'], 'paragraph number')}, "
            f"{count(len(found['sayings']), 'highlighted saying')}, "
            f"{count(len(found['terms']), 'glossary term')}"
        )
        lines += [_saying_line(saying, report.sayings_file) for saying in found["sayings"]]
        lines += [f"  term: {term}" for term in found["terms"]]
    lines += [str(problem) for problem in report.problems]
    lines.append(report.summary())
    return "\n".join(shown(line) for line in lines)  # a quoted saying is one visible line too


def format_json(report: CheckReport) -> str:
    return json.dumps(
        {
            "ok": report.ok,
            "summary": report.summary(),
            "problems": [problem.as_dict() for problem in report.problems],
            "problems_elsewhere": report.elsewhere,
            "checked": report.checked,
            "speeches": report.findings,
        },
        indent=2,
        ensure_ascii=False,
        default=str,
    )


def escaped_data(text: str) -> str:
    """A workflow command's message, escaped as the GitHub Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escaped_property(text: str) -> str:
    """A workflow command's property value: its message's escapes, and ':' and ',' too."""
    return escaped_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: CheckReport) -> str:
    """One '::error file=...,line=...,title=...::message' workflow command per problem, which
    GitHub shows on the line of the pull request's file, then the summary as a plain line."""
    lines = []
    for problem in report.problems:
        visible = problem.as_dict()  # every part shown escaped, one line, as in the text form
        properties = [f"file={escaped_property(visible['path'])}"]
        if problem.line > 0:  # 0: the whole file, which GitHub annotates without a line
            properties.append(f"line={problem.line}")
        field = visible["field"]
        title = f"speech-archive: {field}" if field != "-" else "speech-archive"
        properties.append(f"title={escaped_property(title)}")
        lines.append(f"::error {','.join(properties)}::{escaped_data(visible['message'])}")
    lines.append(report.summary())
    return "\n".join(lines)
