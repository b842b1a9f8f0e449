"""Speed-ups of hot functions give exactly what their plain definitions give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from speech_archive.indexes.catalogue import count_words

# Letters, digits and marks of several scripts, underscores, dashes, and the odd
# whitespace str.split() knows (no-break, ideographic, separators).
TEXT = st.text(
    alphabet=st.sampled_from(list("aZé中1٣_-—*#.’²ǅ\u0301\u200b") + [" ", "\n", "\t", "\u00a0", "\u3000", "\x1c", "\x85"]),
    max_size=40,
)


def words_by_definition(body: str) -> int:
    return sum(1 for token in body.split() if any(char.isalnum() for char in token))


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_count_words_counts_tokens_holding_a_letter_or_digit(body):
    assert count_words(body) == words_by_definition(body)
