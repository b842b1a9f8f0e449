"""Detection quality on a labelled set of sentences: precision and recall, printed and bounded."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import ROOT

from speech_archive.annotate.saying_catalogue import normal_words
from speech_archive.annotate.sayings import detect_sayings
from speech_archive.load.catalogues import load_sayings

LABELLED = Path(__file__).resolve().parent / "data" / "sayings_labelled.yml"


def _key(text: str, origin: str) -> tuple[tuple[str, ...], str]:
    return normal_words(text), origin.casefold()


def score_detection() -> tuple[int, int, int, list[str]]:
    """(true positives, false positives, false negatives, what went wrong) over the labelled set."""
    catalogue, problems = load_sayings(ROOT / "speeches" / "sayings.yml", "speeches/sayings.yml")
    assert not problems
    items = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    true_pos = false_pos = false_neg = 0
    misses: list[str] = []
    for item in items:
        expected = {_key(s["text"], s["origin"]) for s in item["sayings"]}
        predicted = {_key(s.text, s.origin) for s in detect_sayings(item["text"], catalogue)}
        true_pos += len(expected & predicted)
        false_pos += len(predicted - expected)
        false_neg += len(expected - predicted)
        if expected != predicted:
            misses.append(
                f"{item['text'][:70]!r}: expected {sorted(expected)}, got {sorted(predicted)}"
            )
    return true_pos, false_pos, false_neg, misses


def test_labelled_set_is_big_and_varied():
    items = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    assert len(items) >= 40
    assert sum(1 for i in items if not i["sayings"]) >= 10  # near-misses


def test_detection_precision_and_recall():
    true_pos, false_pos, false_neg, misses = score_detection()
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(
        f"\nsayings: precision {precision:.3f}, recall {recall:.3f} "
        f"(tp={true_pos} fp={false_pos} fn={false_neg})"
    )
    print("\n".join(misses))
    assert precision >= 0.95, misses
    assert recall >= 0.9, misses
