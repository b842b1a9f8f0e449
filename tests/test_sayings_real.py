"""Saying detection on real speeches nobody on the project wrote (tests/data/sayings_real/).

The labelled corpus is scored by scripts/score_sayings.py, the same code that prints the
figures. Only the held-out part's totals are asserted: it is never read while tuning.
Every labelled speech is also built as an archive, and its page must hold its words.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import (
    ROOT,
    annotation_free_words,
    copy_project,
    run_mkdocs_build,
    soup,
    speech_text_words,
)

from speech_archive.load.archive import split_front_matter
from speech_archive.load.untrusted import PAGE_WRAPPER, SITE_EXTENSIONS

sys.path.insert(0, str(ROOT / "scripts"))
import score_sayings

CORPUS = ROOT / "tests" / "data" / "sayings_real"
PARTS = ("dev", "heldout", "heldout-2")
# The held-out figures as measured at the end of the change that tuned the detector, as
# floors, so a later change cannot lower them unnoticed: heldout/ 0.907 / 0.463, heldout-2/
# 0.905 / 0.691 (bench/README.md tells how often each was scored). The goal is precision 0.90
# and recall 0.85; bench/README.md says what holds recall down.
HELD_OUT_FLOORS = {"heldout": (0.90, 0.46), "heldout-2": (0.90, 0.69)}


def _labels(part: str) -> list[dict]:
    items: list[dict] = []
    for path in sorted((CORPUS / part).glob("labels*.yml")):
        items += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return items


def _speeches(part: str) -> list[Path]:
    return sorted((CORPUS / part).glob("*.md"))


def test_the_corpus_is_big_varied_and_held_out_by_a_third():
    speeches = [path for part in PARTS for path in _speeches(part)]
    sayings = [s for part in PARTS for item in _labels(part) for s in item.get("sayings") or []]
    near_misses = [
        s for part in PARTS for item in _labels(part) for s in item.get("near_misses") or []
    ]
    assert len(speeches) >= 60
    assert len(sayings) >= 150
    assert sum(1 for s in sayings if not s["quoted"]) >= 30
    assert sum(1 for s in sayings if not s["cued"]) >= 20
    assert len(near_misses) >= 50
    held_out = [path for part in PARTS if part != "dev" for path in _speeches(part)]
    assert len(held_out) * 3 >= len(speeches)
    centuries = {int(path.name[:4]) // 100 for path in speeches}
    assert len(centuries) >= 3
    speakers = {
        yaml.safe_load(split_front_matter(p.read_text(encoding="utf-8"))[0])["speaker"]
        for p in speeches
    }
    assert len(speakers) >= 20


@pytest.mark.parametrize("part", PARTS)
def test_every_label_is_verbatim_in_a_labelled_speech_with_source_and_rights(part):
    bodies = {}
    for path in _speeches(part):
        front, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(front)
        assert data.get("source", {}).get("title") and data.get("rights"), path.name
        bodies[path.stem] = body
    labelled = set()
    for item in _labels(part):
        assert item["speech"] in bodies
        labelled.add(item["speech"])
        for entry in (item.get("sayings") or []) + (item.get("near_misses") or []):
            assert entry["text"] in bodies[item["speech"]], (item["speech"], entry["text"][:60])
    assert labelled == set(bodies)


@pytest.mark.slow  # scores every held-out speech; CI keeps the floors
@pytest.mark.parametrize("part", sorted(HELD_OUT_FLOORS))
def test_held_out_precision_and_recall(part):
    # Only the two figures reach the report: a held-out part's misses are never shown.
    score = score_sayings.score_part(part)
    precision, recall = round(score.precision, 3), round(score.recall, 3)
    del score
    print(f"\n{part}: precision {precision}, recall {recall}")
    least_precision, least_recall = HELD_OUT_FLOORS[part]
    assert precision >= least_precision
    assert recall >= least_recall


def _rendered_words(body: str) -> list[str]:
    page = f"{PAGE_WRAPPER[0]}\n\n{body}\n\n{PAGE_WRAPPER[1]}\n"
    return annotation_free_words(
        BeautifulSoup(markdown.markdown(page, extensions=list(SITE_EXTENSIONS)), "html.parser")
    )


@pytest.mark.slow  # a build of all 75 labelled speeches
def test_labelled_speeches_reach_their_pages_word_for_word(tmp_path):
    project = copy_project(tmp_path / "project", speeches=False)
    shutil.copy(CORPUS / "themes.yml", project / "speeches" / "themes.yml")
    for part in PARTS:
        for path in _speeches(part):
            shutil.copy(path, project / "speeches" / path.name)
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    for part in PARTS:
        for path in _speeches(part):
            body = split_front_matter(path.read_text(encoding="utf-8"))[1]
            page = soup(project / "site" / "speeches" / f"{path.stem}.html")
            assert speech_text_words(page) == _rendered_words(body), path.name
