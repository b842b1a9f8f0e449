"""Build benchmark: the annotated archive against the floor MkDocs and Material set.

For each size N it writes a synthetic archive (bench/synth.py) and times, alternating
runs and reporting medians:

  A  `mkdocs build --strict` of the archive, with our hooks;
  B  the same texts as plain pages in docs/ (front matter reduced to the title), same
     theme, plugins and Markdown extensions, no hooks, speeches not in the nav: the floor;
  C  the same plain pages with every speech in the auto-generated nav, as a newcomer's
     stock Material site would have them;
  D  the pages A's hooks generate (annotated speeches, index pages, data), written as
     static files of the same site without hooks: A - D is what the hooks themselves
     cost, D - B what MkDocs and Material spend on the annotations and indexes.

It reports each build's peak RSS, the size of site/ and of search/search_index.json,
the time per speech, and for A the seconds inside our hooks by step (the hook writes
them when SPEECH_ARCHIVE_TIMINGS names a file). It prints a table and writes JSON.

    .venv/bin/python bench/run.py --sizes 100,1000 --repeats 3 --json bench-results.json

Not a test: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hook_timer import EVENTS_ENV
from synth import write_archive, write_generated_site, write_plain_site

from speech_archive.build import ANNOTATION_PASSES
from speech_archive.timings import TIMINGS_ENV

KINDS = ("A", "B", "C", "D")
HOOK_TIMER = Path(__file__).resolve().parent / "hook_timer.py"
MB = 1024 * 1024


@dataclass
class Build:
    seconds: float
    peak_rss_mb: float
    steps: dict[str, float] = field(
        default_factory=dict
    )  # A only: hook seconds by step (core timer)
    events: dict[str, float] = field(default_factory=dict)  # A only: seconds by hook file and event


def run_build(
    project: Path, strict: bool, timings: Path | None = None, profile: Path | None = None
) -> Build:
    """One `mkdocs build` in a fresh process, as a contributor runs it: wall time and peak RSS.

    With ``timings`` (a file name prefix), the hook's step timer and bench/hook_timer.py
    (mkdocs with a clock around the hook modules' events) write what they measured.
    """
    mkdocs = [str(HOOK_TIMER)] if timings else ["-m", "mkdocs"]
    command = [sys.executable, *mkdocs, "build", "--clean", "--quiet", "-d", str(project / "site")]
    if profile:
        command[1:1] = ["-m", "cProfile", "-o", str(profile)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in (TIMINGS_ENV, EVENTS_ENV):
        env.pop(name, None)
    if timings:
        env[TIMINGS_ENV] = str(timings.with_suffix(".steps.json"))
        env[EVENTS_ENV] = str(timings.with_suffix(".events.json"))
    log = project / "build.log"
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN would give the largest so far).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(
            f"build of {project} failed ({process.returncode}):\n{log.read_text()[-3000:]}"
        )
    build = Build(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux
    if timings:
        report = json.loads(timings.with_suffix(".steps.json").read_text())
        build.steps = {step: value["seconds"] for step, value in report["steps"].items()}
        build.events = json.loads(timings.with_suffix(".events.json").read_text())
    return build


def tree_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MB


def word_count(archive: Path) -> int:
    return sum(
        len(p.read_text(encoding="utf-8").split()) for p in (archive / "speeches").glob("*.md")
    )


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    names = {name for run in runs for name in run}
    return {name: statistics.median(run.get(name, 0.0) for run in runs) for name in sorted(names)}


def hook_summary(steps: dict[str, float], events: dict[str, float]) -> dict[str, float]:
    """Hook seconds by step: loading, each pass, annotation's wall time, pages, and the rest.

    ``steps`` come from the plugin's timer (src/speech_archive/plugin.py); ``events`` from
    the clock around every hook module's events, so "other hook events" is whatever the
    hooks spend outside the timed steps. A pass's seconds are CPU seconds summed over the
    annotating processes; "annotate" is the wall time the build spent annotating.
    """
    passes = {n: s for n, s in steps.items() if n.startswith("annotate.")}
    summary = {"load + validate": steps.get("load", 0.0)}
    summary.update({name.removeprefix("annotate."): s for name, s in passes.items()})
    summary["annotate"] = steps.get("annotate", 0.0)
    summary["pages + indexes"] = steps.get("pages", 0.0)
    known = {"load", "annotate", "pages", *passes}
    extra = {name: s for name, s in steps.items() if name not in known}  # e.g. post-build steps
    summary.update({f"+ {name}": s for name, s in extra.items()})
    timed = steps.get("load", 0.0) + summary["annotate"] + summary["pages + indexes"]
    timed += sum(extra.values())
    total = sum(events.values()) if events else timed
    summary["other hook events"] = total - timed
    summary["total"] = total
    return summary


def measure_size(n: int, args: argparse.Namespace, work: Path) -> dict:
    started = time.perf_counter()
    projects = {"A": write_archive(work / "A", n, args.seed)}
    projects["B"] = write_plain_site(projects["A"], work / "B", in_nav=False)
    if args.c_repeats > 0:  # C is the slowest to build: --c-repeats 0 leaves it out
        projects["C"] = write_plain_site(projects["A"], work / "C", in_nav=True)
    if args.d_repeats > 0:
        projects["D"] = write_generated_site(projects["A"], work / "D")
    generated = time.perf_counter() - started
    repeats = {"A": args.repeats, "B": args.repeats, "C": args.c_repeats, "D": args.d_repeats}
    builds: dict[str, list[Build]] = {kind: [] for kind in KINDS}
    for round_ in range(max(repeats.values())):
        for kind in KINDS:  # alternate, so a slow minute on a shared machine hits every kind
            if round_ < repeats[kind]:
                timings = work / f"timings-{round_}" if kind == "A" else None
                builds[kind].append(
                    run_build(projects[kind], strict=(kind in ("A", "D")), timings=timings)
                )
                print(
                    f"  N={n} {kind} run {round_ + 1}: {builds[kind][-1].seconds:.1f} s",
                    file=sys.stderr,
                )
    result: dict = {
        "n": n,
        "words": word_count(projects["A"]),
        "generate_seconds": round(generated, 2),
    }
    for kind in KINDS:
        if not builds[kind]:
            continue
        site = projects[kind] / "site"
        median = statistics.median(b.seconds for b in builds[kind])
        result[kind] = {
            "seconds": [round(b.seconds, 2) for b in builds[kind]],
            "median_seconds": round(median, 2),
            "ms_per_speech": round(1000 * median / n, 2),
            "peak_rss_mb": round(max(b.peak_rss_mb for b in builds[kind]), 1),
            "site_mb": round(tree_mb(site), 1),
            # A downloadable copy of the site, if the build makes one, is counted apart too.
            "zip_mb": round(sum(p.stat().st_size for p in site.glob("*.zip")) / MB, 1),
            "search_index_mb": round(
                (site / "search" / "search_index.json").stat().st_size / MB, 2
            ),
        }
    for kind in ("B", "C", "D"):
        if "A" in result and kind in result:
            result[f"A/{kind}"] = round(
                result["A"]["median_seconds"] / result[kind]["median_seconds"], 3
            )
    if builds["A"]:
        steps = median_of([b.steps for b in builds["A"]])
        events = median_of([b.events for b in builds["A"]])
        result["hooks"] = {k: round(v, 3) for k, v in hook_summary(steps, events).items()}
        result["hook_events"] = {k: round(v, 3) for k, v in events.items()}
    if args.profile:
        profile = Path(args.profile) / f"A-{n}.prof"
        profile.parent.mkdir(parents=True, exist_ok=True)
        run_build(projects["A"], strict=True, profile=profile)
        result["profile"] = str(profile)
        stats = pstats.Stats(str(profile))
        stats.sort_stats("cumulative").print_stats(30)
    return result


def targets(results: dict[int, dict]) -> list[dict]:
    """The issue's targets, wherever the sizes measured allow checking them."""
    checks = []

    def check(name: str, value: float | None, limit: float, below: bool = True) -> None:
        if value is not None:
            checks.append(
                {
                    "target": name,
                    "value": round(value, 3),
                    "limit": limit,
                    "met": value <= limit if below else value >= limit,
                }
            )

    at = results.get
    if at(1000):
        check("A/B at N=1000", at(1000).get("A/B"), 1.10)
        check("A/C at N=1000", at(1000).get("A/C"), 0.35)
        check("hooks total s at N=1000", at(1000).get("hooks", {}).get("total"), 3.0)
        site = at(1000).get("A", {})
        check("site/ MB at N=1000", site.get("site_mb"), 80)
        if site.get("zip_mb"):
            check("site/ MB at N=1000 without its zip", site["site_mb"] - site["zip_mb"], 80)
    if at(1000) and at(3000):
        check(
            "A(3000)/A(1000)",
            at(3000)["A"]["median_seconds"] / at(1000)["A"]["median_seconds"],
            3.3,
        )
        check("A/B growth 1000->3000", at(3000)["A/B"] - at(1000)["A/B"], 0.0)
    if at(3000):
        check("peak RSS MB of A at N=3000", at(3000)["A"]["peak_rss_mb"], 2048)
    return checks


def _hook_cell(hooks: dict[str, float], name: str) -> str:
    return f"{hooks[name]:15.3f}" if name in hooks else f"{'-':>15}"


def print_tables(results: dict[int, dict], checks: list[dict]) -> None:
    def cell(result: dict, kind: str, key: str, fmt: str) -> str:
        width = int(fmt.split(".")[0] or 0)
        return format(result[kind][key], fmt) if kind in result else "-".rjust(width)

    def ratio(result: dict, key: str) -> str:
        return f"{result[key]:5.2f}" if key in result else "    -"

    print(
        "\nBuild time (median s), per speech (ms), peak RSS (MB), site/ with the zip in it, if any, "
        "and search index (MB)"
    )
    header = (
        f"{'N':>5} | {'A s':>6} {'B s':>6} {'C s':>6} {'D s':>6} | {'A/B':>5} {'A/C':>5} {'A/D':>5} | "
        f"{'ms/speech A':>11} | {'RSS A/B/C/D':>19} | {'site A/B/C/D (A zip)':>24} | {'index A/B':>11}"
    )
    print(header)
    print("-" * len(header))
    for n, r in results.items():
        rss = "/".join(cell(r, k, "peak_rss_mb", ".0f") for k in KINDS)
        site = "/".join(cell(r, k, "site_mb", ".0f") for k in KINDS)
        index = "/".join(cell(r, k, "search_index_mb", ".1f") for k in ("A", "B"))
        zipped = r.get("A", {}).get("zip_mb")
        if zipped:
            site += f" ({zipped:.0f})"
        times = " ".join(cell(r, kind, "median_seconds", "6.1f") for kind in KINDS)
        ratios = " ".join(ratio(r, f"A/{kind}") for kind in ("B", "C", "D"))
        print(
            f"{n:>5} | {times} | {ratios} | "
            f"{cell(r, 'A', 'ms_per_speech', '11.1f')} | {rss:>19} | {site:>24} | {index:>11}"
        )
    steps = [name for r in results.values() for name in r.get("hooks", {})]
    if steps:
        seen = list(dict.fromkeys(steps))
        # Loading, the passes (CPU), annotation (wall), pages, other steps ("+ ..."), the rest.
        tail = ["other hook events", "total"]
        extra = [name for name in seen if name.startswith("+ ")]
        middle = ["annotate", "pages + indexes"]
        run_order = [annotation_pass.__name__ for annotation_pass in ANNOTATION_PASSES]
        passes = [name for name in seen if name not in ["load + validate", *middle, *extra, *tail]]
        passes.sort(key=lambda name: run_order.index(name) if name in run_order else len(run_order))
        order = ["load + validate", *passes, *middle, *extra, *tail]
        names = [name for name in order if name in seen]
        print("\nTime inside our hooks in A (median s)")
        print(f"{'N':>5} | " + " | ".join(f"{name:>15}" for name in names))
        for n, r in results.items():
            print(f"{n:>5} | " + " | ".join(_hook_cell(r.get("hooks", {}), name) for name in names))
    if checks:
        print("\nTargets")
        for c in checks:
            print(
                f"  {'met ' if c['met'] else 'MISS'}  {c['target']}: {c['value']} (limit {c['limit']})"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated numbers of speeches")
    parser.add_argument("--repeats", type=int, default=3, help="runs of A and of B per size")
    parser.add_argument(
        "--c-repeats", type=int, default=1, help="runs of C per size (C is the slowest)"
    )
    parser.add_argument(
        "--d-repeats",
        type=int,
        help="runs of D per size (A's generated pages without hooks; default: --repeats, 0 leaves it out)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    parser.add_argument(
        "--profile", type=Path, help="also cProfile one extra A build per size into this folder"
    )
    args = parser.parse_args(argv)
    if args.d_repeats is None:
        args.d_repeats = args.repeats
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    started = time.perf_counter()
    load_before = os.getloadavg()
    results: dict[int, dict] = {}
    for n in sizes:
        work = (
            (args.keep / f"n{n}")
            if args.keep
            else Path(tempfile.mkdtemp(prefix=f"speech-bench-{n}-"))
        )
        if args.keep and work.exists():
            shutil.rmtree(work)
        try:
            results[n] = measure_size(n, args, work)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    checks = targets(results)
    print_tables(results, checks)
    elapsed = time.perf_counter() - started
    print(
        f"\n{len(sizes)} sizes in {elapsed:.0f} s; load average before {load_before[0]:.2f}, "
        f"after {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)"
    )
    if args.json:
        report = {
            "command": " ".join(
                [Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])]
            ),
            "seed": args.seed,
            "repeats": args.repeats,
            "c_repeats": args.c_repeats,
            "d_repeats": args.d_repeats,
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "mkdocs": metadata.version("mkdocs"),
                "mkdocs-material": metadata.version("mkdocs-material"),
                "load_average_before": load_before[0],
                "load_average_after": os.getloadavg()[0],
            },
            "elapsed_seconds": round(elapsed, 1),
            "sizes": {str(n): r for n, r in results.items()},
            "targets": checks,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
