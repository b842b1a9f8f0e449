"""Write speeches/references/kjv.tsv, the King James Version, from Project Gutenberg's HTML.

Input: Project Gutenberg eBook #10900, "The King James Bible", as mirrored on GitHub at
https://github.com/GITenberg/The-King-James-Bible_10900 (folder ``10900-h/``). That
folder holds one file per book, ``book01.htm`` (Genesis) to ``book66.htm`` (Revelation);
each has the book's name in an ``<h1>`` and one ``<p>chapter:verse text</p>`` per verse.
The Gutenberg licence and header stand only in ``10900-h.htm`` and the ``.txt`` files,
which are not read, so no boilerplate reaches the output. To redo it::

    git clone https://github.com/GITenberg/The-King-James-Bible_10900 kjv
    python scripts/make_reference_kjv.py kjv/10900-h speeches/references/kjv.tsv

The first argument is that folder (or the book files themselves). The output is UTF-8
TSV, one verse a line: ``Genesis 1:1<TAB>In the beginning God created ...``. The
script checks 66 books and 31,102 verses, each chapter numbered from verse 1 up.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

BOOKS = 66
VERSES = 31102  # in the standard KJV (1769 Oxford text), as Gutenberg's #10900 has it
_BOOK_NAME = re.compile(r"<h1[^>]*>\s*([^<]+?)\s*</h1>")
_VERSE = re.compile(r"<p>\s*(\d+):(\d+)\s+(.*?)</p>", re.DOTALL)


def read_book(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """(book name, [(citation, text)]) of one Gutenberg book file."""
    page = path.read_bytes().decode("iso-8859-1")  # as the files' <meta> charset says
    name = _BOOK_NAME.search(page)
    if name is None:
        raise SystemExit(f"{path}: no <h1> book name")
    book = html.unescape(name.group(1))
    verses: list[tuple[str, str]] = []
    expected = (1, 1)
    for chapter, verse, text in _VERSE.findall(page):
        number = (int(chapter), int(verse))
        if number not in (expected, (expected[0] + 1, 1)):
            raise SystemExit(f"{path}: {book} {chapter}:{verse} follows {expected} out of order")
        expected = (number[0], number[1] + 1)
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
        if not words or "\t" in words:
            raise SystemExit(f"{path}: {book} {chapter}:{verse} has no usable text")
        verses.append((f"{book} {chapter}:{verse}", words))
    return book, verses


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        raise SystemExit("usage: make_reference_kjv.py GUTENBERG_10900-h_FOLDER OUTPUT.tsv")
    source, output = Path(argv[1]), Path(argv[2])
    files = sorted(source.glob("book[0-9][0-9].htm")) if source.is_dir() else [source]
    books = [read_book(path) for path in files]
    verses = [verse for _, book in books for verse in book]
    names = [name for name, _ in books]
    if len(set(names)) != BOOKS or len(verses) != VERSES:
        raise SystemExit(
            f"found {len(set(names))} books and {len(verses)} verses "
            f"(expected {BOOKS} and {VERSES})"
        )
    output.write_text(
        "".join(f"{citation}\t{text}\n" for citation, text in verses), encoding="utf-8"
    )
    print(f"{output}: {len(names)} books, {len(verses)} verses")


if __name__ == "__main__":
    main(sys.argv)
