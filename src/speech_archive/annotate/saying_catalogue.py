"""Find catalogued sayings in prose, tolerating small differences of wording.

Each wording (a saying's text and its variants) is indexed by its rarest words,
so a paragraph only pays for the few entries whose rare words it contains; those
few are then compared word by word around the hit, in a bounded window.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice

from ..model import CatalogueSaying

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_KEYS_PER_WORDING = 3
_MIN_RATIO = 0.85  # share of matching letters (difflib ratio) for a match
_SLACK = 2  # words a quoted wording may have more or fewer than the catalogue's
# Words too common to say anything about which saying is meant.
_STOPWORDS = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been it its this that "
    "these those his her their our your my he she they we you i not no do does did so if than then "
    "will shall would should can could may might must who whom which what when where there here all".split()
)


@dataclass(frozen=True)
class Token:
    word: str  # normalised: case-folded, accents and apostrophes removed
    start: int
    end: int


@dataclass(frozen=True)
class CatalogueMatch:
    saying: CatalogueSaying
    start: int  # character range of the matched words in the text
    end: int
    score: float


@lru_cache(maxsize=65536)  # a pure function of the word; speeches reuse their words
def normal_word(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [
        Token(normal_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text, start, end)
    ]


def normal_words(text: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokenize(text))


@dataclass(frozen=True)
class CatalogueIndex:
    wordings: tuple[tuple[CatalogueSaying, tuple[str, ...]], ...]
    key_counts: tuple[int, ...]  # how many index keys each wording has
    keys: dict  # normalised word -> [(wording index, position of the word in the wording)]


def _rarest_words(words: tuple[str, ...], frequency: Counter) -> list[tuple[int, str]]:
    content = [
        (frequency[w], -len(w), pos, w) for pos, w in enumerate(words) if w not in _STOPWORDS
    ]
    if not content and words:
        content = [(0, 0, 0, words[0])]
    picked: list[tuple[int, str]] = []
    seen: set[str] = set()
    for _, _, pos, word in sorted(content):
        if word not in seen and len(picked) < _KEYS_PER_WORDING:
            picked.append((pos, word))
            seen.add(word)
    return picked


@lru_cache(maxsize=8)  # keyed by the catalogue's content, so a changed catalogue gets a new index
def build_catalogue_index(sayings: tuple[CatalogueSaying, ...]) -> CatalogueIndex:
    wordings = tuple(
        (saying, normal_words(text))
        for saying in sayings
        for text in (saying.text, *saying.variants)
    )
    frequency = Counter(word for _, words in wordings for word in set(words))
    keys: dict[str, list[tuple[int, int]]] = defaultdict(list)
    counts = []
    for index, (_, words) in enumerate(wordings):
        rarest = _rarest_words(words, frequency)
        counts.append(len(rarest))
        for pos, word in rarest:
            keys[word].append((index, pos))
    return CatalogueIndex(wordings, tuple(counts), dict(keys))


def _may_reach(upper_bound: float, best: float, needed: float) -> bool:
    return upper_bound > best and upper_bound >= needed


def _best_window(
    wording: tuple[str, ...], words: list[str], around: int, needed: float = 0.0
) -> tuple[float, int, int]:
    """Best (ratio, first, last+1) window of ``words`` near the aligned start ``around``.

    Letters are compared, not whole words, so 'neighbours' still matches 'neighbors'.
    Windows that cannot reach ``needed`` are not compared: when the best one reaches
    it, it is the same window; when none does, the caller rejects the result anyway.
    """
    size = len(wording)
    if 0 <= around and words[around : around + size] == list(wording):
        return (
            1.0,
            around,
            around + size,
        )  # verbatim where aligned: what the search below finds first
    best = (0.0, 0, 0)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(" ".join(wording))
    # The aligned window first: a verbatim quotation then ends the search at once.
    starts = sorted(
        range(max(0, around - _SLACK), min(len(words), around + _SLACK + 1)),
        key=lambda f: abs(f - around),
    )
    lengths = sorted(range(max(1, size - _SLACK), size + _SLACK + 1), key=lambda n: abs(n - size))
    for first in starts:
        for length in lengths:
            if first + length > len(words) or best[0] == 1.0:
                continue
            matcher.set_seq1(" ".join(words[first : first + length]))
            # The cheap upper bounds first: most windows fail them.
            if not _may_reach(matcher.real_quick_ratio(), best[0], needed):
                continue
            if not _may_reach(matcher.quick_ratio(), best[0], needed):
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, first, first + length)
    return best


_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # _WORD, for lower-case ASCII


def _normal_words_in(text: str, start: int, end: int) -> list[str]:
    """``normal_word`` of every word in ``text[start:end]``, in order: the words of ``tokenize``."""
    piece = text[start:end]
    if piece.isascii():
        # In ASCII a word's normal form is its lower case without inner apostrophes:
        # string operations in C give the same words as normalising one by one.
        words = _ASCII_WORD.findall(piece.lower())
        if "'" in piece and words:
            words = " ".join(words).replace("'", "").split(" ")
        return words
    return list(map(normal_word, _WORD.findall(piece)))


def _possible_wordings(index: CatalogueIndex, words: set[str]) -> set[int]:
    """The wordings with as many of their index keys among ``words`` as a match needs.

    Most prose has none: this settles it with set operations, before the words are
    looked at one by one (the check below asks the same of the keys near one alignment,
    so no other wording can match).
    """
    present = index.keys.keys() & words
    if not present:
        return set()
    keys_present = Counter(wording for word in present for wording, _ in index.keys[word])
    return {
        wording
        for wording, count in keys_present.items()
        if count >= min(2, index.key_counts[wording])
    }


def _word_range(text: str, start: int, end: int, first: int, last: int) -> tuple[int, int]:
    """Character range of words ``first`` to ``last - 1`` of ``text[start:end]`` (as ``tokenize`` counts them)."""
    matches = islice(_WORD.finditer(text, start, end), first, last)
    first_match = next(matches)
    rest = deque(matches, maxlen=1)  # the last of the other words, if any
    last_match = rest[0] if rest else first_match
    return first_match.start(), last_match.end()


def find_catalogued(
    text: str, spans: list[tuple[int, int]], index: CatalogueIndex
) -> list[CatalogueMatch]:
    """Catalogued sayings in the prose ``spans`` of ``text``; a match never crosses a span."""
    found: list[CatalogueMatch] = []
    for span_start, span_end in spans:
        words = _normal_words_in(text, span_start, span_end)
        possible = _possible_wordings(index, set(words))
        if not possible:
            continue
        hits: dict[tuple[int, int], set[int]] = defaultdict(set)
        for position, word in enumerate(words):
            for wording_index, word_position in index.keys.get(word, ()):
                if wording_index in possible:
                    hits[(wording_index, position - word_position)].add(word_position)
        verified: set[tuple[int, int]] = set()
        for wording_index, aligned in sorted(hits):
            # A word added or dropped shifts the alignment of later words by one or two.
            near = [(wording_index, aligned + d) for d in range(-_SLACK, _SLACK + 1)]
            if any(key in verified for key in near):
                continue
            positions = set().union(*(hits.get(key, ()) for key in near))
            if len(positions) < min(2, index.key_counts[wording_index]):
                continue  # one rare word alone is a coincidence, not a quotation
            verified.add((wording_index, aligned))
            saying, wording = index.wordings[wording_index]
            window = set(words[max(0, aligned - _SLACK) : aligned + len(wording) + _SLACK])
            if sum(1 for word in wording if word in window) < len(wording) / 2:
                continue  # too few of its words nearby for any window to match
            needed = 0.95 if len(wording) <= 4 else _MIN_RATIO
            ratio, first, last = _best_window(wording, words, aligned, needed)
            if ratio >= needed:
                start, end = _word_range(text, span_start, span_end, first, last)
                found.append(CatalogueMatch(saying, start, end, ratio))
    # Keep the best match where matches overlap (a saying and its variant, say).
    chosen: list[CatalogueMatch] = []
    for match in sorted(found, key=lambda m: (-m.score, m.start)):
        if all(match.end <= other.start or match.start >= other.end for other in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)
