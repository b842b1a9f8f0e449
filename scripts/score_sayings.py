"""Score saying detection on the labelled corpus of real speeches (tests/data/sayings_real/).

    .venv/bin/python scripts/score_sayings.py            # both parts: precision and recall
    .venv/bin/python scripts/score_sayings.py --part dev --show dev  # and what went wrong there

Each part is loaded as an archive of its own, with this repository's catalogue, glossary and
reference texts, through the same loader and detector as the build. A found saying counts as
right when it shares at least half the words of a labelled one (the shorter of the two); each
label is matched at most once, and a second quotation of a labelled saying
(labels list a repeated quotation once) counts neither way. `--show` refuses the held-out part: it is scored, never read.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from speech_archive.annotate.saying_catalogue import normal_words
from speech_archive.annotate.saying_review import review_speech
from speech_archive.load.archive import collect_problems

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "sayings_real"

PARTS = ("dev", "heldout", "heldout-2")


@dataclass
class Score:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    by_kind: dict = field(default_factory=dict)  # 'unquoted'/'uncued' -> [found, labelled]
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)


def same_saying(found: str, labelled: str) -> bool:
    a, b = list(normal_words(found)), list(normal_words(labelled))
    if not a or not b:
        return False
    shared = sum(
        block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    return shared >= max(1, min(len(a), len(b)) / 2)


def load_part(part: str, work: Path):
    """The part's speeches as an archive, with this repository's vocabularies beside them."""
    speeches = work / "speeches"
    shutil.copytree(ROOT / "speeches", speeches, ignore=shutil.ignore_patterns("*.md"))
    shutil.copy(CORPUS / "themes.yml", speeches / "themes.yml")
    for path in sorted((CORPUS / part).glob("*.md")):
        shutil.copy(path, speeches / path.name)
    archive, problems = collect_problems(work)
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    labels: dict[str, dict] = {}
    for path in sorted((CORPUS / part).glob("labels*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            labels[item["speech"]] = item
    return archive, labels


def score_part(part: str, references: bool = True) -> Score:
    score = Score()
    with tempfile.TemporaryDirectory() as folder:
        archive, labels = load_part(part, Path(folder))
        if not references:
            archive = replace(archive, references=())
        for speech in archive.speeches:
            item = labels.get(speech.slug, {"sayings": []})
            expected = list(item.get("sayings") or [])
            found = [c for c in review_speech(speech, archive) if c.accepted]
            matched: set[int] = set()
            for candidate in found:
                hit = next(
                    (
                        i
                        for i, s in enumerate(expected)
                        if i not in matched and same_saying(candidate.text, s["text"])
                    ),
                    None,
                )
                if hit is None and any(
                    same_saying(candidate.text, expected[i]["text"]) for i in matched
                ):
                    continue  # a labelled saying quoted again: labels list a repeated quotation once
                if hit is None:
                    score.false_pos += 1
                    score.notes.append(
                        f"FP {speech.slug} p{candidate.paragraph} [{candidate.origin}; "
                        f"{candidate.reason}] {candidate.text[:110]!r}"
                    )
                else:
                    matched.add(hit)
                    score.true_pos += 1
            for i, saying in enumerate(expected):
                for kind in ("quoted", "cued"):
                    if not saying.get(kind):
                        tally = score.by_kind.setdefault(f"un{kind}", [0, 0])
                        tally[0] += i in matched
                        tally[1] += 1
                if i not in matched:
                    score.false_neg += 1
                    score.notes.append(
                        f"FN {speech.slug} [{saying.get('origin')}; quoted={saying.get('quoted')} "
                        f"cued={saying.get('cued')}] {saying['text'][:110]!r}"
                    )
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=PARTS, help="score only this part (default: both)")
    parser.add_argument(
        "--show", choices=["dev"], help="list what was missed or wrongly found in this part"
    )
    parser.add_argument(
        "--no-references",
        action="store_true",
        help="leave the reference texts out, to see what they add",
    )
    args = parser.parse_args()
    for part in [args.part] if args.part else PARTS:
        if not (CORPUS / part).is_dir():
            continue
        score = score_part(part, references=not args.no_references)
        kinds = ", ".join(
            f"{kind} {found}/{total}" for kind, (found, total) in sorted(score.by_kind.items())
        )
        print(
            f"{part}: precision {score.precision:.3f}, recall {score.recall:.3f} "
            f"(tp={score.true_pos} fp={score.false_pos} fn={score.false_neg}; found {kinds})"
        )
        if args.show == part:
            print("\n".join(sorted(score.notes)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
