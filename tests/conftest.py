"""Shared test helpers: real `mkdocs build`s of a copy of the project in a temporary folder."""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from speech_archive.markup import (
    PARAGRAPH_NUMBER_CLASS,
    SAYING_CLASS,
    SAYING_NOTE_CLASS,
    SPEECH_BODY_CLASS,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_SLUG = "2014-05-21-new-approach-for-asian-security-cooperation"
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "speeches")

# Classes of what the annotation passes add around a speech's words; removing
# these elements from a built page must give back the source text.
ADDED_SELECTORS = (
    f".{PARAGRAPH_NUMBER_CLASS}",  # paragraph numbers
    f".{SAYING_NOTE_CLASS}",  # saying notes after a paragraph
    "sup[id^='fnref']",  # footnote references (glossary, note, the speech's own)
    "div.footnote",  # footnote definitions
)
# Annotations that wrap a speech's words and keep them: unwrapped, not removed.
KEPT_SELECTORS = (
    "abbr",  # abbreviation tooltips
    f".{SAYING_CLASS}",  # highlighted sayings
)


def copy_project(dest: Path, speeches: bool = True) -> Path:
    """Copy what a build needs into ``dest``; return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    if not speeches:
        for path in (dest / "speeches").glob("*.md"):
            path.unlink()
    return dest


# The front matter of a plain speech of the small archive, for cases that vary only the body.
PLAIN_FRONT_MATTER = """\
---
title: A Speech
date: 2001-01-01
speaker: A Speaker
venue: A City, A Country
themes:
  - common-security
---

"""


def make_small_archive(dest: Path) -> Path:
    """A small valid archive in ``dest``: the real vocabularies, no speeches, and the real
    reference works cut to their first hundred passages (reading them all would be most of
    the time of every build of a bad or hostile input)."""
    project = copy_project(dest, speeches=False)
    for tsv in (project / "speeches" / "references").glob("*.tsv"):
        with open(tsv, encoding="utf-8") as text:
            head = list(itertools.islice(text, 100))
        tsv.write_text("".join(head), encoding="utf-8")
    return project


def run_mkdocs_build(
    project: Path,
    site: Path | None = None,
    strict: bool = True,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """A real `mkdocs build` in a subprocess, as a contributor runs it.

    ``extra_env`` sets variables mkdocs.yml reads (SITE_URL); without it SITE_URL is unset.
    """
    site = site or project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)  # a developer's or CI's own setting must not change test builds
    env.update(extra_env or {})
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=env, timeout=600
    )


def read_mkdocs_yml(path: Path) -> dict:
    """A mkdocs.yml as MkDocs reads it (its tags: ``site_url: !ENV SITE_URL``)."""
    from mkdocs.utils.yaml import yaml_load

    return yaml_load(path.read_text(encoding="utf-8"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> list[str]:
    """Words for word-by-word comparison: whitespace-separated, typographic quotes kept."""
    return text.split()


def annotation_free_words(element) -> list[str]:
    """The words of ``element`` once what the passes add is removed and what they wrap unwrapped.

    An ordered list's items count as the numbers a reader sees (``<ol start="2">``: 2., 3.,
    ...), as the source writes them: a list renumbered on the page is a changed text.
    """
    for ordered in element.select("ol"):
        start = int(ordered.get("start", "1"))
        for offset, item in enumerate(ordered.find_all("li", recursive=False)):
            item.insert(0, f"{start + offset}. ")
    for selector in ADDED_SELECTORS:
        for added in element.select(selector):
            added.decompose()
    for selector in KEPT_SELECTORS:
        for wrapper in element.select(selector):
            wrapper.unwrap()
    element.smooth()  # rejoin the text split by the unwrapped tags, so no word is cut in two
    return words(element.get_text(" "))


def speech_text_words(page: BeautifulSoup) -> list[str]:
    """The words of the speech body on a built page, with every annotation removed."""
    article = page.select_one("article")
    body = article.select_one(f".{SPEECH_BODY_CLASS}")
    assert body is not None, "speech pages wrap the body in .speech-body"
    return annotation_free_words(body)


def source_body_words(markdown_body: str) -> list[str]:
    """The words of a speech body as written, an ordered list's numbers ("2.") included
    (the seed has no Markdown markup in its text)."""
    return words(markdown_body)


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path ({} if there is no folder)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def source_checksums(project: Path) -> dict[str, str]:
    """sha256 of every file of ``project``'s speeches/ and docs/, by path."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("speeches", "docs")
        for path in sorted((project / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@dataclass(frozen=True)
class SeedBuild:
    """The real archive's strict build: its project, the command's result, the sources before."""

    project: Path
    result: subprocess.CompletedProcess
    sources_before: dict[str, str]


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> SeedBuild:
    """The real archive, built once (strictly) for the whole session; tests only read it."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    before = source_checksums(project)
    result = run_mkdocs_build(project, strict=True)
    assert result.returncode == 0, result.stderr
    return SeedBuild(project, result, before)


@pytest.fixture(scope="session")
def built_site(seed_build: SeedBuild) -> Path:
    """The site of the real archive's build, shared by the session; tests only read it."""
    return seed_build.project / "site"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test driving Chromium (through the browser fixture) is a browser test.

    The quick run (`pytest`, pyproject.toml's addopts) leaves browser tests out; scripts/test.sh
    runs them. A new browser test needs no marker of its own.
    """
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


# A reference work as speeches/references/references.yml declares it (its passages in psalms.tsv).
REFERENCE_DECLARATION = """\
- id: psalms
  title: Some psalms
  origin: Bible
  file: psalms.tsv
  licence: Public domain
  source: https://example.org/psalms
  cite: book chapter:verse
"""


# Browser tests: one Chromium per test module, and the site they read from disk and over HTTP.
@pytest.fixture(scope="module")
def browser():
    from browser_support import launch_chromium  # Playwright only where a test needs it

    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module", params=["file", "http"])
def site_base(request, built_site: Path):
    """The built site's root URL: from disk, or from a local HTTP server."""
    if request.param == "file":
        yield built_site.as_uri() + "/"
    else:
        from browser_support import serve

        with serve(built_site) as base:
            yield base
