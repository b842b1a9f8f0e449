"""Find passages of reference works (the Bible, ...) quoted in prose, closely or loosely, uncued.

Words are compared in a normal form that forgives case, punctuation, archaic forms
('thee', 'hath', 'giveth', 'shew') and common endings. Stopwords are set aside, and
every pair of neighbouring content words of every passage ('love mercy', 'mighty
stream') is indexed: pairs survive a changed 'thy', an added 'and' or a dropped 'O
man'. A paragraph's own pairs are looked up (a dict lookup each); pairs that meet the
works at the same offset, give or take a few words, point at a quotation. Only those
few places are aligned word by word, and a quotation is kept only when enough of the
passage's words match, several of them distinctive, so a phrase ordinary prose
shares with scripture ('in the name of the Lord', 'for ever and ever') is not taken
for one. Building the index makes a few passes over the works, each in C.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, pairwise, repeat
from operator import is_not, lshift, or_

from ..model import Passage, ReferenceWork

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # _WORD, for lower-case ASCII
# bytes.translate table: ASCII letters and digits lower-cased, line ends kept, all else a
# space, so ``split`` gives the words _ASCII_WORD finds (apostrophes are deleted first).
_TO_WORDS = bytes(
    c if (chr(c).isalnum() and c < 128) or c == 10 else 32 for c in range(256)
).lower()
_END = -1  # the id of the mark that ends each passage in the stream of word ids
_STOP = -2  # the id of every stopword in a text
_MAX_OCCURRENCES = 16  # a pair in more places than this says nothing about which is meant
_DRIFT = 4  # words a loose quotation may run ahead of or behind the passage between hits
_GAP = 8  # content words between two hits of one quotation, at most
_MARGIN = 12  # words aligned beyond the outermost hits, for the words no pair found
_BRIDGE = 4  # words added to or left out of a quotation between two matching stretches
_COMMON_SHARE = 0.02  # a word more frequent than this share of passages is not distinctive...
_SHORT_PASSAGE = 10  # words: a passage this short is a proverb or maxim, recognisable whole
_COMMON_MIN = 50  # ...if also more frequent than this (a small work has no common words)

# Words that say nothing about which passage is meant, modern and archaic.
_STOPWORDS = frozenset(
    "a an the and or but nor of to in into on upon at by for with from as is are was were be been "
    "being am it its this that these those he him his she her hers they them their theirs we us our "
    "ours you your yours yourself i me my mine not no do does did done so if than then there here "
    "all any some who whom whose which what when where why how will would shall should can could may "
    "might must have has had having also even up out unto thee thou thy thine ye yea hath hast doth "
    "dost art wilt shalt canst saith say said o oh behold now neither either both each every "
    "thereof therein therefore wherefore again such only very whatever whoever".split()
)
# Archaic forms (and a few spellings) as the modern word a speaker would say.
_MODERN = dict(
    pair.split(":")
    for pair in (
        "thee:you thou:you ye:you thy:your thine:your thyself:yourself hath:have hast:have "
        "has:have doth:do dost:do does:do doeth:do saith:say says:say sayest:say shew:show "
        "shewed:show shewn:show sheweth:show shewing:show shews:show showed:show shown:show "
        "art:are wilt:will shalt:shall canst:can wast:was wert:were spake:spoke unto:to like:as "
        "whatsoever:whatever whosoever:whoever judgement:judgment an:a amongst:among goeth:go "
        "goes:go labour:labor charity:love "
    ).split()
)


@dataclass(frozen=True)
class ReferenceMatch:
    start: int  # character range of the quoted words in the text
    end: int
    work: ReferenceWork = field(repr=False)
    citation: str  # e.g. 'Micah 6:8', or 'Matthew 5:3–4' for a run over two passages
    passage: str  # the cited passage's text (both passages' for a run)
    score: float  # matching words over the words of passage and quotation together, 0..1


@dataclass(frozen=True, eq=False)
class ReferenceIndex:
    vocabulary: dict  # normal form of a content word -> word id (from 1)
    lookup: dict  # ``vocabulary``, and _STOP for each stopword
    common: frozenset  # ids of content words too frequent to tell passages apart
    id_bits: int  # a pair of word ids is one int: first << id_bits | second
    order: list  # the content positions, sorted by the pair starting there (then position)
    sorted_pairs: list  # the pair at each position of ``order``
    first: dict  # pair -> where in ``order`` its positions start
    starts: list  # the content position where each passage starts
    passages: tuple  # every passage of every work, in stream order
    works: tuple
    first_passages: list  # the index in ``passages`` of each work's first passage

    def work_of(self, number: int) -> ReferenceWork:
        return self.works[bisect_right(self.first_passages, number) - 1]


@lru_cache(maxsize=65536)  # a pure function of the word; works and speeches reuse their words
def normal_word(word: str) -> str:
    """The form words are compared in: 'Giveth' and 'gives' are both 'giv', 'thee' is 'you'."""
    word = word.casefold()
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if ch.isalnum())
    word = word.replace("'", "").replace("’", "")
    word = _MODERN.get(word, word)  # then stemmed like any word: 'charity' and 'love' both 'lov'
    if word in _STOPWORDS:
        return word
    stem = word
    if len(stem) > 5 and stem.endswith(("eth", "est", "ing")):
        stem = stem[:-3]
    elif len(stem) > 4 and stem.endswith("ed"):
        stem = stem[:-2]
    elif len(stem) > 3 and stem.endswith("s") and not stem.endswith("ss"):
        stem = stem[:-1]
    if len(stem) > 3 and stem.endswith("e"):
        stem = stem[:-1]
    if len(stem) > 5 and stem.endswith("our"):
        stem = stem[:-3] + "or"  # neighbour, honour: as spelt in the US
    return word if stem in _STOPWORDS else stem  # 'forest' is not 'for'


def _passage_words(passages: tuple[Passage, ...]) -> list[str]:
    """The words of all passages, lower-cased, each passage ended by a newline "word".

    One ``split`` over the whole text (in C, for ASCII works such as the KJV): splitting
    each passage on its own costs several times as much.
    """
    text = "".join(f"{passage.text}\n" for passage in passages)
    if text.isascii():
        text = text.encode("ascii").translate(_TO_WORDS, b"'").decode("ascii")
        return text.replace("\n", " \x01 ").split()
    return [word for passage in passages for word in (*_WORD.findall(passage.text.lower()), "\x01")]


@lru_cache(maxsize=2)  # keyed by the works' content (a ReferenceWork hashes cheaply)
def build_reference_index(works: tuple[ReferenceWork, ...]) -> ReferenceIndex:
    passages = tuple(chain.from_iterable(work.passages for work in works))
    first_passages = list(accumulate((len(work.passages) for work in works[:-1]), initial=0))
    words = _passage_words(passages)
    counts = Counter(words)
    vocabulary: dict[str, int] = {}
    word_id: dict[str, int] = {}  # raw word -> id of its normal form; content words only
    frequency: Counter = Counter()
    for word, count in counts.items():
        form = normal_word(word)
        if form not in _STOPWORDS and word != "\x01":
            word_id[word] = ident = vocabulary.setdefault(form, len(vocabulary) + 1)
            frequency[ident] += count
    word_id["\x01"] = _END
    # The content words of all passages as one stream of ids, each passage ended by _END
    # (pairs with it are never looked up). Positions count content words and ends only.
    stream = list(filter(None, map(word_id.get, words)))
    del words
    starts, position = [], 0
    for _ in passages:
        starts.append(position)
        position = stream.index(_END, position) + 1
    limit = max(_COMMON_MIN, _COMMON_SHARE * len(passages))
    common = frozenset(ident for ident, count in frequency.items() if count > limit)
    id_bits = len(vocabulary).bit_length()  # 14 for the KJV: a pair fits a one-digit int
    pairs = list(map(or_, map(lshift, stream, repeat(id_bits)), stream[1:]))
    order = sorted(range(len(pairs)), key=pairs.__getitem__)  # stable: positions stay in order
    sorted_pairs = list(map(pairs.__getitem__, order))
    del pairs
    # Filled from the end, so each pair keeps the first place it has in ``order``.
    first = dict(zip(reversed(sorted_pairs), range(len(order) - 1, -1, -1), strict=True))
    lookup = {**vocabulary, **dict.fromkeys(_STOPWORDS, _STOP)}
    return ReferenceIndex(
        vocabulary,
        lookup,
        common,
        id_bits,
        order,
        sorted_pairs,
        first,
        starts,
        passages,
        works,
        first_passages,
    )


@dataclass
class _Cluster:
    """Pair hits on (nearly) one diagonal: one place in the works a stretch of text may quote."""

    diagonal: int  # content position in the works minus content position in the text
    first: int  # content positions in the text of the first and last hit
    last: int
    low: int  # content positions in the works of the first and last hit
    high: int
    hits: int = 1


def _hits(content: list[int], index: ReferenceIndex) -> list[_Cluster]:
    """Clusters of two or more pairs of ``content`` (word ids, 0 unknown) found in the works."""
    clusters: list[_Cluster] = []
    open_: list[_Cluster] = []
    order, sorted_pairs, bits, common = index.order, index.sorted_pairs, index.id_bits, index.common
    # Every neighbouring pair's key, and where it starts in ``order``, in C: most pairs of
    # prose are in no work, and only the few found are looked at one by one below. A pair
    # with an unknown word (id 0) gets a key no pair of the works has.
    keys = list(map(or_, map(lshift, content[:-1], repeat(bits)), content[1:]))
    lows = list(map(index.first.get, keys))
    for number in compress(range(len(lows)), map(is_not, lows, repeat(None))):
        first, second, low, key = content[number], content[number + 1], lows[number], keys[number]
        if not (first and second) or (first in common and second in common):
            continue
        assert low is not None  # compress kept only the pairs found
        high = low + 1
        while high < len(order) and sorted_pairs[high] == key and high - low <= _MAX_OCCURRENCES:
            high += 1
        if high - low > _MAX_OCCURRENCES:
            continue
        open_ = [c for c in open_ if number - c.last <= _GAP]
        for position in order[low:high]:
            diagonal = position - number
            cluster = next(
                (
                    c
                    for c in open_
                    if abs(c.diagonal - diagonal) <= _DRIFT and c.high < position <= c.high + _GAP
                ),
                None,
            )
            if cluster is None:
                cluster = _Cluster(diagonal, number, number, position, position)
                clusters.append(cluster)
                open_.append(cluster)
            elif cluster.last != number:
                cluster.diagonal, cluster.last, cluster.high = diagonal, number, position
                cluster.hits += 1
    return [c for c in clusters if c.hits >= 2]


@lru_cache(maxsize=4096)
def _forms(text: str) -> tuple[str, ...]:
    return tuple(normal_word(word) for word in _WORD.findall(text))


_CLAUSE_END = re.compile(r"[;:.?!]")


@lru_cache(maxsize=4096)
def _clauses(text: str) -> tuple[int, ...]:
    """The number of the clause (between ; : . ? !) each word of a passage stands in."""
    numbers: list[int] = []
    for number, clause in enumerate(_CLAUSE_END.split(text)):
        numbers += [number] * len(_WORD.findall(clause))
    return tuple(numbers)


@dataclass(frozen=True)
class _Found:
    first: int  # token range of the quotation in the span
    last: int
    passages: tuple[int, ...]  # indexes in ``index.passages``
    matched: int
    score: float


def _verify(
    forms: list[str],
    breaks: list[bool],
    seed: tuple[int, int],
    cluster: _Cluster,
    index: ReferenceIndex,
) -> _Found | None:
    """Align the text around ``seed`` (token range) with the passages the cluster hit."""
    first_passage = bisect_right(index.starts, cluster.low) - 1
    last_passage = bisect_right(index.starts, cluster.high + 1) - 1
    work = index.work_of(first_passage)
    numbers = [
        n
        for n in range(first_passage - 1, last_passage + 2)
        if 0 <= n < len(index.passages) and index.work_of(n) is work
    ]
    words: list[str] = []
    owner: list[int] = []
    clause: list[tuple[int, int]] = []  # (passage, clause) of each word
    for number in numbers:
        passage_forms = _forms(index.passages[number].text)
        words += passage_forms
        owner += [number] * len(passage_forms)
        clause += [(number, c) for c in _clauses(index.passages[number].text)]
    low = max(0, seed[0] - _MARGIN)
    window = forms[low : seed[1] + 1 + _MARGIN]
    blocks = [
        b
        for b in SequenceMatcher(None, window, words, autojunk=False).get_matching_blocks()
        if b.size
    ]
    if not blocks:
        return None
    # The stretch of matching blocks around the seed, bridging a few words added or left out.
    anchor = max(
        range(len(blocks)),
        key=lambda n: (
            blocks[n].size
            if low + blocks[n].a <= seed[1] and low + blocks[n].a + blocks[n].size > seed[0]
            else 0
        ),
    )
    chain_ = [blocks[anchor]]
    for step, pick in ((-1, 0), (1, -1)):
        at = anchor + step
        while 0 <= at < len(blocks):
            near, block = chain_[pick], blocks[at]
            left, right = (block, near) if step < 0 else (near, block)
            if right.a - (left.a + left.size) > _BRIDGE or right.b - (left.b + left.size) > _BRIDGE:
                break
            chain_.insert(0, block) if step < 0 else chain_.append(block)
            at += step
    # Matching words, kept by passage: a passage lending a word or two to the edge is not quoted.
    matched: dict[int, list[tuple[int, int]]] = {}
    for block in chain_:
        for offset in range(block.size):
            matched.setdefault(owner[block.b + offset], []).append(
                (block.a + offset, block.b + offset)
            )
    kept = sorted(matched)
    size = {n: len(_forms(index.passages[n].text)) for n in matched}
    while len(kept) > 1 and _weak(matched[kept[0]], words, size[kept[0]]):
        kept.pop(0)
    while len(kept) > 1 and _weak(matched[kept[-1]], words, size[kept[-1]]):
        kept.pop()
    if kept != list(range(kept[0], kept[-1] + 1)):
        return None
    pairs_ = [pair for number in kept for pair in matched[number]]
    # A stray stopword matched a few words off either end, or across the end of a sentence,
    # is not part of the quotation.
    while (
        len(pairs_) > 1
        and window[pairs_[0][0]] in _STOPWORDS
        and (pairs_[1][0] - pairs_[0][0] > 1 or breaks[low + pairs_[0][0]])
    ):
        pairs_.pop(0)
    while (
        len(pairs_) > 1
        and window[pairs_[-1][0]] in _STOPWORDS
        and (pairs_[-1][0] - pairs_[-2][0] > 1 or breaks[low + pairs_[-2][0]])
    ):
        pairs_.pop()
    count = len(pairs_)
    content = [words[b] for _, b in pairs_ if words[b] not in _STOPWORDS]
    distinctive = sum(1 for form in content if index.vocabulary.get(form) not in index.common)
    passage_words = sum(len(_forms(index.passages[n].text)) for n in kept)
    clauses = {clause[b] for _, b in pairs_}
    clause_words = sum(1 for c in clause if c in clauses)
    quoted = pairs_[-1][0] - pairs_[0][0] + 1
    coverage, density = count / passage_words, count / quoted
    # The whole passage (or most of it), a whole clause of it, or a long stretch of a long one.
    whole = (
        count >= 6 and len(content) >= 3 and distinctive >= 2 and coverage >= 0.6 and density >= 0.6
    )
    clause_ = (
        count >= 7
        and len(content) >= 3
        and distinctive >= 2
        and count / clause_words >= 0.75
        and density >= 0.7
    )
    part = count >= 10 and len(content) >= 6 and distinctive >= 3 and density >= 0.7
    # A short passage (a proverb: 'Man proposes, God disposes') reproduced nearly whole.
    short = (
        passage_words <= _SHORT_PASSAGE
        and count >= 4
        and len(content) >= 3
        and distinctive >= 2
        and coverage >= 0.85
        and density >= 0.85
    )
    if not (whole or clause_ or part or short):
        return None
    score = count / (passage_words + quoted - count)
    return _Found(low + pairs_[0][0], low + pairs_[-1][0], tuple(kept), count, score)


def _weak(pairs_: list[tuple[int, int]], words: list[str], size: int) -> bool:
    """True for a passage that lends only a few words to the edge of a run (of ``size`` words)."""
    content = sum(1 for _, b in pairs_ if words[b] not in _STOPWORDS)
    return content < 2 or (len(pairs_) < 5 and len(pairs_) < 0.3 * size)


def _citation(index: ReferenceIndex, numbers: tuple[int, ...]) -> tuple[str, str]:
    """'Matthew 5:3' or, for a run of passages, 'Matthew 5:3–4'; and the passages' text."""
    first, last = index.passages[numbers[0]], index.passages[numbers[-1]]
    text = " ".join(index.passages[n].text for n in numbers)
    if first is last:
        return first.citation, text
    head, _, verse = last.citation.rpartition(":")
    if head and verse.isdigit() and first.citation.startswith(head + ":"):
        return f"{first.citation}–{verse}", text  # same chapter
    book, _, rest = last.citation.rpartition(" ")
    if book and first.citation.startswith(book + " "):
        return f"{first.citation}–{rest}", text  # same book, next chapter
    return f"{first.citation}–{last.citation}", text


def find_references(
    text: str, spans: list[tuple[int, int]], index: ReferenceIndex
) -> list[ReferenceMatch]:
    """Passages of the reference works quoted in the prose ``spans`` of ``text``, by position.

    A match never crosses a span, and matches never overlap: where two passages fit
    the same words (a verse repeated elsewhere), the better-matching one is kept.
    """
    found: list[ReferenceMatch] = []
    lookup = index.lookup
    for span_start, span_end in spans:
        piece = text[span_start:span_end]
        pattern, piece = (_ASCII_WORD, piece.lower()) if piece.isascii() else (_WORD, piece)
        forms = list(map(normal_word, pattern.findall(piece)))  # a C loop over the memoised forms
        ids = list(map(lookup.get, forms, repeat(0)))  # stopwords _STOP, words no work has 0
        where = list(compress(range(len(ids)), map(_STOP.__ne__, ids)))
        content = list(map(ids.__getitem__, where))
        candidates: list[_Found] = []
        clusters = _hits(content, index)
        if clusters:
            # After each word: does a sentence end before the next one?
            gaps = pattern.split(piece)[1:]
            breaks = [any(mark in gap for mark in ".?!") for gap in gaps]
        for cluster in clusters:
            seed = (where[cluster.first], where[cluster.last + 1])
            result = _verify(forms, breaks, seed, cluster, index)
            if result is not None:
                candidates.append(result)
        chosen: list[_Found] = []
        for candidate in sorted(candidates, key=lambda c: (-c.matched, -c.score, c.passages)):
            if all(
                candidate.last < other.first or candidate.first > other.last for other in chosen
            ):
                chosen.append(candidate)
        for candidate in chosen:
            citation, passage = _citation(index, candidate.passages)
            tokens = list(islice(pattern.finditer(piece), candidate.first, candidate.last + 1))
            found.append(
                ReferenceMatch(
                    span_start + tokens[0].start(),
                    span_start + tokens[-1].end(),
                    index.work_of(candidate.passages[0]),
                    citation,
                    passage,
                    round(candidate.score, 3),
                )
            )
    return sorted(found, key=lambda m: m.start)


_QUOTE_MIN_WORDS = 4  # shorter quotations ("the north star", "wisdom of God") are common phrases
_QUOTE_MAX_WORDS = 80
_QUOTE_SHARE = 0.75  # of the quotation's words that must match the passage, in order
_QUOTE_CANDIDATES = 8  # passages aligned per quotation, the ones most pairs point at


def find_quotation(quoted: str, index: ReferenceIndex) -> ReferenceMatch | None:
    """The passage a text in quotation marks reproduces, even a short part of one.

    Quotation marks already say the words are someone else's, so a shorter stretch is
    enough than in running prose: most of the quotation's words, in order, within one
    passage (or two neighbouring ones), with at least two content words; a quotation of
    four words must stand in the passage as it is.
    """
    pattern, piece = (_ASCII_WORD, quoted.lower()) if quoted.isascii() else (_WORD, quoted)
    forms = list(map(normal_word, pattern.findall(piece)))
    if not _QUOTE_MIN_WORDS <= len(forms) <= _QUOTE_MAX_WORDS:
        return None
    ids = [index.lookup.get(form, 0) for form in forms]
    content = [i for i in ids if i != _STOP]
    if len(content) < 2 or 0 in content:
        return None  # a word no work has: not a quotation of one
    # Four words must stand in a passage as they are; longer quotations may differ a little.
    needed = len(forms) if len(forms) <= _QUOTE_MIN_WORDS else _QUOTE_SHARE * len(forms)
    votes: Counter = Counter()
    bits, order, sorted_pairs = index.id_bits, index.order, index.sorted_pairs
    for first, second in pairwise(content):
        key = first << bits | second
        low = index.first.get(key)
        if low is None:
            continue
        high = low
        while (
            high < len(order) and sorted_pairs[high] == key and high - low <= 4 * _MAX_OCCURRENCES
        ):
            high += 1
        if high - low > 4 * _MAX_OCCURRENCES:
            continue  # a pair in too many places: no vote
        for position in order[low:high]:
            votes[bisect_right(index.starts, position) - 1] += 1
    best: tuple[float, int, tuple[int, ...]] | None = None
    for number, _ in votes.most_common(_QUOTE_CANDIDATES):
        work = index.work_of(number)
        for numbers in ((number,), (number, number + 1), (number - 1, number)):
            if not all(0 <= n < len(index.passages) and index.work_of(n) is work for n in numbers):
                continue
            words = [form for n in numbers for form in _forms(index.passages[n].text)]
            blocks = [
                b
                for b in SequenceMatcher(None, forms, words, autojunk=False).get_matching_blocks()
                if b.size
            ]
            if not blocks:
                continue
            matched = sum(b.size for b in blocks)
            spread = blocks[-1].b + blocks[-1].size - blocks[0].b  # the passage words it runs over
            if matched >= needed and spread <= len(forms) + (
                _BRIDGE if matched < len(forms) else 0
            ):
                if len(numbers) > 1 and any(
                    blocks[0].b >= len(_forms(index.passages[numbers[0]].text)) for _ in (0,)
                ):
                    continue  # the first passage lends nothing: the single passage is tried on its own
                score = matched / (len(forms) + spread - matched)
                if best is None or score > best[0]:
                    best = (score, matched, numbers)
    if best is None:
        return None
    citation, passage = _citation(index, best[2])
    return ReferenceMatch(
        0, len(quoted), index.work_of(best[2][0]), citation, passage, round(best[0], 3)
    )
