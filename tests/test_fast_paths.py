"""Speed-ups of hot functions give exactly what their plain definitions give."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.blockprocessors import ReferenceProcessor

from speech_archive.annotate.blocks import _PROTECTED, prose_spans
from speech_archive.annotate.glossary import _WORD as _GLOSSARY_WORD
from speech_archive.annotate.glossary import compile_matcher
from speech_archive.annotate.saying_catalogue import _normal_words_in, tokenize
from speech_archive.model import Archive, GlossaryTerm, Speech, Theme
from speech_archive.pages.listing import speech_list_item
from speech_archive.pages.speech import HTML_META_KEYS, page_front_matter
from speech_archive.text import count_words

# Letters, digits and marks of several scripts, underscores, dashes, and the odd
# whitespace str.split() knows (no-break, ideographic, separators).
TEXT = st.text(
    alphabet=st.sampled_from(
        [*"aZé中1٣_-—*#.’²ǅ\u0301\u200b", " ", "\n", "\t", "\u00a0", "\u3000", "\x1c", "\x85"]
    ),
    max_size=40,
)


def words_by_definition(body: str) -> int:
    return sum(1 for token in body.split() if any(char.isalnum() for char in token))


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_count_words_counts_tokens_holding_a_letter_or_digit(body):
    assert count_words(body) == words_by_definition(body)


# The plain definition: code spans where Python-Markdown's BACKTICK_RE finds them in the
# whole paragraph (a run of backticks not after a backslash, closed by a run of as many;
# DOTALL, as its inline patterns are compiled); then, left to right, a code span where one
# starts, else any other protected region; and never a line Python-Markdown reads as a
# reference definition.
BACKTICK_SPAN = re.compile(r"(?<!\\)(`+)(?s:.+?)(?<!`)\1(?!`)")


def spans_by_pattern(text: str) -> list[tuple[int, int]]:
    code = {match.start(): match.end() for match in BACKTICK_SPAN.finditer(text)}
    spans, position, index = [], 0, 0
    while index < len(text):
        match = None if text[index] == "`" else _PROTECTED.match(text, index)
        end = code.get(index) or (match.end() if match else None)
        if end is None:
            index += 1
            continue
        if index > position:
            spans.append((position, index))
        position = index = end
    if position < len(text):
        spans.append((position, len(text)))
    prose = [False] * len(text)
    for start, end in spans:
        prose[start:end] = [True] * (end - start)
    for definition in ReferenceProcessor.RE.finditer(text):
        prose[definition.start() : definition.end()] = [False] * len(definition.group(0))
    runs, start = [], None
    for index, is_prose in enumerate([*prose, False]):
        if is_prose and start is None:
            start = index
        elif not is_prose and start is not None:
            runs.append((start, index))
            start = None
    return runs


MARKDOWN = st.lists(
    st.sampled_from(
        [
            "word ",
            "`code`",
            "``a`b``",
            "[a](b)",
            "![i](s)",
            "[r][x]",
            "[^1]",
            "<b>",
            "</b>",
            "&amp;",
            "&#1;",
            "{ #id }",
            "{: .c}",
            "https://x.org/a",
            "ftp://f",
            "www.x.org",
            "<https://y>",
            "<mailto:a@b>",
            "xhttp://a",
            "h",
            "w",
            "f",
            ":",
            "/",
            ".",
            " ",
            "\n",
            "`",
            "[",
            "]",
            "(",
            ")",
            "!",
            "<",
            ">",
            "{",
            "}",
            "&",
            ";",
            "#",
            '"',
        ]
    ),
    max_size=25,
).map("".join)


@pytest.mark.slow  # 2,000 examples
@settings(max_examples=2000, deadline=None)
@given(MARKDOWN)
def test_prose_spans_shortcut_agrees_with_the_pattern(text):
    assert prose_spans(text) == spans_by_pattern(text)


WORDY = st.lists(
    st.sampled_from(
        [
            "Peace",
            "don't",
            "rock'n'roll",
            "a''b",
            "x_y",
            "'quoted'",
            "ÉCOLE",
            "naïve",
            "co-op",
            "42",
            "Über",
            "’tis",
            "l’été",
            " ",
            ",",
            ".",
            "\n",
            "''",
            "'",
            "_",
            "A1b2",
        ]
    ),
    max_size=20,
).map("".join)


@pytest.mark.slow  # 1,000 examples
@settings(max_examples=1000, deadline=None)
@given(WORDY)
def test_normal_words_in_ascii_shortcut_agrees_with_tokenize(text):
    assert _normal_words_in(text, 0, len(text)) == [token.word for token in tokenize(text)]


GLOSSARY = (
    GlossaryTerm(
        "Conference on Interaction and Confidence-Building Measures in Asia", "A forum.", "CICA"
    ),
    GlossaryTerm("Five Principles of Peaceful Coexistence", "Principles.", aliases=("Panchsheel",)),
    GlossaryTerm("Silk Road Economic Belt", "A plan."),
    GlossaryTerm("Silk Road", "A route."),
    GlossaryTerm("İstanbul Process", "A process."),
    GlossaryTerm("League of Arab States", "A league.", "LAS"),
)
PROSE = st.lists(
    st.sampled_from(
        [
            "Silk Road",
            "silk road economic belt",
            "SILK",
            "CICA's",
            "cica",
            "LAS",
            "last",
            "Five",
            "Principles of Peaceful Coexistence",
            "Panchsheel",
            "İstanbul Process",
            "istanbul",
            "x",
            " ",
            "-",
            "\n",
            ",",
            "League of Arab States",
            "Confidence-Building",
            "_",
            "ǅ",
            "é",
        ]
    ),
    max_size=25,
).map("".join)


def mentions_word_by_word(matcher, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The matcher's search as first written: every word tried in Python."""
    found, resume = [], start
    for word in _GLOSSARY_WORD.finditer(text, start, end):
        if word.start() < resume:
            continue
        pattern = matcher.by_first_word.get(word.group().lower())
        match = pattern.match(text, word.start(), end) if pattern else None
        if match:
            resume = match.end()
            found.append((match.start(), match.end(), match.group()))
    return found


@pytest.mark.slow  # 1,000 examples
@settings(max_examples=1000, deadline=None)
@given(PROSE, st.integers(0, 3), st.integers(0, 3))
def test_glossary_mentions_found_by_one_pattern_are_those_found_word_by_word(
    text, cut_start, cut_end
):
    matcher = compile_matcher(GLOSSARY)
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    found = [(m.start(), m.end(), m.group()) for m in matcher.finditer(text, start, end)]
    assert found == mentions_word_by_word(matcher, text, start, end)


@pytest.mark.slow  # 1,000 examples
@settings(max_examples=1000, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "description", "search"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    )
)
def test_page_front_matter_reads_back_as_written(meta):
    text = page_front_matter(meta)
    assert text.startswith("---\n") and text.endswith("---\n\n")
    expected = {
        key: html.escape(value) if key in HTML_META_KEYS else value for key, value in meta.items()
    }
    assert (yaml.safe_load(text[4:-5]) or {}) == expected


def test_list_items_are_remembered_only_under_the_speech_and_vocabulary_hashes():
    speech = Speech(
        slug="2001-01-01-a",
        path="speeches/2001-01-01-a.md",
        title="A",
        date=dt.date(2001, 1, 1),
        speaker="S",
        venue="Rome, Italy",
        themes=("peace",),
        body="x",
        body_line=8,
        content_hash="speech-v1",
    )
    first = Archive(
        (speech,), {"peace": Theme("peace", "Peace", "d")}, vocabulary_hash="vocabulary-v1"
    )
    renamed = Archive(
        (speech,),
        {"peace": Theme("peace", "Peace and Quiet", "d")},
        vocabulary_hash="vocabulary-v2",
    )
    assert "[Peace](" in speech_list_item(speech, first, "themes/index.md")
    assert "[Peace and Quiet](" in speech_list_item(speech, renamed, "themes/index.md")
    assert "(../speeches/" in speech_list_item(speech, first, "themes/peace.md")
    assert "(2001-01-01-a.md)" in speech_list_item(
        speech, first, "speeches/index.md"
    )  # another folder
    unhashed = replace(speech, content_hash="")  # built by hand: never remembered
    other = Archive((unhashed,), {"peace": Theme("peace", "War", "d")})
    assert "[War](" in speech_list_item(unhashed, other, "themes/index.md")
