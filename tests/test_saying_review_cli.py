"""speech-archive sayings: the real command on real archives, the lines it prints, the PR script."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SEED_SLUG, copy_project

from speech_archive import cli
from speech_archive.annotate.saying_review import Candidate, review_speech
from speech_archive.cli import main
from speech_archive.cli.saying_report import add_lines, correction, ignore_lines, yaml_scalar
from speech_archive.load.archive import collect_problems
from speech_archive.load.catalogues import load_sayings

SEED = f"speeches/{SEED_SLUG}.md"
VENV_COMMAND = Path(sys.executable).parent / "speech-archive"
PR_SCRIPT = ROOT / "scripts" / "pr_sayings.sh"
FRONT = """\
---
title: {title}
date: {date}
speaker: A. Speaker
venue: Geneva, Switzerland
themes:
  - common-security
---

"""
# A quoted title the detector rightly passes over: a realistic rejected candidate.
TITLE_WORDS = (
    "Enhancing Dialogue, Trust and Coordination for a New Asia of Peace, Stability and Cooperation"
)


def _cli(project: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(project), *args])


def _speech(project: Path, date: str, title: str, body: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    path = project / "speeches" / f"{date}-{slug}.md"
    path.write_text(FRONT.format(title=title, date=date) + body, encoding="utf-8")
    return path


def _yaml_blocks(output: str) -> list[str]:
    """The front-matter lines the text output prints: from 'sayings:' to the next blank line."""
    blocks, current = [], None
    for line in output.splitlines():
        if line == "sayings:":
            current = [line]
            blocks.append(current)
        elif current is not None and line.startswith("  "):
            current.append(line)
        else:
            current = None
    return ["\n".join(block) for block in blocks]


def _with_front_matter_lines(path: Path, lines: str) -> None:
    """Paste ``lines`` at the end of the speech's front matter, as a contributor would."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    path.write_text(text[:end] + "\n" + lines + text[end:], encoding="utf-8")


def _load(project: Path, name: str):
    archive, problems = collect_problems(project)
    assert problems == [], [str(p) for p in problems]
    return next(s for s in archive.speeches if s.path == name), archive


def _accepted(project: Path, name: str) -> list[str]:
    speech, archive = _load(project, name)
    return [c.text for c in review_speech(speech, archive) if c.accepted]


def _no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


# --- the seed speech -----------------------------------------------------------------------


def test_seed_speech_lists_six_sayings_each_with_lines_that_drop_it(tmp_path):
    project = copy_project(tmp_path / "project")
    result = _cli(project, "sayings", SEED)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{SEED}: 6 sayings found")
    assert result.output.count(", found: ") == 6
    listed = result.output.count(", found: ") + result.output.count(", rejected: ")
    details = (
        r"^    origin: [^;]+; cue: [^;]+; extent: [^;]+; citation: [^;]+; "
        r"(?:not )?in speeches/sayings.yml$"
    )
    assert len(re.findall(details, result.output, re.MULTILINE)) == listed
    assert len(re.findall(r"^    why: ", result.output, re.MULTILINE)) == listed
    blocks = [block for block in _yaml_blocks(result.output) if "ignore:" in block]
    found = _accepted(project, SEED)
    assert len(found) == 6 and len(blocks) == 6
    original = (project / SEED).read_text(encoding="utf-8")
    for block, text in zip(blocks, found, strict=True):
        assert yaml.safe_load(block) == {"sayings": {"ignore": [text]}}
        _with_front_matter_lines(project / SEED, block)
        still = _accepted(project, SEED)  # the archive's own loader accepts the pasted lines
        assert text not in still and len(still) == 5
        (project / SEED).write_text(original, encoding="utf-8")


def test_seed_speech_by_slug_with_or_without_its_date(tmp_path):
    project = copy_project(tmp_path / "project")
    by_path = _cli(project, "sayings", str(project / SEED))
    for slug in (SEED_SLUG, SEED_SLUG.split("-", 3)[3], f"{SEED_SLUG}.md"):
        assert _cli(project, "sayings", slug).output == by_path.output
    twice = _cli(project, "sayings", SEED, SEED_SLUG)
    assert twice.output == by_path.output  # the same speech is listed once


@pytest.mark.slow  # the installed command, in a new interpreter
def test_json_lists_speeches_with_candidates_as_dicts(tmp_path):
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [str(VENV_COMMAND), "sayings", "--format", "json", SEED],
        check=False,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    speeches = json.loads(result.stdout)
    assert [s["path"] for s in speeches] == [SEED] and speeches[0]["ok"] is True
    candidates = speeches[0]["candidates"]
    assert sum(c["accepted"] for c in candidates) == 6
    fields = set(Candidate.__dataclass_fields__)
    for candidate in candidates:
        assert fields <= set(candidate)
        lines = yaml.safe_load(candidate["correction"]["yaml"])
        if candidate["accepted"]:
            assert candidate["correction"]["action"] == "ignore"
            assert lines == {"sayings": {"ignore": [candidate["text"]]}}
        else:
            assert candidate["correction"]["action"] == "add"
            added = {"text": candidate["text"], "origin": candidate["origin"]}
            assert lines == {"sayings": {"add": [added]}}


def test_markdown_has_a_heading_a_table_and_yaml_blocks(tmp_path):
    project = copy_project(tmp_path / "project")
    result = _cli(project, "sayings", "--format", "markdown", SEED_SLUG)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"### `{SEED}`")
    rows = [line for line in lines if re.match(r"^\| \d+ \|", line)]
    assert all(row.count(" | ") == 8 for row in rows)  # nine cells each
    assert sum(" | found | " in row for row in rows) == 6
    blocks = re.findall(r"^```yaml\n(.*?)\n```$", result.output, re.DOTALL | re.MULTILINE)
    assert len(blocks) == len(rows)
    assert sum(set(yaml.safe_load(block)["sayings"]) == {"ignore"} for block in blocks) == 6


# --- rejected candidates -------------------------------------------------------------------


@pytest.fixture
def with_a_rejected_title(monkeypatch):
    """The seed's quoted summit theme (paragraph 4) among the rejected candidates.

    The detector rejects it (no cue, not catalogued); should it stop considering it, the
    candidate is supplied here, so these tests still cover a rejected candidate.
    """
    real = review_speech

    def review(speech, archive):
        candidates = real(speech, archive)
        if speech.path == SEED and all(c.text != TITLE_WORDS for c in candidates):
            candidates.append(
                Candidate(
                    4,
                    TITLE_WORDS,
                    "Saying",
                    None,
                    "quotation marks",
                    False,
                    "no cue, and not in the catalogue or the reference texts",
                )
            )
        return sorted(candidates, key=lambda c: c.paragraph)

    monkeypatch.setattr(cli, "review_speech", review)


def test_rejected_candidates_come_with_add_lines_that_add_them(tmp_path, with_a_rejected_title):
    project = copy_project(tmp_path / "project")
    result = _cli(project, "sayings", SEED)
    assert result.exit_code == 0, result.output
    assert f"{SEED}: 6 sayings found, " in result.output
    assert "paragraph 4, rejected: \u201cEnhancing Dialogue" in result.output
    [block] = [b for b in _yaml_blocks(result.output) if "Enhancing Dialogue" in b]
    added = {"text": TITLE_WORDS, "origin": "Saying"}
    assert yaml.safe_load(block) == {"sayings": {"add": [added]}}
    hidden = _cli(project, "sayings", "--no-rejected", SEED)
    assert ", rejected: " not in hidden.output and hidden.output.count(", found: ") == 6

    _with_front_matter_lines(project / SEED, block)
    assert TITLE_WORDS in _accepted(project, SEED)  # loads without problems, and is now a saying


def test_markdown_and_json_show_rejected_candidates(tmp_path, with_a_rejected_title):
    project = copy_project(tmp_path / "project")
    markdown = _cli(project, "sayings", "--format", "markdown", SEED).output
    assert re.search(r"^\| 4 \| Enhancing Dialogue.* \| rejected \| ", markdown, re.MULTILINE)
    listed = json.loads(_cli(project, "sayings", "--format", "json", SEED).output)
    candidates = listed[0]["candidates"]
    rejected = [c for c in candidates if not c["accepted"]]
    assert TITLE_WORDS in [c["text"] for c in rejected]
    assert {c["correction"]["action"] for c in rejected} == {"add"}
    only_found = json.loads(
        _cli(project, "sayings", "--format", "json", "--no-rejected", SEED).output
    )
    assert all(c["accepted"] for c in only_found[0]["candidates"])


def test_hand_corrections_are_undone_by_removing_them(tmp_path):
    """A saying added by hand is dropped by removing its add entry (ignore would not win)."""
    project = copy_project(tmp_path / "project")
    _with_front_matter_lines(project / SEED, add_lines(TITLE_WORDS, "Summit theme"))
    speech, _ = _load(project, SEED)
    result = _cli(project, "sayings", SEED)
    assert "added by hand: to drop it, remove this entry" in result.output
    found = Candidate(3, TITLE_WORDS, "Summit theme", None, "hand", True, "added by hand")
    assert correction(found, speech, None).action == "remove-add"
    # One ignored by hand is shown again by removing its ignore entry (not by adding it).
    ignored = Candidate(
        8, "A wise man changes his way", "Saying", None, "quotation marks", False, "ignored"
    )
    assert correction(ignored, speech, None).action == "add"
    by_hand = replace(speech, sayings_ignore=("a wise man changes his way",))
    undo = correction(ignored, by_hand, None)
    assert undo.action == "remove-ignore"
    assert yaml.safe_load(undo.yaml) == {"sayings": {"ignore": ["a wise man changes his way"]}}


# --- quoting ---------------------------------------------------------------------------------

TRICKY = [
    "Plain words, with a comma.",
    "Rule: keep it",
    "It's #1 here",
    "a # b",
    "- starts with a dash",
    "-",
    "? a question mark",
    ": colon first",
    "'single' quotes",
    '"double" quotes',
    "both ' and \"",
    "yes",
    "No",
    "null",
    "~",
    "true",
    "0.5",
    "2014-05-21",
    "[not a list]",
    "{not: a map}",
    "*not an alias",
    "&not an anchor",
    "!not a tag",
    "%not a directive",
    "@reserved",
    "`reserved",
    "| not a literal",
    "> not folded",
    "trailing space ",
    " leading space",
    "tab\there",
    "千里之行，始于足下",
    "Neighbours’ “wishes”",
    "back\\slash",
    "a: b # c",
    "--- not a document",
]


@pytest.mark.parametrize("text", TRICKY)
def test_quoted_values_read_back_as_written(text):
    assert yaml.safe_load(f"- {yaml_scalar(text)}") == [text]
    assert "\n" not in yaml_scalar(text)
    assert yaml.safe_load(ignore_lines(text)) == {"sayings": {"ignore": [text]}}
    added = {"text": text, "origin": text}
    assert yaml.safe_load(add_lines(text, text)) == {"sayings": {"add": [added]}}


def test_a_saying_with_colons_quotes_and_hashes_is_ignored_by_the_printed_lines(tmp_path):
    project = copy_project(tmp_path / "project", speeches=False)
    path = _speech(
        project,
        "2001-02-03",
        "Tricky Words",
        "As the saying goes, \"- yes: #1 is 'no'.\" We heard it.\n",
    )
    name = f"speeches/{path.name}"
    assert _accepted(project, name) == ["- yes: #1 is 'no'."]
    result = _cli(project, "sayings", name)
    [block] = _yaml_blocks(result.output)
    assert yaml.safe_load(block) == {"sayings": {"ignore": ["- yes: #1 is 'no'."]}}
    _with_front_matter_lines(path, block)
    assert _accepted(project, name) == []


# --- promotion -------------------------------------------------------------------------------


def _two_speeches_with_one_saying(project: Path) -> None:
    _speech(
        project,
        "2001-02-03",
        "First Address",
        'Friends, as an old proverb says, "A bird in the hand is worth two in the bush." '
        "So we act.\n",
    )
    _speech(
        project,
        "2002-03-04",
        "Second Address",
        "We meet again.\n\n"
        'As the saying goes, "A bird in hand is worth two in the bush." '
        "Let us keep what we have.\n",
    )


def test_promote_prints_an_entry_that_sayings_yml_accepts(tmp_path):
    project = copy_project(tmp_path / "project", speeches=False)
    _two_speeches_with_one_saying(project)
    result = _cli(project, "sayings", "--promote")
    assert result.exit_code == 0, result.output
    entry_lines = [line for line in result.output.splitlines() if line.startswith(("-", " "))]
    [entry] = yaml.safe_load("\n".join(entry_lines))
    assert entry == {
        "id": "a-bird-in-the-hand-is-worth-two-in-the-bush",
        "text": "A bird in the hand is worth two in the bush.",
        "origin": "Proverb",
        "variants": ["A bird in hand is worth two in the bush."],
    }
    assert "#   2001-02-03-first-address, paragraph 1: " in result.output
    assert "#   2002-03-04-second-address, paragraph 2: " in result.output

    catalogue = project / "speeches" / "sayings.yml"
    before = len(load_sayings(catalogue, "speeches/sayings.yml")[0])
    with catalogue.open("a", encoding="utf-8") as out:
        out.write("\n" + result.output)  # the whole output: the comments are YAML comments
    sayings, problems = load_sayings(catalogue, "speeches/sayings.yml")
    assert problems == [] and len(sayings) == before + 1
    assert _cli(project, "check").exit_code == 0
    speech, archive = _load(project, "speeches/2002-03-04-second-address.md")
    assert [c.catalogued for c in review_speech(speech, archive)] == [True]
    again = _cli(project, "sayings", "--promote")
    assert again.exit_code == 0
    assert "every saying found in two or more speeches is in" in again.output


def test_an_archive_with_the_catalogue_s_old_name_is_told_to_add_to_it(tmp_path):
    """speeches/proverbs.yml, the catalogue's first name, is still read: the commands name it."""
    project = copy_project(tmp_path / "project", speeches=False)
    speeches = project / "speeches"
    (speeches / "sayings.yml").rename(speeches / "proverbs.yml")
    _two_speeches_with_one_saying(project)
    promoted = _cli(project, "sayings", "--promote")
    assert promoted.exit_code == 0, promoted.output
    assert "# Quoted in two or more speeches, not yet in speeches/proverbs.yml: append" in (
        promoted.output
    )
    reviewed = _cli(project, "sayings", "2001-02-03-first-address")
    assert reviewed.exit_code == 0, reviewed.output
    assert "not in speeches/proverbs.yml" in reviewed.output
    checked = _cli(project, "check", str(speeches / "proverbs.yml"))
    assert checked.exit_code == 0, checked.output


def test_promote_formats_and_speech_filter(tmp_path):
    project = copy_project(tmp_path / "project")
    _two_speeches_with_one_saying(project)
    data = json.loads(_cli(project, "sayings", "--promote", "--format", "json").output)
    assert data["ok"] and [p["entry"]["origin"] for p in data["promotions"]] == ["Proverb"]
    assert [s["slug"] for s in data["promotions"][0]["found_in"]] == [
        "2001-02-03-first-address",
        "2002-03-04-second-address",
    ]
    markdown = _cli(project, "sayings", "--promote", "--format", "markdown").output
    [block] = re.findall(r"^```yaml\n(.*?)\n```$", markdown, re.DOTALL | re.MULTILINE)
    assert yaml.safe_load(block)[0]["id"] == "a-bird-in-the-hand-is-worth-two-in-the-bush"
    # Given speeches, only the sayings found in them.
    assert "bird" in _cli(project, "sayings", "--promote", "first-address").output
    assert "bird" not in _cli(project, "sayings", "--promote", SEED_SLUG).output


# --- bad arguments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], "Missing argument 'SPEECH...'"),
        (["no-such-speech"], "'no-such-speech' is not a speech of this archive"),
        (
            ["new-approach-for-asia-security-cooperation"],
            "did you mean 'new-approach-for-asian-security-cooperation'",
        ),
        (["speeches/sayings.yml"], "speeches/sayings.yml is not a speech"),
        (["mkdocs.yml"], "mkdocs.yml is not a speech"),
        (["../../etc/passwd"], "is not a speech"),
        (["--format", "xml", SEED], "'xml' is not one of"),
    ],
)
def test_bad_arguments_exit_2_naming_the_argument(tmp_path, monkeypatch, args, expected):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    result = _cli(project, "sayings", *args)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "SPEECH" in result.output or "--format" in result.output
    _no_traceback(result)
    if args and args[0] != "--format":
        assert "expected a speech file in" in result.output


def test_a_speech_the_build_refuses_prints_its_problems_as_check_does(tmp_path):
    project = copy_project(tmp_path / "project")
    bad = _speech(project, "2001-02-03", "Bad Theme", 'As the saying goes, "Less is more."\n')
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("common-security", "securty"), encoding="utf-8")
    name = f"speeches/{bad.name}"
    result = _cli(project, "sayings", name, SEED)
    assert result.exit_code == 1, result.output
    _no_traceback(result)
    problem = f"{name}:7: themes[0]: 'securty' is not defined in speeches/themes.yml"
    assert problem in result.output
    check = _cli(project, "check", str(bad))
    summary = (
        f"{name}: not reviewed: 1 problem to fix first (as 'speech-archive check' reports them)"
    )
    listed = {line for line in result.output.splitlines() if line.startswith(f"{name}:")}
    assert listed <= {*check.output.splitlines(), summary}
    assert f"{SEED}: 6 sayings found" in result.output  # the other speech is still listed
    data = json.loads(_cli(project, "sayings", "--format", "json", name).output)
    assert data[0]["ok"] is False and data[0]["problems"][0]["field"] == "themes[0]"
    markdown = _cli(project, "sayings", "--format", "markdown", name).output
    assert "Not reviewed" in markdown and problem in markdown


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["sayings", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "speech-archive sayings" in result.output


# --- the pull-request script ---------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        check=False,
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _run_pr_script(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SPEECH_ARCHIVE": str(VENV_COMMAND)}
    return subprocess.run(
        ["bash", str(PR_SCRIPT), *args],
        check=False,
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow  # a git repository and the script, in new interpreters
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pr_script_lists_only_the_speech_the_pull_request_adds(tmp_path):
    repo = copy_project(tmp_path / "repo")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # what the checkout fetches
    unchanged = _run_pr_script(repo, "main")
    assert unchanged.returncode == 0, unchanged.stderr
    assert "This pull request adds or changes no speech." in unchanged.stdout

    _two_speeches_with_one_saying(repo)
    (repo / "speeches" / "2002-03-04-second-address.md").unlink()
    (repo / "docs" / "about.md").write_text("Changed.\n", encoding="utf-8")  # not a speech
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a speech")
    result = _run_pr_script(repo, "main")
    assert result.returncode == 0, result.stderr
    headings = re.findall(r"^### `([^`]+)`", result.stdout, re.MULTILINE)
    assert headings == ["speeches/2001-02-03-first-address.md"]
    assert "A bird in the hand is worth two in the bush." in result.stdout
    assert re.search(r"^```yaml\nsayings:\n  ignore:\n", result.stdout, re.MULTILINE)
    assert SEED_SLUG not in result.stdout


def test_pr_script_refuses_an_unknown_base(tmp_path):
    repo = copy_project(tmp_path / "repo")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    result = _run_pr_script(repo, "main")  # no origin/main: never fetched
    assert result.returncode == 2 and "cannot compare with origin/main" in result.stderr
    assert _run_pr_script(repo).returncode == 2


def test_ci_lists_sayings_of_changed_speeches_in_the_job_summary():
    ci = ROOT / ".github" / "workflows" / "ci.yml"
    workflow = yaml.safe_load(ci.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    [step] = [s for s in steps if "pr_sayings.sh" in s.get("run", "")]
    assert step["run"].startswith('./scripts/pr_sayings.sh "$BASE_REF"')
    assert "$GITHUB_STEP_SUMMARY" in step["run"]
    assert step["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert step["shell"] == "bash"  # pipefail: a failing listing fails the step
    assert os.access(PR_SCRIPT, os.X_OK)
