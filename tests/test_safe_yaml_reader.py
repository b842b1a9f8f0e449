"""A control character in YAML is a contributor's error with a line, not a crash."""

from __future__ import annotations

import pytest
from conftest import SEED_SLUG, copy_project
from speech_archive.loader import load_archive
from speech_archive.problems import ArchiveError
from speech_archive.safe_yaml import YamlProblem, load_yaml


def test_control_character_is_reported_with_its_line():
    with pytest.raises(YamlProblem) as raised:
        load_yaml("title: A speech\nvenue: Geneva\x07, Switzerland\n")
    assert (raised.value.line, raised.value.message) == (
        2,
        "contains the control character U+0007 (expected printable text)",
    )


def test_control_character_in_front_matter_fails_the_load_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    speech = project / "speeches" / f"{SEED_SLUG}.md"
    speech.write_text(
        speech.read_text(encoding="utf-8").replace("venue: Shanghai", "venue: Shang\x1bhai", 1),
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    assert (
        f"speeches/{SEED_SLUG}.md:5: -: front matter contains the control character U+001B"
        in raised.value.report()
    )
