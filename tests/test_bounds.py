"""The shape of a speech body is bounded before any parser reads it (issue 15, bounded work)."""

from __future__ import annotations

import pytest

from speech_archive.load.bounds import (
    MAX_BACKTICK_RUN,
    MAX_BODY,
    MAX_LINE,
    MAX_MARKS,
    MAX_NESTING,
    MAX_OPEN,
    MAX_RUN,
    MAX_SPEECH_MARKS,
    body_bound_problems,
)


def problems(body: str) -> list[str]:
    return [str(problem) for problem in body_bound_problems(body, "speeches/a.md", 10)]


# What real speeches hold must pass: long lists, deep-ish outlines, separator rows, dot
# leaders, a whole speech on one line, quotations in quotations, URLs, other scripts.
LEGITIMATE = {
    "a long list": "".join(
        f"{n}. Item number {n}, with (parentheses) and *emphasis*.\n" for n in range(1, 3000)
    ),
    "an outline six levels deep": "".join(
        "    " * level + f"- level {level}\n" for level in range(6)
    ),
    "quotes in a list in a quote": "> - > 1. > - quoted\n",
    "separator rows": "=" * 200
    + "\n\n"
    + "-" * 200
    + "\n\n"
    + "* " * 40
    + "*\n\n"
    + "- " * 40
    + "-\n",
    "a dot leader": "Chapter one " + "." * 300 + " 1\n",
    "a speech on one line": "We met, we spoke, and we agreed (as friends do). " * 5000,
    "a transcript without blank lines": "A sentence on its own line, as pasted.\n" * 3000,
    "quotations inside quotations": "“He said, ‘They told us “never” and we said ‘always’.’”\n"
    * 50,
    "URLs with ports and queries": "See [the record](https://example.org:8443/a?b=1&c=(2)#x).\n"
    * 100,
    "other scripts and emoji": "千里之行，始于足下。 مرحبا بالعالم 🌍🙂 नमस्ते\n" * 500,
    "LaTeX quotes": "``Hello,'' he said, ``and `welcome'.''\n" * 100,
    "a code fence": "```\ncode [[[ (((\n```\n",
    "snake_case and arithmetic": "snake_case_name and 5 * 3 * 2 = 30\n" * 100,
}


@pytest.mark.parametrize("name", sorted(LEGITIMATE))
def test_what_real_speeches_hold_is_within_the_bounds(name):
    assert problems(LEGITIMATE[name]) == []


def test_nesting_is_limited_with_its_line():
    nested = "".join("    " * level + "- item\n" for level in range(MAX_NESTING + 1))
    assert problems(nested) == [
        f"speeches/a.md:{10 + MAX_NESTING}: body: nests lists, quotes or notes "
        f"{MAX_NESTING + 1} levels deep (expected at most {MAX_NESTING})"
    ]
    assert problems("> " * (MAX_NESTING + 1) + "deep")[0].startswith(
        "speeches/a.md:10: body: nests"
    )
    assert problems("- " * (MAX_NESTING + 1) + "deep")[0].startswith(
        "speeches/a.md:10: body: nests"
    )
    # Indentation alone opens no level that is not already there: it is code or continuation.
    assert problems("    " * (MAX_NESTING + 5) + "- not nested\n") == []
    # Blank lines and indentation inside a quote do not hide the levels.
    hidden = "".join(">" + "    " * level + " - item\n>\n" for level in range(MAX_NESTING + 1))
    assert "nests lists" in " ".join(problems(hidden))
    notes = "".join("    " * level + "!!! note\n" for level in range(MAX_NESTING + 1))
    assert "nests lists" in " ".join(problems(notes))


def test_open_brackets_and_emphasis_are_limited():
    for opener in ("[", "(", "*", "_", "[a](", "*a "):
        body = f"Text {opener}x " * (MAX_OPEN + 1)
        assert any("open at once" in p for p in problems(body)), opener
    # Closed ones, however many, are fine; a blank line starts afresh.
    assert problems("[a] (b) *c* _d_ " * 1000) == []
    assert problems(("[open " * MAX_OPEN + "\n\n") * 3) == []


def test_runs_of_one_markup_character_are_limited():
    assert problems("x " + "=" * (MAX_RUN + 1)) == [
        f"speeches/a.md:10: body: repeats '=' {MAX_RUN + 1:,} times in a row "
        f"(expected at most {MAX_RUN:,}: shorten the run, or escape it)"
    ]
    assert "repeats '`'" in problems("x\n\n" + "`" * (MAX_BACKTICK_RUN + 1))[0]
    assert problems("line 1\n\n" + "." * MAX_RUN) == []


def test_line_paragraph_and_markup_counts_are_limited():
    assert problems("x" * (MAX_LINE + 1)) == [
        f"speeches/a.md:10: body: has a line of {MAX_LINE + 1:,} characters (expected at most "
        f"{MAX_LINE:,}: put a blank line between paragraphs)"
    ]
    long_paragraph = ("y" * 1000 + "\n") * (MAX_LINE // 1000 + 1)
    assert problems("first\n\n" + long_paragraph)[0].startswith(
        "speeches/a.md:12: body: has a paragraph of more than"
    )
    marks = problems("\n\n" + "*a* " * (MAX_MARKS // 2))
    assert marks and marks[0].startswith("speeches/a.md:12: body: has a paragraph with more than")


def test_a_speech_longer_than_the_limit_is_refused_before_anything_else():
    assert problems("word " * (MAX_BODY // 5 + 1)) == [
        f"speeches/a.md:10: body: has {MAX_BODY + 5:,} characters (expected at most "
        f"{MAX_BODY:,} in a speech: split a longer text into several speeches)"
    ]


def test_markup_and_paragraphs_of_a_whole_speech_are_limited():
    # Each paragraph within its own limits; together beyond the speech's.
    body = "\n\n".join(["*a* [b](c) `d` &amp;"] * (MAX_SPEECH_MARKS // 7 + 1))
    found = problems(body)
    assert len(found) == 1 and "markup characters and paragraphs by this line" in found[0]
    assert problems("\n\n".join(["Yes."] * (MAX_SPEECH_MARKS - 1))) == []
