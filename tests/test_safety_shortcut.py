"""The shortcut that skips rendering plain-prose bodies never skips something the full check rejects."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from speech_archive.load.speech_rules import footnote_problems
from speech_archive.load.untrusted import check_rendered_body, check_speech_body, may_hold_markup

# Markdown's building blocks, minus '<' and '{' (which always take the full check).
PIECES = [
    "a",
    "word ",
    " ",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "#",
    "# ",
    "=",
    "-",
    "---",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    "!",
    "!!! note ",
    "??? ",
    "[",
    "]",
    "(",
    ")",
    "^",
    "&",
    "&#106;",
    ";",
    ":",
    '"',
    "'",
    ">",
    "|",
    ".",
    "1. ",
    "- ",
    "__config",
    "javascript:",
    "http://example.org",
    "*[AB]",
    "[^1]",
    "[^1]: ",
    "[^a b]:",
    "[x]: ",
    "[^",
    "x@y.org",
    "\\",
]


@pytest.mark.slow  # 1,500 bodies, each rendered by the full check
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_a_skipped_body_has_nothing_the_full_check_rejects(body):
    assume(not may_hold_markup(body))
    assume(not footnote_problems(body, 10, "speeches/x.md"))  # refused first, never rendered
    assert check_rendered_body(body, "speeches/x.md", 10) == []


@pytest.mark.parametrize(
    "body",
    [
        "Hello <script>alert(1)</script>",
        "A [link](javascript:alert(1)).",
        "A [link]\n(javascript:alert(1)).",
        "A [link][ref].\n\n[ref]: javascript:alert(1)",
        'Text.\n{: onclick="x" }',
        "# __config",
        "__config\n========",
        "__config\n---",
        "[^1]: A note [with a link](javascript:alert(1)).",
        "A note.[^1]\n\n[^1]: See [the source][s].\n\n[s]: javascript:alert(1)",
        "*[AB]: a definition",
        # Headings inside a list, a quote or a footnote get ids too (found by the property below).
        "1. #__config",
        "> #__config",
        "[^1]: #__config",
        "> __config\n> ---",
        "[^1]: __config\n    ---",
    ],
)
def test_markup_a_body_may_hold_takes_the_full_check(body):
    assert may_hold_markup(body)


@pytest.mark.parametrize(
    "body",
    [
        "# __config",
        "__config\n========",
        "Hello <b>x</b>",
        "[x](javascript:y)",
        "1. #__config",
        "> __config\n> ---",
    ],
)
def test_the_shortcut_keeps_rejections(body):
    assert (
        check_speech_body(body, "speeches/x.md", 10)
        == check_rendered_body(body, "speeches/x.md", 10)
        != []
    )


@pytest.mark.parametrize(
    "body",
    ["Plain prose.\nDear friends,", "Note.[^1]\n\n[^1]: As delivered.", "A (CICA) and [brackets]."],
)
def test_plain_prose_and_footnotes_skip_the_renders(body):
    assert not may_hold_markup(body)
    assert check_rendered_body(body, "speeches/x.md", 10) == []


# The shortcut's definition as one pattern; may_hold_markup runs its parts only where they can match.
MARKUP_DEFINITION = re.compile(
    r"[<{#]|\][ \t]*\n?[ \t]*[(\[]|\[(?!\^)[^\[\]]*\]:|^[ \t>]*(?:=+|-+)[ \t]*$",
    re.MULTILINE,
)


@pytest.mark.slow  # 2,000 bodies
@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.sampled_from([*PIECES, "<", "{", "==", "  -", "   =", "    -", "\n-", "\n ="]),
        max_size=30,
    ).map("".join)
)
def test_may_hold_markup_is_its_definition(body):
    assert may_hold_markup(body) == (MARKUP_DEFINITION.search(body) is not None)
