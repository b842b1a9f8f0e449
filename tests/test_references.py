"""Reference texts: speeches/references/ loads, and quoted passages are found.

What can be wrong in the folder, and how each problem is reported: tests/test_bad_inputs.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import REFERENCE_DECLARATION, ROOT

from speech_archive.annotate.blocks import prose_spans
from speech_archive.annotate.reference_matching import build_reference_index, find_references
from speech_archive.load.archive import collect_problems, speech_files, vocabulary_hash
from speech_archive.load.references import load_references
from speech_archive.model import Passage, ReferenceWork

FOLDER = "speeches/references"
DECLARATION = REFERENCE_DECLARATION


def _folder(tmp_path: Path, declaration: str = DECLARATION, tsv: str | bytes | None = None) -> Path:
    folder = tmp_path / "references"
    folder.mkdir()
    (folder / "references.yml").write_text(declaration, encoding="utf-8")
    if tsv is not None:
        target = folder / "psalms.tsv"
        target.write_bytes(tsv) if isinstance(tsv, bytes) else target.write_text(
            tsv, encoding="utf-8"
        )
    return folder


# --- loading (every broken declaration and TSV file: tests/test_bad_inputs.py) ---------------


def test_no_folder_or_no_declaration_is_no_works_and_no_problem(tmp_path):
    assert load_references(tmp_path / "absent", FOLDER) == ((), [])
    (tmp_path / "empty").mkdir()
    assert load_references(tmp_path / "empty", FOLDER) == ((), [])


def test_a_good_work_loads_its_passages_in_order(tmp_path):
    folder = _folder(
        tmp_path,
        tsv="Psalms 23:1\tThe LORD is my shepherd; I shall not want.\n\n"
        "Psalms 23:2\tHe maketh me to lie down in green pastures\n",
    )
    (work,), problems = load_references(folder, FOLDER)
    assert problems == []
    assert (work.id, work.origin, work.cite) == ("psalms", "Bible", "book chapter:verse")
    assert work.passages == (
        Passage("Psalms 23:1", "The LORD is my shepherd; I shall not want."),
        Passage("Psalms 23:2", "He maketh me to lie down in green pastures"),
    )


def test_problems_reach_the_archive_check_and_the_references_change_the_vocabulary_hash(tmp_path):
    project = tmp_path / "project"
    (project / "speeches").mkdir(parents=True)
    for name in ("themes.yml", "speech.schema.json"):
        (project / "speeches" / name).write_bytes((ROOT / "speeches" / name).read_bytes())
    before = vocabulary_hash(project / "speeches")
    folder = _folder(project / "speeches", tsv="A 1\tfine\nbroken\n")
    assert vocabulary_hash(project / "speeches") != before
    archive, problems = collect_problems(project)
    assert [(p.path, p.line) for p in problems] == [(f"{FOLDER}/psalms.tsv", 2)]
    (folder / "psalms.tsv").write_text("A 1\tfine\nA 2\tmended\n", encoding="utf-8")
    archive, problems = collect_problems(project)
    assert problems == [] and [len(w.passages) for w in archive.references] == [2]
    assert speech_files(project / "speeches") == []  # the TSV and YAML are not speeches


# --- the shipped KJV --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kjv() -> ReferenceWork:
    works, problems = load_references(ROOT / "speeches" / "references", FOLDER)
    assert problems == []
    return next(work for work in works if work.id == "kjv")


@pytest.fixture(scope="module")
def index(kjv):
    return build_reference_index((kjv,))


def test_the_kjv_has_66_books_and_31102_verses(kjv):
    books = dict.fromkeys(p.citation.rpartition(" ")[0] for p in kjv.passages)
    assert len(books) == 66 and len(kjv.passages) == 31102
    assert list(books)[:2] == ["Genesis", "Exodus"] and list(books)[-1] == "Revelation"
    assert {"Psalms", "1 Corinthians", "Song of Solomon", "3 John"} <= set(books)
    assert kjv.passages[0] == Passage(
        "Genesis 1:1", "In the beginning God created the heaven and the earth."
    )
    assert "Crown" in kjv.licence and kjv.origin == "Bible"
    assert not any("Gutenberg" in p.text or "gutenberg" in p.text for p in kjv.passages)


def _found(text: str, index) -> list[tuple[str, str]]:
    return [
        (m.citation, text[m.start : m.end]) for m in find_references(text, prose_spans(text), index)
    ]


# --- matching ---------------------------------------------------------------------------------

# (text, citation, the quoted words exactly), from real speeches where noted.
QUOTED = [
    # Carter's inaugural address (1977), quoting the whole verse.
    (
        (
            "He hath showed thee, O man, what is good; and what doth the Lord require of thee, but to"
            " do justly, and to love mercy, and to walk humbly with thy God."
        ),
        "Micah 6:8",
        (
            "He hath showed thee, O man, what is good; and what doth the Lord require of thee, but to"
            " do justly, and to love mercy, and to walk humbly with thy God"
        ),
    ),
    # The last clause alone, in modern words, inside a sentence of the speaker's own.
    (
        (
            "We are asked to do justly, and to love mercy, and to walk humbly with your God, and we "
            "will."
        ),
        "Micah 6:8",
        "to do justly, and to love mercy, and to walk humbly with your God",
    ),
    # King, "I Have a Dream" (1963): loosely, 'justice' for 'judgment', 'like' for 'as'.
    (
        (
            "No, we will not be satisfied until justice rolls down like waters and righteousness like"
            " a mighty stream."
        ),
        "Amos 5:24",
        "down like waters and righteousness like a mighty stream",
    ),
    (
        "Let judgment run down as waters, and righteousness as a mighty stream, said the prophet.",
        "Amos 5:24",
        "Let judgment run down as waters, and righteousness as a mighty stream",
    ),
    (
        (
            "Be not deceived; God is not mocked: for whatsoever a man soweth, that shall he also "
            "reap."
        ),
        "Galatians 6:7",
        "Be not deceived; God is not mocked: for whatsoever a man soweth, that shall he also reap",
    ),
    (
        "Remember that whatever a man sows, that he will also reap.",
        "Galatians 6:7",
        "whatever a man sows, that he will also reap",
    ),
    (
        (
            "So all things whatsoever you would that men should do to you, do you even so to them, "
            "for this is the law and the prophets."
        ),
        "Matthew 7:12",
        (
            "all things whatsoever you would that men should do to you, do you even so to them, for "
            "this is the law and the prophets"
        ),
    ),
    (
        "Blessed are the peacemakers: for they shall be called the children of God.",
        "Matthew 5:9",
        "Blessed are the peacemakers: for they shall be called the children of God",
    ),
    (
        (
            "Blessed are the poor in spirit: for theirs is the kingdom of heaven. Blessed are they "
            "that mourn: for they shall be comforted."
        ),
        "Matthew 5:3–4",
        (
            "Blessed are the poor in spirit: for theirs is the kingdom of heaven. Blessed are they "
            "that mourn: for they shall be comforted"
        ),
    ),
    # Lincoln's second inaugural address (1865).
    (
        (
            "Woe unto the world because of offenses; for it must needs be that offenses come, but woe"
            " to that man by whom the offense cometh."
        ),
        "Matthew 18:7",
        (
            "Woe unto the world because of offenses; for it must needs be that offenses come, but woe"
            " to that man by whom the offense cometh"
        ),
    ),
    (
        (
            "Charity suffers long, and is kind; charity envies not; charity vaunts not itself, is not"
            " puffed up."
        ),
        "1 Corinthians 13:4",
        (
            "Charity suffers long, and is kind; charity envies not; charity vaunts not itself, is not"
            " puffed up"
        ),
    ),
    (
        (
            "It is easier for a camel to go through the eye of a needle, than for a rich man to enter"
            " into the kingdom of God."
        ),
        "Mark 10:25",
        (
            "It is easier for a camel to go through the eye of a needle, than for a rich man to enter"
            " into the kingdom of God"
        ),
    ),
]


@pytest.mark.parametrize(
    ("text", "citation", "words"), QUOTED, ids=[q[1] + " " + q[2][:20] for q in QUOTED]
)
def test_quotations_close_and_loose_are_found_with_their_citation_and_exact_words(
    index, text, citation, words
):
    assert _found(text, index) == [(citation, words)]


def test_a_verse_quoted_in_other_text_is_found_at_its_place(index):
    text = "Our task is plain. The Lord is my shepherd; I shall not want. So let us begin the work."
    [match] = find_references(text, prose_spans(text), index)
    assert text[match.start : match.end] == "The Lord is my shepherd; I shall not want"
    assert (match.citation, match.work.id) == ("Psalms 23:1", "kjv")
    assert match.passage == "The LORD is my shepherd; I shall not want." and 0 < match.score <= 1


def test_a_match_stays_within_its_prose_span(index):
    text = "Blessed are the peacemakers: `for they shall be called` the children of God."
    assert find_references(text, prose_spans(text), index) == []  # the code span splits it


@pytest.mark.parametrize(
    "text",
    [
        "Blessed are the peacemakers.",  # too short to be sure without a cue
        "And it came to pass that the committee met, in the name of the people, for ever and ever.",
        "I say unto you that the Lord your God is not a matter for this forum.",
        "We went down to the sea in ships, and the children of Israel crossed the land of Egypt.",
        "The people of the land shall know that the house of the Lord is a house of prayer for all.",
        "Love is patient and kind, and the light of the world shines on every nation of the earth.",
    ],
)
def test_phrases_ordinary_prose_shares_with_scripture_are_not_quotations(index, text):
    assert _found(text, index) == []


def test_plain_prose_speeches_have_no_reference_matches(index):
    for path in sorted((ROOT / "speeches").glob("*.md")) + sorted(
        (ROOT / "tests" / "fixtures" / "speeches").glob("*water*.md")
    ):
        body = path.read_text(encoding="utf-8")
        for paragraph in body.split("\n\n"):
            assert _found(paragraph, index) == [], path.name


def test_the_index_is_memoised_on_the_works(kjv, index):
    assert build_reference_index((kjv,)) is index


@pytest.mark.skipif(os.environ.get("SKIP_TIMING") == "1", reason="timings disabled")
def test_matching_is_fast_enough(index):
    paragraph = (
        "Our two countries have worked together on trade and water for many years, and the "
        "people of the land have seen the fruit of it. "
    ) * 10
    spans = prose_spans(paragraph)
    started = time.process_time()
    for _ in range(10):  # 10 x 250 words = a 2,500-word speech
        find_references(paragraph, spans, index)
    assert time.process_time() - started < 0.25  # a few ms on a typical machine; slack for CI
