"""speech-archive new and check, through Click's runner and as subprocesses; and the CI files."""

from __future__ import annotations

import json
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
from speech_archive.cli.check import escaped_data, escaped_property

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


# --- new ------------------------------------------------------------------------------------


@pytest.mark.slow  # three new interpreters, one of them a whole build
def test_new_then_check_then_build_as_real_commands(tmp_path):
    project = copy_project(tmp_path / "project")
    made = _subprocess(project, "new", *NEW_OPTIONS, "--occasion", "Cuban crisis")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == NEW_PATH
    # Never filled in: check and the build refuse it, on the placeholder's line.
    placeholder = (
        f"{NEW_PATH}:11: body: is still the placeholder written by 'speech-archive new' "
        "(expected the text of the speech in its place)"
    )
    checked = _subprocess(project, "check", NEW_PATH)
    assert checked.returncode == 1, checked.stdout
    assert checked.stdout.splitlines() == [placeholder, "1 problem in 1 file: checked 1 file"]
    assert run_mkdocs_build(project).returncode != 0
    # Filled in, it builds.
    path = project / NEW_PATH
    head = path.read_text(encoding="utf-8").rsplit("\n---\n", 1)[0]
    path.write_text(f"{head}\n---\n\nGood evening, my fellow citizens.\n", encoding="utf-8")
    checked = _subprocess(project, "check", NEW_PATH)
    assert checked.returncode == 0, checked.stdout
    built = run_mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    page = soup(project / "site" / "speeches" / "1962-10-22-address-to-the-nation.html")
    assert page.select_one("article h1").get_text(strip=True).startswith("Address to the Nation")
    assert "Good evening, my fellow citizens." in page.select_one(".speech-body").get_text()


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
            ["--date: expected a value like '2014-05-21', got '22 October 1962'"],
        ),
        (
            ["--date", "1962-02-30"],
            ["--date: '1962-02-30' is not a real day (expected a valid YYYY-MM-DD date)"],
        ),
        (
            ["--theme", "securty"],
            [
                "--theme: 'securty' is not a theme of speeches/themes.yml (expected one of: "
                "common-security, comprehensive-security, cooperative-security, "
                "sustainable-security, regional-cooperation, counter-terrorism, development)"
            ],
        ),
        (
            ["--venue", "Paris"],
            [
                "--venue: 'Paris' has no country (expected 'place, country', like "
                "'Shanghai, China': the venues index files it under the part after the last comma)"
            ],
        ),
        (
            ["--venue", "Paris,", "--date", "2020-02-30", "--theme", "securty"],
            [
                "--date: '2020-02-30' is not a real day (expected a valid YYYY-MM-DD date)",
                "--venue: 'Paris,' has no country (expected 'place, country', like "
                "'Shanghai, China': the venues index files it under the part after the last comma)",
                "--theme: 'securty' is not a theme of speeches/themes.yml (expected one of: "
                "common-security, comprehensive-security, cooperative-security, "
                "sustainable-security, regional-cooperation, counter-terrorism, development)",
            ],
        ),
    ],
    ids=["written-date", "impossible-day", "unknown-theme", "venue-without-country", "three"],
)
def test_new_names_the_option_of_each_bad_value(tmp_path, options, expected):
    project = copy_project(tmp_path / "project")
    args = list(NEW_OPTIONS)
    for option in ("--date", "--venue"):  # replace the valid value rather than giving two
        if option in options:
            index = args.index(option)
            del args[index : index + 2]
    result = _subprocess(project, "new", *args, *options)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *expected,
        f"Error: nothing was written: {len(expected)} problem{'s' if len(expected) > 1 else ''} "
        "to fix in the options above",
    ]
    assert sorted(p.name for p in (project / "speeches").glob("*.md")) == [f"{SEED_SLUG}.md"]


def test_new_without_speaker_or_theme_names_the_options(tmp_path):
    project = copy_project(tmp_path / "project")
    args = [a for a in NEW_OPTIONS if a not in ("--speaker", "John F. Kennedy")]
    args = args[: args.index("--theme")]
    result = _cli(project, "new", *args)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "--speaker: is missing (expected: Who delivered the speech.)",
        "--theme: is missing (expected at least one theme slug; repeat it for several)",
    ]


def test_new_ends_by_printing_the_next_step(tmp_path):
    project = copy_project(tmp_path / "project")
    result = _subprocess(project, "new", *NEW_OPTIONS)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{NEW_PATH}\n"
    assert result.stderr == (
        f"next: replace the placeholder in {NEW_PATH} with the speech's text, "
        f"then run 'speech-archive check {NEW_PATH}'\n"
    )


def test_a_long_theme_list_is_cut_to_the_closest(tmp_path):
    project = copy_project(tmp_path / "project")
    themes = project / "speeches" / "themes.yml"
    extra = "".join(
        f"{slug}:\n  title: {slug.title()}\n  description: About {slug}.\n"
        for slug in (
            "energy", "climate", "trade", "health", "education", "culture", "migration",
            "maritime-security", "cyber-security", "food-security",
        )
    )  # fmt: skip
    themes.write_text(themes.read_text(encoding="utf-8") + extra, encoding="utf-8")
    args = [*NEW_OPTIONS[: NEW_OPTIONS.index("--theme")], "--theme", "cyber-securty"]
    result = _cli(project, "new", *args)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    start = (
        "--theme: 'cyber-securty' is not a theme of speeches/themes.yml "
        "(expected one of its 17 slugs; the closest: "
    )
    assert first.startswith(start) and first.endswith(")")
    closest = first[len(start) : -1].split(", ")
    assert closest[0] == "cyber-security" and len(closest) == 5
    assert set(closest) < {
        "cyber-security", "food-security", "maritime-security", "common-security",
        "comprehensive-security", "cooperative-security", "sustainable-security",
        "counter-terrorism",
    }  # fmt: skip


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


@pytest.mark.slow  # a new interpreter reading the whole archive
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


# --- check: how problems are reported (every broken input: tests/test_bad_inputs.py) ----------


def _edit(name: str, old: str, new: str) -> dict[str, str]:
    """speeches/<name> holding VALID with one edit."""
    assert old in VALID
    return {f"speeches/{name}": VALID.replace(old, new)}


S = "speeches/1962-10-22-"
# A speech with an empty speaker, and one with no themes (the broken inputs are in
# tests/test_bad_inputs.py; these two show how check reports).
EMPTY_SPEAKER = _edit("1962-10-22-h.md", "speaker: John F. Kennedy", "speaker:")
NO_THEMES = _edit("1962-10-22-f.md", "themes:\n  - common-security", "themes: []")


def _write_case(project: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (project / path).write_text(text, encoding="utf-8")


def test_check_text_output_is_problem_lines_then_a_summary(tmp_path):
    project = copy_project(tmp_path / "project")
    _write_case(project, EMPTY_SPEAKER | NO_THEMES)
    result = _cli(project, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "speeches/1962-10-22-f.md:6: themes: is an empty list (expected at least 1 item)",
        "speeches/1962-10-22-h.md:4: speaker: expected text, got nothing",
        "2 problems in 2 files: checked 3 speeches and the vocabularies",
    ]


def test_check_given_paths_reports_only_those_files(tmp_path):
    project = copy_project(tmp_path / "project")
    _write_case(project, EMPTY_SPEAKER | {S + "address.md": VALID})
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
    path = project / NEW_PATH
    head = path.read_text(encoding="utf-8").rsplit("\n---\n", 1)[0]
    path.write_text(f"{head}\n---\n\nGood evening, my fellow citizens.\n", encoding="utf-8")
    result = _cli(project, "check", "--format", "json")
    assert result.exit_code == 0
    assert list(json.loads(result.stdout)["speeches"]) == [NEW_PATH]  # new; the seed is unchanged


# --- check and the build agree ---------------------------------------------------------------


@pytest.mark.slow  # check and a whole build, in new interpreters
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
    "actions/configure-pages",  # pages.yml: the published address, for SITE_URL
    "actions/upload-artifact",  # ci.yml: the browser tests' screenshots
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
                # All come with the jobs' image (Debian's python, with its package manager).
                assert program in {"python", "git", "apt-get"}, program


def test_pull_request_workflow_runs_check_tests_and_strict_build():
    runs = " ".join(
        step.get("run", "") for step in _steps(yaml.safe_load((WORKFLOWS / "ci.yml").read_text()))
    )
    assert "speech-archive check" in runs
    # Problems are annotated on the lines of the pull request's files.
    assert "speech-archive check --format github" in runs
    assert "mkdocs build --strict" in runs
    assert "./scripts/test.sh" in runs  # the README's test command
    triggers = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())[True]
    assert "pull_request" in triggers


def test_ci_and_the_readme_command_run_every_test_not_only_the_quick_set():
    """A bare `pytest` leaves the browser, bench and slow tests out (pyproject.toml's addopts):
    every pytest that CI or scripts/test.sh runs must lift that filter, or those never run."""
    tools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert "-m" in shlex.split(tools["pytest"]["ini_options"]["addopts"])
    ci = yaml.safe_load((WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    lines = [line for step in _steps(ci) for line in step.get("run", "").splitlines()]
    lines += [line for line in script.splitlines() if not line.lstrip().startswith("#")]
    commands = [words for line in lines if "pytest" in (words := shlex.split(line))]
    assert len(commands) >= 2  # scripts/test.sh's, and the lowest-versions job's
    for words in commands:
        after = words[words.index("pytest") + 1 :]
        assert "-m" in after and after[after.index("-m") + 1] == "", " ".join(words)


def test_pages_workflow_builds_with_the_published_address():
    """mkdocs.yml reads SITE_URL; the Pages build sets it from configure-pages' base_url."""
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())
    steps = _steps(workflow)
    pages = next(
        step for step in steps if step.get("uses", "").startswith("actions/configure-pages")
    )
    build = next(step for step in steps if "mkdocs build" in step.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert steps.index(pages) < steps.index(build)
    assert "site_url: !ENV SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


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


# --- slugs of titles in any script --------------------------------------------------------------


def test_new_gives_titles_in_any_script_distinct_readable_file_names(tmp_path):
    project = copy_project(tmp_path / "project")
    options = [a for a in NEW_OPTIONS]
    del options[options.index("--title") : options.index("--title") + 2]
    written = []
    for title in (
        "千里之行，始于足下",
        "Обращение к нации",
        "Обращение к нации!",  # another title with the same words: a suffix, never a clash
        "السلام عليكم",
    ):
        result = _subprocess(project, "new", "--title", title, *options)
        assert result.returncode == 0, result.stderr
        written.append(result.stdout.strip())
    assert written == [
        "speeches/1962-10-22-qian-li-zhi-xing-shi-yu-zu-xia.md",
        "speeches/1962-10-22-obrashchenie-k-natsii.md",
        "speeches/1962-10-22-obrashchenie-k-natsii-2.md",
        "speeches/1962-10-22-lslm-lykm.md",
    ]
    # The same title again is the same speech: refused, not written under a new name.
    again = _subprocess(project, "new", "--title", "Обращение к нации", *options)
    assert again.returncode == 1
    assert "speeches/1962-10-22-obrashchenie-k-natsii.md already exists" in again.stderr


# --- check --format github ----------------------------------------------------------------------


def test_check_format_github_prints_workflow_annotations(tmp_path):
    project = copy_project(tmp_path / "project")
    speech = "---\ntitle: A\ndate: 2001-01-01\nspeaker: S\nvenue: A, B\nthemes:\n  - 100%\n---\n\n"
    speech += "We did it all, every part of it.\n"
    (project / "speeches" / "2001-01-01-x.md").write_text(speech, encoding="utf-8")
    (project / "speeches" / "2001-01-02-a,b.md").write_text(speech, encoding="utf-8")
    result = _subprocess(project, "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=speeches/2001-01-01-x.md,line=7,title=speech-archive%3A themes[0]"
        "::expected a value like 'common-security', got '100%25'",
        # line 0 (the whole file) is left out; ',' and ':' in a property are escaped
        "::error file=speeches/2001-01-02-a%2Cb.md,title=speech-archive::file name is not of "
        "the form YYYY-MM-DD-slug.md (expected a date, then lower-case ASCII words joined by "
        "hyphens)",
        "::error file=speeches/2001-01-02-a%2Cb.md,line=7,title=speech-archive%3A themes[0]"
        "::expected a value like 'common-security', got '100%25'",
        "3 problems in 2 files: checked 3 speeches and the vocabularies",
    ]
    assert "Traceback" not in result.stderr


def test_github_escaping_is_the_runners():
    # The runner's unescaping (actions/runner, ActionCommand.cs): %25 % , %0D \r, %0A \n in
    # messages; and %3A :, %2C , in properties.
    assert escaped_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert escaped_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def test_help_lists_the_workflow_of_adding_a_speech():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for step in (
        "1. make the file, from a text copy of it",
        "speech-archive import transcript.txt",
        "speech-archive new --title",
        "2. complete it",
        "3. speech-archive check",
        "4. open a pull request",
    ):
        assert step in text, step
