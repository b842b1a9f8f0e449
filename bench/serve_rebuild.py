"""What a `mkdocs serve` rebuild costs in our hooks after one speech is edited.

It does in one process what `mkdocs serve` does: load the config, call on_startup
once with command 'serve', build; then, after appending a sentence to one speech,
load the config again and rebuild, with the same (not reloaded) hook modules. It
reports the whole build and the time inside the hook modules, cold and after the
edit, with the core's steps and the content cache's hits and misses.

    .venv/bin/python bench/serve_rebuild.py --n 1000 --json serve.json
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hook_timer import install
from synth import write_archive

from speech_archive.timings import TIMINGS_ENV

EDIT = " We will meet again next year to review what we have achieved together."


def edit_one_speech(project: Path) -> Path:
    """Append a sentence to the last paragraph of the middle speech, as a contributor might."""
    speeches = sorted((project / "speeches").glob("*.md"))
    target = speeches[len(speeches) // 2]
    text = target.read_text(encoding="utf-8").rstrip("\n")
    target.write_text(text + EDIT + "\n", encoding="utf-8")
    return target


def build_once(
    project: Path, site: Path, hook_seconds: dict[str, float], first: bool, cache: bool = True
) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    if first:  # `serve` calls on_startup once per process, before the first build
        config.plugins.on_startup(command="serve", dirty=False)
        if not cache:  # what the cache earns: the same rebuild with none
            config.plugins["hooks/speech_archive_hooks.py"]._plugin.cache = None
    hook_seconds.clear()
    steps_file = Path(os.environ[TIMINGS_ENV])
    start = time.perf_counter()
    build(config)
    seconds = time.perf_counter() - start
    report = json.loads(steps_file.read_text())
    return {
        "build_seconds": round(seconds, 3),
        "hook_seconds": round(sum(hook_seconds.values()), 3),
        "hook_events": {k: round(v, 3) for k, v in hook_seconds.items() if v >= 0.0005},
        "steps": {k: v["seconds"] for k, v in report["steps"].items()},
        "cache": report["cache"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of speeches")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--keep", type=Path, help="write the project and site here and keep them")
    parser.add_argument("--no-cache", action="store_true", help="rebuild without the serve cache")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    hook_seconds: dict[str, float] = {}
    install(hook_seconds)
    with tempfile.TemporaryDirectory(prefix="speech-serve-") as scratch:
        folder = args.keep or Path(scratch)
        project = write_archive(folder / "project", args.n, args.seed)
        os.environ[TIMINGS_ENV] = str(folder / "steps.json")
        site = folder / "site"
        cache = not args.no_cache
        cold = build_once(project, site, hook_seconds, first=True, cache=cache)
        edited = edit_one_speech(project)
        rebuild = build_once(project, site, hook_seconds, first=False, cache=cache)
    result = {
        "n": args.n,
        "seed": args.seed,
        "edited": edited.name,
        "cold": cold,
        "rebuild": rebuild,
    }
    print(
        f"N={args.n}: cold build {cold['build_seconds']:.1f} s (hooks {cold['hook_seconds']:.2f} s); "
        f"rebuild after editing one speech {rebuild['build_seconds']:.1f} s "
        f"(hooks {rebuild['hook_seconds']:.2f} s; cache {rebuild['cache']})"
    )
    for name in ("cold", "rebuild"):
        print(
            f"  {name:8} hook events: "
            + ", ".join(f"{k} {v:.3f}" for k, v in result[name]["hook_events"].items())
        )
        print(
            f"  {name:8} core steps:  "
            + ", ".join(f"{k} {v:.3f}" for k, v in result[name]["steps"].items())
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
