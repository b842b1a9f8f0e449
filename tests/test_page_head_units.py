"""The page head's pure parts: a speech's description, citation values, section and edit URL."""

from __future__ import annotations

import pytest

from speech_archive.pages.head import first_sentence
from speech_archive.urls import section_of, source_edit_url


@pytest.mark.parametrize(
    ("body", "sentence"),
    [
        ("One sentence. Another.", "One sentence."),
        # Salutations (no sentence end) are skipped for the first paragraph that has one.
        ("Dear friends,\nDear colleagues,\n\nWe meet today. Then more.", "We meet today."),
        ("Is it so? Yes.", "Is it so?"),
        ("He said “Go home.” Then left.", "He said “Go home.”"),
        ("Population grew 2.5 per cent. Then fell.", "Population grew 2.5 per cent."),
        # Marks and notes are not words; entities are characters.
        ("*Peace*[^1] &amp; [order](https://example.org). Next.", "Peace & order."),
        ("No end at all", "No end at all"),
        ("", ""),
        ("短句。第二句。", "短句。"),
    ],
)
def test_first_sentence(body, sentence):
    assert first_sentence(body) == sentence


def test_first_sentence_is_cut_at_a_word_when_too_long():
    assert first_sentence("word " * 100 + "end.", limit=22) == "word word word word …"


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("speeches/2014-05-21-x.md", "speeches/index.md"),
        ("years/2014.md", "speeches/index.md"),
        ("themes/peace.md", "themes/index.md"),
        ("venues/index.md", "venues/index.md"),
        ("index.md", None),
        ("about.md", None),
        ("glossary/index.md", None),
    ],
)
def test_section_of(path, section):
    assert section_of(path) == section


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "docs", "url"),
    [
        ("https://github.com/o/r", "edit/main/docs/", "docs", "https://github.com/o/r/edit/main/speeches/x.md"),
        ("https://github.com/o/r/", "blob/main/site/docs/", "docs", "https://github.com/o/r/blob/main/site/speeches/x.md"),
        ("https://github.com/o/r", "edit/main/docs", "docs", "https://github.com/o/r/edit/main/speeches/x.md"),
        (None, "https://git.example/o/r/edit/main/docs/", "docs", "https://git.example/o/r/edit/main/speeches/x.md"),
        ("https://github.com/o/r", "edit/main/pages/", "docs", None),  # not the docs folder
        ("https://github.com/o/r", "", "docs", None),
        ("https://github.com/o/r", "?path=docs/", "docs", None),
        (None, "edit/main/docs/", "docs", None),  # relative, and no repository to join
    ],
)  # fmt: skip
def test_source_edit_url(repo_url, edit_uri, docs, url):
    assert source_edit_url(repo_url, edit_uri, docs, "speeches/x.md") == url
