"""The loader's checks for an unfinished speech body (load/unfinished.py), as plain strings.

The messages themselves are tested as `check` and the build print them in tests/bad_inputs/
(body-unfinished-*, body-furniture-*); here: what counts as unfinished, and what does not.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path

import pytest

from speech_archive.load.unfinished import (
    ACCEPTABLE,
    PAGE_FURNITURE,
    SHORT_BODY,
    unfinished_problems,
)

ROOT = Path(__file__).resolve().parents[1]


def _lines(body: str, accepted: Collection[str] = ()) -> list[int]:
    return [problem.line for problem in unfinished_problems(body, 10, "s.md", accepted)]


@pytest.mark.parametrize(
    "body",
    [
        "\nWords.\n",  # a one-word sentence is a sentence
        "\nThe IXC met.\n",
        "\n我们要合作。\n",  # a sentence in a script without spaces
        "\nLadies and gentlemen, dear friends, thank you all\n",  # five words
        "\nLet me share this with you: peace is possible.\n",
        "\nWe must print more books, and email fewer memos.\n",
        "\nRelated to this, we agreed on three points.\n",
        "\nOur copyright law protects every author.\n",  # copyright mid-sentence
        "\nCopyright protects every author in this land.\n",  # a sentence, not a footer
        "\nChildren love cookies, and so do I.\n",  # cookies, but no notice
        "\nPublished in 1990 by the state press, the report changed minds.\n",
        "\nSee [the report](https://example.org/report) for details.\n",
        "\nHere is the message they sent us:\n\n```\nShare this: Facebook | Twitter\nhttps://example.org\n```\n",
    ],
)
def test_finished_speech_text_passes(body):
    assert _lines(body) == []


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("", [9]),  # the closing '---' line
        ("\n\n   \n", [9]),
        ("\nTBD\n", [11]),
        ("\nLorem ipsum dolor sit amet\n", [11]),
        ("\nText goes here\n", [11]),
        ("\nSpeech to follow\n", [11]),
        ("\nA speech.\n\nFacebook Twitter Email\n", [13]),
        ("\nA speech.\n\n* Share on Facebook\n* Share on X\n", [13, 14]),
        ("\nA speech.\n\nBack to top\n", [13]),
        ("\nA speech.\n\n© 2021 The Government. All rights reserved\n", [13]),
        ("\nA speech.\n\nAll rights reserved.\n", [13]),
        ("\nA speech.\n\nWe use cookies on this site. Accept\n", [13]),
        ("\nA speech.\n\n<https://example.org/speech>\n", [13]),
        ("\nA speech.\n\nwww.example.org\n", [13]),
        ("\nA speech.\n\nYou may also like:\n", [13]),
        ("\nA speech.\n\nTags: security, Asia\n", [13]),
        ("\nA speech.\n\nLast updated: 26 February 2021\n", [13]),
        ("\nA speech.\n\nUpdated 21 May 2014 10:32\n", [13]),
        ("\nSkip to main content\n\nA speech.\n", [11]),
        ("\nA speech.\n\nPage 3 of 12\n", [13]),
    ],
)
def test_unfinished_body_is_reported_on_its_line(body, lines):
    assert _lines(body) == lines


def test_accept_lets_a_deliberate_exception_through():
    assert _lines("\nCheers\n") == [11]
    assert _lines("\nCheers\n", {SHORT_BODY}) == []
    furniture = "\nA speech.\n\nPrint\n\nhttps://example.org/\n"
    assert _lines(furniture) == [13, 15]
    assert _lines(furniture, {PAGE_FURNITURE}) == []
    # Neither turns off the other, and nothing accepts the placeholder or an empty body.
    assert _lines("\nCheers\n", {PAGE_FURNITURE}) == [11]
    assert _lines("", set(ACCEPTABLE)) == [9]
    assert _lines("\nTODO\n", set(ACCEPTABLE)) == [11]


def test_the_schemas_accept_what_the_loader_knows():
    for schema in (
        ROOT / "speeches" / "speech.schema.json",
        ROOT / "src" / "speech_archive" / "starter" / "speeches" / "speech.schema.json",
    ):
        accept = json.loads(schema.read_text(encoding="utf-8"))["properties"]["accept"]
        assert accept["items"]["enum"] == ["short-body", "page-furniture"]
    assert ACCEPTABLE == ("short-body", "page-furniture")
