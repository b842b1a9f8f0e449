"""bench/search_bench.py keeps working: one page load per scheme on the built seed site (nothing timed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from browser_support import require_chromium
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from search_bench import measure

# A benchmark smoke test in Chromium: the full run (scripts/test.sh) has it.
pytestmark = [pytest.mark.bench, pytest.mark.browser]


def test_search_bench_reports_index_size_and_times_for_both_schemes(built_site: Path):
    require_chromium()
    report = measure(built_site, runs=1, query="Davutoglu")
    assert report["index_bytes"] == (built_site / "search" / "search_index.json").stat().st_size
    for scheme in ("file", "http"):
        assert len(report[scheme]["runs_ms_from_typing"]) == 1
        assert report[scheme]["median_ms_from_typing"] > 0
