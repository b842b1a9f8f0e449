"""Browser benchmark of search: time to first results at N synthetic speeches.

For each size it writes a synthetic archive (bench/synth.py), builds it, then, in
Debian's headless Chromium driven by Playwright, opens the home page from file://
and from a local HTTP server, types a query as soon as the page has loaded and
measures the time until Material shows the first search result. It reports the
median over several fresh page loads, with the size of the search index.

    .venv/bin/python bench/search_bench.py --sizes 100,1000 --runs 5

Not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The browser tests' launch flags and local HTTP server: the benchmark reads the site as they do.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser_support import CHROMIUM, CHROMIUM_ARGS, serve
from synth import write_archive

# Records when the first search result enters the page, without polling from Python.
_RESULT_WATCH = """
window.__firstResultAt = null;
new MutationObserver((_, observer) => {
  if (document.querySelector('.md-search-result__item')) {
    window.__firstResultAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def build(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
        cwd=project,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - started


def time_to_first_results(browser: Browser, url: str, query: str) -> tuple[float, float]:
    """(ms from typing to first result, ms from navigation start to first result)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(_RESULT_WATCH)
        page.set_default_timeout(120_000)
        page.goto(url, wait_until="load")
        typed_at = page.evaluate("performance.now()")
        page.locator("input.md-search__input").focus()
        page.keyboard.type(query)
        page.keyboard.press("End")  # Material reads the box on key events
        page.wait_for_function("window.__firstResultAt !== null", timeout=120_000)
        shown_at = page.evaluate("window.__firstResultAt")
        return shown_at - typed_at, shown_at
    finally:
        context.close()


def measure(site: Path, runs: int, query: str) -> dict:
    index = site / "search" / "search_index.json"
    results: dict = {"index_bytes": index.stat().st_size}
    with sync_playwright() as playwright, serve(site) as base:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for scheme, url in (
                ("file", (site / "index.html").as_uri()),
                ("http", base + "index.html"),
            ):
                typed, loaded = zip(
                    *(time_to_first_results(browser, url, query) for _ in range(runs)), strict=True
                )
                results[scheme] = {
                    "median_ms_from_typing": round(statistics.median(typed)),
                    "median_ms_from_navigation": round(statistics.median(loaded)),
                    "runs_ms_from_typing": [round(value) for value in typed],
                }
        finally:
            browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated speech counts")
    parser.add_argument("--runs", type=int, default=5, help="page loads per size and scheme")
    parser.add_argument("--query", default="peace", help="what to type in the search box")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--keep", type=Path, help="build into this folder instead of a temporary one"
    )
    args = parser.parse_args()

    report = []
    for size in (int(value) for value in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"search-bench-{size}-") as scratch:
            project = write_archive((args.keep or Path(scratch)) / f"n{size}", size)
            seconds = build(project)
            row = {
                "speeches": size,
                "build_s": round(seconds, 1),
                **measure(project / "site", args.runs, args.query),
            }
        report.append(row)
        print(
            f"N={size:>5}  index {row['index_bytes'] / 1e6:6.2f} MB  build {row['build_s']:5.1f} s  "
            f"file:// {row['file']['median_ms_from_typing']:>6} ms  http {row['http']['median_ms_from_typing']:>6} ms"
            f"  (median of {args.runs}, from typing to first result)",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
