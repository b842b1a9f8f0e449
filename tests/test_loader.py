"""The content contract: the loader on good input (bad input is tests/test_bad_inputs.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import ROOT, SEED_SLUG, copy_project

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


def test_a_saying_s_original_language_is_read_and_must_be_a_language_tag(tmp_path):
    archive = load_archive(ROOT)
    wise = next(s for s in archive.sayings if s.id == "wise-man-changes-his-way")
    assert (wise.original, wise.original_language) == ("明者因时而变，知者随事而制", "zh-Hans")
    kazakh = next(s for s in archive.sayings if s.id == "blow-out-another-s-oil-lamp")
    assert kazakh.original_language is None  # optional: the catalogue gives no original
    project = copy_project(tmp_path / "p", speeches=False)
    sayings = project / "speeches" / "sayings.yml"
    text = sayings.read_text(encoding="utf-8")
    sayings.write_text(text.replace("original_language: zh-Hans", "original_language: Chinese", 1))
    with pytest.raises(ArchiveError) as raised:
        load_archive(project)
    assert "original_language" in raised.value.report() and "'Chinese'" in raised.value.report()
