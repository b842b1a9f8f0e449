"""Reproducible builds, and failed builds that lose nothing (the plugin's on_pre_build, on_files and on_build_error).

Killed builds, concurrent builds and write errors: test_publishing.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, run_mkdocs_build, tree_hashes

# Each test is a whole build of its own, or two: the full run (scripts/test.sh) has them.
pytestmark = pytest.mark.slow

BAD_SPEECH = """---
title: A bad speech
date: 2001-01-01
speaker: Someone
venue: Somewhere, Nowhere
themes: [common-security]
---

Hello <script>alert(1)</script>
"""


def sources_hashes(project: Path) -> dict[str, str]:
    return {
        path: digest
        for path, digest in tree_hashes(project).items()
        if not path.startswith("site/")
    }


def newest_source_date(project: Path) -> str:
    """The newest date in ``project``'s speeches: delivery, source.updated, source.retrieved.

    Read from the front matter here, not by the build's code, which the test checks.
    """
    dates = []
    for path in (project / "speeches").glob("*.md"):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
        meta = yaml.safe_load(front)
        source = meta.get("source") or {}
        dates.append(str(meta["date"]))
        dates += [str(source[key]) for key in ("updated", "retrieved") if source.get(key)]
    return max(dates)


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """The archive built once (hash seed 1, no SOURCE_DATE_EPOCH); tests copy it, never change it."""
    project = copy_project(tmp_path_factory.mktemp("one") / "project")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        env.setenv("PYTHONHASHSEED", "1")
        result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


def copy_of(built_project: Path, dest: Path) -> Path:
    """A copy of the built project, its site included, for a test to change."""
    shutil.copytree(built_project, dest, symlinks=True)
    return dest


def test_two_builds_in_different_folders_and_hash_seeds_are_byte_identical(
    built_project, tmp_path, monkeypatch
):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    second = copy_project(tmp_path / "two" / "deeper")
    monkeypatch.setenv("PYTHONHASHSEED", "2")
    assert run_mkdocs_build(second).returncode == 0
    one, two = tree_hashes(built_project / "site"), tree_hashes(second / "site")
    assert len(one) > 20
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []


def test_pages_are_dated_from_the_sources_not_the_clock(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(tmp_path / "project")
    # A site_url (mkdocs.yml reads SITE_URL) makes the sitemap list pages with their lastmod.
    site_url = {"SITE_URL": "https://archive.example.org/"}
    assert run_mkdocs_build(project, extra_env=site_url).returncode == 0
    sitemap = ET.parse(project / "site" / "sitemap.xml").getroot()
    lastmods = {
        element.text
        for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")
    }
    newest = newest_source_date(project)  # the seed's source.updated, after its delivery date
    assert lastmods == {newest}
    compressed = (project / "site" / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", compressed[4:8])  # the gzip header's MTIME field (RFC 1952)
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date().isoformat() == newest
    assert gzip.decompress(compressed) == (project / "site" / "sitemap.xml").read_bytes()


def test_source_date_epoch_wins_when_set(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")  # 2000-01-01T00:00:00Z
    project = copy_project(tmp_path / "project")
    assert run_mkdocs_build(project).returncode == 0
    (mtime,) = struct.unpack("<I", (project / "site" / "sitemap.xml.gz").read_bytes()[4:8])
    assert mtime == 946684800


def test_a_rejected_archive_leaves_the_previous_site_untouched(built_project, tmp_path):
    project = copy_of(built_project, tmp_path / "project")
    site_before = tree_hashes(project / "site")
    (project / "speeches" / "2001-01-01-a-bad-speech.md").write_text(BAD_SPEECH, encoding="utf-8")
    sources_before = sources_hashes(project)

    result = run_mkdocs_build(project)

    assert result.returncode != 0
    assert "speeches/2001-01-01-a-bad-speech.md:9: body: contains raw HTML" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree_hashes(project / "site") == site_before
    assert sources_hashes(project) == sources_before


def test_a_build_failing_after_writing_leaves_the_previous_site_untouched(built_project, tmp_path):
    project = copy_of(built_project, tmp_path / "project")
    site_before = tree_hashes(project / "site")
    # A broken link is only found while pages are written: --strict then aborts the build.
    (project / "docs" / "broken.md").write_text(
        "# Broken\n\nSee [this](missing.md).\n", encoding="utf-8"
    )
    sources_before = sources_hashes(project)

    result = run_mkdocs_build(project)

    assert result.returncode != 0
    assert "missing.md" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree_hashes(project / "site") == site_before  # the strict abort came after every page
    assert sources_hashes(project) == sources_before
    assert sorted(path.name for path in project.iterdir()) == sorted(
        path.name for path in built_project.iterdir()
    )  # and the build's own folder is gone


ESCAPING_HOOK = """
from mkdocs.structure.files import File


def on_files(files, config):
    files.append(File.generated(config, "../escaped.md", content="# Out"))
    return files
"""


def test_no_page_is_written_outside_the_site_folder(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "hooks" / "escaping_hook.py").write_text(ESCAPING_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "hooks:\n", "hooks:\n  - hooks/escaping_hook.py\n", 1
        ),
        encoding="utf-8",
    )

    result = run_mkdocs_build(project)

    assert result.returncode != 0
    assert "../escaped.md: would be written outside the site folder" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "escaped.html").exists()
    assert tree_hashes(project / "site") == {}
