"""The bad-input suite: everything a contributor can get wrong in an archive, in one file.

Organised by what the contributor did wrong. Most cases are folders of tests/bad_inputs/,
named '<what>-<case>': their files are laid over a small valid archive's speeches/ folder
(replacing a vocabulary of the same name; a subfolder such as references/ over the folder of
that name; names in remove.txt are deleted), and expected.txt holds the beginnings of the
'path:line: field: message' lines that must be reported, one a problem: no more, no fewer.
The kinds of mistake, by the folders' first word:

    file-name-     a speech file not named YYYY-MM-DD-slug.md
    empty-         an empty speech file or front matter
    encoding-      a file that is not UTF-8 text (Latin-1, UTF-16, NUL bytes)
    front-matter-  a speech's fields: missing, misspelt, of the wrong type or value, bad YAML
    yaml-          YAML the archive never reads (aliases, tags, deep nesting, control characters)
    body-          a speech's text: a footnote without its definition; unfinished (the
                   placeholder, empty, shorter than a sentence) or a web page's furniture
    html-          markup in a speech's text that would run, embed or restyle something
    duplicate-     one speech under two file names
    themes-, sayings-, glossary-    the vocabularies beside the speeches
    references-    speeches/references/: the declaration and the works' TSV files
    schema-        the JSON Schema beside the speeches
    path-, size-   symbolic links, a missing folder, a file over the size limit (CASE_RECIPES)

Every case goes through the core loader, a real MkDocs build and `speech-archive check` (text
and JSON) in this process, with the same config, hooks and click command, and one case of
each kind through the two commands in a new interpreter: each must exit non-zero, report
the case's problems (check and the build the very same lines), print no traceback, and
change no file. Adding another way to run the archive is one RUNNERS (and COMMANDS) entry.
The quick run (`pytest`) takes the two largest cases (LARGE_CASES) through nothing, the
others through the loader and `check`, and one case of each kind through the rest.

Then what is hostile but accepted: markup in front matter and vocabularies is shown as text
and never run (one real build of a hostile archive), what the body check lets through, and
unusual but valid files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import (
    REFERENCE_DECLARATION,
    ROOT,
    copy_project,
    make_small_archive,
    read_mkdocs_yml,
    run_mkdocs_build,
    soup,
)
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from speech_archive.cli import main as cli_main
from speech_archive.load.archive import collect_problems, load_archive
from speech_archive.load.bounds import MAX_BODY
from speech_archive.load.references import MAX_PASSAGES
from speech_archive.load.safe_yaml import YamlProblem, load_yaml
from speech_archive.load.text_files import MAX_BYTES
from speech_archive.load.untrusted import (
    SITE_EXTENSIONS,
    check_rendered_body,
    paths_leaving_root,
    url_scheme,
)
from speech_archive.pages.redirects import render_redirects
from speech_archive.problems import ArchiveError

CASES_DIR = Path(__file__).resolve().parent / "bad_inputs"
CASE_FILES = {"expected.txt", "remove.txt"}
# Written into every file a case links to outside the archive: no output may show it.
SECRET = "not-for-the-site"


# --- refused: what cannot be a file in git (CASE_RECIPES) -----------------------------------
def _symlink_speech_inside(project: Path) -> None:
    target = project / "elsewhere.md"
    target.write_text(
        (CASES_DIR / "front-matter-missing-title" / "2001-01-01-a-speech.md").read_text()
    )
    (project / "speeches" / "2001-01-01-a-speech.md").symlink_to(target)


def _symlink_vocabulary_outside(project: Path) -> None:
    outside = project.parent / "outside-secrets.yml"
    outside.write_text(f"token: {SECRET}\n", encoding="utf-8")
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


def _references(project: Path, tsv: str = "") -> Path:
    folder = project / "speeches" / "references"
    (folder / "references.yml").write_text(REFERENCE_DECLARATION, encoding="utf-8")
    (folder / "psalms.tsv").write_text(tsv, encoding="utf-8")
    return folder / "psalms.tsv"


def _reference_file_links_outside(project: Path) -> None:
    secret = project.parent / "secret.tsv"
    secret.write_text(f"Secret 1\t{SECRET}\n", encoding="utf-8")
    tsv = _references(project)
    tsv.unlink()
    tsv.symlink_to(secret)


def _reference_too_many_passages(project: Path) -> None:
    _references(project, "".join(f"A {n}\tw\n" for n in range(MAX_PASSAGES + 1)))


def _reference_file_too_large(project: Path) -> None:
    with open(_references(project), "wb") as big:
        big.truncate(MAX_BYTES + 1)  # sparse: nothing written


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
    "references-tsv-links-outside-the-folder": (
        _reference_file_links_outside,
        [
            "speeches/references/psalms.tsv:0: -: is a symbolic link to a place outside its folder "
            "(expected a regular file inside it)"
        ],
    ),
    "references-tsv-too-many-passages": (
        _reference_too_many_passages,
        [
            f"speeches/references/psalms.tsv:{MAX_PASSAGES + 1}: -: has more than {MAX_PASSAGES} "
            f"passages (expected at most {MAX_PASSAGES})"
        ],
    ),
    "references-tsv-too-large": (
        _reference_file_too_large,
        [
            f"speeches/references/psalms.tsv:0: -: is {MAX_BYTES + 1} bytes "
            f"(expected at most {MAX_BYTES})"
        ],
    ),
    "path-speeches-folder-missing speech-archive check --format json": (
        _speeches_folder_missing,
        ["has no speeches/ folder"],
    ),
}
# Too large to make in the quick run (a 21 MB speech, 200,001 passages): the full run has them.
LARGE_CASES = {"size-file-over-the-limit", "references-tsv-too-many-passages"}
CASES = sorted(
    [p.name for p in CASES_DIR.iterdir() if (p / "expected.txt").is_file()]
    + [name for name in CASE_RECIPES if " " not in name]
)


def cases(names: list[str]) -> list:
    """``names`` as parameters, the large ones marked slow."""
    return [
        pytest.param(name, marks=pytest.mark.slow) if name in LARGE_CASES else name
        for name in names
    ]


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
        elif source.is_dir():  # e.g. references/: laid over speeches/references/
            for inner in sorted(source.iterdir()):
                shutil.copyfile(inner, project / "speeches" / source.name / inner.name)
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


# 'path:line: field: message', as check prints a problem and the build reports it.
PROBLEM_LINE = re.compile(r"^\s*([^\s:][^:\n]*):(\d+): (\S+): (.+)$", re.MULTILINE)


def problem_lines(output: str) -> set[str]:
    return {match.group(0).strip() for match in PROBLEM_LINE.finditer(output)}


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


def check_json_in_process(project: Path) -> Outcome:
    """`speech-archive check --format json`, its problems written back as 'path:line: field: message'."""
    result = CliRunner().invoke(cli_main, ["--root", str(project), "check", "--format", "json"])
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    try:
        report = json.loads(result.stdout)
    except ValueError:  # refused before checking (no speeches folder): the message as printed
        return Outcome(result.exit_code, result.output, escaped)
    assert report["ok"] is False and set(report) >= {"summary", "problems"}, report
    lines = []
    for problem in report["problems"]:
        assert set(problem) == {"path", "line", "field", "message"}, problem
        assert isinstance(problem["line"], int), problem
        lines.append(
            f"{problem['path']}:{problem['line']}: {problem['field']}: {problem['message']}"
        )
    return Outcome(result.exit_code, "\n".join(lines), escaped)


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
    "speech-archive check --format json": check_json_in_process,
}
# The real commands, in a new interpreter, for one case of each kind (a subprocess
# costs about a second on a busy machine; the in-process runs cover all).
COMMANDS: dict[str, Callable[[Path], Outcome]] = {
    "mkdocs build": build_command,
    "speech-archive check": check_command,
}


def category(case: str) -> str:
    return case.split("-")[0]


ONE_PER_CATEGORY = sorted(
    {category(case): case for case in reversed(CASES) if case not in LARGE_CASES}.values()
)
# The quick run takes every case through the loader and `check`, and one case of each kind
# through the other runners; the full run (scripts/test.sh) takes every case through all.
QUICK_RUNNER = "speech-archive check"


def case_runs() -> list:
    """(case, runner) for every case and runner, those only the full run makes marked slow."""
    runs = []
    for case in CASES:
        for runner in RUNNERS:
            quick = case not in LARGE_CASES and (runner == QUICK_RUNNER or case in ONE_PER_CATEGORY)
            runs.append(pytest.param(case, runner, marks=() if quick else pytest.mark.slow))
    return runs


@pytest.fixture(scope="module")
def base_project(tmp_path_factory) -> Path:
    """A small valid archive: the real vocabularies, no speeches, and the real reference works
    cut to their first hundred passages (reading them all would be most of every case's time)."""
    return make_small_archive(tmp_path_factory.mktemp("base"))


def assert_refused_cleanly(
    case: str, project: Path, runner: str, run: Callable[[Path], Outcome]
) -> None:
    before = sources_hashes(project)
    _, problems = collect_problems(project)
    outcome = run(project)
    assert outcome.exit_code != 0, outcome.output
    for line in expected_lines(case, runner):
        assert line in outcome.output, outcome.output
    if f"{case} {runner}" not in CASE_RECIPES:
        # Exactly the loader's problems, as the loader words them: check and build agree.
        assert problem_lines(outcome.output) == {str(problem) for problem in problems}
    assert not outcome.traceback and "Traceback" not in outcome.output, outcome.output
    assert SECRET not in outcome.output  # nothing is read through a link leaving the archive
    assert sources_hashes(project) == before
    assert not (project / "site").exists()  # refused before MkDocs touched the site folder


def test_the_suite_has_at_least_a_hundred_cases_of_every_kind():
    assert len(CASES) >= 100
    assert {category(case) for case in CASES} >= {
        "file", "empty", "encoding", "front", "yaml", "body", "html", "duplicate", "themes",
        "sayings", "glossary", "references", "schema", "path", "size",
    }  # fmt: skip


@pytest.mark.parametrize("case", cases(CASES))
def test_core_loader_reports_exactly_the_expected_problems(case, base_project, tmp_path):
    project = make_case(case, base_project, tmp_path)
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    *reported, summary = raised.value.report().splitlines()
    expected = expected_lines(case)
    for line in expected:
        assert any(problem.startswith(line) for problem in reported), (line, reported)
    assert len(reported) == len(expected), reported  # nothing else is reported
    assert summary == f"{len(expected)} problem{'s' if len(expected) != 1 else ''} in the archive"


@pytest.mark.parametrize(("case", "runner"), case_runs())
def test_every_case_is_refused_with_its_message_and_changes_nothing(
    case, runner, base_project, tmp_path
):
    assert_refused_cleanly(case, make_case(case, base_project, tmp_path), runner, RUNNERS[runner])


@pytest.mark.slow  # two new interpreters for each kind of mistake
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", ONE_PER_CATEGORY)
def test_the_commands_exit_non_zero_without_traceback(case, command, base_project, tmp_path):
    assert_refused_cleanly(
        case, make_case(case, base_project, tmp_path), command, COMMANDS[command]
    )


# --- refused: YAML that would take the machine's memory ---------------------------------------


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


# --- accepted and shown as text: markup in front matter and vocabularies ---------------------
# One real build of an archive whose every contributor-supplied field carries a hostile
# payload; then every page, the search index, the feed and the JSON data are parsed and
# searched for anything a browser would run (issue 8).

# Each carries a marker 'xssN' so any trace of it in markup can be found.
PAYLOADS = (
    '<script>alert("xss1")</script>',
    '<img src=x onerror=alert("xss2")>',
    "<iframe src=\"javascript:alert('xss3')\"></iframe>",
    "<a href=\"javascript:alert('xss4')\">xss4</a>",
    '<style>body{background:url("javascript:alert(5)")} .xss5{}</style>',
    '<svg onload=alert("xss6")><script>alert("xss6")</script></svg>',
    '&lt;script&gt;alert("xss7")&lt;/script&gt; &#60;img src=x onerror=alert("xss7")&#62;',
    '"><script>alert("xss8")</script><p class="',
    '</title><script>alert("xss9")</script>',
    '{ onclick=alert("xss10") } [xss10](javascript:alert(10)) *[xss10]: x',
    "<!-- xss11 --> <math><mtext><table><mglyph><style><img src=x onerror=alert('xss11')>",
    "\\<script\\>alert('xss12')\\</script\\> ${alert('xss12')} {{ config.xss12 }}",
)
DANGEROUS_SCHEMES = {"javascript", "vbscript", "data"}
# Elements that run, embed or restyle: none may come from the archive's text.
DANGEROUS_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "base",
    "template",
    "math",
    "style",
    "applet",
}


def _speech(index: int, payload: str, theme: str) -> str:
    meta = {
        "title": f"Hostile {index} {payload}",
        "date": f"2001-01-{index + 1:02d}",
        "speaker": f"Speaker {payload}",
        "venue": f"Hall {payload}, Land {index} {payload}",
        "occasion": f"Occasion {payload}",
        "themes": [theme],
        "summary": f"Summary {payload}",
        "note": f"Note {payload}",
        "rights": f"Rights {payload}",
        "source": {
            "title": f"Source {payload}",
            "publisher": f"Publisher {payload}",
            "url": f"https://example.org/{index}?q=%22%3E%3Cscript%3E",
        },
    }
    body = (
        f"Speech number {index} mentions the Hostile Term {index} and says that, as the proverb goes, "
        f'"hostile saying number {index} keeps its words".\n\n'
        "Shown as code: `<script>alert('xss0')</script>` and &lt;img src=x onerror=alert('xss0')&gt;.\n\n"
        "```\n<script>alert('xss0')</script>\n```\n"
    )
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def write_hostile_archive(project: Path) -> None:
    speeches = project / "speeches"
    themes, sayings, terms = {}, [], []
    for index, payload in enumerate(PAYLOADS):
        slug = f"hostile-{index}"
        themes[slug] = {"title": f"Theme {payload}"[:100], "description": f"Description {payload}"}
        sayings.append(
            {
                "id": f"hostile-saying-{index}",
                "text": f"Hostile saying number {index} keeps its words",
                "origin": f"Origin {payload}"[:100],
                "original": f"Original {payload}",
                "source": f"Source {payload}",
                "meaning": f"Meaning {payload}",
                "variants": [f"Variant {payload}"],
            }
        )
        terms.append(
            {
                "term": f"Hostile Term {index}",
                "definition": f"Definition {payload}",
                "aliases": [f"hostile alias {index}", f"Alias {payload}"[:200]],
            }
        )
        speech = _speech(index, payload, slug)
        (speeches / f"2001-01-{index + 1:02d}-hostile-{index}.md").write_text(
            speech, encoding="utf-8"
        )
    # The schema refuses markup in an abbreviation (a bad-input case); '&' and quotes remain.
    terms[0]["abbreviation"] = "R&D'’"
    for name, extra in (("themes.yml", themes), ("sayings.yml", sayings), ("glossary.yml", terms)):
        path = speeches / name
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(
            existing + "\n" + yaml.safe_dump(extra, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    write_hostile_archive(project)
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def unsafe_markup(page: BeautifulSoup) -> list[str]:
    """What in a parsed page would run script or embed content from the archive's text."""
    found = []
    for element in page.find_all(True):
        where = f"<{element.name}>"
        if "xss" in element.name:
            found.append(f"an element {where} made from text")
        if element.name in DANGEROUS_TAGS:
            found.append(f"a {where} element")
        if element.name in ("script", "style") and "xss" in element.get_text():
            found.append(f"a {where} carrying a payload")
        if element.name == "meta" and element.get("http-equiv"):
            found.append("a meta http-equiv element")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on"):
                found.append(f"an event handler {name}={value!r} on {where}")
            if "xss" in name:
                found.append(f"an attribute {name!r} made from text on {where}")
            if (
                name in ("href", "src", "action", "formaction", "xlink:href", "data")
                and url_scheme(value) in DANGEROUS_SCHEMES
            ):
                found.append(f"a {url_scheme(value)}: URL {value!r} on {where}")
    return found


def test_no_page_carries_script_handlers_or_script_urls(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 30
    # The pages at moved pages' old addresses are made of the site's own URLs alone: they
    # refresh to the new address on purpose, and must not vary with the archive.
    redirects = render_redirects()
    for path, text in redirects.items():
        assert (hostile_site / path).read_text(encoding="utf-8") == text
    found = {
        name: unsafe_markup(_without_the_error_pages_base(soup(page)))
        for page in pages
        if (name := page.relative_to(hostile_site).as_posix()) not in redirects
    }
    assert {page: items for page, items in found.items() if items} == {}


def _without_the_error_pages_base(page: BeautifulSoup) -> BeautifulSoup:
    """The 404 page's own <base> (the site's root, from site_url alone, first in its head:
    templates/main.html) removed; any other <base> stays to be found."""
    first = page.head.find(True) if page.head else None
    if first is not None and first.name == "base" and first.get("href") == "/":
        first.decompose()
    return page


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_front_matter_payload_is_shown_as_the_text_it_is(hostile_site, index):
    page = soup(hostile_site / "speeches" / f"2001-01-{index + 1:02d}-hostile-{index}.html")
    heading = page.select_one("article h1")
    expected = " ".join(f"Hostile {index} {PAYLOADS[index]}".split())
    assert " ".join(heading.get_text().split()).startswith(expected)
    assert " ".join(page.title.get_text().split()).startswith(expected)


def test_vocabulary_payloads_are_shown_as_text(hostile_site):
    themes = soup(hostile_site / "themes" / "hostile-0.html")
    assert "Description " + PAYLOADS[0] in " ".join(themes.select_one("article").get_text().split())
    glossary_text = " ".join(
        soup(hostile_site / "glossary" / "index.html").select_one("article").get_text().split()
    )
    assert "Definition " + PAYLOADS[1] in glossary_text


def test_search_index_entries_are_safe_as_html(hostile_site):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > 30
    found = []
    for doc in index["docs"]:
        for key in ("title", "text"):  # Material renders both as HTML in the search results
            found += [
                f"{doc['location']} {key}: {item}"
                for item in unsafe_markup(BeautifulSoup(doc.get(key, ""), "html.parser"))
            ]
    assert found == []


def test_feed_and_json_data_keep_payloads_as_data(hostile_site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    titles = {entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")}
    assert f"Hostile 0 {PAYLOADS[0]}" in titles  # an Atom text construct: the exact text, as text
    found = []
    for element in feed.iter():
        # Readers render text constructs typed 'html' as HTML; untyped ones are plain text (RFC 4287 3.1).
        if element.get("type") in ("html", "xhtml"):
            found += unsafe_markup(BeautifulSoup(element.text or "", "html.parser"))
    assert found == []
    data = json.loads((hostile_site / "speeches.json").read_text(encoding="utf-8"))
    titles = {entry["slug"]: entry["title"] for entry in data}
    assert titles["2001-01-01-hostile-0"] == f"Hostile 0 {PAYLOADS[0]}"  # data, unchanged


# --- accepted: what a speech body may contain (speech_archive.load.untrusted) ----------------
# The refused bodies are the html- cases above; here, what must stay accepted, the URL rule,
# and the check staying in step with mkdocs.yml.

ACCEPTED_BODIES = {
    "plain prose": "Ladies and gentlemen, dear friends.",
    "entities": "Peace &mdash; and 3 &lt; 4 &amp; 5 &#8212; done.",
    "html in a code span": "Write `<script>alert(1)</script>` to show it.",
    "html in a fenced block": "```\n<iframe src=x></iframe>\n```",
    "html in an indented block": "Text.\n\n    <img src=x onerror=alert(1)>",
    "web links": "[a](https://example.org/a) [b](http://example.org/b) <https://example.org/c>",
    "mail link": "[write](mailto:office@example.org) or <office@example.org>",
    "relative links": "[p2](#p2) [other](../speeches/2001-01-01-x.md) ![map](img/map.png)",
    "language attributes": "السلام عليكم\n{ lang=ar dir=rtl }",
    "id and class": "A paragraph.\n{ #opening .salutation }",
    "own footnote": "A claim.[^1]\n\n[^1]: The source.",
    "abbreviation": "The CICA met.\n\n*[CICA]: Conference on Interaction and Confidence-Building Measures in Asia",
    "admonition and details": '!!! note "Translator"\n    Rendered freely.\n\n??? quote "Verse"\n    Lines.',
    "heading": "## Part one\n\nText.",
    "non-latin text": "和而不同 — мир — शांति — εἰρήνη",
    "angle brackets as text": "a < b and c > d",
}


@pytest.mark.parametrize("name", ACCEPTED_BODIES)
def test_markdown_without_raw_html_or_unsafe_links_is_accepted(name):
    assert check_rendered_body(ACCEPTED_BODIES[name], "speeches/x.md", 10) == []


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://example.org", "https"),
        ("HTTP://EXAMPLE.ORG", "http"),
        ("mailto:a@example.org", "mailto"),
        ("../speeches/x.html", None),
        ("#p3", None),
        ("page.html?a=b:c", None),  # a colon after '?' is no scheme
        ("javascript:alert(1)", "javascript"),
        (" \tjava\nscript:alert(1)", "javascript"),  # browsers drop tabs, newlines, leading spaces
        ("&#106;avascript:alert(1)", "javascript"),  # and decode entities first
        ("&#x6A;avascript&colon;alert(1)", "javascript"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("vbscript:msgbox", "vbscript"),
    ],
)
def test_url_scheme_is_what_a_browser_would_see(url, scheme):
    assert url_scheme(url) == scheme


def test_the_check_renders_with_the_extensions_of_mkdocs_yml():
    config = read_mkdocs_yml(ROOT / "mkdocs.yml")
    names = [
        entry if isinstance(entry, str) else next(iter(entry))
        for entry in config["markdown_extensions"]
    ]
    # search_exclusions only marks generated elements for Material's search: nothing to check.
    assert sorted(names) == sorted(
        [*SITE_EXTENSIONS, "speech_archive.extensions.search_exclusions"]
    )


def test_symbolic_links_inside_the_archive_are_not_reported(tmp_path):
    speeches = tmp_path / "speeches"
    speeches.mkdir()
    (tmp_path / "shared.yml").write_text("x: 1\n", encoding="utf-8")
    (speeches / "glossary.yml").symlink_to(tmp_path / "shared.yml")
    assert paths_leaving_root(tmp_path, speeches, "speeches") == []
    (speeches / "sayings.yml").symlink_to("/etc/hostname")
    assert [str(p) for p in paths_leaving_root(tmp_path, speeches, "speeches")] == [
        "speeches/sayings.yml:0: -: is a symbolic link to a place outside the archive "
        "(expected a regular file or folder inside it)"
    ]


# --- accepted: unusual but valid files -------------------------------------------------------


def test_utf8_bom_and_crlf_build(base_project, tmp_path):
    project = make_case("front-matter-missing-title", base_project, tmp_path)
    speech = project / "speeches" / "2001-01-01-a-speech.md"
    text = speech.read_text(encoding="utf-8").replace("---\n", "---\ntitle: With BOM and CRLF\n", 1)
    speech.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "speeches" / "2001-01-01-a-speech.html").is_file()


@pytest.mark.slow  # a large input: the full run builds it
def test_a_speech_at_the_length_limit_builds(base_project, tmp_path):
    project = make_case("front-matter-missing-title", base_project, tmp_path)
    speech = project / "speeches" / "2001-01-01-a-speech.md"
    paragraph = (
        "The delegates spoke of trade, of rivers and of roads, and of the years to come. " * 12
    ).strip()
    # Just within bounds.MAX_BODY: four times the longest speeches on record.
    copies = (MAX_BODY - 100) // (len(paragraph) + 2)
    # One link, so the safety check renders the whole body rather than skipping plain prose.
    body = "See [the record](https://example.org/record).\n\n" + "\n\n".join([paragraph] * copies)
    head = speech.read_text(encoding="utf-8").replace(
        "---\n", "---\ntitle: A very long speech\n", 1
    )
    speech.write_text(head.split("\n---\n", 1)[0] + "\n---\n\n" + body + "\n", encoding="utf-8")
    assert speech.stat().st_size > 0.99 * MAX_BODY
    started = time.monotonic()
    result = run_mkdocs_build(project)
    assert time.monotonic() - started < 30  # the bound for the largest accepted input
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "speeches" / "2001-01-01-a-speech.html").read_text(encoding="utf-8")
    assert page.count("rivers and of roads") == 12 * copies
