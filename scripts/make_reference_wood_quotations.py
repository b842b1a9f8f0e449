"""Write speeches/references/wood-quotations.tsv, James Wood's "Dictionary of Quotations" (1893).

Input: Project Gutenberg eBook #48105, the Rev. James Wood, "Dictionary of Quotations
from Ancient and Modern, English and Foreign Sources" (London and New York: Frederick
Warne and Co., 1893), as mirrored on GitHub at
https://github.com/GITenberg/Dictionary-of-Quotations-from-Ancient-and-Modern-English-and-Foreign-Sources_48105
(file ``48105-0.txt``, UTF-8). To redo it::

    git clone https://github.com/GITenberg/Dictionary-of-Quotations-from-Ancient-and-Modern-English-and-Foreign-Sources_48105 wood
    python scripts/make_reference_wood_quotations.py wood/48105-0.txt speeches/references/wood-quotations.tsv

The body runs from the heading "DICTIONARY OF QUOTATIONS." to the topical "INDEX.", which
is not read (nor the Gutenberg header and licence, preface or list of abbreviations, except
to expand the abbreviations). Each entry is a paragraph: the quotation in ``=bold=``, for a
foreign one ``=original=--English translation``, then the source in ``_italics_`` (an
author, 'Pr.' for a proverb, or a Shakespeare play with act and scene). The numbers in the
right margin (every fifth entry of a page) give each entry's page and number.

A passage is an English quotation's words, or for a foreign one Wood's English translation
(its original is left out: English speeches quote it in English, and the ~5,700 originals
in a dozen languages slowed indexing more than they helped); verse lines stay joined by
" / ". Its citation is the source with Wood's abbreviations expanded and, since many
quotations share an author, Wood's page and number, as his own index gives them:
``Goethe (Wood, p. 245, no. 12)``, ``Shakespeare, Hamlet, iii. 1 (Wood, p. 8, no. 3)``.
Left out: entries with no source (mostly Latin phrases and their meanings), Bible verses
(the KJV is its own work here), legal terms ('L.') and the editor's notes ('Ed.'), Greek
(printed transliterated), and passages of fewer than 4 or more than 30 words (longer ones
are passages rather than quotations, and dropping them keeps the index build of all
works near 2 s). A passage whose words were already given is not repeated.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reference_tsv import write_passages  # scripts/, beside this file

MIN_WORDS, MAX_WORDS = 4, 30  # 31-60 words: left out to keep indexing all works near 2 s
MIN_PASSAGES = 15000
_START, _END = "DICTIONARY OF QUOTATIONS.", "INDEX."
_MARGIN = re.compile(r"\s{4,}(\d{1,3})\s*$")  # the right-margin entry number
_ABBREVIATION = re.compile(r"^\s+(_[^\t]+?_(?:,\s*_[^\t]+?_)?)\s{2,}(\S.*?)\s*$")
_BIBLE = {
    "Bible",
    "Jesus",
    "St. Paul",
    "St. John",
    "St. James",
    "St. Peter",
    "St. Matthew",
    "St. Luke",
    "St. Mark",
    "Solomon",
    "David",
    "Isaiah",
    "Psalms",
    "Proverbs",
}
_SKIP = {"Ed", "Editor", "Saying", "Law"} | _BIBLE  # 'Law': legal terms and their meanings
_LANGUAGES = {
    "French",
    "German",
    "Italian",
    "Latin",
    "Spanish",
    "Portuguese",
    "Danish",
    "Dutch",
    "Greek",
    "Scottish",
    "Gaelic",
    "Russian",
    "Turkish",
    "Swedish",
    "Hebrew",
    "Frisian",
    "Breton",
    "American",
}
_LANGUAGE = {"Scotch": "Scottish"}
# Wood's abbreviations of Shakespeare's plays, by their letters in lower case.
_PLAYS = [
    ("ham", "Hamlet"),
    ("macb", "Macbeth"),
    ("othello", "Othello"),
    ("kinglear", "King Lear"),
    ("lear", "King Lear"),
    ("kingjohn", "King John"),
    ("jul", "Julius Caesar"),
    ("richiii", "Richard III"),
    ("richardiii", "Richard III"),
    ("richii", "Richard II"),
    ("richardii", "Richard II"),
    ("allswell", "All's Well That Ends Well"),
    ("ant", "Antony and Cleopatra"),
    ("asyou", "As You Like It"),
    ("com", "The Comedy of Errors"),
    ("coriol", "Coriolanus"),
    ("cymb", "Cymbeline"),
    ("loves", "Love's Labour's Lost"),
    ("meas", "Measure for Measure"),
    ("merry", "The Merry Wives of Windsor"),
    ("themerry", "The Merry Wives of Windsor"),
    ("mer", "The Merchant of Venice"),
    ("mid", "A Midsummer Night's Dream"),
    ("much", "Much Ado About Nothing"),
    ("pericles", "Pericles"),
    ("rom", "Romeo and Juliet"),
    ("tam", "The Taming of the Shrew"),
    ("tempest", "The Tempest"),
    ("thetempest", "The Tempest"),
    ("tim", "Timon of Athens"),
    ("tit", "Titus Andronicus"),
    ("troil", "Troilus and Cressida"),
    ("twelfth", "Twelfth Night"),
    ("two", "The Two Gentlemen of Verona"),
    ("winter", "The Winter's Tale"),
    ("wolseyinhenviii", "Henry VIII"),
]
_KINGS = [
    ("henviii", "Henry VIII"),
    ("henryviii", "Henry VIII"),
    ("henvi", "Henry VI"),
    ("henryvi", "Henry VI"),
    ("henv", "Henry V"),
    ("henryv", "Henry V"),
    ("heniv", "Henry IV"),
    ("henryiv", "Henry IV"),
    ("hen", "Henry VI"),
]
_ACT = re.compile(
    r"^(?:([123])\s*)?_(?:([123])\s+)?([^_]+)_,?\s+((?:[ivx]+\.\s*\d+|Prol\.|Epil\.|Induct\.).*)$"
)


def _abbreviations(lines: list[str]) -> dict[str, str]:
    """Wood's list of abbreviations: '_Hor._' -> 'Horace', '_Pr._' -> 'Proverb'."""
    table: dict[str, str] = {}
    for line in lines:
        match = _ABBREVIATION.match(line)
        if match:
            meaning = match.group(2).split(",")[0].strip().rstrip(".")
            for abbreviation in re.findall(r"_([^_]+)_", match.group(1)):
                table[abbreviation.strip()] = _LANGUAGE.get(meaning, meaning)
    if len(table) < 50:
        raise SystemExit(f"found only {len(table)} abbreviations (expected the list of ~60)")
    return table


def _play(name: str, part: str | None) -> str | None:
    """The play an abbreviation like 'Mer. of Ven.' or '2 Hen. VI.' names, if any."""
    letters = re.sub(r"[^a-z]", "", name.lower())
    if letters.startswith(("hen", "henry")):
        for prefix, play in _KINGS:
            if letters == prefix or letters == prefix.replace("henry", "hen"):
                return f"{part} {play}" if part and play in ("Henry IV", "Henry VI") else play
        return None
    for prefix, play in _PLAYS:
        if letters.startswith(prefix):
            return play
    return None


def _source(attribution: str, table: dict[str, str]) -> str | None:
    """A citation's source from an entry's italic attribution, or None to leave it out."""
    attribution = " ".join(attribution.split()).strip()
    act = _ACT.match(attribution)
    if act:
        play = _play(act.group(3), act.group(1) or act.group(2))
        if play:
            return f"Shakespeare, {play}, {act.group(4).rstrip('.').strip()}"
    if attribution.startswith("(") and attribution.endswith(")"):
        attribution = attribution[1:-1].strip()
    names = [n.strip() for n in re.findall(r"_([^_]+)_", attribution)]
    if not names:
        return None
    text = re.sub(r"_([^_]+)_", lambda m: m.group(1), attribution)
    text = " ".join(text.split()).rstrip(".").strip()
    if text in table or text + "." in table:
        meaning = table.get(text) or table[text + "."]
        return f"{meaning} saying" if meaning in _LANGUAGES else meaning
    words = text.split()
    if len(words) == 2 and words[-1] in ("Pr.", "Pr") and words[0] in table:
        return f"{table[words[0]]} proverb"
    if text in ("Pr", "Pr."):
        return "Proverb"
    if words and " ".join(words) + "." in table:
        return table[" ".join(words) + "."]
    return text


def _entries(lines: list[str]) -> list[tuple[str, int, int]]:
    """(paragraph, page, number) of each entry of the body, numbered as Wood numbers them."""
    paragraphs: list[tuple[str, int | None]] = []
    current: list[str] = []
    mark: int | None = None
    for line in [*lines, ""]:
        number = _MARGIN.search(line)
        if number:
            line = line[: number.start()]
            mark = mark or int(number.group(1))
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append((" ".join(current), mark))
            current, mark = [], None
    entries: list[tuple[str, int | None]] = [
        (p, m)
        for p, m in paragraphs
        if p.startswith(("=", "[Greek")) and not re.fullmatch(r"[A-Z]\.", p)
    ]
    numbered: list[tuple[str, int, int]] = []
    page, page_start, last = 0, 0, 0
    for index, (paragraph, mark) in enumerate(entries):
        if mark is not None:
            # a new page numbers from 5 again; a misprinted margin number ('30, 25') is not one
            if (mark < last and mark <= 10) or page == 0:
                page, page_start = page + 1, index - (mark - 1)
            last = mark
        numbered.append((paragraph, max(page, 1), index - page_start + 1))
    if page < 500:
        raise SystemExit(f"counted only {page} pages (expected about 570)")
    return numbered


def _passages(paragraph: str) -> tuple[list[str], str]:
    """(passages, attribution) of one entry: the bold words, and a foreign one's translation."""
    paragraph = paragraph.replace("= =", " ").replace("=, =", ", ")
    if paragraph.startswith("[Greek"):
        end = paragraph.find("]")
        rest = paragraph[end + 1 :].strip()
        bold = ""
    else:
        end = paragraph.rfind("=")
        bold = paragraph[: end + 1]
        rest = paragraph[end + 1 :].strip()
        bold = re.sub(r"=\s*\([^)]*\)\s*=", " ", bold)  # '=A= (note) =B=' -> 'A B'
        bold = " ".join(bold.replace("=", " ").split())
    translation = ""
    if rest.startswith("--"):
        rest = rest[2:]
        italic = rest.find("_")
        # the attribution is the last run of italics; the translation is what precedes it
        tail = re.search(r"((?:\(?\d?\s*_[^_]+_[^_]*?)+)$", rest)
        if tail and tail.start() > 0:
            translation, rest = rest[: tail.start()], rest[tail.start() :]
        elif italic < 0:
            translation, rest = rest, ""
        else:
            translation, rest = rest, ""
    # A foreign quotation is given in Wood's English only: English speeches say it so, and
    # the originals (some 5,700, in a dozen languages) slowed indexing more than they helped.
    passages = [bold] if bold and not translation else []
    if translation:
        translation = re.sub(r"\s*\(?_i\.\s?e\._.*$", "", translation)  # '_i.e._, ...' glosses
        translation = re.sub(r"\s*\([^)]*\)", "", translation)  # notes: '(Writ of ...)'
        translation = re.sub(r"_", "", translation).strip()
        passages.append(translation)
    return passages, rest.strip().lstrip(",").strip()


def _clean(text: str) -> str:
    text = text.replace("_", "").replace("\t", " ")
    text = re.sub(r"\s*/\s*", " / ", text)
    text = " ".join(text.split()).strip(" /")
    if text[:1] in '"“' and text[-1:] in '"”' and text.count('"') <= 2:
        text = text[1:-1].strip()
    return text


def _key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower().replace("'", "").replace("’", "")))


def read_quotations(path: Path) -> list[tuple[str, str]]:
    """[(citation, text)] of every usable quotation, in the dictionary's order."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == _START]
    ends = [i for i, line in enumerate(lines) if line.strip() == _END]
    if not starts or not ends or ends[-1] < starts[-1]:
        raise SystemExit(f"{path}: no '{_START}' ... '{_END}' body")
    table = _abbreviations(lines[: starts[-1]])
    quotations: list[tuple[str, str]] = []
    citations: set[str] = set()
    texts: set[str] = set()
    for paragraph, page, number in _entries(lines[starts[-1] + 1 : ends[-1]]):
        passages, attribution = _passages(paragraph)
        source = _source(attribution, table) if attribution else None
        if (
            not source
            or source.rstrip(".") in _SKIP
            or len(source) > 80
            or source.startswith(("(", "lit.", "i.e."))
        ):  # a gloss, not a source
            continue
        for text in passages:
            text = _clean(text)
            if not MIN_WORDS <= len(text.split()) <= MAX_WORDS or "=" in text:
                continue
            key = _key(text)
            citation = f"{source} (Wood, p. {page}, no. {number})"
            if key in texts or not key:
                continue
            while citation in citations:  # an original and its translation: the same entry
                citation = citation[:-1] + ", tr.)" if ", tr.)" not in citation else citation + "'"
            texts.add(key)
            citations.add(citation)
            quotations.append((citation, text))
    return quotations


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        raise SystemExit("usage: make_reference_wood_quotations.py 48105-0.txt OUTPUT.tsv")
    source, output = Path(argv[1]), Path(argv[2])
    quotations = read_quotations(source)
    write_passages(source, output, quotations, MIN_PASSAGES, "quotations")


if __name__ == "__main__":
    main(sys.argv)
