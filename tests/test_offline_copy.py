"""The downloadable copy: site/speech-archive.zip, reproducible, and readable from disk."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from browser_support import launch_chromium, search, visit
from conftest import SEED_SLUG, soup

from speech_archive.output.site_zip import (
    FIXED_TIME,
    TOP_FOLDER,
    ZIP_NAME,
    PipelinedSiteZip,
    write_site_zip,
)


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def test_zip_holds_every_file_once_sorted_with_fixed_times(tmp_path):
    site = _tree(tmp_path / "site", {"index.html": b"home", "b/z.html": b"z", "a.css": b"css"})
    target = write_site_zip(site)
    assert target == site / ZIP_NAME
    with zipfile.ZipFile(target) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == [
            f"{TOP_FOLDER}/a.css",
            f"{TOP_FOLDER}/b/z.html",
            f"{TOP_FOLDER}/index.html",
        ]
        assert {info.date_time for info in infos} == {FIXED_TIME}
        assert archive.read(f"{TOP_FOLDER}/b/z.html") == b"z"


def test_zip_bytes_do_not_depend_on_file_times_or_an_earlier_zip(tmp_path):
    site = _tree(tmp_path / "site", {"index.html": b"home", "search/index.js": b"var x"})
    first = write_site_zip(site).read_bytes()
    os.utime(site / "index.html", (0, 0))
    second = write_site_zip(site).read_bytes()  # the first zip is in site/ now: not zipped into it
    assert first == second
    assert not list(site.glob(".*partial"))


def test_home_page_links_the_zip_and_the_zip_is_the_site(built_site: Path):
    link = soup(built_site / "index.html").select_one("article a[href='speech-archive.zip']")
    assert link is not None and "download" in link.get_text(" ").lower()
    with zipfile.ZipFile(built_site / ZIP_NAME) as archive:
        names = set(archive.namelist())
    site_files = {
        p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()
    }
    assert names == {f"{TOP_FOLDER}/{name}" for name in site_files - {ZIP_NAME}}


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


def test_unzipped_copy_opens_and_searches_from_disk(browser, built_site: Path, tmp_path):
    with zipfile.ZipFile(built_site / ZIP_NAME) as archive:
        archive.extractall(tmp_path)
    copy = tmp_path / TOP_FOLDER
    with visit(browser, copy.as_uri() + "/") as record:
        record.page.goto(record.url("index.html"))
        assert record.page.locator("article h1").first.inner_text().startswith("Speech Archive")
        assert f"speeches/{SEED_SLUG}.html" in search(record, "Davutoglu")[:3]
        assert record.problems() == []


# Both workers: a thread, and the forked process a build uses when it has cores to spare.
in_process = pytest.mark.parametrize("in_process", [False, True], ids=["thread", "process"])


def _pipelined(site: Path, pages: list[str], in_process: bool) -> PipelinedSiteZip:
    """A zip fed ``pages`` as a build would feed it, the files already written."""
    zipper = PipelinedSiteZip(site, in_process=in_process)
    for page in pages:
        zipper.add(page)
    return zipper


SITE = {"index.html": b"home" * 500, "b/z.html": b"z", "a.css": b"css", "search/index.js": b"var x"}


@in_process
def test_pipelined_zip_holds_the_pages_as_built_then_the_rest_sorted(tmp_path, in_process):
    site = _tree(tmp_path / "site", SITE)
    target = _pipelined(site, ["index.html", "b/z.html"], in_process).finish()
    assert target == site / ZIP_NAME and not list(site.glob(".*partial"))
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == [
            f"{TOP_FOLDER}/{name}"
            for name in ("index.html", "b/z.html", "a.css", "search/index.js")
        ]
        assert all(archive.read(f"{TOP_FOLDER}/{name}") == data for name, data in SITE.items())
    # The same site fed the same way gives the same bytes.
    again = _tree(tmp_path / "again", SITE)
    assert (
        _pipelined(again, ["index.html", "b/z.html"], in_process).finish().read_bytes()
        == target.read_bytes()
    )


def _zipped(target: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(target) as archive:
        return {
            name.removeprefix(f"{TOP_FOLDER}/"): archive.read(name) for name in archive.namelist()
        }


@in_process
def test_pipelined_zip_holds_a_page_as_it_ends_even_if_rewritten_after_it_was_taken(
    tmp_path, in_process
):
    site = _tree(tmp_path / "site", SITE)
    zipper = _pipelined(site, ["index.html", "b/z.html"], in_process)
    (site / "b" / "z.html").write_bytes(b"rewritten by a later step")
    assert _zipped(zipper.finish()) == {**SITE, "b/z.html": b"rewritten by a later step"}


@in_process
def test_pipelined_zip_starts_over_from_disk_if_it_could_not_read_a_page(tmp_path, in_process):
    site = _tree(tmp_path / "site", SITE)
    zipper = _pipelined(site, ["index.html"], in_process)
    zipper.add("gone.html")  # the thread cannot read it: the zip is made from disk instead
    target = zipper.finish()
    assert target.read_bytes() == write_site_zip(_tree(tmp_path / "copy", SITE)).read_bytes()


@in_process
def test_pipelined_zip_of_a_failed_build_leaves_nothing(tmp_path, in_process):
    site = _tree(tmp_path / "site", SITE)
    _pipelined(site, ["index.html"], in_process).abort()
    assert sorted(p.name for p in site.iterdir()) == ["a.css", "b", "index.html", "search"]


def test_zip_process_of_a_build_that_dies_ends_and_leaves_no_zip(tmp_path):
    site = _tree(tmp_path / "site", SITE)
    zipper = _pipelined(site, ["index.html"], in_process=True)
    zipper._sender.close()  # what the end of the build's process does to the pipe
    zipper._worker.join(timeout=30)
    assert zipper._worker.exitcode == 1
    assert not (site / ZIP_NAME).exists()
