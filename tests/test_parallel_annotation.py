"""Loading and annotating in several processes give what one process gives, in the same order."""

from __future__ import annotations

import multiprocessing
import os
import sys

import pytest
from conftest import ROOT

from speech_archive import build as pipeline
from speech_archive.cache import ContentCache
from speech_archive.load import archive as loader
from speech_archive.load.archive import load_archive
from speech_archive.parallel import MAX_WORKERS, WORKERS_ENV, can_fork, worker_count
from speech_archive.timings import StepTimer

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_archive

pytestmark = pytest.mark.skipif(
    not can_fork(), reason="processes are only forked where the platform forks"
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return load_archive(write_archive(tmp_path_factory.mktemp("parallel") / "project", 12, seed=3))


def test_processes_annotate_like_one_process(archive, monkeypatch):
    monkeypatch.setattr(pipeline, "MIN_ITEMS", 1)
    alone = pipeline.annotate_archive(archive)
    timer = StepTimer()
    together = pipeline.annotate_archive(archive, timer=timer, workers=3)
    assert [(a.speech, a.markdown, a.findings) for a in together] == [
        (a.speech, a.markdown, a.findings) for a in alone
    ]
    assert "annotate (in processes)" in timer.seconds
    for annotation_pass in pipeline.ANNOTATION_PASSES:  # each worker's time per pass is kept
        assert timer.calls[f"annotate.{annotation_pass.__name__}"] == len(archive.speeches)


def test_processes_fill_the_serve_cache_as_one_process_does(archive, monkeypatch):
    monkeypatch.setattr(pipeline, "MIN_ITEMS", 1)
    cache = ContentCache()
    with cache.build():
        pipeline.annotate_archive(archive, cache, workers=2)
    assert (cache.hits, cache.misses) == (0, len(archive.speeches))
    with cache.build():
        pipeline.annotate_archive(archive, cache, workers=2)
    assert (cache.hits, cache.misses) == (len(archive.speeches), 0)


def test_processes_load_like_one_process(tmp_path, monkeypatch):
    project = write_archive(tmp_path / "project", 12, seed=4)
    broken = sorted((project / "speeches").glob("*.md"))[3]
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("venue:", "venu:", 1), encoding="utf-8"
    )
    monkeypatch.setattr(loader, "MIN_ITEMS", 1)
    alone = loader.collect_problems(project)
    assert alone[1] and alone[1][0].path.endswith(broken.name)  # the broken speech is reported...
    assert loader.collect_problems(project, workers=3) == alone  # ...and the same by processes


def test_small_archives_stay_in_one_process(archive):
    timer = StepTimer()
    pipeline.annotate_archive(archive, timer=timer, workers=4)  # 12 speeches, below MIN_ITEMS
    assert "annotate (in processes)" not in timer.seconds


@pytest.mark.parametrize(
    "value, expected", [("1", 1), ("3", 3), ("0", None), ("many", None), ("", None)]
)
def test_worker_count_follows_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv(WORKERS_ENV, value)
    cores = max(1, min(os.cpu_count() or 1, MAX_WORKERS))  # what an unusable value falls back to
    assert worker_count() == (expected or cores)


def test_the_annotation_processes_are_gone_when_annotation_returns(archive, monkeypatch):
    monkeypatch.setattr(pipeline, "MIN_ITEMS", 1)
    pipeline.annotate_archive(archive, workers=2)
    assert multiprocessing.active_children() == []  # a build leaves no process behind
