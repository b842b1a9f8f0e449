"""Write speeches/references/bartlett-quotations.tsv, John Bartlett's "Familiar Quotations".

Input: Project Gutenberg eBook #16732, John Bartlett, "A Collection of Familiar
Quotations, with Complete Indices of Authors and Subjects" (New York: Hurst & Company,
undated), a reprint of the first edition (Cambridge, Mass., 1855: its preface is that
edition's, and no author in it is dated after 1852), as mirrored on GitHub at
https://github.com/GITenberg/Familiar-Quotations_16732 (file ``16732-8.txt``, ISO-8859-1).
To redo it::

    git clone https://github.com/GITenberg/Familiar-Quotations_16732 bartlett
    python scripts/make_reference_bartlett.py bartlett/16732-8.txt speeches/references/bartlett-quotations.tsv

The body runs from the heading "A COLLECTION OF FAMILIAR QUOTATIONS" to the "INDEX" of
subjects, which is not read (nor the Gutenberg header and licence, preface or index of
authors). The book is arranged by author, roughly by date: an author's heading in capitals
(with his dates), the titles of his works in capitals or ``_italics_``, then each quotation,
under its place in the work ("Act i. Sc. 2.", "Book i. Line 22.") or after a row of
asterisks; the editor's notes are bracketed ("[Note 11: ...]") and marked in the text
("[11]").

A passage is one quotation, its verse lines joined by a space. Its citation is the author
and work as the book gives them, with the place when it gives one:
``Alexander Pope, Essay on Man, Epistle ii. Line 1``,
``William Shakespeare, Hamlet, Act iii. Sc. 1``; a citation the book repeats (two
quotations from one scene, or with no place) gets a number: ``... Act iii. Sc. 1 (2)``.
Left out: the whole "Holy Scriptures" section (Bible verses, the Apocrypha and the Prayer
Book's psalter: the KJV is its own work here; the Book of Common Prayer's own words are
kept), the editor's notes and note marks, bibliographic headings, and passages of fewer than
4 or more than 40 words (longer ones are passages rather than quotations). A passage whose
words were already given is not repeated. The book's first "Miscellaneous" heading is cited
as "Anonymous"; in its closing one each saying is cited by the source printed under it
(``Tertullian, Apologet., c. 50``). A quotation is cited under the heading it is printed
under, even where that heading's author did not write it (the verses printed after Richard
Grafton's, say). A few misprints of layout are mended first (``_FIXES``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reference_tsv import write_passages  # scripts/, beside this file

MIN_WORDS, MAX_WORDS = 4, 40
MIN_PASSAGES = 1000
_START, _END = "A COLLECTION OF FAMILIAR QUOTATIONS", "INDEX"
_SEPARATOR = re.compile(r"^\s*\*(\s+\*){2,}\s*$")
_CAPS = re.compile(r"^[A-Z][A-Z .,'&-]*[A-Z][A-Z .,'&-]*$")
_DATES = re.compile(r"^(?:\d{4})?\s*-+\s*\d{4}\.?$")
_NOTE = re.compile(r"\[Note \d+:[^\]]*\]", re.DOTALL)
_BIBLIOGRAPHY = re.compile(r",?\s*(?:\d{4}\.?\s*)?(?:4to|8vo|Fol)\..*$")  # ', 1570. 8vo'
_SPEAKER = re.compile(r"^_[A-Z][a-z]+(?:\._|_\.)\s*")  # '_Cel_. Not a word?'
_SOURCE = re.compile(r'^(".+?")\s*(?:--)?\s*(_.+)$', re.DOTALL)  # '"..."--_Spectator_, No. 509.'
_FROM = re.compile(r"^\(From .*\)$")
_LATIN = ("Plures efficimur",)  # Tertullian's words, under the saying they gave
_NOTE_MARK = re.compile(r"\s*\[\d+\]")
_REF_WORD = (
    r"(?:Act|Book|Lines?|Canto|Part|P|C|Chapter|Chap|Ch|Oh|Stanza|St|Sc|Sec|Mem|Subs|Epistle|"
    r"Sonnet|Note|No|Satire|Prologue|Epilogue|Fable|Essay|Vol|p|Page|Chorus|Dialogue)\b"
)
_REF = re.compile(
    rf"^(?:{_REF_WORD}[.,]*\s*(?:(?:[ivxlcdmIVXLCDM]+\b|\d+\b|n\b)[.,]*\s*)*)+(?:_[^_]+_\.?)?$"
)
# Headings in capitals that name a work, not an author (outside the Shakespeare section,
# where every heading in capitals is a play).
_WORKS = {
    "MOTHER HUBBERD'S TALE",
    "FUNERAL ELEGIES, ON THE PROGRESS OF THE SOUL",
    "PARADISE LOST",
    "PARADISE REGAINED",
    "SAMSON AGONISTES",
    "COMUS",
    "LYCIDAS",
    "L'ALLEGRO",
    "IL PENSEROSO",
    "CATO",
    "ESSAY ON MAN",
    "MORAL ESSAYS",
    "AN ESSAY ON CRITICISM",
    "ELEGY TO THE MEMORY OF AN UNFORTUNATE LADY",
    "THE RAPE OF THE LOCK",
    "SATIRES AND IMITATIONS OF HORACE",
    "THE DUNCIAD",
    "ODYSSEY",
    "FABLES",
    "NIGHT THOUGHTS",
    "LOVE OF FAME",
    "DIVINE SONGS",
    "THE SEASONS",
    "THE TRAVELLER",
    "THE DESERTED VILLAGE",
    "RETALIATION",
    "VICAR OF WAKEFIELD",
    "THE TASK",
    "VERSES",
    "BROAD GRINS",
    "POETRY OF THE ANTI-JACOBIN",
    "THE EXCURSION",
    "THE LAY OF THE LAST MINSTREL",
    "SENTIMENTAL JOURNEY",
}
# Authors the book names in short, or misprints, given as its index of authors has them.
_AUTHORS = {
    "SHAKESPEARE": "William Shakespeare",
    "MILTON": "John Milton",
    "DRYDEN": "John Dryden",
    "MRS. THEALE": "Mrs. Thrale",
    "THOMAS A KEMPIS": "Thomas à Kempis",
    "JOSEPH FOUCHE": "Joseph Fouché",
    "MISCELLANEOUS": "Anonymous",
}
_SMALL = {"of", "the", "and", "in", "on", "to", "a", "an", "for", "de", "duc", "at", "with"}
_PRAYER_BOOK = {"Morning Prayer", "Collect for the Second Sunday in Advent", "The Burial Service"}
_ROMAN = re.compile(r"^[IVXL]+$")
# The Prayer Book's collect is printed run into the psalm above it.
_FIXES = [
    (
        "The iron entered into his soul. Collect for the Second Sunday in Advent.\n",
        "The iron entered into his soul.\n\nCollect for the Second Sunday in Advent.\n\n",
    ),
    # the date and compiler of a miscellany are printed as the first line of its quotation
    (
        (
            "_From the Garland, a Collection of Poems_.\n\n1721, by Mr. Br--st, author of a Copy of\n"
            'Verses called "The British Beauties."\n'
        ),
        "_From the Garland, a Collection of Poems_, 1721.\n\n",
    ),
]


def _title(caps: str) -> str:
    """'THE RAPE OF THE LOCK' -> 'The Rape of the Lock'; 'KING HENRY VIII' keeps 'VIII'."""
    words = []
    for index, word in enumerate(caps.split()):
        if _ROMAN.match(word.strip(".,")) and word.strip(".,") not in ("I", "L", "C"):
            words.append(word)
        elif index and word.lower() in _SMALL:
            words.append(word.lower())
        else:
            word = word.capitalize()
            word = re.sub(r"\b([LD]')(\w)", lambda m: m.group(1) + m.group(2).upper(), word)
            word = re.sub(r"-(\w)", lambda m: "-" + m.group(1).upper(), word)
            words.append(word)
    return " ".join(words)


def _plain(text: str) -> str:
    """Italics, note marks and spacing removed; verse lines joined by a space."""
    text = _NOTE_MARK.sub("", text).replace("_", "")
    return " ".join(text.split())


def _place(ref: str) -> str:
    """A place as printed, its misprints evened out: 'Act ii, Sc, 2.' -> 'Act ii. Sc. 2'."""
    ref = _plain(ref).strip(" .,")
    ref = re.sub(
        r"\b(Act|Sc|St|Book|Canto|Part|Line|Stanza)[.,]*\s*(?=[ivxlcdmIVXLCDM]+\b|\d)",
        lambda m: m.group(1) + (". " if m.group(1) in ("Sc", "St") else " "),
        ref,
    )
    return re.sub(r"\b([ivxlcdm]+|\d+)(?:[.,]+\s*|\s+)(?=[A-Z])", r"\1. ", ref)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Paragraphs (runs of non-blank lines); a row of asterisks is a paragraph of its own."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if _SEPARATOR.match(line):
            if current:
                blocks.append(current)
            blocks.append(["*"])
            current = []
        elif line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    return blocks


def _heading(lines: list[str]) -> tuple[str, str, list[str]]:
    """(work, place, remaining lines) of a block opening with an italic title."""
    taken = 0
    text = ""
    for taken, line in enumerate(lines, start=1):
        text = f"{text} {line}".strip()
        if (
            text.count("_") % 2 == 0
            and text.endswith((".", ":"))
            and (taken == len(lines) or not _REF.match(lines[taken]))
        ):
            break
    while taken < len(lines) and lines[taken].startswith("_"):  # a second italic title line
        text = f"{text.rstrip('.')}, {lines[taken]}"
        taken += 1
    rest = lines[taken:]
    if not text.endswith((".", ":")) or len(text) > 80:
        # a bibliographic heading run on over lines: its first title names the work
        spans = re.findall(r"_([^_]+)_", text)
        text = spans[0] if spans else text
        rest = []
    text = re.sub(
        r"_([.,])\s*", r"_, ", text, count=1
    )  # '_Mustapha_. Act v.' -> 'Mustapha, Act v.'
    place = ""
    title = re.match(r"^(_[^_]+_)[.,]?\s+(.+)$", text)
    if title and _REF.match(title.group(2)):  # '_Spring_. Line 283.'
        text, place = title.group(1), _place(title.group(2))
    text = _BIBLIOGRAPHY.sub("", _plain(text))
    return text.strip(" .,:"), place, rest


def read_quotations(path: Path) -> list[tuple[str, str]]:
    """[(citation, text)] of every usable quotation, in the book's order."""
    raw = path.read_bytes().decode("iso-8859-1").replace("\r\n", "\n")
    for old, new in _FIXES:
        if old not in raw:
            raise SystemExit(f"{path}: expected text to fix not found: {old!r}")
        raw = raw.replace(old, new)
    raw = _NOTE.sub("", raw)
    lines = raw.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == _START]
    ends = [i for i, line in enumerate(lines) if line.strip() == _END]
    if not starts or not ends or ends[-1] < starts[-1]:
        raise SystemExit(f"{path}: no '{_START}' ... '{_END}' body")
    author, work, place, last_place = "", "", "", ""
    section = "bible"  # then 'plays' (Shakespeare's), then 'authors'
    pending: list[str] = []
    found: list[tuple[str, str]] = []

    def flush() -> None:
        nonlocal place, last_place
        if pending and (author or work) and place != "Psalm":  # neither: a Bible verse
            citation = ", ".join(p for p in (author, work, place) if p)
            found.append((citation, _plain(" ".join(pending))))
        pending.clear()
        if place == "Psalm":
            place = ""
        last_place = place or last_place  # a quotation after a row of asterisks: the same place

    def set_place(ref: str) -> None:
        nonlocal place
        ref = _place(ref)
        first = ref.split()[0]
        # 'Line 13' after 'Epistle i. Line 5' is in Epistle i.
        at = last_place.find(first + " ")
        place = (last_place[:at] + ref) if at > 0 and ref.startswith(first) else ref

    for block in _blocks(lines[starts[-1] + 1 : ends[-1]]):
        while block:
            first = block[0].strip()
            name = first.rstrip(".,").strip()
            if block == ["*"]:
                flush()
                block = []
            elif _CAPS.match(first) and len(name) > 2:
                flush()
                block = block[1:]
                dated = bool(block and _DATES.match(block[0]))
                if dated:
                    block = block[1:]
                if name in ("HOLY SCRIPTURES", "OLD TESTAMENT", "NEW TESTAMENT"):
                    section, author, work = "bible", "", ""
                elif name == "COMMON PRAYER":
                    author, work = "Book of Common Prayer", ""
                elif name == "SHAKESPEARE" and section == "bible":
                    section, author, work = "plays", _AUTHORS[name], ""
                elif section == "plays" and not dated:
                    work = _title(name)
                elif name == "ADDENDA":
                    author, work = "", ""
                elif name in _WORKS:
                    work = _title(name)
                    if block and block[0].startswith("_"):  # 'VERSES, / _Supposed to be ..._'
                        more, _, block = _heading(block)
                        work = f"{work}, {more}"
                else:
                    section = "authors"
                    author, work = _AUTHORS.get(name) or _title(name), ""
                last_place = place = ""
            elif section == "bible" and first.rstrip(".") in _PRAYER_BOOK:
                flush()
                work, place, block = first.rstrip("."), "", block[1:]
            elif section == "bible" and author and re.match(r"^Psalm\s", first):
                flush()  # the Prayer Book's psalter: a Bible verse, dropped with its text
                place, block = "Psalm", []
            elif section == "plays" and _SPEAKER.match(first):
                pending.extend(_SPEAKER.sub("", line) for line in block)
                block = []
            elif first.startswith("_") or (first.startswith("Sonnet") and "_" in first):
                flush()
                work, place, block = _heading(block)
                last_place = place
            elif _FROM.match(first):  # '(From "The Forest.")': where the poem was printed
                block = block[1:]
            elif _REF.match(first) and len(first.split()) <= 10:
                flush()
                set_place(first)
                block = block[1:]
            elif author == "Anonymous" and _SOURCE.match(" ".join(block)):
                # the closing miscellany: a saying, then the passage it comes from and its source
                quoted, source = _SOURCE.match(" ".join(block)).groups()
                source = re.sub(r"_\s+_|_(?=[A-Z][a-z]+ [A-Z])", ", ", source)
                author, work, place = "", _plain(source).strip(" .,").replace("'s ", ", ", 1), ""
                saying = pending[:]
                pending.clear()
                for text in (saying, [quoted]):
                    pending.extend(text)
                    flush()
                author, block = "Anonymous", []
            else:
                refs = [i for i, line in enumerate(block) if i and _REF.match(line)]
                if refs:  # a place printed in the run of a quotation
                    pending.extend(block[: refs[0]])
                    block = block[refs[0] :]
                    continue
                pending.extend(block)
                block = []
    flush()
    return _select(found)


def _key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower().replace("'", "").replace("’", "")))


def _select(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Quotations of MIN_WORDS..MAX_WORDS words, each given once, with unique citations."""
    quotations: list[tuple[str, str]] = []
    citations: dict[str, int] = {}
    texts: set[str] = set()
    for citation, text in found:
        if text[:1] == '"' and text[-1:] == '"' and text.count('"') == 2:
            text = text[1:-1].strip()
        key = _key(text)
        if text.startswith(_LATIN):
            continue
        if not MIN_WORDS <= len(key.split()) <= MAX_WORDS or key in texts:
            continue
        texts.add(key)
        count = citations[citation] = citations.get(citation, 0) + 1
        quotations.append((citation if count == 1 else f"{citation} ({count})", text))
    return quotations


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        raise SystemExit("usage: make_reference_bartlett.py 16732-8.txt OUTPUT.tsv")
    source, output = Path(argv[1]), Path(argv[2])
    quotations = read_quotations(source)
    write_passages(source, output, quotations, MIN_PASSAGES, "quotations")


if __name__ == "__main__":
    main(sys.argv)
