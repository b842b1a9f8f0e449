"""speech-archive new and check, through Click's runner and as subprocesses; and the CI files."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SEED_SLUG, copy_project, run_mkdocs_build, soup

from speech_archive.cli import main

SEED = f"speeches/{SEED_SLUG}.md"
VALID = """\
---
title: Address to the Nation
date: 1962-10-22
speaker: John F. Kennedy
venue: Washington, United States
themes:
  - common-security
---

Good evening, my fellow citizens.
"""
NEW_OPTIONS = [
    "--title",
    "Address to the Nation",
    "--date",
    "1962-10-22",
    "--venue",
    "Washington, United States",
    "--speaker",
    "John F. Kennedy",
    "--theme",
    "common-security",
]
NEW_PATH = "speeches/1962-10-22-address-to-the-nation.md"


def _cli(project: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(project), *args])


def _subprocess(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "speech_archive.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _problem_lines(output: str) -> set[str]:
    """'path:line: field: message' lines, as check prints them and the build reports them."""
    return {line.strip() for line in output.splitlines() if re.match(r"^\s*\S+:\d+: \S+: ", line)}


# --- new ------------------------------------------------------------------------------------


def test_new_then_check_then_build_as_real_commands(tmp_path):
    project = copy_project(tmp_path / "project")
    made = _subprocess(project, "new", *NEW_OPTIONS, "--occasion", "Cuban crisis")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == NEW_PATH
    checked = _subprocess(project, "check", NEW_PATH)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines()[-1] == "no problems: checked 1 file"
    assert "the body is still the placeholder" in checked.stdout
    built = run_mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    page = soup(project / "site" / "speeches" / "1962-10-22-address-to-the-nation.html")
    assert page.select_one("article h1").get_text(strip=True).startswith("Address to the Nation")
    assert (
        "Replace this paragraph with the text of the speech"
        in page.select_one(".speech-body").get_text()
    )


def test_new_writes_complete_front_matter(tmp_path):
    project = copy_project(tmp_path / "project")
    result = _cli(project, "new", *NEW_OPTIONS, "--theme", "development")
    assert result.exit_code == 0, result.output
    text = (project / NEW_PATH).read_text(encoding="utf-8")
    assert text.startswith(
        "---\ntitle: Address to the Nation\ndate: 1962-10-22\nspeaker: John F. Kennedy\n"
        "venue: Washington, United States\nthemes:\n  - common-security\n  - development\n---\n\n"
    )


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            ["--date", "22 October 1962"],
            "speeches/22 October 1962-address-to-the-nation.md:3: date: expected a value like '2014-05-21', "
            "got '22 October 1962'",
        ),
        (
            ["--date", "1962-02-30"],
            "speeches/1962-02-30-address-to-the-nation.md:3: date: '1962-02-30' is not a real day "
            "(expected a valid YYYY-MM-DD date)",
        ),
        (
            ["--theme", "comon-security"],
            "speeches/1962-10-22-address-to-the-nation.md:8: themes[1]: 'comon-security' is not defined in "
            "speeches/themes.yml (did you mean 'common-security'? expected one of its slugs)",
        ),
    ],
    ids=["written-date", "impossible-day", "unknown-theme"],
)
def test_new_rejects_what_the_build_rejects_with_its_message(tmp_path, options, expected):
    project = copy_project(tmp_path / "project")
    args = NEW_OPTIONS + options
    if "--date" in options:  # replace the valid date rather than giving two
        index = args.index("--date")
        del args[index : index + 2]
    result = _cli(project, "new", *args)
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (project / "speeches").glob("*.md")) == [f"{SEED_SLUG}.md"]


def test_new_without_speaker_names_the_field(tmp_path):
    project = copy_project(tmp_path / "project")
    args = [a for a in NEW_OPTIONS if a not in ("--speaker", "John F. Kennedy")]
    result = _cli(project, "new", *args)
    assert result.exit_code == 1
    assert (
        f"{NEW_PATH}:2: speaker: is missing (expected: Who delivered the speech.)" in result.stderr
    )


def test_new_refuses_to_overwrite(tmp_path):
    project = copy_project(tmp_path / "project")
    existing = project / NEW_PATH
    existing.write_text(VALID.replace("Good evening", "Good evening again"), encoding="utf-8")
    before = existing.read_bytes()
    result = _cli(project, "new", *NEW_OPTIONS)
    assert result.exit_code == 1
    assert f"{NEW_PATH} already exists and was left as it is" in result.stderr
    assert existing.read_bytes() == before


def test_usage_errors_exit_2_without_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    for args in (
        ["new", "--title", "T"],
        ["new", *NEW_OPTIONS, "--slug", "../../escape"],
        ["check", "--format", "xml"],
        ["check", "mkdocs.yml"],
        ["import", "no-such-file.txt"],
        ["import", str(ROOT / SEED), "--slug", "Bad Slug"],
        ["nonsense"],
    ):
        result = _cli(project, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output and "Usage:" in result.output


def test_every_command_has_help_with_an_example():
    for command in ([], ["new"], ["check"], ["import"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output and "speech-archive " in result.output


def test_installed_script_runs():
    script = Path(sys.executable).parent / "speech-archive"
    if not script.exists():
        pytest.skip("the project is not installed with its console script in this environment")
    result = subprocess.run(
        [str(script), "--root", str(ROOT), "check", SEED],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- check: broken inputs --------------------------------------------------------------------


def _edit(name: str, old: str, new: str) -> dict[str, str]:
    """speeches/<name> holding VALID with one edit."""
    assert old in VALID
    return {f"speeches/{name}": VALID.replace(old, new)}


S = "speeches/1962-10-22-"
SOURCE = "source:\n  title: T\n  {}\nthemes:"
SEED_AGAIN = (
    (ROOT / SEED).read_text(encoding="utf-8").replace("title: New Approach", "title: NEW approach")
)
FOOTNOTES = "\nA quarantine[^1] and `[^code]` and a blockade[^2].\n\n[^1]: Defined.\n"

# Each case: files written into a copy of the archive, and the problems check must report
# as (path, line, field, start of the message). Line numbers counted by hand in VALID.
BROKEN = {
    "missing-title": (
        _edit("1962-10-22-a.md", "title: Address to the Nation\n", ""),
        [(S + "a.md", 2, "title", "is missing")],
    ),
    "written-date": (
        _edit("1962-10-22-b.md", "date: 1962-10-22", "date: October 22, 1962"),
        [(S + "b.md", 3, "date", "expected a value like '2014-05-21'")],
    ),
    "impossible-day": (
        {"speeches/1962-02-30-c.md": VALID.replace("1962-10-22", "1962-02-30")},
        [("speeches/1962-02-30-c.md", 3, "date", "'1962-02-30' is not a real day")],
    ),
    "date-not-file-name": (
        {"speeches/1962-10-23-d.md": VALID},
        [("speeches/1962-10-23-d.md", 3, "date", "'1962-10-22' differs from the file name")],
    ),
    "unknown-theme": (
        _edit("1962-10-22-e.md", "  - common-security", "  - common-security\n  - peace"),
        [(S + "e.md", 8, "themes[1]", "'peace' is not defined in speeches/themes.yml")],
    ),
    "no-themes": (
        _edit("1962-10-22-f.md", "themes:\n  - common-security", "themes: []"),
        [(S + "f.md", 6, "themes", "is an empty list")],
    ),
    "misspelt-field": (
        _edit("1962-10-22-g.md", "venue:", "occasion: x\nvenu:"),
        [
            (S + "g.md", 2, "venue", "is missing"),
            (S + "g.md", 6, "venu", "is not a known field (did you mean 'venue'?"),
        ],
    ),
    "empty-speaker": (
        _edit("1962-10-22-h.md", "speaker: John F. Kennedy", "speaker:"),
        [(S + "h.md", 4, "speaker", "expected text, got nothing")],
    ),
    "bad-source-url": (
        _edit("1962-10-22-i.md", "themes:", SOURCE.format("url: ftp://x")),
        [(S + "i.md", 8, "source.url", "expected a value like 'https://example.org/speech'")],
    ),
    "impossible-updated": (
        _edit("1962-10-22-j.md", "themes:", SOURCE.format("updated: 2021-13-01")),
        [(S + "j.md", 8, "source.updated", "'2021-13-01' is not a real day")],
    ),
    "bad-file-name": (
        {S + "Address.md": VALID},
        [(S + "Address.md", 0, "-", "file name is not of the form YYYY-MM-DD-slug.md")],
    ),
    "no-front-matter": (
        {S + "k.md": "Good evening, my fellow citizens.\n"},
        [(S + "k.md", 1, "-", "has no front matter")],
    ),
    "broken-yaml": (
        _edit("1962-10-22-l.md", "Washington, United", "Washington: United"),
        [(S + "l.md", 5, "-", "front matter is not valid YAML: mapping values are not allowed")],
    ),
    "yaml-alias": (
        _edit("1962-10-22-m.md", "venue: Washington, United States", "venue: *place"),
        [(S + "m.md", 5, "-", "front matter uses a YAML alias")],
    ),
    "undefined-footnote": (
        {S + "n.md": VALID + FOOTNOTES},
        [(S + "n.md", 12, "body", "footnote reference [^2] has no definition")],
    ),
    "duplicate-speech": (
        {"speeches/2014-05-21-new-approach.md": SEED_AGAIN},
        [
            (
                "speeches/2014-05-21-new-approach.md",
                2,
                "title",
                f"'NEW approach for Asian Security Cooperation' on 2014-05-21 is also in {SEED}",
            ),
            (
                SEED,
                2,
                "title",
                "'New Approach for Asian Security Cooperation' on 2014-05-21 is also in "
                "speeches/2014-05-21-new-approach.md",
            ),
        ],
    ),
    "not-utf8": (
        _edit("1962-10-22-o.md", "Good evening", "Caf\udce9"),
        [(S + "o.md", 10, "-", "is not valid UTF-8")],
    ),
    "bad-language": (
        _edit("1962-10-22-p.md", "themes:", "language: English\nthemes:"),
        [(S + "p.md", 6, "language", "expected a value like 'en', got 'English'")],
    ),
    "title-is-a-list": (
        _edit("1962-10-22-q.md", "title: Address to the Nation", "title: [Address]"),
        [(S + "q.md", 2, "title", "expected text, got a list")],
    ),
    "sayings-duplicate-id": (
        {
            "speeches/sayings.yml": "- id: one\n  text: A\n  origin: O\n- id: one\n  text: B\n  origin: O\n"
        },
        [("speeches/sayings.yml", 4, "[1].id", "'one' is already used by entry 0")],
    ),
    "glossary-duplicate-term": (
        {"speeches/glossary.yml": "- term: CICA\n  definition: D\n- term: cica\n  definition: E\n"},
        [("speeches/glossary.yml", 3, "[1].term", "'cica' is already used by entry 0")],
    ),
    "glossary-malformed-entry": (
        {"speeches/glossary.yml": "- term: CICA\n  definiton: D\n"},
        [
            ("speeches/glossary.yml", 1, "[0].definition", "is missing"),
            ("speeches/glossary.yml", 2, "[0].definiton", "is not a known field"),
        ],
    ),
    "theme-without-description": (
        {"speeches/themes.yml": "peace:\n  title: Peace\n"},
        [("speeches/themes.yml", 1, "peace.description", "is missing")],
    ),
}


def _write_case(project: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        # surrogateescape turns the lone surrogate of the not-utf8 case into the raw byte 0xE9
        (project / path).write_bytes(text.encode("utf-8", "surrogateescape"))


def _as_tuples(problems: list[dict]) -> list[tuple]:
    return [(p["path"], p["line"], p["field"], p["message"]) for p in problems]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_reports_broken_input_with_path_line_and_field(tmp_path, case):
    files, expected = BROKEN[case]
    project = copy_project(tmp_path / "project")
    _write_case(project, files)
    result = _cli(project, "check", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    reported = _as_tuples(report["problems"])
    for path, line, field, message in expected:
        assert any(p[:3] == (path, line, field) and p[3].startswith(message) for p in reported), (
            case,
            reported,
        )
    if (
        case != "theme-without-description"
    ):  # a broken themes.yml also leaves the seed's themes undefined
        assert len(reported) == len(expected), reported


def test_check_text_output_is_problem_lines_then_a_summary(tmp_path):
    project = copy_project(tmp_path / "project")
    _write_case(project, BROKEN["empty-speaker"][0] | BROKEN["no-themes"][0])
    result = _cli(project, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "speeches/1962-10-22-f.md:6: themes: is an empty list (expected at least 1 item)",
        "speeches/1962-10-22-h.md:4: speaker: expected text, got nothing",
        "2 problems in 2 files: checked 3 speeches and the vocabularies",
    ]


def test_check_given_paths_reports_only_those_files(tmp_path):
    project = copy_project(tmp_path / "project")
    _write_case(project, BROKEN["empty-speaker"][0] | {S + "address.md": VALID})
    clean = _cli(project, "check", str(project / "speeches" / "1962-10-22-address.md"))
    assert clean.exit_code == 0
    assert clean.stdout.splitlines()[-1] == (
        "no problems: checked 1 file; 1 more elsewhere in the archive (run check without paths)"
    )
    broken = _cli(project, "check", str(project / "speeches" / "1962-10-22-h.md"))
    assert broken.exit_code == 1


def test_check_lists_what_the_build_adds_to_the_speeches_given(tmp_path):
    project = copy_project(tmp_path / "project")
    result = _cli(project, "check", "--format", "json", str(project / SEED))
    assert result.exit_code == 0
    found = json.loads(result.stdout)["speeches"][SEED]
    # 37 blank-line separated blocks in the seed's body, counted by hand (salutation groups are one each)
    assert found["paragraphs"] == 37
    assert found["placeholder"] is False
    assert isinstance(found["sayings"], list) and isinstance(found["terms"], list)
    texts = [saying["text"] for saying in found["sayings"]]
    if texts:  # the saying pass is installed: the Kazakh proverb is in the seed's 10th paragraph
        kazakh = next(
            s for s in found["sayings"] if s["text"].startswith("One who tries to blow out")
        )
        assert kazakh["paragraph"] == 10
    if found["terms"]:  # the glossary pass is installed
        assert "Six-Party Talks" in found["terms"]


def test_check_lists_speeches_changed_since_git_head(tmp_path):
    project = copy_project(tmp_path / "project")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=T"]
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "base"]):
        subprocess.run(git + command, cwd=project, check=True, capture_output=True)
    assert _cli(project, "new", *NEW_OPTIONS).exit_code == 0
    result = _cli(project, "check", "--format", "json")
    assert result.exit_code == 0
    assert list(json.loads(result.stdout)["speeches"]) == [NEW_PATH]  # new; the seed is unchanged


# --- check and the build agree ---------------------------------------------------------------


def test_check_and_build_reject_the_same_files_with_the_same_messages(tmp_path):
    project = copy_project(tmp_path / "project")
    for case, (files, _) in BROKEN.items():
        if case != "theme-without-description":  # it would bury the rest under undefined themes
            _write_case(project, files)
    checked = _subprocess(project, "check")
    built = run_mkdocs_build(project)
    assert checked.returncode == 1 and built.returncode != 0
    from_check = _problem_lines(checked.stdout)
    from_build = _problem_lines(built.stderr + built.stdout)
    assert len(from_check) >= 15
    assert from_check == from_build


def test_check_and_build_accept_the_same_files(tmp_path):
    project = copy_project(tmp_path / "project")
    accepted = {
        "1962-10-22-address-to-the-nation.md": VALID,
        # same title on another day: a yearly address, not a duplicate
        "1963-10-22-address-to-the-nation.md": VALID.replace("1962-10-22", "1963-10-22"),
        # footnotes with definitions, and a footnote-like text inside code
        "1962-10-23-footnotes.md": VALID.replace("1962-10-22", "1962-10-23")
        + "\nA quarantine[^q] and `[^not-a-note]`.\n\n```\nnor[^this]\n```\n\n[^q]: A naval blockade.\n",
    }
    for name, text in accepted.items():
        (project / "speeches" / name).write_text(text, encoding="utf-8")
    checked = _subprocess(project, "check")
    assert checked.returncode == 0, checked.stdout
    built = run_mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    for name in accepted:
        assert (project / "site" / "speeches" / name.replace(".md", ".html")).exists()


# --- pull-request checks ---------------------------------------------------------------------

WORKFLOWS = ROOT / ".github" / "workflows"
KNOWN_ACTIONS = {
    "actions/checkout",
    "actions/setup-python",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
}


def _declared_commands() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(project["project"]["scripts"])


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_workflow_is_valid_yaml_naming_only_what_exists(name):
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers and workflow["jobs"]
    for step in _steps(workflow):
        if "uses" in step:
            assert step["uses"].split("@")[0] in KNOWN_ACTIONS, step["uses"]
            continue
        for line in step["run"].splitlines():
            program = shlex.split(line)[0]
            if program.startswith("./"):
                assert (ROOT / program).is_file(), program
            elif program.startswith(".venv/bin/"):
                assert program.removeprefix(".venv/bin/") in _declared_commands() | {
                    "python",
                    "mkdocs",
                }, program
            else:
                assert program in {"python", "git"}, program  # both come with the job's image


def test_pull_request_workflow_runs_check_tests_and_strict_build():
    runs = " ".join(
        step.get("run", "") for step in _steps(yaml.safe_load((WORKFLOWS / "ci.yml").read_text()))
    )
    assert "speech-archive check" in runs
    assert "mkdocs build --strict" in runs
    assert "./scripts/test.sh" in runs  # the README's test command
    triggers = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())[True]
    assert "pull_request" in triggers


def test_pages_workflow_publishes_on_push_to_main():
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    assert uses[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    assert (
        workflow["permissions"]["pages"] == "write"
        and workflow["permissions"]["id-token"] == "write"
    )


def test_pull_request_template_asks_for_source_rights_and_a_clean_check():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for asked in ("Source", "rights", "word for word", "speech-archive check", "themes"):
        assert asked in template
