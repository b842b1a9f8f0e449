"""Property tests of the annotation passes: for any speech text the archive accepts,
the passes only add, and no input drives them into a crash or a runaway regex.

"Only add" is checked where it matters, on the rendered HTML: the annotated body and
the original body are both rendered as on a speech page (Python-Markdown with the
site's extensions, inside the page's wrapper); removing what the passes add
(paragraph numbers, saying callouts, footnote references and definitions) and
unwrapping what they wrap (abbreviations, highlighted sayings) must give back the
original's words in order.
"""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, annotation_free_words
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from speech_archive.build import ANNOTATION_PASSES, annotate_speech
from speech_archive.load.archive import load_archive
from speech_archive.load.speech_rules import footnote_problems
from speech_archive.load.untrusted import PAGE_WRAPPER, SITE_EXTENSIONS, check_speech_body
from speech_archive.model import Archive, Speech

ARCHIVE: Archive = load_archive(
    ROOT
)  # the real vocabularies: their terms and sayings drive the passes

_SCRIPTS = [
    "peace",
    "Asia",
    "security",
    "和而不同",
    "亲仁善邻",
    "السلام",
    "мир",
    "शांति",
    "εἰρήνη",
    "שלום",
    "平和",
    "평화",
    "Türkiye",
    "naïve",
    "façade",
    "ǂKhomani",
    "🌏",
]
_QUOTES = ['"', "“", "”", "'", "‘", "’", "«", "»", "„"]
_CUES = [
    "as the saying goes,",
    "as an old Chinese saying goes,",
    "as a Kazakh proverb says,",
    "as we say in China,",
    "the proverb says",
    "says the saying.",
]
_MARKDOWN = [
    "*",
    "_",
    "**",
    "*emphasis*",
    "**strong**",
    "#",
    "-",
    "+",
    ">",
    "!",
    "[",
    "]",
    "(",
    ")",
    "|",
    "~",
    "^",
    "=",
    ":",
    "\\",
    "&amp;",
    "&mdash;",
    "1.",
    "---",
    "***",
    "[x]",
    "(y)",
    "[a link](https://example.org/page)",
    "![an image](img/a.png)",
    "<https://example.org>",
    "`code`",
    "`x <b>y</b>`",
    "`[^1]`",
    "``a ` b``",
    "`CICA`",
    '``as the saying goes, "x"``',
]
_VOCABULARY = (
    [t.term for t in ARCHIVE.glossary]
    + [t.abbreviation for t in ARCHIVE.glossary if t.abbreviation]
    + [alias for t in ARCHIVE.glossary for alias in t.aliases]
    + [s.text for s in ARCHIVE.sayings]
)
_FREE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<{"),
    max_size=12,
)

TOKENS = st.one_of(
    st.sampled_from(_SCRIPTS),
    st.sampled_from(_QUOTES),
    st.sampled_from(_CUES),
    st.sampled_from(_MARKDOWN),
    st.sampled_from(_VOCABULARY),
    st.just("[^1]"),
    _FREE_TEXT,
)
PARAGRAPH = st.lists(TOKENS, min_size=1, max_size=30).map(" ".join)
BODY = st.lists(PARAGRAPH, min_size=1, max_size=6).map(lambda paragraphs: "\n\n".join(paragraphs))


def speech_with(body: str) -> Speech:
    if "[^1]" in body:
        body += "\n\n[^1]: The speech's own note."
    return Speech(
        slug="2001-01-01-a-speech",
        path="speeches/2001-01-01-a-speech.md",
        title="A speech",
        date=dt.date(2001, 1, 1),
        speaker="A speaker",
        venue="A city, A country",
        themes=(next(iter(ARCHIVE.themes)),),
        body=body,
        body_line=10,
    )


def accepted(speech: Speech) -> bool:
    """What the loader lets through to the passes: the domain of the property."""
    return not check_speech_body(speech.body, speech.path, 10) and not footnote_problems(
        speech.body, 10, speech.path
    )


def page_words(markdown_text: str) -> list[str]:
    """The words a reader sees, with what the passes add removed and what they wrap unwrapped."""
    page = f"{PAGE_WRAPPER[0]}\n\n{markdown_text}\n\n{PAGE_WRAPPER[1]}\n"
    tree = BeautifulSoup(markdown.markdown(page, extensions=list(SITE_EXTENSIONS)), "html.parser")
    return annotation_free_words(tree)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(BODY)
def test_annotation_only_adds_to_the_words(body):
    speech = speech_with(body)
    assume(accepted(speech))
    annotated = annotate_speech(speech, ARCHIVE)
    assert page_words(annotated.markdown) == page_words(speech.body)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(BODY)
def test_every_pass_returns_blocks_and_findings_for_any_text(body):
    # Each pass alone, on the blocks as split: none may raise, whatever the text.
    from speech_archive.annotate.blocks import split_blocks

    speech = speech_with(body)
    for annotation_pass in ANNOTATION_PASSES:
        blocks, findings = annotation_pass(split_blocks(speech.body), speech, ARCHIVE)
        assert isinstance(findings, dict)
        assert all(block.text is not None for block in blocks)


_LONG = 100_000
# Shapes that send a backtracking regex into exponential or quadratic time: an unclosed
# quotation, a run of openers, a cue with no quotation, nested brackets, unclosed code.
PATHOLOGICAL = {
    "unclosed straight quotation": 'As the saying goes, "' + "peace and security " * (_LONG // 19),
    "unclosed curly quotation": "As an old saying goes, “" + "word " * (_LONG // 5),
    "only quotation marks": '"“‘' * (_LONG // 3),
    "only opening brackets": "[" * _LONG,
    "nested brackets": "[(" * (_LONG // 2),
    "unclosed code span": "`" + "x " * (_LONG // 2),
    "cues without quotations": "as the saying goes, " * (_LONG // 20),
    "one very long word": "a" * _LONG,
    "glossary words without end": "Asian " * (_LONG // 6),
    "asterisks and underscores": "word *_" * (_LONG // 7),
}


@pytest.mark.parametrize("shape", PATHOLOGICAL)
def test_long_pathological_text_is_annotated(shape):
    # No time limit here (timed tests are flaky on shared machines): a pass with
    # catastrophic backtracking would not finish on 100,000 characters at all.
    speech = speech_with(PATHOLOGICAL[shape])
    annotated = annotate_speech(speech, ARCHIVE)
    assert annotated.findings["paragraphs"] >= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smile 0}", "Smile 0\\}"),  # found by the property above: rendered '} 0' before
        ("already \\} escaped", "already \\} escaped"),
        ("code `a}` stays", "code `a}` stays"),
        ("own list\n{ lang=ar }", "own list\n{ lang=ar }"),
        ("two } lines\nand } more", "two \\} lines\nand \\} more"),
        # The first line's own list, with a line after it: its '}' closes the '{'.
        ('*word*{ title="&lt;b&gt;" }\nnext', '*word*{ title="&lt;b&gt;" }\nnext'),
        ("first }\n{ second }", "first \\}\n{ second }"),
    ],
)
def test_lone_closing_braces_are_escaped_in_prose_only(text, expected):
    from speech_archive.annotate.paragraphs import escape_lone_closing_braces

    assert escape_lone_closing_braces(text) == expected
