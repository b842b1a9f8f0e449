"""speech-archive init: a new archive, outside this repository, that builds with the plugin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, read_mkdocs_yml, soup

STARTER = ROOT / "src" / "speech_archive" / "starter"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return _run(cwd, sys.executable, "-m", "speech_archive", *args)


def test_init_then_new_then_build_makes_a_site_with_the_speech(tmp_path):
    made = _cli(tmp_path, "init", "my-archive", "--title", "Speeches of the Sea: 1900–1950")
    assert made.returncode == 0, made.stderr
    archive = tmp_path / "my-archive"
    config = read_mkdocs_yml(archive / "mkdocs.yml")
    assert config["site_name"] == "Speeches of the Sea: 1900–1950"
    assert "hooks" not in config and "speech-archive" in str(config["plugins"])
    added = _cli(
        archive,
        "new",
        "--title", "On the Tides",
        "--date", "1921-06-01",
        "--venue", "Lisbon, Portugal",
        "--speaker", "A. Speaker",
        "--theme", "peace",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    speech = archive / "speeches" / "1921-06-01-on-the-tides.md"
    text = speech.read_text(encoding="utf-8")
    # The placeholder body is refused by the build, as it should be: write a real one.
    head, _, _ = text.partition("\n---\n")
    speech.write_text(f"{head}\n---\n\nThe sea is wide. Peace is wider.\n", encoding="utf-8")
    built = _run(archive, sys.executable, "-m", "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert "speech-archive: 1 speech, 0 sayings, 0 glossary notes" in built.stderr
    page = soup(archive / "site" / "speeches" / "1921-06-01-on-the-tides.html")
    assert "The sea is wide. Peace is wider." in page.get_text(" ")
    home = soup(archive / "site" / "index.html")
    assert home.find("h1").get_text(strip=True).startswith("Speeches of the Sea")
    assert home.find("a", href="speeches/1921-06-01-on-the-tides.html") is not None
    assert (archive / "site" / "speech-archive.zip").is_file()
    # The plugin's stylesheet and offline search shim, which the pages link.
    assert home.find("link", href="assets/stylesheets/archive.css") is not None
    assert (archive / "site" / "assets" / "stylesheets" / "archive.css").is_file()
    assert (archive / "site" / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()
    # The plugin's template override (templates/main.html) reaches an archive made by init.
    assert page.select_one('head link[rel~="alternate"][href="../feed.xml"]') is not None
    assert page.select_one('head meta[name="citation_date"]')["content"] == "1921/06/01"
    assert page.select_one(".md-tabs__item--active").get_text(strip=True) == "Speeches"


def test_init_refuses_a_folder_that_holds_files(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    refused = _cli(tmp_path, "init", "taken")
    assert refused.returncode != 0
    assert "taken is not an empty folder" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_starter_files_are_this_archives_own():
    # The starter ships copies: the same schema and Markdown setup (the stylesheet and the
    # offline shim come from the plugin, for both).
    schema = "speeches/speech.schema.json"
    assert (STARTER / schema).read_bytes() == (ROOT / schema).read_bytes()
    ours, starter = (read_mkdocs_yml(folder / "mkdocs.yml") for folder in (ROOT, STARTER))
    for key in ("markdown_extensions", "theme", "extra", "extra_css", "use_directory_urls"):
        assert starter[key] == ours[key], key
