"""What each part of an annotated speech page costs MkDocs and Material to build.

bench/run.py shows that the hooks cost little next to building the pages they
generate (A against D). This script splits D: it writes the generated pages of one
synthetic archive (no hooks), then the same pages each time without one feature,
builds every variant several times, alternating, and reports the median and what
the feature costs per speech against the whole:

  all                 every annotation and index, as the hooks generate them (D)
  -number_paragraphs  ...without paragraph anchors and numbers
  -mark_sayings       ...without saying highlights and notes
  -add_glossary_notes ...without glossary footnotes and abbreviation tooltips
  -footer             ...without previous/next and related speeches
  -metadata           ...without the metadata block (date, speaker, venue, themes, source)
  -search plugin      ...without Material's search plugin (what indexing the pages costs)
  plain               the bare texts, no annotation, no index pages (B of bench/run.py)

    .venv/bin/python bench/feature_costs.py --n 200 --repeats 3

Not a test: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run_build
from synth import write_archive, write_generated_site, write_plain_site

from speech_archive import build as pipeline
from speech_archive.markup import NEIGHBOURS_CLASS, RELATED_CLASS

PASSES = [annotation_pass.__name__ for annotation_pass in pipeline.ANNOTATION_PASSES]
REMOVED_PASSES = ("number_paragraphs", "mark_sayings", "add_glossary_notes")
# The wrappers speech_page.py and neighbours.py write around the parts they generate.
_FOOTER = re.compile(
    rf'<nav class="{NEIGHBOURS_CLASS}" markdown>.*?</nav>\n|'
    rf'<div class="{RELATED_CLASS}" markdown>.*?</div>\n',
    re.DOTALL,
)
_METADATA = re.compile(r'<div class="speech-meta" markdown>.*?</div>\n', re.DOTALL)
_SEARCH_PLUGIN = re.compile(r"^  - search:\n(?:    .*\n|      .*\n)*", re.MULTILINE)


@contextmanager
def passes_without(name: str) -> Iterator[None]:
    """The pipeline's annotation passes, minus one, for the duration of the block."""
    kept = list(pipeline.ANNOTATION_PASSES)
    pipeline.ANNOTATION_PASSES[:] = [p for p in kept if p.__name__ != name]
    try:
        yield
    finally:
        pipeline.ANNOTATION_PASSES[:] = kept


def edit_speech_pages(project: Path, edit: Callable[[str], str]) -> None:
    for page in (project / "docs" / "speeches").glob("*.md"):
        if page.name != "index.md":
            page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")


def edit_config(project: Path, edit: Callable[[str], str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")


def write_variants(archive: Path, work: Path) -> dict[str, Path]:
    variants = {"all": write_generated_site(archive, work / "all")}
    for name in REMOVED_PASSES:
        with passes_without(name):
            variants[f"-{name}"] = write_generated_site(archive, work / name)
    for name, pattern in (("footer", _FOOTER), ("metadata", _METADATA)):
        variants[f"-{name}"] = write_generated_site(archive, work / name)
        edit_speech_pages(variants[f"-{name}"], lambda text, p=pattern: p.sub("", text))
    variants["-search plugin"] = write_generated_site(archive, work / "no-search")
    edit_config(variants["-search plugin"], lambda text: _SEARCH_PLUGIN.sub("", text))
    variants["plain"] = write_plain_site(archive, work / "plain", in_nav=False)
    return variants


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="speeches in the archive")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each variant")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="speech-features-"))
    try:
        archive = write_archive(work / "archive", args.n, args.seed)
        variants = write_variants(archive, work)
        for name, project in variants.items():  # every variant must be what it claims
            if name == "-search plugin":
                assert "- search:" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
        seconds: dict[str, list[float]] = {name: [] for name in variants}
        started = time.perf_counter()
        for round_ in range(args.repeats):
            for name, project in variants.items():  # alternate, so a noisy minute hits all
                seconds[name].append(run_build(project, strict=False).seconds)
                print(f"  {name} run {round_ + 1}: {seconds[name][-1]:.2f} s", file=sys.stderr)
        medians = {name: statistics.median(values) for name, values in seconds.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    whole = medians["all"]
    print(
        f"\nN={args.n}, median of {args.repeats} builds each, no hooks (passes: {', '.join(PASSES)})"
    )
    print(f"{'variant':>20} | {'s':>6} | {'ms/speech':>9} | {'cost of the part, ms/speech':>27}")
    for name, value in medians.items():
        cost = f"{1000 * (whole - value) / args.n:27.1f}" if name != "all" else f"{'-':>27}"
        print(f"{name:>20} | {value:6.2f} | {1000 * value / args.n:9.1f} | {cost}")
    print(f"\n{len(variants) * args.repeats} builds in {time.perf_counter() - started:.0f} s")
    if args.json:
        report = {
            "n": args.n,
            "repeats": args.repeats,
            "seed": args.seed,
            "seconds": seconds,
            "median_seconds": medians,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
