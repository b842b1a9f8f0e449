"""What saying detection against the reference texts adds to a whole build.

For each size N it writes one synthetic archive (bench/synth.py: speeches of ~2,500 words)
and builds it two ways, alternating runs and reporting medians:

  with     the archive with this repository's reference works (speeches/references/);
  without  the same archive with no reference works.

The ratio with/without is what indexing the works and matching every paragraph against
them costs a build. With --before REV, a third kind builds the same archive with the code
of that git revision (checked out in a temporary worktree, put first on PYTHONPATH):
with/before is what this detector, cues and references together, adds to a build. The sayings pass's own seconds (all cues, the catalogue and the
references) come from the build's step timer, summed over the annotation processes.

    .venv/bin/python bench/sayings_cost.py --sizes 1000 --repeats 3 --before 25b942e

Not a test: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run_build
from synth import REPO_ROOT, write_archive

SAYINGS_STEP = "annotate.mark_sayings"


def _build(project: Path, work: Path, name: str, python_path: str | None) -> tuple[float, float]:
    saved = os.environ.get("PYTHONPATH")
    if python_path:
        os.environ["PYTHONPATH"] = python_path  # this kind's core is imported first
    try:
        build = run_build(project, strict=True, timings=work / f"timings-{name}")
    finally:
        if python_path:
            os.environ.pop("PYTHONPATH") if saved is None else os.environ.__setitem__(
                "PYTHONPATH", saved
            )
    return build.seconds, build.steps.get(SAYINGS_STEP, 0.0)


def measure(n: int, repeats: int, work: Path, before: Path | None) -> dict:
    without = write_archive(work / "without", n)
    shutil.rmtree(without / "speeches" / "references", ignore_errors=True)
    with_ = work / "with"
    shutil.copytree(without, with_)
    shutil.copytree(REPO_ROOT / "speeches" / "references", with_ / "speeches" / "references")
    kinds = {"with": (with_, None), "without": (without, None)}
    if before is not None:
        kinds["before"] = (without, str(before / "hooks"))
    seconds: dict[str, list[float]] = {name: [] for name in kinds}
    sayings: dict[str, list[float]] = {name: [] for name in kinds}
    for round_ in range(repeats):
        for name, (
            project,
            python_path,
        ) in kinds.items():  # alternate: a slow minute hits every kind
            spent, pass_seconds = _build(project, work, f"{name}-{round_}", python_path)
            seconds[name].append(spent)
            sayings[name].append(pass_seconds)
            print(
                f"  N={n} {name} run {round_ + 1}: {spent:.1f} s (sayings pass {pass_seconds:.2f} s)",
                file=sys.stderr,
            )
    row = {"n": n}
    for name in kinds:
        row[f"{name}_s"] = round(statistics.median(seconds[name]), 2)
        row[f"{name}_sayings_s"] = round(statistics.median(sayings[name]), 2)
    row["with/without"] = round(row["with_s"] / row["without_s"], 3)
    if before is not None:
        row["with/before"] = round(row["with_s"] / row["before_s"], 3)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000", help="comma-separated archive sizes (default 1000)"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="builds of each kind per size (default 3)"
    )
    parser.add_argument(
        "--before", metavar="REV", help="also build with the core of this git revision"
    )
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="sayings-cost-") as folder:
        before = None
        if args.before:
            before = Path(folder) / "before"
            subprocess.run(
                [
                    "git",
                    "-C",
                    str(REPO_ROOT),
                    "worktree",
                    "add",
                    "--detach",
                    "-q",
                    str(before),
                    args.before,
                ],
                check=True,
            )
        try:
            for n in (int(size) for size in args.sizes.split(",")):
                rows.append(measure(n, args.repeats, Path(folder) / str(n), before))
        finally:
            if before is not None:
                subprocess.run(
                    ["git", "-C", str(REPO_ROOT), "worktree", "remove", "--force", str(before)],
                    check=False,
                )
    for row in rows:
        print(" ".join(f"{key}={value}" for key, value in row.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
