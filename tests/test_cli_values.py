"""Values that cannot break or vanish, from the command line and in the loader's outputs.

Every option and argument of `speech-archive` that becomes a value, a path or a message
refuses control characters, lone surrogates (a byte that is not UTF-8 in argv) and
non-characters, naming the option; `import` reads only a regular file, within the size
limit. Then the loader's guarantees the hostile corpus cannot show one by one: patterns
anchored as JSON Schema means them, a feed that always parses, messages and JSON that
show what they quote, and no speech left out in silence.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_project, make_small_archive, run_mkdocs_build

from speech_archive.characters import FORBIDDEN, refusal, shown, xml_safe
from speech_archive.cli import main
from speech_archive.load.archive import collect_problems, unaccounted_speeches, vocabulary_hash
from speech_archive.load.archive_files import docs_problems
from speech_archive.load.safe_yaml import load_yaml
from speech_archive.load.schema import check_against_schema, load_schema
from speech_archive.load.text_files import MAX_BYTES, read_text
from speech_archive.model import Archive, Speech, Theme
from speech_archive.pages.feed import render_atom_feed
from speech_archive.problems import Problem

HOSTILE = {
    "escape": "A \x1b[31mred\x1b[0m value",  # ANSI colour
    "surrogate": "A \udcff value",  # the byte 0xFF in argv, decoded with surrogateescape
    "non-character": "A \ufffe value",
    "c1": "A \x9b2J value",  # CSI in one byte
}
NEW = {
    "--title": "Address to the Nation",
    "--date": "1962-10-22",
    "--venue": "Washington, United States",
    "--speaker": "John F. Kennedy",
    "--theme": "common-security",
    "--occasion": "A broadcast",
    "--slug": "address",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return make_small_archive(tmp_path_factory.mktemp("values"))


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def _assert_refused(result, option: str) -> None:
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.output or option in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert not FORBIDDEN.search(result.output), f"shown raw: {result.output!r}"


# --- options -------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("option", sorted(NEW))
def test_new_refuses_each_option_holding_a_forbidden_character(archive, option, kind):
    values = {**NEW, option: HOSTILE[kind]}
    before = sorted(p.name for p in (archive / "speeches").iterdir())
    result = _invoke("--root", str(archive), "new", *[x for pair in values.items() for x in pair])
    _assert_refused(result, option)
    assert refusal(HOSTILE[kind]) in result.output  # says what it found, e.g. U+001B
    assert sorted(p.name for p in (archive / "speeches").iterdir()) == before


@pytest.mark.parametrize("option", ["--venue", "--speaker", "--theme", "--slug"])
def test_import_refuses_each_option_holding_a_forbidden_character(archive, tmp_path, option):
    transcript = tmp_path / "transcript.txt"
    transcript.write_text("Title: A Speech\nDate: 2001-01-01\n\nSome words.\n", encoding="utf-8")
    result = _invoke(
        "--root", str(archive), "import", str(transcript), option, HOSTILE["escape"], "--dry-run"
    )
    _assert_refused(result, option)


def test_paths_and_other_options_are_refused_by_name(archive, tmp_path):
    weird = str(tmp_path / "a\x1b[2Jb")
    cases = [
        (["init", weird], "FOLDER"),
        (["init", str(tmp_path / "new"), "--title", HOSTILE["surrogate"]], "--title"),
        (["--root", weird, "check"], "--root"),
        (["--root", str(archive), "check", weird], "PATHS"),
        (["--root", str(archive), "check", "--since", HOSTILE["escape"]], "--since"),
        (["--root", str(archive), "import", weird], "FILE"),
        (["--root", str(archive), "sayings", HOSTILE["non-character"]], "SPEECH"),
        (["--root", str(archive), "import", __file__, "--output-dir", weird], "--output-dir"),
    ]
    for args, option in cases:
        _assert_refused(_invoke(*args), option)
    assert not (tmp_path / "new").exists()


def test_an_unknown_option_is_quoted_with_its_escape_made_visible(archive):
    result = _invoke("--root", str(archive), "new", "--ti\x1b[31mtle", "x")
    assert result.exit_code == 2
    assert "\\x1b[31m" in result.output and "\x1b" not in result.output


def test_a_byte_that_is_not_utf8_in_argv_is_named_not_a_traceback(archive):
    """`new --speaker $'\\xff'`, as a shell passes it: the bytes reach Python's argv."""
    command = [
        os.fsencode(sys.executable),
        b"-m",
        b"speech_archive.cli",
        b"--root",
        os.fsencode(archive),
        b"new",
        *[value.encode() for pair in NEW.items() for value in pair if pair[0] != "--speaker"],
        b"--speaker",
        b"\xff",
    ]
    result = subprocess.run(command, capture_output=True, timeout=120)
    errors = result.stderr.decode("utf-8")  # strict: the message itself is UTF-8
    assert result.returncode == 2, errors
    assert "--speaker" in errors and "the byte 0xFF, which is not UTF-8" in errors
    assert "Traceback" not in errors
    assert not list((archive / "speeches").glob("*.md"))


def test_real_text_in_options_is_accepted(archive, tmp_path):
    project = copy_project(tmp_path / "project", speeches=False)
    title = "السلام عليكم \u200f— שלום 👩\u200d👩\u200d👧 千里之行"
    result = _invoke(
        "--root",
        str(project),
        "new",
        *[x for pair in {**NEW, "--title": title}.items() for x in pair],
    )
    assert result.exit_code == 0, result.output
    written = project / "speeches" / "1962-10-22-address.md"
    assert title in written.read_text(encoding="utf-8")
    # Only the body is left to write: the title is accepted as it is.
    assert [(p.line, p.field) for p in collect_problems(project)[1]] == [(11, "body")]


# --- import reads only a regular file, within the limit --------------------------------------
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_import_of_a_device_is_refused_without_reading_it(archive, device):
    result = subprocess.run(
        [sys.executable, "-m", "speech_archive.cli", "--root", str(archive), "import", device],
        capture_output=True,
        text=True,
        timeout=30,  # the issue's bound: reading the device would never end
    )
    assert result.returncode == 1, result.stderr
    assert f"{device}:0: -: is a character device, not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_of_a_fifo_is_refused_without_opening_it(archive, tmp_path):
    pipe = tmp_path / "transcript.txt"
    os.mkfifo(pipe)
    result = subprocess.run(
        [sys.executable, "-m", "speech_archive.cli", "--root", str(archive), "import", str(pipe)],
        capture_output=True,
        text=True,
        timeout=30,  # opening a FIFO with no writer blocks
    )
    assert result.returncode == 1
    assert "is a named pipe (FIFO), not a regular file" in result.stderr


def test_import_of_a_file_over_the_limit_is_refused(archive, tmp_path):
    big = tmp_path / "transcript.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written
    result = _invoke("--root", str(archive), "import", str(big))
    assert result.exit_code == 1
    assert f"is {MAX_BYTES + 1} bytes (expected at most {MAX_BYTES})" in result.output


def test_import_refuses_a_transcript_holding_control_characters(archive, tmp_path):
    transcript = tmp_path / "transcript.txt"
    transcript.write_text(
        "Title: A \x1b[31mSpeech\nDate: 2001-01-01\n\nSome words.\n", encoding="utf-8"
    )
    result = _invoke("--root", str(archive), "import", str(transcript))
    assert result.exit_code == 1
    assert ":1: -: contains the control character U+001B at column 10" in result.output
    assert "\x1b" not in result.output
    assert not list((archive / "speeches").glob("*.md"))


def test_read_text_refuses_what_is_not_a_regular_file(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    for name, expected in [
        ("loop", "is a symbolic link loop"),
        ("pipe", "is a named pipe (FIFO), not a regular file"),
        ("folder", "is a folder, not a regular file"),
    ]:
        text, problems = read_text(tmp_path / name, name)
        assert text is None and problems[0].message.startswith(expected)


# --- patterns, characters and what is shown ------------------------------------------------
SPEECH = """\
title: A Speech
date: {date}
speaker: A Speaker
venue: A City, A Country
themes: [{theme}]
language: {language}
source: {{title: A source, url: {url}, retrieved: {date}}}
"""


@pytest.mark.parametrize(
    "field, values",
    [
        ("date", {"date": '"2001-01-01\\n"'}),
        ("source.retrieved", {"date": '"2001-01-01\\n"'}),
        ("themes[0]", {"theme": '"common-security\\n"'}),
        ("language", {"language": '"en\\n"'}),
        ("source.url", {"url": '"https://example.org/?a=1\\n"'}),
    ],
)
def test_a_trailing_newline_fails_every_anchored_pattern(field, values):
    schema = load_schema(Path(__file__).parents[1] / "speeches" / "speech.schema.json")
    fields = {
        "date": "2001-01-01",
        "theme": "common-security",
        "language": "en",
        "url": "https://example.org:8443/speech?id=7&lang=en#p2",
        **values,
    }
    doc = load_yaml(SPEECH.format(**fields))
    assert field in {problem.field for problem in check_against_schema(schema, doc, "x")}


def test_the_same_values_without_the_newline_pass():
    schema = load_schema(Path(__file__).parents[1] / "speeches" / "speech.schema.json")
    doc = load_yaml(
        SPEECH.format(
            date="2001-01-01",
            theme="common-security",
            language="zh-Hans",
            url="https://example.org:8443/speech?id=7&lang=en#p2",
        )
    )
    assert check_against_schema(schema, doc, "x") == []


def test_the_forbidden_characters_are_exactly_the_issue_s():
    allowed = ["\t", "\n", "\r", " ", "\u00a0", "\u200d", "\u200c", "\u200f", "\u202e", "\ufeff"]
    allowed += ["\ufffd", "\U0001f600", "\U000e0001", "\u00ff", "\ufdcf", "\ufdf0"]
    forbidden = [chr(n) for n in [*range(0, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0)]]
    forbidden += ["\ud800", "\udfff", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0010ffff"]
    forbidden += ["\U0001fffe", "\U0005ffff"]
    assert [c for c in allowed if FORBIDDEN.search(c)] == []
    assert [c for c in forbidden if not FORBIDDEN.search(c)] == []


def test_a_problem_shows_what_it_quotes_on_one_visible_line():
    problem = Problem("docs/a\nb\x1b[2J.md", 0, "\u202etitle", "quotes 'x\ud800\r'")
    line = str(problem)
    assert "\n" not in line and not FORBIDDEN.search(line) and "\u202e" not in line
    assert line == "docs/a\\nb\\x1b[2J.md:0: \\u202etitle: quotes 'x\\ud800\\r'"
    assert json.loads(json.dumps(problem.as_dict(), ensure_ascii=False)) == {
        "path": "docs/a\\nb\\x1b[2J.md",
        "line": 0,
        "field": "\\u202etitle",
        "message": "quotes 'x\\ud800\\r'",
    }
    assert shown(line) == line  # showing twice changes nothing


def test_check_json_is_valid_for_a_file_name_that_is_not_utf8(archive, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(archive, project, symlinks=True)
    (project / "speeches" / os.fsdecode(b"2001-01-01-\xff.md")).write_text("x", encoding="utf-8")
    command = [sys.executable, "-m", "speech_archive.cli", "--root", str(project), "check"]
    result = subprocess.run([*command, "--format", "json"], capture_output=True, timeout=120)
    report = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8, then valid JSON
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert report["problems"][0]["path"] == "speeches/2001-01-01-\\udcff.md"


def test_feed_xml_parses_whatever_a_value_holds():
    """The loader refuses such values; the writer holds even if one came through."""
    speech = Speech(
        slug="2001-01-01-a",
        path="speeches/2001-01-01-a.md",
        title="A \x1b[31mtitle\ufffe\ud800",
        date=dt.date(2001, 1, 1),
        speaker="\x00A speaker",
        venue="A City\x0b, A Country",
        themes=("common-security",),
        body="Words.",
        body_line=9,
        summary="\x7f\x85\x9b",
    )
    theme = Theme("common-security", "Common \x08security", "d")
    archive = Archive(
        speeches=(speech,), themes={theme.slug: theme}, sayings=(), glossary=(), references=()
    )
    feed = ET.fromstring(render_atom_feed(archive, "Site \x1b name").encode("utf-8"))
    assert feed.find("{http://www.w3.org/2005/Atom}title").text == "Site \ufffd name"
    assert xml_safe("\U0001f600\t\n") == "\U0001f600\t\n"


# --- no speech vanishes ------------------------------------------------------------------
def test_a_speech_file_neither_loaded_nor_reported_is_a_problem():
    found = unaccounted_speeches([Path("speeches/2001-01-01-a.md")], [], [])
    assert [str(p) for p in found] == [
        "speeches/2001-01-01-a.md:0: -: was neither loaded nor refused by any rule "
        "(expected a speech file the build publishes; please report this as a bug of "
        "speech-archive)"
    ]


def test_an_older_schema_copy_cannot_drop_a_speech_in_silence(archive, tmp_path):
    """An archive's own schema may be looser than the package's: a date it lets through
    that is not a day is still reported, never published nowhere."""
    project = tmp_path / "project"
    shutil.copytree(archive, project, symlinks=True)
    schema_path = project / "speeches" / "speech.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["date"]["pattern"] = "^[0-9]{4}-"  # unanchored, as an old copy might be
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    (project / "speeches" / "2001-01-01-a-speech.md").write_text(
        "---\ntitle: A\ndate: 2001-01-01T10:00\nspeaker: B\nvenue: C, D\n"
        "themes: [common-security]\n---\n\nWords.\n",
        encoding="utf-8",
    )
    _, problems = collect_problems(project)
    assert [str(p) for p in problems] == [
        "speeches/2001-01-01-a-speech.md:3: date: "
        "expected a date like '2014-05-21', got '2001-01-01T10:00'"
    ]


def test_the_build_stops_when_mkdocs_yml_leaves_a_speech_page_out(archive, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(archive, project, symlinks=True)
    (project / "speeches" / "2001-01-01-a-speech.md").write_text(
        "---\ntitle: A\ndate: 2001-01-01\nspeaker: B\nvenue: C, D\n"
        "themes: [common-security]\n---\n\nWords.\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nexclude_docs: |\n  speeches/2001-*\n",
        encoding="utf-8",
    )
    result = run_mkdocs_build(project)
    assert result.returncode != 0
    assert "speeches/2001-01-01-a-speech.md: has no page on the site" in result.stderr
    assert "Traceback" not in result.stderr


def test_docs_folders_linked_inside_the_project_are_walked_too(tmp_path):
    """A link to a folder inside the project is the archive's own, and MkDocs follows it:
    what it holds is checked as docs/ itself is."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "shared").mkdir()
    os.mkfifo(tmp_path / "shared" / "pipe.md")
    (tmp_path / "shared" / "page.md").write_text("# A page\n", encoding="utf-8")
    (tmp_path / "docs" / "shared").symlink_to("../shared")
    problems = docs_problems(tmp_path, tmp_path / "docs")
    assert [str(p) for p in problems] == [
        "docs/shared/pipe.md:0: -: is a named pipe (FIFO), not a regular file "
        "(expected a page, an image...)"
    ]


def test_the_serve_cache_key_never_reads_a_file_over_the_limit(archive, tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(archive, project, symlinks=True)
    big = project / "speeches" / "recording.wav"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse
    read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        assert path != big, "read a file over the size limit"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    before = vocabulary_hash(project / "speeches")
    with open(big, "ab") as handle:
        handle.truncate(MAX_BYTES + 2)
    assert vocabulary_hash(project / "speeches") != before  # a change still shows
