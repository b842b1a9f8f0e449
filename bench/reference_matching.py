"""Benchmark of reference matching: index build time and memory, and matching time per speech.

Loads the archive's reference works (speeches/references/, the whole KJV), builds the
index (timed without and then with tracemalloc, for its memory), and matches a
synthetic 2,500-word speech: diplomatic sentences from bench/vocabulary.py, phrases
ordinary prose shares with scripture, and a few verses quoted closely and loosely.

    .venv/bin/python bench/reference_matching.py [--runs 20]

Not a test: timings depend on the machine and its load (CPU time is shown beside
wall time, as it varies less on a busy machine).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import vocabulary as words

from speech_archive.annotate import reference_matching
from speech_archive.annotate.blocks import prose_spans
from speech_archive.load.references import load_references

ROOT = Path(__file__).resolve().parents[1]

COMMON_PHRASES = [
    "And it came to pass that the talks, in the name of the people, went on for ever and ever.",
    "I say unto you that the Lord your God is not a matter for this forum.",
    "We are the salt of the earth, some say, and a light unto the nations.",
    "Our fathers went down to the sea in ships, and their children crossed the land of promise.",
]
QUOTATIONS = [
    (
        "As the prophet asked, what does the Lord require of you but to do justly, and to love mercy, "
        "and to walk humbly with your God?"
    ),
    "Let justice roll down like waters, and righteousness like a mighty stream.",
    "Be not deceived: whatsoever a man soweth, that shall he also reap.",
    "Blessed are the peacemakers: for they shall be called the children of God.",
]


def synthetic_speech(target: int = 2500, seed: int = 0) -> str:
    """About ``target`` words in paragraphs of five sentences; a few quote scripture."""
    rng = random.Random(seed)
    sentences: list[str] = []
    count = 0
    while count < target:
        roll = rng.random()
        if roll < 0.02:
            sentence = rng.choice(QUOTATIONS)
        elif roll < 0.06:
            sentence = rng.choice(COMMON_PHRASES)
        else:
            sentence = rng.choice(words.SENTENCES).format(
                country="Kazakhstan",
                other="China",
                goal=rng.choice(words.GOALS),
                action=rng.choice(words.ACTIONS),
                action2=rng.choice(words.ACTIONS),
                area=rng.choice(words.AREAS),
                adj=rng.choice(words.ADJECTIVES),
                adj2=rng.choice(words.ADJECTIVES),
                number=rng.choice(words.NUMBERS),
                year=rng.randint(1950, 2020),
                years=rng.randint(5, 70),
                theme="trade",
                count="three",
            )
        sentences.append(sentence)
        count += len(sentence.split())
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="matching runs to take the median of")
    args = parser.parse_args()
    works, problems = load_references(ROOT / "speeches" / "references", "speeches/references")
    if problems or not works:
        raise SystemExit(
            "\n".join(map(str, problems)) or "no reference works in speeches/references/"
        )
    passages = sum(len(work.passages) for work in works)
    print(f"works: {len(works)}, passages: {passages}")

    builds = []
    for _ in range(3):
        reference_matching.build_reference_index.cache_clear()
        reference_matching.normal_word.cache_clear()
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        index = reference_matching.build_reference_index(works)
        builds.append((time.perf_counter() - wall, time.process_time() - cpu))
    print(
        f"index build: best {min(b[0] for b in builds) * 1000:.0f} ms wall, "
        f"{min(b[1] for b in builds) * 1000:.0f} ms CPU (of {len(builds)})"
    )

    reference_matching.build_reference_index.cache_clear()
    gc.collect()
    tracemalloc.start()
    index = reference_matching.build_reference_index(works)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"index memory: {held / 1e6:.1f} MB held, {peak / 1e6:.1f} MB peak while building")

    speech = synthetic_speech()
    paragraphs = [(p, prose_spans(p)) for p in speech.split("\n\n")]
    found = [
        m
        for text, spans in paragraphs
        for m in reference_matching.find_references(text, spans, index)
    ]
    times = []
    for _ in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        for text, spans in paragraphs:
            reference_matching.find_references(text, spans, index)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    print(
        f"matching a {len(speech.split())}-word speech ({len(paragraphs)} paragraphs): "
        f"median {statistics.median(t[0] for t in times) * 1000:.2f} ms wall, "
        f"{statistics.median(t[1] for t in times) * 1000:.2f} ms CPU; "
        f"{len(found)} quotations found: {sorted({m.citation for m in found})}"
    )


if __name__ == "__main__":
    main()
