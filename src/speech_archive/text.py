"""Small text helpers shared by the passes and the indexes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from itertools import filterfalse

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, for file names: 'Six-Party Talks' -> 'six-party-talks'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


_NOT_WORD = re.compile(r"[\W_]+")


def anchor_id(text: str) -> str:
    """A readable, stable id for anchors and keys, in any script: 'Café' -> 'cafe', '千里之行' -> '千里之行'.

    Latin text gives what slugify gives; other scripts keep their letters, where an ASCII
    slug would reduce every Chinese or Arabic saying, term or venue to the same id.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub("-", unicodedata.normalize("NFC", letters).lower()).strip("-") or "x"


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: what str.isalnum accepts


def count_words(body: str) -> int:
    """Whitespace-separated words holding a letter or digit: Markdown marks and dashes alone do not count."""
    tokens = body.split()
    # isalnum() settles most tokens in C; only those with punctuation need the search.
    return len(tokens) - sum(
        1 for token in filterfalse(str.isalnum, tokens) if not _ALNUM.search(token)
    )


def human_date(day: dt.date) -> str:
    """'21 May 2014': unambiguous for readers everywhere, and independent of the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
