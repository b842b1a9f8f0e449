"""The corpus of real layouts: real speech pages, each imported by the real CLI.

Each folder of tests/import_corpus holds a page as it was published (page.txt, a text copy,
or page.html, a saved page), expected.md (the speech file written by hand from the page,
never by the importer) and, when import needs options, meta.json ({"options": [...]}; an
"xfail" reason marks a layout the importer cannot yet read exactly). See its README.md.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import make_small_archive

from speech_archive.cli.dates import iso_date
from speech_archive.load.archive import split_front_matter

CORPUS = Path(__file__).parent / "import_corpus"
CASES = sorted(path for path in CORPUS.iterdir() if (path / "expected.md").exists())


def _page(case: Path) -> Path:
    return next(case / name for name in ("page.txt", "page.html") if (case / name).exists())


def _meta(case: Path) -> dict:
    meta_file = case / "meta.json"
    return json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}


def _params() -> list:
    params = []
    for case in CASES:
        reason = _meta(case).get("xfail")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return make_small_archive(tmp_path_factory.mktemp("corpus") / "project")


@pytest.mark.parametrize("case", _params())
def test_real_page_imports_to_the_hand_written_speech(case, archive, tmp_path):
    page = tmp_path / _page(case).name
    shutil.copyfile(_page(case), page)
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "speech_archive.cli", "import", str(page), "--output-dir", str(out),
         *_meta(case).get("options", [])],
        cwd=archive,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    written = list(out.iterdir())
    assert len(written) == 1
    expected = (case / "expected.md").read_text(encoding="utf-8")
    assert written[0].read_text(encoding="utf-8") == expected
    if page.suffix == ".txt":
        _every_line_is_kept_or_listed(page, expected, result.stderr)


def _every_line_is_kept_or_listed(page: Path, written: str, stderr: str) -> None:
    """Each line of the text copy is in the file (body, or a front-matter value) or is listed
    by its line number as left out, or as changed by a join: nothing goes silently."""
    parts = split_front_matter(written)
    assert parts is not None
    front, body, _ = parts
    values = yaml.safe_load(front)  # the values as written, unquoted
    front += "\n" + "\n".join(_strings(values))
    body_lines = set(body.split("\n"))
    listed = {int(number) for number in re.findall(r":(\d+): left out \(", stderr)}
    # A word split at a line end changes its line and the next one, and is reported.
    joined = {int(number) for number in re.findall(r":(\d+): (?:joined|kept) '", stderr)}
    listed |= joined | {number + 1 for number in joined}
    lines = page.read_text(encoding="utf-8").split("\n")
    missing = [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip()
        and line.rstrip() not in body_lines
        and not _in_front_matter(line, front)
        and not _label_of_a_value(lines, number - 1, front)
        and number not in listed
    ]
    assert missing == []


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [] if value is None else [str(value)]


def _label_of_a_value(lines: list[str], index: int, front: str) -> bool:
    """A label standing alone ('From:', 'Delivered on:') whose value, on the next line that is
    not blank, went into the front matter."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z ]*:", lines[index].strip()):
        return False
    following = next((line for line in lines[index + 1 :] if line.strip()), "")
    return _in_front_matter(following, front) or following.split(" (")[0].strip() in front


def _in_front_matter(line: str, front: str) -> bool:
    """The line, its 'key: value' value, or the date it names is in the front matter; or it
    is a '---' line framing the page's own front matter."""
    text = line.strip()
    if text == "---" or text in front or text.strip("()[]") in front:
        return True
    if text.startswith("#") and text.lstrip("#").strip() in front:  # a Markdown heading
        return True
    dated = re.fullmatch(r"(?P<date>[^,]*\d{4}),\s+(?P<place>.+)", text)  # date, place
    if dated and (iso_date(dated["date"]) or "\0") in front and dated["place"] in front:
        return True
    date = iso_date(text.strip("()[]"))
    if date and date in front:
        return True
    remark = re.fullmatch(r"(?P<date>[^()]+?)\s*\((?P<remark>[^()]+)\)", text)
    if remark and (iso_date(remark["date"]) or "\0") in front and remark["remark"] in front:
        return True
    if ":" in text:
        try:
            value = yaml.safe_load(text.split(":", 1)[1])
        except yaml.YAMLError:
            return False
        return value is not None and str(value).strip() in front
    return False


HELD_OUT = Path(__file__).parent / "import_heldout"
HELD_OUT_2 = Path(__file__).parent / "import_heldout_2"
HELD_OUT_3 = Path(__file__).parent / "import_heldout_3"


@pytest.mark.parametrize(
    ("held_out", "at_least"), [(HELD_OUT, 8), (HELD_OUT_2, 10), (HELD_OUT_3, 10)]
)
def test_held_out_pages_are_complete_and_the_quality_script_scores_them(capsys, held_out, at_least):
    """The held-out pages are scored, not tested (bench/README.md): each folder has its page,
    its hand-written speech file and its options, and bench/import_quality.py runs on them."""
    folders = sorted(path for path in held_out.iterdir() if path.is_dir())
    assert len(folders) >= at_least
    for folder in folders:
        assert (folder / "page.txt").exists() or (folder / "page.html").exists(), folder.name
        assert (folder / "expected.md").exists(), folder.name
        assert "options" in _meta(folder), folder.name
    sys.path.insert(0, str(CORPUS.parents[1] / "bench"))
    import import_quality

    figures = import_quality.report(held_out)
    assert figures["pages"] == len(folders)
    assert 0 <= figures["exact"] <= len(folders)
    assert "exact speech files:" in capsys.readouterr().out
