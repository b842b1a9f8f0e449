"""Size and nesting: bodies too big for git, made in the project when a case runs.

Each recipe writes speeches/2001-01-01-a-speech.md with the front matter below and its
generated body, which starts on line 10. The limits are those of
src/speech_archive/load/bounds.py; a refused case exceeds one, an inert case stays just
within it (or is large but plain) and must still build within the 30 s bound.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import PLAIN_FRONT_MATTER

HEAD = PLAIN_FRONT_MATTER
PROSE = "The delegates spoke of trade, of rivers and of roads, and of the years to come. "


def _speech(body: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / "speeches" / "2001-01-01-a-speech.md"
        path.write_text(HEAD + body + "\n", encoding="utf-8")

    return make


def _paragraphs(paragraph: str, total: int) -> str:
    """Copies of ``paragraph`` separated by blank lines, about ``total`` characters in all."""
    return "\n\n".join([paragraph] * max(1, total // (len(paragraph) + 2)))


RECIPES: dict[str, Callable[[Path], None]] = {
    # Refused: each beyond one limit.
    "list-1000-deep-on-one-line": _speech("- " * 1000 + "deep"),
    "list-600-deep-by-indentation": _speech(
        "".join("    " * level + "- item\n" for level in range(600))
    ),
    "ordered-list-1000-deep": _speech("1. " * 1000 + "deep"),
    "quote-5000-deep": _speech(">" * 5000 + " deep"),
    "quote-and-list-alternating-deep": _speech("> - " * 500 + "deep"),
    "list-in-quote-deep-behind-blank-quote-lines": _speech(
        "".join(">" + "    " * level + " - item\n>\n" for level in range(200))
    ),
    "admonitions-nested-100-deep": _speech(
        "".join("    " * level + "!!! note\n" for level in range(100)) + "    " * 100 + "text"
    ),
    "footnote-definitions-nested-deep": _speech(
        "Text.[^a0]\n\n" + "".join("    " * level + f"[^a{level}]: note\n" for level in range(100))
    ),
    "tab-indented-list-300-deep": _speech(
        "".join("\t" * level + "- item\n" for level in range(300))
    ),
    "emphasis-nested-1000": _speech("*a " * 1000 + "b*" * 1000),
    "underscore-emphasis-5000-unclosed": _speech("_a " * 5000),
    "brackets-50000-nested": _speech("[" * 50000 + "x" + "]" * 50000),
    "brackets-20000-unclosed-interleaved": _speech("[a" * 20000),
    "link-openers-20000-unclosed": _speech("[a](" * 20000),
    "image-openers-20000": _speech("![a" * 20000),
    "footnote-reference-openers-100000": _speech("[^" * 100000),
    "parentheses-after-a-link-5000-unclosed": _speech("[a](b" + " (c" * 5000),
    "backticks-20000-in-a-paragraph": _speech("`" * 20000),
    "backtick-runs-of-every-length-once": _speech("".join("`" * n + "a" for n in range(1, 600))),
    "closing-braces-2-megabytes": _speech("}" * 2_000_000),
    "backslashes-100000": _speech("\\" * 100_000),
    "entities-50000-in-one-paragraph": _speech("&amp; " * 50000),
    "attribute-list-openers-100000": _speech("{#a" * 100000),
    "autolink-openers-50000": _speech("<http:" * 50000),
    "asterisks-100000": _speech("a " + "*" * 100000 + " a"),
    "separator-row-of-5000": _speech("Text.\n\n" + "=" * 5000),
    "line-of-400000-characters": _speech("word " * 80_000),
    "paragraph-of-400000-characters-in-short-lines": _speech(
        "A line of a transcript pasted without blank lines.\n" * 8_000
    ),
    "hard-line-breaks-50000": _speech("a\n" * 50000),
    "code-spans-30000-in-one-paragraph": _speech("`a` " * 30000),
    "a-body-of-two-million-characters": _speech(_paragraphs(PROSE * 12, 2_000_000)),
    "forty-thousand-one-word-paragraphs": _speech(_paragraphs("Yes.", 40_000 * 6)),
    "markup-over-the-speech-limit-in-short-paragraphs": _speech(
        _paragraphs("*a* [b](https://example.org/b) `c` &amp; " * 100, 300_000)
    ),
    # Inert: large, or at a limit, and built within the bound.
    "list-of-3000-items": _speech(
        "".join(f"{n}. Item {n}, with (parentheses) and *emphasis*.\n" for n in range(1, 3001))
    ),
    "outline-32-levels-deep": _speech(
        "".join("    " * level + f"- level {level}\n" for level in range(32))
    ),
    # A sentence in each of these: a body of marks alone is refused as shorter than one.
    "quotes-32-deep": _speech(">" * 32 + " The deepest words of the speech."),
    "separator-rows-and-dot-leaders-at-the-limit": _speech(
        _paragraphs("Chapter " + "." * 1000 + " 1", 200_000)
        + "\n\n"
        + "=" * 1000
        + "\n\n"
        + "-" * 1000
    ),
    "whole-speech-on-one-line": _speech(PROSE * 3500),
    "open-brackets-at-the-limit-in-every-paragraph": _speech(
        _paragraphs("[open (open *open " * 10 + "[a (b *c", 100_000)
    ),
    "markup-at-the-limit-of-the-speech": _speech(
        _paragraphs("*a* [b](https://example.org/b) `c` &amp; " * 1000, 3 * 45_000)
    ),
    "unmatched-backtick-runs-at-the-limit": _speech(
        _paragraphs("".join("`" * n + "a " for n in range(1, 17)) + PROSE * 20, 200_000)
    ),
    "lone-closing-braces-in-every-paragraph": _speech(
        PROSE + "\n\n" + _paragraphs("} " * 900, 400_000)
    ),
    "unclosed-quotation-marks": _speech(_paragraphs("“a " * 2000, 400_000)),
    "whitespace-runs-of-400000": _speech("a" + " " * 200_000 + "\t" * 200_000 + "b, that c"),
    "half-a-megabyte-of-prose-and-a-link": _speech(
        "See [the record](https://example.org/record).\n\n" + _paragraphs(PROSE * 12, 490_000)
    ),
    "six-thousand-short-paragraphs": _speech(_paragraphs(PROSE.strip(), 6_000 * 83)),
}
