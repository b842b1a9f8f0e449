"""What a PDF-to-text copy adds to a speech: words split across line ends, running heads.

A PDF's text (pdftotext, an OCR'd scan's full text) keeps the printed lines: a word the
typesetter broke at a line end comes out as two pieces ('interna-' / 'tional'), and each page
may carry a running head with its page number ('4  FOURTH  OF  JULY  ORATION.'). Neither is
the speaker's: the pieces are joined and the heads left out, and both are reported, line by
line, so a contributor can check every change made to the text.

The lines themselves stay as printed (the importer never unwraps a hard-wrapped paragraph, as
with the Congressional Record): a joined word ends the first line, and its second piece leaves
the next one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

HEAD_WORDS = 10  # a running head is short: a title, a name, a section
_PAGE_DIGITS = 4
# The letters a word's second piece starts with; digits and '_' are not letters.
_LETTERS = re.compile(r"[^\W\d_]+")
_EDGE_PUNCTUATION = "\"'“”‘’()[]{}.,;:!?*_"


@dataclass(frozen=True)
class Join:
    """A word split at a line end, made whole (or put on one line with its hyphen kept)."""

    line: int  # 1-based line of the first piece
    first: str  # the piece before the line end, with its hyphen: 'interna-'
    second: str  # the piece after it: 'tional'
    word: str  # what the text now has: 'international', or 'well-known' when kept
    hyphen_kept: bool  # the text writes the hyphenated form elsewhere, never the joined one

    def message(self) -> str:
        if self.hyphen_kept:
            return (
                f"kept '{self.word}' whole on one line ('{self.first}' + '{self.second}': the "
                "text writes it with its hyphen elsewhere)"
            )
        return (
            f"joined '{self.first}' + '{self.second}' into '{self.word}' "
            "(a word split at the line end)"
        )


def _words(text: str) -> set[str]:
    """The text's words, lower case, without the punctuation around them."""
    return {token.strip(_EDGE_PUNCTUATION).lower() for token in text.split()}


def _split_word(line: str, following: str) -> tuple[str, str] | None:
    """(first piece with its hyphen, second piece) when ``line`` ends with a letter and a
    hyphen and ``following`` starts with a lower-case letter: 'interna-' / 'tional ...'.
    A dash ('--', '—'), a lone hyphen, or a next line opening with a capital or a digit
    ('Franco-' / 'Prussian', 'pre-' / '1914') is never a split word."""
    if len(line) < 2 or line[-1] != "-" or not line[-2].isalpha():
        return None
    following = following.lstrip()
    if not following or not following[0].islower():
        return None
    first = line.split()[-1].lstrip(_EDGE_PUNCTUATION)
    second = _LETTERS.match(following)
    if not first[:-1] or second is None:
        return None
    return first, second.group(0)


def join_split_words(lines: list[str], first_line: int = 1) -> tuple[list[str], list[Join]]:
    """``lines`` with each word split across a line end made whole, and the joins made.

    The hyphen goes when the word is split (the typesetter's), and stays when the text writes
    the hyphenated form elsewhere and never the joined one ('well-' / 'known' -> 'well-known').
    The second piece moves up to the first line, with the punctuation after it; a line it
    leaves empty goes, so no paragraph break is made. ``first_line`` is the line number of
    ``lines[0]``, for the report.
    """
    words = _words("\n".join(lines))
    out: list[str | None] = list(lines)
    joins: list[Join] = []
    for index in range(len(lines) - 1):
        line, following = out[index], out[index + 1]
        if not line or not following:
            continue
        split = _split_word(line, following)
        if split is None:
            continue
        first, second = split
        stem = first[:-1]
        hyphenated, joined = f"{stem}-{second}".lower(), f"{stem}{second}".lower()
        keep = hyphenated in words and joined not in words
        token = following.split()[0]  # the piece and the punctuation after it
        rest = following.lstrip()[len(token) :].lstrip()
        out[index] = (line if keep else line[:-1]) + token
        out[index + 1] = rest or None
        word = f"{stem}-{second}" if keep else f"{stem}{second}"
        joins.append(Join(first_line + index, first, second, word, keep))
    return [line for line in out if line is not None], joins


def _stands_alone(lines: list[str], index: int) -> bool:
    return (index == 0 or not lines[index - 1].strip()) and (
        index + 1 == len(lines) or not lines[index + 1].strip()
    )


def _head_words(line: str) -> str | None:
    """The words of a line that is a page number and a few words, either way round
    ('4  FOURTH  OF  JULY  ORATION.', 'Administration of George Bush  113'), normalised
    for comparison; None for any other line."""
    tokens = line.split()
    if not 2 <= len(tokens) <= HEAD_WORDS + 1:
        return None
    if tokens[0].isdigit() and len(tokens[0]) <= _PAGE_DIGITS:
        words = tokens[1:]
    elif tokens[-1].isdigit() and len(tokens[-1]) <= _PAGE_DIGITS:
        words = tokens[:-1]
    else:
        return None
    text = " ".join(words).rstrip(".").lower()
    return text if any(character.isalpha() for character in text) else None


def set_aside_running_heads(
    lines: list[str], start: int, unused: list[tuple[int, str]]
) -> list[str]:
    """``lines`` with the running heads after ``start`` blanked, each listed in ``unused``.

    A running head stands alone (blank lines around it, as a PDF copy leaves a page's top
    and foot) and is a page number with words the document also has elsewhere as a line of
    their own: its title on the cover, or the same head on another page. A line of the
    speech that happens to hold a number and a few words is not repeated like that.
    """
    as_lines = Counter(" ".join(line.split()).rstrip(".").lower() for line in lines)
    heads = {index: _head_words(line) for index, line in enumerate(lines) if line.strip()}
    as_heads = Counter(words for words in heads.values() if words)
    kept = list(lines)
    for index in range(start, len(lines)):
        words = heads.get(index)
        if not words or not _stands_alone(lines, index):
            continue
        if as_lines[words] + as_heads[words] > 1:  # this head is one of them
            unused.append((index + 1, lines[index]))
            kept[index] = ""
    return kept
