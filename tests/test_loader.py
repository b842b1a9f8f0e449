"""The content contract: the loader on good input, and bad input reported as path:line: field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, copy_project, run_mkdocs_build

from speech_archive.load.archive import load_archive, sayings_file, split_front_matter
from speech_archive.problems import ArchiveError

GOOD = """\
---
title: A Test Speech
date: 2001-02-03
speaker: Ada Speaker
venue: Lyon, France
themes:
  - development
---

First paragraph.

Second paragraph.
"""


def test_loads_the_real_archive():
    archive = load_archive(ROOT)
    seed = next(s for s in archive.speeches if s.slug == SEED_SLUG)
    assert seed.title == "New Approach for Asian Security Cooperation"
    assert seed.date == dt.date(2014, 5, 21)
    assert seed.venue == "Shanghai, China" and seed.country == "China"
    assert seed.speaker == "Xi Jinping"
    assert "common-security" in seed.themes
    assert seed.note.startswith("Speech at the Fourth Summit")
    assert seed.rights == "Not to be republished for any commercial or other purposes."
    assert seed.source["title"] == "Xi Jinping The Governance of China I"
    assert seed.body.lstrip().startswith("Distinguished guests,")
    assert seed.body.rstrip().endswith("Thank you!")
    assert set(seed.themes) <= set(archive.themes)


def test_seed_body_keeps_every_word_of_the_raw_copy():
    """The seed file's body is the raw web copy's speech, word for word."""
    seed_copy = ROOT.parent / "shared" / "seeds" / "000_136705155a85f971.txt"
    if not seed_copy.exists():
        pytest.skip("the shared seed is not beside this checkout")
    raw = seed_copy.read_text(encoding="utf-8")
    raw_words = raw.split()
    start = raw_words.index("Distinguished")
    end = len(raw_words) - raw_words[::-1].index("you!")
    seed = (ROOT / "speeches" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    assert split_front_matter(seed)[1].split() == raw_words[start:end]


def test_good_speech_loads_with_defaults(tmp_path):
    project = copy_project(tmp_path / "p", speeches=False)
    (project / "speeches" / "2001-02-03-a-test-speech.md").write_text(GOOD, encoding="utf-8")
    archive = load_archive(project)
    (speech,) = archive.speeches
    assert speech.slug == "2001-02-03-a-test-speech"
    assert speech.language == "en"
    assert speech.themes == ("development",)
    assert speech.body_line == 9
    assert speech.body.split() == ["First", "paragraph.", "Second", "paragraph."]


def test_bom_and_crlf_are_accepted(tmp_path):
    project = copy_project(tmp_path / "p", speeches=False)
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    (project / "speeches" / "2001-02-03-a-test-speech.md").write_bytes(data)
    (speech,) = load_archive(project).speeches
    assert speech.title == "A Test Speech"
    assert "\r" not in speech.body


def _replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


# (case, file name, file text or bytes, the exact problem line expected)
BAD_INPUTS = [
    (
        "no front matter",
        "2001-02-03-x.md",
        "Just a speech.\n",
        "speeches/2001-02-03-x.md:1: -: has no front matter",
    ),
    (
        "unclosed front matter",
        "2001-02-03-x.md",
        GOOD.replace("---\n\nFirst", "\nFirst"),
        "speeches/2001-02-03-x.md:1: -: front matter is not closed (expected a '---' line after the fields)",
    ),
    (
        "yaml syntax error",
        "2001-02-03-x.md",
        _replace("venue: Lyon, France", "venue: [Lyon, France"),
        "speeches/2001-02-03-x.md:6: -: front matter is not valid YAML",
    ),
    (
        "missing title",
        "2001-02-03-x.md",
        _replace("title: A Test Speech\n", ""),
        "speeches/2001-02-03-x.md:2: title: is missing",
    ),
    (
        "missing date",
        "2001-02-03-x.md",
        _replace("date: 2001-02-03\n", ""),
        "speeches/2001-02-03-x.md:2: date: is missing",
    ),
    (
        "missing speaker",
        "2001-02-03-x.md",
        _replace("speaker: Ada Speaker\n", ""),
        "speeches/2001-02-03-x.md:2: speaker: is missing",
    ),
    (
        "missing venue",
        "2001-02-03-x.md",
        _replace("venue: Lyon, France\n", ""),
        "speeches/2001-02-03-x.md:2: venue: is missing",
    ),
    (
        "missing themes",
        "2001-02-03-x.md",
        _replace("themes:\n  - development\n", ""),
        "speeches/2001-02-03-x.md:2: themes: is missing",
    ),
    (
        "date in words",
        "2001-02-03-x.md",
        _replace("date: 2001-02-03", "date: February 3, 2001"),
        "speeches/2001-02-03-x.md:3: date: expected a value like '2014-05-21', got 'February 3, 2001'",
    ),
    (
        "date not a real day",
        "2001-02-30-x.md",
        _replace("date: 2001-02-03", "date: 2001-02-30"),
        "speeches/2001-02-30-x.md:3: date: '2001-02-30' is not a real day (expected a valid YYYY-MM-DD date)",
    ),
    (
        "date differs from file name",
        "2001-02-04-x.md",
        GOOD,
        "speeches/2001-02-04-x.md:3: date: '2001-02-03' differs from the file name's date '2001-02-04' "
        "(expected them to be equal)",
    ),
    (
        "unknown theme",
        "2001-02-03-x.md",
        _replace("  - development", "  - developement"),
        "speeches/2001-02-03-x.md:7: themes[0]: 'developement' is not defined in speeches/themes.yml "
        "(did you mean 'development'? expected one of its slugs)",
    ),
    (
        "empty theme list",
        "2001-02-03-x.md",
        _replace("themes:\n  - development\n", "themes: []\n"),
        "speeches/2001-02-03-x.md:6: themes: is an empty list (expected at least 1 item)",
    ),
    (
        "unknown key with a typo",
        "2001-02-03-x.md",
        _replace("speaker: Ada Speaker\n", "speaker: Ada Speaker\nocasion: A summit\n"),
        "speeches/2001-02-03-x.md:5: ocasion: is not a known field (did you mean 'occasion'?",
    ),
    (
        "title is a list",
        "2001-02-03-x.md",
        _replace("title: A Test Speech", "title: [A, B]"),
        "speeches/2001-02-03-x.md:2: title: expected text, got a list",
    ),
    (
        "latin-1 file",
        "2001-02-03-x.md",
        _replace("Lyon", "Orl\xe9ans").encode("latin-1"),
        "speeches/2001-02-03-x.md:5: -: is not valid UTF-8 (byte 0xe9",
    ),
    (
        "file name without a slug",
        "2001-02-03.md",
        GOOD,
        "speeches/2001-02-03.md:0: -: file name is not of the form YYYY-MM-DD-slug.md",
    ),
    (
        "python tag",
        "2001-02-03-x.md",
        _replace("title: A Test Speech", "title: !!python/object/apply:os.system [echo hi]"),
        "speeches/2001-02-03-x.md:2: -: front matter uses the tag",
    ),
]


def _write_case(project: Path, name: str, content) -> None:
    target = project / "speeches" / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case,name,content,expected", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_reported_with_file_line_and_field(tmp_path, case, name, content, expected):
    project = copy_project(tmp_path / "p")
    _write_case(project, name, content)
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    assert any(line.startswith(expected) for line in raised.value.report().splitlines()), (
        raised.value.report()
    )


@pytest.mark.parametrize("case,name,content,expected", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_fails_the_build_without_traceback(tmp_path, case, name, content, expected):
    project = copy_project(tmp_path / "p")
    _write_case(project, name, content)
    result = run_mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output
    assert "Traceback" not in output


def test_every_problem_is_reported_at_once(tmp_path):
    project = copy_project(tmp_path / "p")
    _write_case(project, "2001-02-03-a.md", _replace("title: A Test Speech\n", ""))
    _write_case(project, "2001-02-03-b.md", _replace("  - development", "  - nothing"))
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    report = raised.value.report()
    assert "speeches/2001-02-03-a.md:2: title: is missing" in report
    assert "speeches/2001-02-03-b.md:7: themes[0]:" in report
    assert report.splitlines()[-1] == "2 problems in the archive"


def test_bad_themes_vocabulary_is_reported(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "speeches" / "themes.yml").write_text(
        "development:\n  title: Development\n  descripton: typo\n", encoding="utf-8"
    )
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    report = raised.value.report()
    assert (
        "speeches/themes.yml:3: development.descripton: is not a known field (did you mean 'description'?"
        in report
    )
    assert "speeches/themes.yml:1: development.description: is missing" in report


def test_missing_schema_is_a_problem_not_a_crash(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "speeches" / "speech.schema.json").unlink()
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    assert raised.value.report().startswith("speeches/speech.schema.json:0: -: cannot be used (")


def test_theme_slug_index_is_reserved(tmp_path):
    project = copy_project(tmp_path / "p")
    themes = project / "speeches" / "themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8") + "index:\n  title: Index\n  description: A clash.\n",
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    assert "speeches/themes.yml:" in raised.value.report()
    assert ": index: is reserved for the themes index page" in raised.value.report()


def test_an_edited_schema_is_read_again(tmp_path):
    """`mkdocs serve` keeps the process: a schema edited between builds must take effect."""
    project = copy_project(tmp_path / "p")
    load_archive(project)
    schema_file = project / "speeches" / "speech.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["title"]["maxLength"] = 5
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    assert (
        f"speeches/{SEED_SLUG}.md:2: title: is 43 characters long (expected at most 5)"
        in raised.value.report()
    )


# --- "proverbs", the first name of the sayings: still read ---------------------------------

CORRECTED = GOOD.replace(
    "  - development\n",
    "  - development\nsayings:\n  ignore:\n    - First paragraph\n"
    "  add:\n    - text: Second paragraph\n      origin: Test saying\n",
)


@pytest.mark.parametrize("field", ["sayings", "proverbs"])
def test_front_matter_corrections_are_read_under_either_name(tmp_path, field):
    project = copy_project(tmp_path / "p", speeches=False)
    text = CORRECTED.replace("\nsayings:\n", f"\n{field}:\n")
    (project / "speeches" / "2001-02-03-a-test-speech.md").write_text(text, encoding="utf-8")
    (speech,) = load_archive(project).speeches
    assert speech.sayings_add == ({"text": "Second paragraph", "origin": "Test saying"},)
    assert speech.sayings_ignore == ("First paragraph",)


def test_front_matter_with_the_field_under_both_names_is_a_problem(tmp_path):
    project = copy_project(tmp_path / "p", speeches=False)
    text = CORRECTED.replace("\n---\n\nFirst", "\nproverbs:\n  ignore:\n    - Second\n---\n\nFirst")
    (project / "speeches" / "2001-02-03-x.md").write_text(text, encoding="utf-8")
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    assert raised.value.report().splitlines()[0] == (
        "speeches/2001-02-03-x.md:14: proverbs: is the old name of 'sayings', which this front "
        "matter has too (expected one field: move its entries under 'sayings')"
    )


def test_the_catalogue_of_sayings_is_read_under_its_old_name(tmp_path):
    project = copy_project(tmp_path / "p")
    speeches = project / "speeches"
    (speeches / "sayings.yml").rename(speeches / "proverbs.yml")
    assert sayings_file(speeches) == "proverbs.yml"
    assert load_archive(project).sayings == load_archive(ROOT).sayings != ()


def test_the_catalogue_of_sayings_under_both_names_is_a_problem(tmp_path):
    project = copy_project(tmp_path / "p")
    speeches = project / "speeches"
    (speeches / "proverbs.yml").write_bytes((speeches / "sayings.yml").read_bytes())
    assert sayings_file(speeches) == "sayings.yml"
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    assert raised.value.report().splitlines()[0] == (
        "speeches/proverbs.yml:0: -: is the old name of speeches/sayings.yml, which exists too "
        "(expected one catalogue of sayings: move its entries into sayings.yml and delete it)"
    )
