"""The downloadable copy: site/speech-archive.zip, reproducible, and readable from disk."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from browser_support import search, visit
from bs4 import BeautifulSoup
from conftest import SEED_SLUG, soup

from speech_archive.output.site_zip import (
    FIXED_TIME,
    TOP_FOLDER,
    ZIP_NAME,
    without_zip_links,
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


def test_zip_leaves_out_the_publishers_hidden_files(tmp_path):
    # A gh-pages checkout's .git (its config may hold a token) lives in the site folder.
    site = _tree(
        tmp_path / "site",
        {"index.html": b"home", ".git/config": b"token", ".nojekyll": b"", "a/.env": b"x"},
    )
    with zipfile.ZipFile(write_site_zip(site)) as archive:
        assert archive.namelist() == [f"{TOP_FOLDER}/index.html"]


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


def soup_of(html: bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_pages_in_the_zip_keep_the_words_of_a_link_to_the_zip_but_not_the_link(built_site):
    with zipfile.ZipFile(built_site / ZIP_NAME) as archive:
        home = archive.read(f"{TOP_FOLDER}/index.html")
    page = soup_of(home)
    assert page.select("a[href$='speech-archive.zip']") == []
    published = soup(built_site / "index.html").select_one("a[href='speech-archive.zip']")
    assert published is not None
    assert published.get_text(" ", strip=True) in page.get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (  # from a page two folders down, with markup in the link's words
            b'<p><a class="x" href="../../speech-archive.zip"><b>Download</b> it</a>.</p>',
            b"<p><b>Download</b> it.</p>",
        ),
        (b"<a href='./speech-archive.zip' download>zip</a>", b"zip"),
        # Not the zip: another file, or a longer name, stays a link.
        (
            b'<a href="speech-archive.zip.sha256">sum</a>',
            b'<a href="speech-archive.zip.sha256">sum</a>',
        ),
        (b'<a href="x/speech-archive.zip">x</a>', b'<a href="x/speech-archive.zip">x</a>'),
        # A link left open does not swallow the next link or the rest of the page.
        (
            b'<a href="speech-archive.zip">one <a href="speech-archive.zip">two</a> rest',
            b'<a href="speech-archive.zip">one two rest',
        ),
    ],
)
def test_a_link_to_the_zip_becomes_its_words(page, expected):
    assert without_zip_links(page) == expected


def test_unzipped_copy_opens_and_searches_from_disk(browser, built_site: Path, tmp_path):
    with zipfile.ZipFile(built_site / ZIP_NAME) as archive:
        archive.extractall(tmp_path)
    copy = tmp_path / TOP_FOLDER
    with visit(browser, copy.as_uri() + "/") as record:
        record.page.goto(record.url("index.html"))
        assert record.page.locator("article h1").first.inner_text().startswith("Speech Archive")
        assert f"speeches/{SEED_SLUG}.html" in search(record, "Davutoglu")[:3]
        assert record.problems() == []
