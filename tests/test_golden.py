"""Golden pages: representative speeches, from source to the page Markdown MkDocs is given.

Each speech is loaded alone into an archive with the project's vocabularies and reference
works, annotated and rendered by the build's own three steps (src/speech_archive/build.py:
load_archive, annotate_archive, render_site), and its page must equal the checked-in
tests/golden/<slug>.md. Any change to what a speech page says -- the metadata block,
paragraph numbers, saying highlights and notes, citations, glossary footnotes and
tooltips, the note and the rights -- is then a visible diff of that file.

- the seed speech (speeches/): six sayings, four of them Chinese, fifteen glossary terms
  and four abbreviations, a note and a rights notice;
- 2016-06-24-roads-between-neighbours (tests/golden/sources/, written for these tests): a
  saying quoted in Chinese after 古人云, one in English, glossary terms, an abbreviation used
  alone, and the speech's own footnote;
- 1865-07-16-zealots (tests/data/sayings_real/dev/, with the corpus's themes): three Bible
  passages found in the reference texts and cited, one of them cued ("says Paul") and split
  by the cue.

When a change is meant to alter pages, rewrite the files and read the diff, line by line,
before committing it:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG

from speech_archive.build import annotate_archive, render_site
from speech_archive.load.archive import load_archive

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
CORPUS = ROOT / "tests" / "data" / "sayings_real"
# slug -> (the folder holding <slug>.md, a themes.yml replacing the project's or None)
SPEECHES: dict[str, tuple[Path, Path | None]] = {
    SEED_SLUG: (ROOT / "speeches", None),
    "2016-06-24-roads-between-neighbours": (GOLDEN_DIR / "sources", None),
    "1865-07-16-zealots": (CORPUS / "dev", CORPUS / "themes.yml"),
}


def page_markdown(source: Path, themes: Path | None, root: Path) -> str:
    """The Markdown of ``source``'s page, built alone in an archive at ``root``."""
    speeches = root / "speeches"
    shutil.copytree(ROOT / "speeches", speeches, ignore=shutil.ignore_patterns("*.md"))
    if themes is not None:
        shutil.copyfile(themes, speeches / "themes.yml")
    shutil.copyfile(source, speeches / source.name)
    archive = load_archive(root)
    return render_site(archive, annotate_archive(archive))[f"speeches/{source.stem}.md"]


@pytest.mark.parametrize("slug", SPEECHES)
def test_speech_page_is_its_golden_file(slug, tmp_path):
    folder, themes = SPEECHES[slug]
    page = page_markdown(folder / f"{slug}.md", themes, tmp_path)
    golden = GOLDEN_DIR / f"{slug}.md"
    shown = golden.relative_to(ROOT).as_posix()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(page, encoding="utf-8")
        pytest.skip(f"wrote {shown}: read `git diff {shown}` before committing it")
    assert golden.is_file(), f"{shown} is missing: UPDATE_GOLDEN=1 writes it"
    expected = golden.read_text(encoding="utf-8")
    if page != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            page.splitlines(keepends=True),
            fromfile=f"{shown} (golden)",
            tofile=f"{shown} (built now)",
        )
        pytest.fail(
            f"the page differs from {shown}; if the change is meant, rewrite it with "
            "UPDATE_GOLDEN=1 and read the diff before committing:\n" + "".join(diff),
            pytrace=False,
        )


def test_every_golden_file_belongs_to_a_speech():
    """A golden file left behind by a renamed or removed case would be checked by nothing."""
    assert {path.stem for path in GOLDEN_DIR.glob("*.md")} == set(SPEECHES)
