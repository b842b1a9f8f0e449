"""The `mkdocs serve` cache: reuse what did not change, recompute what did, never serve stale results."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import PLAIN_FRONT_MATTER, ROOT, make_small_archive

from speech_archive.build import annotate_archive, render_site
from speech_archive.cache import ContentCache, content_hash
from speech_archive.load.archive import load_archive

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_archive

SPEECHES = 3


def build(project: Path, cache: ContentCache):
    """What the plugin does with the cache: load, then annotate, as one build."""
    with cache.build():
        archive = load_archive(project, cache)
        return archive, annotate_archive(archive, cache)


@pytest.fixture()
def project(tmp_path) -> Path:
    return write_archive(tmp_path / "project", SPEECHES, seed=11)


def test_unchanged_archive_is_all_hits(project):
    cache = ContentCache()
    first_archive, first = build(project, cache)
    assert (cache.hits, cache.misses) == (
        0,
        1 + 2 * SPEECHES,
    )  # vocabularies, then parse + annotate each
    second_archive, second = build(project, cache)
    assert (cache.hits, cache.misses) == (1 + 2 * SPEECHES, 0)
    assert [a.markdown for a in second] == [a.markdown for a in first]
    assert second_archive.speeches == first_archive.speeches


def test_edited_speech_is_parsed_and_annotated_again(project):
    cache = ContentCache()
    build(project, cache)
    edited = min((project / "speeches").glob("*.md"))
    # The first blank line is the one after the front matter: a new first paragraph.
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("\n\n", "\n\nA new opening sentence.\n\n", 1),
        encoding="utf-8",
    )
    _, annotated = build(project, cache)
    assert cache.misses == 2 and cache.hits == 2 * SPEECHES - 1
    changed = next(a for a in annotated if a.speech.path.endswith(edited.name))
    assert "A new opening sentence." in changed.markdown
    assert len(cache) == 1 + 2 * SPEECHES  # the old version's entries are gone


def test_vocabulary_change_recomputes_every_speech(project):
    cache = ContentCache()
    build(project, cache)
    themes = project / "speeches" / "themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8") + "# a comment changes the bytes\n", encoding="utf-8"
    )
    build(project, cache)
    assert (cache.hits, cache.misses) == (0, 1 + 2 * SPEECHES)


def test_removed_speech_leaves_the_cache(project):
    cache = ContentCache()
    build(project, cache)
    max((project / "speeches").glob("*.md")).unlink()
    archive, _ = build(project, cache)
    assert len(archive.speeches) == SPEECHES - 1
    assert len(cache) == 1 + 2 * (SPEECHES - 1)


def test_a_failed_build_keeps_the_entries(project):
    cache = ContentCache()
    build(project, cache)
    with pytest.raises(RuntimeError), cache.build():
        raise RuntimeError("a pass crashed")
    assert len(cache) == 1 + 2 * SPEECHES  # nothing was used, but nothing is dropped on failure


@pytest.mark.parametrize(
    "parts, other", [(("ab", "c"), ("a", "bc")), (("x",), ("x", "")), ((b"a",), ("b",))]
)
def test_content_hash_tells_different_parts_apart(parts, other):
    assert content_hash(*parts) != content_hash(*other)
    assert content_hash(*parts) == content_hash(*parts)


def test_speech_pages_are_reused_until_their_neighbours_change(project):
    cache = ContentCache()

    def pages() -> dict[str, str]:
        with cache.build():
            archive = load_archive(project, cache)
            files = render_site(archive, annotate_archive(archive, cache), cache=cache)
        return {
            path: text
            for path, text in files.items()
            if path.startswith(("speeches/1", "speeches/2"))
        }

    first = pages()
    assert pages() == first and cache.misses == 0
    # A new title for the oldest speech changes its page and the 'Previous' link of the next.
    oldest = min((project / "speeches").glob("*.md"))
    text = oldest.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    oldest.write_text(text.replace(title, "title: A Renamed Speech", 1), encoding="utf-8")
    second = pages()
    changed = {path for path in first if first[path] != second[path]}
    assert len(changed) >= 2
    assert all("A Renamed Speech" in second[path] for path in changed)
    assert (
        cache.misses == 3 + len(changed) - 1
    )  # the renamed speech: parse, annotation, page; others: page


def test_a_speech_page_changes_when_another_speech_stops_quoting_its_saying(tmp_path):
    """A saying note names the other speeches quoting the saying: not the page's own source,
    so the page's cache key must hold that line, or `serve` shows a stale note."""
    project = make_small_archive(tmp_path / "p")
    saying = 'As the saying goes, "The slow river reaches the far sea."'
    first, second = (project / "speeches" / f"{day}-x.md" for day in ("2001-01-01", "2002-02-02"))
    first.write_text(PLAIN_FRONT_MATTER + saying + "\n", encoding="utf-8")
    second_front = PLAIN_FRONT_MATTER.replace("2001-01-01", "2002-02-02")
    second.write_text(second_front + saying + "\n", encoding="utf-8")
    cache = ContentCache()

    def first_page() -> str:
        with cache.build():
            archive = load_archive(project, cache)
            return render_site(archive, annotate_archive(archive, cache), cache=cache)[
                "speeches/2001-01-01-x.md"
            ]

    assert "*Also quoted in:* [A Speech](2002-02-02-x.md#p1) (2002)" in first_page()
    second.write_text(second_front + "The river is slow.\n", encoding="utf-8")
    assert "saying-note" not in first_page()  # nothing else to add: no note at all
