"""Write speeches/references/bohn-proverbs.tsv, Bohn's "A Polyglot of Foreign Proverbs" (1857).

Input: Project Gutenberg eBook #51090, Henry G. Bohn, "A Polyglot of Foreign Proverbs,
comprising French, Italian, German, Dutch, Spanish, Portuguese, and Danish, with English
translations" (London: H. G. Bohn, 1857), as mirrored on GitHub at
https://github.com/GITenberg/A-Polyglot-of-Foreign-Proverbs-Comprising-French-German-Dutch-Spanish-Portuguese-and-Danish-w__51090
(file ``51090-0.txt``, UTF-8). The book has one section per language ("FRENCH PROVERBS."
...), each a run of paragraphs ``Original. _English translation._`` sometimes followed by
an English equivalent or a note in brackets, then an English index. To redo it::

    git clone https://github.com/GITenberg/A-Polyglot-of-Foreign-Proverbs-Comprising-French-German-Dutch-Spanish-Portuguese-and-Danish-w__51090 polyglot
    python scripts/make_reference_bohn_proverbs.py polyglot/51090-0.txt speeches/references/bohn-proverbs.tsv

Only the seven language sections are read: the Gutenberg header and licence, the
preface, the letter headings and the index are left out. Each passage is Bohn's English
translation (what an English-speaking speaker says), cited by language and the proverb in
its own language: ``French proverb: A bon chat bon rat<TAB>To a good cat a good rat.``.
Notes and English equivalents in parentheses or brackets are dropped. Translations of
fewer than 4 or more than 60 words are left out (too common to cite, or not a proverb),
and a translation already given under an earlier proverb is not repeated.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reference_tsv import write_passages  # scripts/, beside this file

LANGUAGES = ("French", "Italian", "German", "Spanish", "Portuguese", "Dutch", "Danish")
_SECTION = re.compile(r"^(FRENCH|ITALIAN|GERMAN|SPANISH|PORTUGUESE|DUTCH|DANISH) PROVERBS\.$")
_INDEX = "INDEX."
MIN_WORDS, MAX_WORDS = 4, 60
MIN_PASSAGES = 5000  # the book has about 8,000 proverbs; some 6,000 survive the filters


def _clean(text: str) -> str:
    """Text with the transcription's ligature marks resolved and spacing made single."""
    text = text.replace("”oe]", "œ").replace("”OE]", "Œ").replace("”ae]", "æ")
    return " ".join(text.replace("\t", " ").split())


def _key(text: str) -> str:
    """What two translations are compared by when de-duplicating."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", "")))


_ENGLISH = frozenset(
    "the a an is are was be of to and not he his him who what when it in with for you your "
    "will than no never one that they their there but has have all as by from makes make".split()
)
_GERMAN = frozenset(
    "der die das des dem den ist und nicht ein eine einen man er sich mit wer was wenn ich "
    "kein keine auf zu im ins am vom nur auch noch so wie sind hat hält macht".split()
)


def _split(paragraph: str) -> tuple[str, str] | None:
    """(original, English translation) of one proverb paragraph, or None.

    Most sections print the translation in italics (``Original. _Translation._``); the
    German one does not, so there the paragraph is cut at the sentence end after which
    the words turn from German to English.
    """
    start = paragraph.find("_")
    if start > 0:
        end = paragraph.find("_", start + 1)
        if end < 0:
            return None
        return paragraph[:start].strip().rstrip(".").strip(), paragraph[start + 1 : end].strip()
    best, best_score = None, 0.0
    for cut in re.finditer(r"[.?!,;:]?[”\"]?\s+(?=[“\"]?[A-Z])", paragraph):
        left, right = paragraph[: cut.start() + 1], paragraph[cut.end() :]
        lw = re.findall(r"[a-zäöüß]+", left.lower())
        rw = re.findall(r"[a-zäöüß]+", right.lower())
        if not lw or not rw:
            continue
        score = (
            sum(w in _ENGLISH for w in rw) / len(rw)
            - sum(w in _GERMAN for w in rw) / len(rw)
            + sum(w in _GERMAN for w in lw) / len(lw)
            - sum(w in _ENGLISH for w in lw) / len(lw)
            - 0.3 * (paragraph[cut.start()] not in ".?!")
        )
        if score > best_score:
            best, best_score = (left.strip().rstrip(".").strip(), right.strip()), score
    return best


def read_proverbs(path: Path) -> list[tuple[str, str]]:
    """[(citation, English translation)] of every usable proverb, in the book's order."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    language = None
    paragraphs: list[tuple[str, str]] = []  # (language, paragraph)
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        heading = _SECTION.match(stripped)
        if heading or stripped == _INDEX:
            if current and language:
                paragraphs.append((language, " ".join(current)))
            current = []
            if stripped == _INDEX and language == "Danish":
                break
            if heading:
                language = heading.group(1).capitalize()
            continue
        if not stripped:
            if current and language:
                paragraphs.append((language, " ".join(current)))
            current = []
        else:
            current.append(stripped)
    found = sorted({lang for lang, _ in paragraphs}, key=LANGUAGES.index)
    if tuple(found) != tuple(sorted(LANGUAGES, key=LANGUAGES.index)):
        raise SystemExit(f"{path}: found sections {found} (expected {list(LANGUAGES)})")

    proverbs: list[tuple[str, str]] = []
    seen_citations: set[str] = set()
    seen_texts: set[str] = set()
    for language, paragraph in paragraphs:
        paragraph = _clean(paragraph)
        if re.fullmatch(r"[A-Z]\.", paragraph):  # a letter heading
            continue
        parts = _split(paragraph)
        if parts is None:
            continue
        original, english = parts
        english = re.sub(r"\s*\([^)]*\)\s*", " ", english)  # glosses: '(i.e., ...)'
        english = " ".join(re.sub(r"[\[\]“”\"_]", "", english).split())
        original = " ".join(re.sub(r"[“”\"]", "", original).split())
        english = english.replace(" .", ".").replace(" ,", ",")
        if not original or not english or "\t" in original:
            continue
        words = len(english.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            continue
        citation = f"{language} proverb: {original}"
        key = _key(english)
        if citation in seen_citations or key in seen_texts or not key:
            continue
        seen_citations.add(citation)
        seen_texts.add(key)
        proverbs.append((citation, english))
    return proverbs


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        raise SystemExit("usage: make_reference_bohn_proverbs.py 51090-0.txt OUTPUT.tsv")
    source, output = Path(argv[1]), Path(argv[2])
    proverbs = read_proverbs(source)
    write_passages(source, output, proverbs, MIN_PASSAGES, "proverbs")
    counts = {lang: sum(c.startswith(lang + " ") for c, _ in proverbs) for lang in LANGUAGES}
    print(
        f"{output}: {len(proverbs)} proverbs ({', '.join(f'{k} {v}' for k, v in counts.items())})"
    )


if __name__ == "__main__":
    main(sys.argv)
