"""How well `speech-archive import` reads real pages: a corpus folder scored against its
hand-written speech files.

Each folder of a corpus (tests/import_corpus/, the pages the importer was tuned on;
tests/import_heldout/, tests/import_heldout_2/ and tests/import_heldout_3/, pages it never
was) holds page.txt or page.html, expected.md and meta.json (the options). Every page is
imported by the real command (a dry run, so nothing is written) and compared with expected.md:

- exact: the whole speech file, byte for byte;
- per field: title, date, speaker, venue, source (the whole mapping) and body, each right or
  wrong;
- lines: the expected body's lines missing from the imported body (speech wrongly dropped)
  and the imported body's lines the expected body lacks (furniture wrongly kept).

    .venv/bin/python bench/import_quality.py                        # all three parts
    .venv/bin/python bench/import_quality.py tests/import_heldout --show

Not a test: a corpus's pages are not expected to import exactly (see bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from speech_archive.cli import main  # noqa: E402
from speech_archive.load.archive import split_front_matter  # noqa: E402

FIELDS = ("title", "date", "speaker", "venue", "source", "body")
PARTS = (
    ROOT / "tests" / "import_corpus",
    ROOT / "tests" / "import_heldout",
    ROOT / "tests" / "import_heldout_2",
    ROOT / "tests" / "import_heldout_3",
)


@dataclass
class Score:
    name: str
    exact: bool
    right: dict[str, bool]
    dropped: list[str] = field(default_factory=list)  # speech lines missing from the import
    kept: list[str] = field(default_factory=list)  # lines imported that are not speech


def _fields(text: str) -> dict:
    parts = split_front_matter(text)
    if parts is None:
        return {"body": text}
    front, body, _ = parts
    meta = yaml.safe_load(front) or {}
    meta = {
        key: str(value) if hasattr(value, "isoformat") else value for key, value in meta.items()
    }
    meta["body"] = body.strip("\n")
    return meta


def _lines(body: str) -> list[str]:
    return [line.rstrip() for line in body.split("\n") if line.strip()]


def import_page(case: Path, root: Path = ROOT) -> str:
    """The speech file import writes for the folder's page (a dry run: nothing is written)."""
    page = next(case / name for name in ("page.txt", "page.html") if (case / name).exists())
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(
        main, ["--root", str(root), "import", str(page), "--dry-run", *meta.get("options", [])]
    )
    return result.stdout if result.exit_code == 0 else ""


def score(case: Path) -> Score:
    expected_text = (case / "expected.md").read_text(encoding="utf-8")
    written = import_page(case)
    expected, got = _fields(expected_text), _fields(written)
    right = {name: expected.get(name) == got.get(name) for name in FIELDS}
    expected_lines, got_lines = _lines(expected["body"]), _lines(got.get("body", ""))
    return Score(
        case.name,
        written == expected_text,
        right,
        [line for line in expected_lines if line not in set(got_lines)],
        [line for line in got_lines if line not in set(expected_lines)],
    )


def cases(corpus: Path) -> list[Path]:
    return sorted(path for path in corpus.iterdir() if (path / "expected.md").exists())


def report(corpus: Path, show: bool = False) -> dict:
    scores = [score(case) for case in cases(corpus)]
    total = len(scores)
    figures = {
        "pages": total,
        "exact": sum(s.exact for s in scores),
        **{name: sum(s.right[name] for s in scores) / total for name in FIELDS},
        "speech lines dropped": sum(len(s.dropped) for s in scores),
        "furniture lines kept": sum(len(s.kept) for s in scores),
        "expected lines": sum(
            len(_lines(_fields((c / "expected.md").read_text(encoding="utf-8"))["body"]))
            for c in cases(corpus)
        ),
    }
    print(f"{corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus}:")
    print(f"  exact speech files: {figures['exact']} of {total}")
    print("  fields right: " + ", ".join(f"{name} {figures[name]:.2f}" for name in FIELDS))
    print(
        f"  body lines: {figures['speech lines dropped']} of {figures['expected lines']} speech "
        f"lines dropped, {figures['furniture lines kept']} furniture lines kept"
    )
    if show:
        for s in scores:
            wrong = [name for name in FIELDS if not s.right[name]]
            print(f"    {s.name}: {'exact' if s.exact else 'wrong: ' + ', '.join(wrong)}")
            for line in s.dropped:
                print(f"      dropped: {line[:100]}")
            for line in s.kept:
                print(f"      kept:    {line[:100]}")
    return figures


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=list(PARTS))
    parser.add_argument("--show", action="store_true", help="each page's wrong fields and lines")
    args = parser.parse_args(argv)
    for corpus in args.corpora:
        report(corpus.resolve(), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main_())
