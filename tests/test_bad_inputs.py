"""The bad-input suite: broken and hostile archives are refused clearly, and nothing is lost.

Each folder of tests/bad_inputs/ is one case: its files are laid over a small valid
archive's speeches/ folder (replacing a vocabulary of the same name; names in
remove.txt are deleted), and expected.txt holds the 'path:line: field: message'
beginnings that must be reported. A few cases cannot be files in git (symbolic
links, a 21 MB file) and are made by CASE_RECIPES below.

Every case goes through the core loader, a real MkDocs build and `speech-archive
check` (in this process, with the same config, hooks and click command), and one
case of each category through the two commands in a new interpreter: each must
exit non-zero naming the problem, print no traceback, and change no file. Adding
another way to run the archive is one RUNNERS (and COMMANDS) entry.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_project, run_mkdocs_build
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from speech_archive.cli import main as cli_main
from speech_archive.load.archive import collect_problems
from speech_archive.load.safe_yaml import YamlProblem, load_yaml
from speech_archive.load.text_files import MAX_BYTES

CASES_DIR = Path(__file__).resolve().parent / "bad_inputs"
CASE_FILES = {"expected.txt", "remove.txt"}


def _symlink_speech_inside(project: Path) -> None:
    target = project / "elsewhere.md"
    target.write_text(
        (CASES_DIR / "front-matter-missing-title" / "2001-01-01-a-speech.md").read_text()
    )
    (project / "speeches" / "2001-01-01-a-speech.md").symlink_to(target)


def _symlink_vocabulary_outside(project: Path) -> None:
    outside = project.parent / "outside-secrets.yml"
    outside.write_text("token: not-for-the-site\n", encoding="utf-8")
    (project / "speeches" / "glossary.yml").unlink(missing_ok=True)
    (project / "speeches" / "glossary.yml").symlink_to(outside)


def _symlink_speeches_folder_outside(project: Path) -> None:
    outside = project.parent / "outside-speeches"
    shutil.move(project / "speeches", outside)
    (project / "speeches").symlink_to(outside, target_is_directory=True)


def _speeches_folder_missing(project: Path) -> None:
    shutil.rmtree(project / "speeches")


def _file_too_large(project: Path) -> None:
    head = (CASES_DIR / "front-matter-missing-title" / "2001-01-01-a-speech.md").read_text()
    with open(project / "speeches" / "2001-01-01-a-speech.md", "w", encoding="utf-8") as out:
        out.write(head.replace("---\n\n", "---\n\n" + "words " * (MAX_BYTES // 6 + 10), 1))


# name -> (make the case in a fresh valid project, expected message beginnings)
CASE_RECIPES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "path-symlinked-speech": (
        _symlink_speech_inside,
        ["speeches/2001-01-01-a-speech.md:0: -: is a symbolic link"],
    ),
    "path-symlink-to-outside-the-archive": (
        _symlink_vocabulary_outside,
        ["speeches/glossary.yml:0: -: is a symbolic link to a place outside the archive"],
    ),
    "path-speeches-folder-links-outside": (
        _symlink_speeches_folder_outside,
        ["speeches:0: -: is a symbolic link to a place outside the archive"],
    ),
    "path-speeches-folder-missing": (
        _speeches_folder_missing,
        ["speeches:0: -: folder is missing"],
    ),
    # MkDocs itself refuses first: mkdocs.yml's `watch:` names the folder.
    "path-speeches-folder-missing mkdocs build": (
        _speeches_folder_missing,
        ["speeches' isn't an existing"],
    ),
    "path-speeches-folder-missing speech-archive check": (
        _speeches_folder_missing,
        ["has no speeches/ folder"],
    ),
    "size-file-over-the-limit": (_file_too_large, ["speeches/2001-01-01-a-speech.md:0: -: is 209"]),
}
CASES = sorted(
    [p.name for p in CASES_DIR.iterdir() if (p / "expected.txt").is_file()]
    + [name for name in CASE_RECIPES if " " not in name]
)


def expected_lines(case: str, runner: str = "") -> list[str]:
    """The message beginnings to be reported; a recipe named '<case> <runner>' overrides for one runner."""
    if f"{case} {runner}" in CASE_RECIPES:
        return CASE_RECIPES[f"{case} {runner}"][1]
    if case in CASE_RECIPES:
        return CASE_RECIPES[case][1]
    return (CASES_DIR / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def make_case(case: str, base: Path, dest: Path) -> Path:
    """A copy of ``base`` with the case's files laid over its speeches/ folder."""
    project = dest / case
    shutil.copytree(base, project, symlinks=True)
    if case in CASE_RECIPES:
        CASE_RECIPES[case][0](project)
        return project
    for source in sorted((CASES_DIR / case).iterdir()):
        if source.name == "remove.txt":
            for name in source.read_text(encoding="utf-8").split():
                (project / "speeches" / name).unlink()
        elif source.name not in CASE_FILES:
            shutil.copyfile(source, project / "speeches" / source.name)
    return project


def sources_hashes(project: Path) -> dict[str, str]:
    """sha256 of every file outside site/, by path; links are recorded, not followed."""
    hashes = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project).as_posix()
        if relative == "site" or relative.startswith("site/"):
            continue
        if path.is_symlink():
            hashes[relative] = "link:" + os.readlink(path)
        elif path.is_file():
            hashes[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


@dataclass
class Outcome:
    exit_code: int
    output: str
    traceback: bool  # an exception other than the tool's own error escaped


def build_in_process(project: Path) -> Outcome:
    """`mkdocs build --strict` without a new interpreter: the same config, hooks and build."""
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(
            str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True
        )
        build(config)
        return Outcome(0, "\n".join(records), False)
    except MkDocsException as err:  # what the mkdocs command prints as 'ERROR - ...' and exits 1 on
        return Outcome(err.exit_code, "\n".join([*records, err.format_message()]), False)
    except Exception as err:
        return Outcome(1, "\n".join([*records, repr(err)]), True)
    finally:
        logger.removeHandler(handler)


def check_in_process(project: Path) -> Outcome:
    """`speech-archive check` through click's test runner: the same command, no new interpreter."""
    result = CliRunner().invoke(cli_main, ["--root", str(project), "check"])
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    return Outcome(result.exit_code, result.output, escaped)


def build_command(project: Path) -> Outcome:
    result = run_mkdocs_build(project)
    output = result.stdout + result.stderr
    return Outcome(result.returncode, output, "Traceback" in output)


def check_command(project: Path) -> Outcome:
    command = [str(Path(sys.executable).parent / "speech-archive"), "--root", str(project), "check"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    return Outcome(result.returncode, output, "Traceback" in output)


# Every case runs through each of these; a new way to run the archive is one more entry.
RUNNERS: dict[str, Callable[[Path], Outcome]] = {
    "mkdocs build": build_in_process,
    "speech-archive check": check_in_process,
}
# The real commands, in a new interpreter, for one case of each category (a
# subprocess costs about a second on a busy machine; the in-process runs cover all).
COMMANDS: dict[str, Callable[[Path], Outcome]] = {
    "mkdocs build": build_command,
    "speech-archive check": check_command,
}


def category(case: str) -> str:
    return case.split("-")[0]


ONE_PER_CATEGORY = sorted({category(case): case for case in reversed(CASES)}.values())


@pytest.fixture(scope="module")
def base_project(tmp_path_factory) -> Path:
    """A small valid archive: the real vocabularies, no speeches."""
    return copy_project(tmp_path_factory.mktemp("base"), speeches=False)


def assert_refused_cleanly(
    case: str, project: Path, runner: str, run: Callable[[Path], Outcome]
) -> None:
    before = sources_hashes(project)
    outcome = run(project)
    assert outcome.exit_code != 0, outcome.output
    for line in expected_lines(case, runner):
        assert line in outcome.output, outcome.output
    assert not outcome.traceback and "Traceback" not in outcome.output, outcome.output
    assert sources_hashes(project) == before
    assert not (project / "site").exists()  # refused before MkDocs touched the site folder


def test_the_suite_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_core_loader_reports_the_expected_problems(case, base_project, tmp_path):
    project = make_case(case, base_project, tmp_path)
    _, problems = collect_problems(project)
    reported = [str(problem) for problem in problems]
    for line in expected_lines(case):
        assert any(problem.startswith(line) for problem in reported), (line, reported)


@pytest.mark.parametrize("runner", RUNNERS)
@pytest.mark.parametrize("case", CASES)
def test_every_case_is_refused_with_its_message_and_changes_nothing(
    case, runner, base_project, tmp_path
):
    assert_refused_cleanly(case, make_case(case, base_project, tmp_path), runner, RUNNERS[runner])


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", ONE_PER_CATEGORY)
def test_the_commands_exit_non_zero_without_traceback(case, command, base_project, tmp_path):
    assert_refused_cleanly(
        case, make_case(case, base_project, tmp_path), command, COMMANDS[command]
    )


def test_billion_laughs_is_refused_at_the_first_alias_with_little_memory():
    # Nine levels of nine aliases: expanded, 9**9 (387 million) strings.
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    tracemalloc.start()
    try:
        with pytest.raises(YamlProblem) as refused:
            load_yaml("\n".join(lines))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.line == 2  # the first alias: nothing was expanded
    assert peak < 2_000_000


def test_utf8_bom_and_crlf_build(base_project, tmp_path):
    project = make_case("front-matter-missing-title", base_project, tmp_path)
    speech = project / "speeches" / "2001-01-01-a-speech.md"
    text = speech.read_text(encoding="utf-8").replace("---\n", "---\ntitle: With BOM and CRLF\n", 1)
    speech.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "speeches" / "2001-01-01-a-speech.html").is_file()


def test_a_five_megabyte_speech_builds(base_project, tmp_path):
    project = make_case("front-matter-missing-title", base_project, tmp_path)
    speech = project / "speeches" / "2001-01-01-a-speech.md"
    paragraph = (
        "The delegates spoke of trade, of rivers and of roads, and of the years to come. " * 12
    ).strip()
    copies = 5_000_000 // (len(paragraph) + 2) + 1
    # One link, so the safety check renders the whole body rather than skipping plain prose.
    body = "See [the record](https://example.org/record).\n\n" + "\n\n".join([paragraph] * copies)
    head = speech.read_text(encoding="utf-8").replace(
        "---\n", "---\ntitle: A very long speech\n", 1
    )
    speech.write_text(head.split("\n---\n", 1)[0] + "\n---\n\n" + body + "\n", encoding="utf-8")
    assert speech.stat().st_size > 5_000_000
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "speeches" / "2001-01-01-a-speech.html").read_text(encoding="utf-8")
    assert page.count("rivers and of roads") == 12 * copies
