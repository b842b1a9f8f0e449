"""The benchmark scripts keep working (tiny sizes, nothing timed) and the generator is deterministic."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_mkdocs_build, soup

from speech_archive.build import ANNOTATION_PASSES

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_archive, write_generated_site, write_plain_site

BENCH = ROOT / "bench"
# Benchmark smoke tests: the full run (scripts/test.sh) has them, the quick run does not.
pytestmark = pytest.mark.bench


def speech_texts(project: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8") for p in sorted((project / "speeches").glob("*.md"))
    }


def test_same_seed_writes_the_same_archive(tmp_path):
    first = speech_texts(write_archive(tmp_path / "one", 8, seed=7))
    second = speech_texts(write_archive(tmp_path / "two", 8, seed=7))
    assert first == second
    assert (tmp_path / "one" / "speeches" / "themes.yml").read_bytes() == (
        tmp_path / "two" / "speeches" / "themes.yml"
    ).read_bytes()


def test_another_seed_writes_other_speeches(tmp_path):
    assert speech_texts(write_archive(tmp_path / "one", 3, seed=1)) != speech_texts(
        write_archive(tmp_path / "two", 3, seed=2)
    )


def test_synthetic_speeches_look_like_real_ones(tmp_path):
    project = write_archive(tmp_path / "a", 12, seed=3)
    themes = yaml.safe_load((project / "speeches" / "themes.yml").read_text(encoding="utf-8"))
    assert len(themes) == 40
    texts = speech_texts(project)
    assert len(texts) == 12
    cued = 0
    for name, text in texts.items():
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        assert name.startswith(meta["date"] + "-")
        assert 1 <= len(meta["themes"]) <= 4 and set(meta["themes"]) <= set(themes)
        assert re.fullmatch(r"[^,]+, [^,]+", meta["venue"])
        assert 2200 <= len(body.split()) <= 3000
        cued += len(
            re.findall(r"saying goes|proverb (?:aptly puts it|says)|old adage|poem says", body)
        )
    assert cued >= 6  # ~0.15 cued or catalogued sayings per paragraph, ~25 paragraphs a speech


def test_plain_sites_keep_the_texts_and_drop_the_hooks(tmp_path):
    archive = write_archive(tmp_path / "a", 2, seed=5)
    floor = write_plain_site(archive, tmp_path / "b", in_nav=False)
    stock = write_plain_site(archive, tmp_path / "c", in_nav=True)
    for site, has_nav in ((floor, True), (stock, False)):
        config = (site / "mkdocs.yml").read_text(encoding="utf-8")
        assert "hooks:" not in config and "watch:" not in config
        assert ("\nnav:" in config) is has_nav
        assert "plugins:" in config and "markdown_extensions:" in config
        for name, text in speech_texts(archive).items():
            page = (site / "docs" / "speeches" / name).read_text(encoding="utf-8")
            assert page.split("---\n", 2)[2] == text.split("---\n", 2)[2]  # the body, unchanged


def test_generated_site_builds_the_pages_the_hooks_build(tmp_path):
    """D, the hooks' pages as static files, must be the same site A builds, minus the hooks."""
    archive = write_archive(tmp_path / "a", 3, seed=5)
    generated = write_generated_site(archive, tmp_path / "d")
    assert "hooks:" not in (generated / "mkdocs.yml").read_text(encoding="utf-8")
    for project in (archive, generated):
        result = run_mkdocs_build(project)
        assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(archive / "site") for p in (archive / "site").rglob("*.html"))
    assert len(pages) > 3 + 10  # the speeches, and the index pages
    for page in pages:
        built, static = soup(archive / "site" / page), soup(generated / "site" / page)
        assert built.select_one("article") == static.select_one("article"), page
    for data in ("speeches.json", "feed.xml"):
        assert (archive / "site" / data).read_bytes() == (generated / "site" / data).read_bytes()


def test_benchmark_runs_at_five_speeches(tmp_path):
    out = tmp_path / "results.json"
    command = [
        sys.executable,
        str(BENCH / "run.py"),
        "--sizes",
        "5",
        "--repeats",
        "1",
        "--json",
        str(out),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Build time" in result.stdout and "Time inside our hooks" in result.stdout
    size = json.loads(out.read_text())["sizes"]["5"]
    for kind in ("A", "B", "C", "D"):
        assert size[kind]["median_seconds"] > 0 and size[kind]["peak_rss_mb"] > 10
        assert (
            size[kind]["search_index_mb"] > 0
            and size[kind]["site_mb"] > size[kind]["search_index_mb"]
        )
    assert size["A/B"] == pytest.approx(
        size["A"]["median_seconds"] / size["B"]["median_seconds"], abs=0.01
    )
    hooks = size["hooks"]
    for annotation_pass in ANNOTATION_PASSES:  # every pass is timed by name
        assert annotation_pass.__name__ in hooks
    assert 0 < hooks["load + validate"] < hooks["total"]


def test_serve_rebuild_reuses_all_but_the_edited_speech(tmp_path):
    out = tmp_path / "serve.json"
    command = [
        sys.executable,
        str(BENCH / "serve_rebuild.py"),
        "--n",
        "4",
        "--json",
        str(out),
        "--keep",
        str(tmp_path),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text())
    cold, rebuild = report["cold"]["cache"], report["rebuild"]["cache"]
    assert cold["hits"] == 0 and cold["misses"] == cold["entries"]
    assert (
        rebuild["misses"] == 3
    )  # the edited speech: parsed, annotated and its page rendered again
    assert rebuild["hits"] == cold["entries"] - 3 and rebuild["entries"] == cold["entries"]
    # Not stale: the rebuilt page has the edit.
    page = soup(tmp_path / "site" / "speeches" / report["edited"].replace(".md", ".html"))
    assert "We will meet again next year" in page.select_one("article").get_text(" ")


def test_feature_cost_variants_each_lack_their_part_and_only_it(tmp_path):
    from feature_costs import write_variants

    archive = write_archive(tmp_path / "a", 3, seed=5)
    variants = write_variants(archive, tmp_path / "v")
    marks = {
        "-number_paragraphs": ".para-number",
        "-mark_sayings": "saying-note",
        "-add_glossary_notes": "[^glossary-",
        "-footer": "## Related speeches",
        "-metadata": '<div class="speech-meta"',
    }

    def pages(name: str) -> str:
        return "".join(
            p.read_text(encoding="utf-8")
            for p in (variants[name] / "docs" / "speeches").glob("*-*.md")
        )

    for name, mark in marks.items():
        assert mark in pages("all"), mark
        assert mark not in pages(name), name
        assert all(other in pages(name) for other in marks.values() if other != mark), name
    assert "- search:" in (variants["all"] / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- search:" not in (variants["-search plugin"] / "mkdocs.yml").read_text(
        encoding="utf-8"
    )


def test_feature_costs_script_runs_at_three_speeches():
    command = [sys.executable, str(BENCH / "feature_costs.py"), "--n", "3", "--repeats", "1"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in ("all", "-mark_sayings", "-footer", "-search plugin", "plain"):
        assert re.search(rf"^\s*{re.escape(name)} \|", result.stdout, re.MULTILINE), name


def test_sayings_cost_script_runs_at_three_speeches():
    # The two kinds differ only in the reference works: with them, the sayings pass does more.
    command = [sys.executable, str(BENCH / "sayings_cost.py"), "--sizes", "3", "--repeats", "1"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    row = dict(item.split("=", 1) for item in result.stdout.split())
    assert row["n"] == "3"
    assert float(row["with_sayings_s"]) > float(row["without_sayings_s"])
