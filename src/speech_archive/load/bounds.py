"""Bounded work: the shape of a speech body, measured before any parser or pattern reads it.

Python-Markdown recurses once per level of nesting (lists, quotes, brackets, emphasis),
scans from every '[' or '(' to its partner, and rebuilds a paragraph's text once per
inline element it finds, so a hostile body can make a build crash (RecursionError) or
run for hours. One pass over the characters, with no regular expression and no
recursion, refuses such a body with its line before anything else reads it. Each limit
is far above what real speeches hold (the seed, the fixtures and the labelled corpus hold
at most 433 markup characters, six levels of nesting and no run beyond a fence):

- MAX_NESTING: lists, block quotes, admonitions and footnotes inside one another. Real
  outlines go five or six levels deep; each level is a few Python frames.
- MAX_OPEN: '[', '(' and emphasis openers ('*', '_') still open at one point of a
  paragraph. Prose closes its brackets at once; each open one is rescanned to the end.
- MAX_RUN: one markup character repeated. Separator rows of '=' or '-' and dot leaders
  are a line wide; a backtick run opens a code span, and each unmatched run length is a
  scan to the end of the paragraph, so backticks have their own, smaller limit.
- MAX_LINE: characters in a line or in a paragraph (lines between blank lines): a long
  speech pasted as one line still fits.
- MAX_MARKS: characters that may start inline markup, and line breaks, in a paragraph
  or list item: Python-Markdown's time is their number times the text's length.
- MAX_SPEECH_MARKS: characters that may start inline markup, and paragraphs, in the
  whole speech. Each inline element (and each paragraph's number, a link with an
  attribute list) costs about a millisecond over a build's three renders (the safety
  check's two and the page's); real speeches hold a few hundred.
- MAX_BODY: characters in a speech's text. A strict build of a speech at this limit takes
  about 15 s on a loaded 2-core machine (its safety check renders it twice when it holds
  a link), so a speech at every limit at once still builds within 30 s. The longest
  speeches on record (seven hours) are about 350,000 characters. (Files of any kind stop at text_files.MAX_BYTES, which the reference
  works need.)
"""

from __future__ import annotations

import re

from ..problems import Problem

MAX_NESTING = 32
MAX_OPEN = 32
MAX_RUN = 1_000
MAX_BACKTICK_RUN = 16
MAX_LINE = 300_000
MAX_MARKS = 10_000
MAX_SPEECH_MARKS = 20_000
MAX_BODY = 500_000

# What can start an inline element (escape, code, emphasis, link, image, HTML, entity,
# attribute list): with line breaks, what Python-Markdown does work for in a paragraph.
_STARTS = frozenset("\\`*_[!<&{")
# A run of one character that starts or closes inline markup (linear: a character, then
# its repeats).
_RUN = re.compile(r"([\\`*_\[\]()!<&{])\1*")
_SPACES = re.compile(r"[ \t]*")
_EMPHASIS = frozenset("*_")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_LIST_BULLETS = frozenset("-*+")
_RULE = frozenset(" \t-*_")  # a thematic break ('- - -', '***') is no list


def _container_markers(line: str) -> tuple[int, int, int, bool]:
    """(whitespace columns, container markers, where the text starts, whether an item starts).

    A marker is '>', a list item's bullet or number, an admonition's '!!!' or '???', or
    a footnote definition's '[^label]:'; each opens one level. Whitespace between them
    (tabs count four columns) may open more, up to the levels already open. An item (all
    but '>') begins a text of its own for the inline patterns.
    """
    columns = markers = index = 0
    item = False
    end = len(line)
    rule_from = len(line.rstrip("".join(_RULE)))
    while index < end:
        char = line[index]
        if char in " \t":
            spaces = _SPACES.match(line, index).end()  # type: ignore[union-attr]
            columns += spaces - index + 3 * line.count("\t", index, spaces)
            index = spaces
        elif char == ">":
            markers += 1
            index += 2 if line[index + 1 : index + 2] == " " else 1
        elif char in _LIST_BULLETS and line[index + 1 : index + 2] in (" ", "\t"):
            if index >= rule_from and len(set(line[rule_from:]) - {" ", "\t"}) == 1:
                break  # '- - - -' is a thematic break
            markers += 1
            item = True
            index += 2
        elif "0" <= char <= "9":
            digits = index
            while digits < end and digits - index < 9 and "0" <= line[digits] <= "9":
                digits += 1
            if line[digits : digits + 1] not in (".", ")") or line[digits + 1 : digits + 2] not in (
                " ",
                "\t",
            ):
                break
            markers += 1
            item = True
            index = digits + 2
        elif line.startswith(("!!! ", "??? ", "???+ "), index):
            return columns, markers + 1, index + 3, True  # then its type and title
        elif line.startswith("[^", index):
            close = line.find("]:", index)
            if close == -1:
                break
            markers += 1
            item = True
            index = close + 2
        else:
            break
    return columns, markers, index, item


def body_bound_problems(body: str, shown_as: str, body_line: int) -> list[Problem]:
    """Every limit of this module the body exceeds, at most one problem of each kind."""
    problems: dict[str, Problem] = {}
    if len(body) > MAX_BODY:
        return [
            Problem(
                shown_as,
                body_line,
                "body",
                f"has {len(body):,} characters (expected at most {MAX_BODY:,} in a speech: "
                "split a longer text into several speeches)",
            )
        ]

    def report(kind: str, offset: int, message: str) -> None:
        if kind not in problems:
            problems[kind] = Problem(shown_as, body_line + offset, "body", message)

    depth = 0  # the nesting the last line with markers reached: indentation can go back to it
    blank_before = True
    paragraph_start = paragraph_chars = marks = brackets = parens = emphasis = 0
    speech_marks = 0
    for offset, line in enumerate(body.split("\n")):
        if len(line) > MAX_LINE:
            report(
                "line",
                offset,
                f"has a line of {len(line):,} characters (expected at most {MAX_LINE:,}: "
                "put a blank line between paragraphs)",
            )
        if not line.strip():
            blank_before = True
            paragraph_chars = marks = brackets = parens = emphasis = 0
            continue
        if blank_before:
            paragraph_start = offset
            speech_marks += 1  # its number: a link with an attribute list
        paragraph_chars += len(line) + 1
        if paragraph_chars > MAX_LINE and "line" not in problems:
            report(
                "paragraph",
                paragraph_start,
                f"has a paragraph of more than {MAX_LINE:,} characters from this line "
                f"(expected at most {MAX_LINE:,}: put a blank line between paragraphs)",
            )
        columns, markers, text_start, item = _container_markers(line)
        if item:  # a list item, note or admonition: the inline patterns read it alone
            marks = brackets = parens = emphasis = 0
        if markers and line[text_start:].strip():  # '>' alone keeps the quote's levels
            depth = min(columns // 4, depth) + markers
        elif blank_before and columns < 4:
            depth = 0  # an unindented paragraph after a blank line closes every container
        if depth > MAX_NESTING:
            report(
                "nesting",
                offset,
                f"nests lists, quotes or notes {depth} levels deep "
                f"(expected at most {MAX_NESTING})",
            )
        blank_before = False
        marks += 1  # the line break
        for run in _RUN.finditer(line, text_start):
            char, start, stop = run.group()[0], run.start(), run.end()
            length = stop - start
            if char in _STARTS:
                marks += length
                speech_marks += length
            if char == "[":
                brackets += length
            elif char == "]":
                brackets = max(0, brackets - length)
            elif char == "(":
                parens += length
            elif char == ")":
                parens = max(0, parens - length)
            elif char in _EMPHASIS:
                before = line[start - 1] if start else " "
                after = line[stop] if stop < len(line) else " "
                if not before.isspace() and (after.isspace() or after in _PUNCTUATION):
                    emphasis = max(0, emphasis - 1)  # closes: after a word, before a space
                elif not after.isspace() and (before.isspace() or before in _PUNCTUATION):
                    emphasis += 1
            if max(brackets, parens, emphasis) > MAX_OPEN:
                report(
                    "open",
                    offset,
                    f"has more than {MAX_OPEN} brackets, parentheses or emphasis marks "
                    "open at once in a paragraph (expected them closed, or escaped "
                    "with a backslash)",
                )
        if speech_marks > MAX_SPEECH_MARKS:
            report(
                "speech marks",
                offset,
                f"has more than {MAX_SPEECH_MARKS:,} markup characters and paragraphs by this "
                f"line (expected at most {MAX_SPEECH_MARKS:,} in a speech: '\\ ` * _ [ ! < & {{' "
                "start emphasis, links, code and entities, each a cost to every build)",
            )
        if marks > MAX_MARKS:
            report(
                "marks",
                paragraph_start,
                f"has a paragraph with more than {MAX_MARKS:,} markup characters and line "
                f"breaks from this line (expected at most {MAX_MARKS:,}: put a blank "
                "line between paragraphs)",
            )
    for char in sorted(_PUNCTUATION):
        limit = MAX_BACKTICK_RUN if char == "`" else MAX_RUN
        found = body.find(char * (limit + 1))  # a substring search per character: quick
        if found != -1:
            stop = found + limit + 1
            while stop < len(body) and body[stop] == char:
                stop += 1
            report(
                f"run {char}",
                body.count("\n", 0, found),
                f"repeats {char!r} {stop - found:,} times in a row "
                f"(expected at most {limit:,}: shorten the run, or escape it)",
            )
    return sorted(problems.values())
