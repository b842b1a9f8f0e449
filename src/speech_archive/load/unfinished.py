"""A speech body that is not finished: still the placeholder, empty, shorter than a sentence,
or holding a web page's furniture (share buttons, 'Back to top', a copyright line...).

The loader runs these, so ``speech-archive check`` and the build refuse the same files. A
contributor marks a deliberate exception in the front matter: ``accept: [short-body]`` for a
speech whose whole text is a few words, ``accept: [page-furniture]`` for one that really says
'Print' or 'All rights reserved' on a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..annotate.blocks import prose_lines
from ..problems import Problem

# What ``speech-archive new`` writes as the body (one home: the loader must know it).
PLACEHOLDER = (
    "Replace this paragraph with the text of the speech, word for word as the source gives it: "
    "one paragraph per block, with a blank line between paragraphs."
)
ACCEPT_FIELD = "accept"
SHORT_BODY = "short-body"
PAGE_FURNITURE = "page-furniture"
ACCEPTABLE = (SHORT_BODY, PAGE_FURNITURE)  # speeches/speech.schema.json's enum for 'accept'

# A sentence: five words, or fewer ending as a sentence ends in some script.
_SENTENCE_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?…。！？؟।]")
_WORD = re.compile(r"\w+")
# A line's list marker, quote marker or table pipes: furniture is often a list of links.
_LEAD = re.compile(r"^(?:[>|*+\-•·]\s*|\d+[.)]\s+)+")
_TODO = re.compile(
    r"(?:todo|tbd|fixme|xxx|lorem ipsum\b.*|(?:speech )?text (?:goes )?here)\W*", re.I
)

_SHARE_ITEM = (
    r"(?:share(?:\s+this(?:\s+(?:page|article|story|post|speech))?)?(?:\s+(?:on|via))?"
    r"|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|tumblr|weibo|wechat"
    r"|e-?mail(?:\s+this(?:\s+(?:page|article|story))?)?|print(?:\s+this(?:\s+(?:page|article))?)?"
    r"|print(?:er)?[- ]friendly(?:\s+version)?|copy\s+(?:the\s+)?link|tweet|bookmark"
    r"|(?:back|return|go)\s+to\s+(?:the\s+)?top(?:\s+of\s+(?:the\s+)?page)?|top\s+of\s+page"
    r"|to\s+top|\^\s*top|↑)"
)
_SEPARATOR = r"(?:\s*[|/·•,;:]\s*|\s+)"
# (what a message calls it, the pattern of a whole line), tried in order.
_FURNITURE = (
    (
        "a share, print or 'back to top' line",
        re.compile(rf"{_SHARE_ITEM}(?:{_SEPARATOR}{_SHARE_ITEM})*\s*[:|]?", re.I),
    ),
    (
        "a copyright line",
        re.compile(
            # "Copyright" alone may begin a sentence of a speech; a page's line names a
            # year or the sign.
            r"(?:copyright\s*(?:©|\(c\)|(?:19|20)\d\d)|©|\(c\)\s*(?:19|20)\d\d).{0,200}"
            r"|.{0,200}\ball rights reserved\W*",
            re.I,
        ),
    ),
    (
        "a cookie notice",
        re.compile(
            r".{0,200}\bcookies?\b.{0,200}",
            re.I,
        ),
    ),
    (
        "a list of related links",
        re.compile(
            r"(?:related(?:\s+(?:articles|stories|content|links|news|posts|pages|speeches"
            r"|topics|coverage|items|reading))?|read\s+more|more\s+(?:news|stories|articles"
            r"|speeches)|see\s+also|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)"
            r"|recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed)"
            r"|(?:tags|topics|keywords|categories|filed\s+under)\s*:.*)\s*:?",
            re.I,
        ),
    ),
    (
        "a 'Source:/Updated:' line",
        re.compile(
            r"(?:source\s*:.{0,300}\b(?:updated|retrieved|published|posted)\s*:.{0,100}"
            r"|(?:last\s+)?(?:updated|modified|published|posted|retrieved)"
            r"(?:\s+on\s*:?|\s*:|\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
            r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s))\s*[\w ,./-]{0,40}\d[\w ,./:-]{0,40})",
            re.I,
        ),
    ),
    (
        "a navigation line",
        re.compile(
            r"(?:skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation)|main\s+menu"
            r"|breadcrumbs?|you\s+are\s+here\s*:.*"
            r"|(?:sign\s+up\s+for|subscribe\s+to)\s+(?:our|the)\s+newsletter.*)\s*",
            re.I,
        ),
    ),
    ("a page number", re.compile(r"page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-", re.I)),
)
# A cookie line is a notice only when it says so (a speech may mention cookies).
_COOKIE_NOTICE = re.compile(
    r"\b(?:we\s+use|this\s+(?:web)?site\s+uses|uses\s+cookies|accept|consent|"
    r"cookie\s+(?:policy|settings|preferences|notice))\b",
    re.I,
)
_BARE_URL = re.compile(r"<?(?:https?://|www\.)\S+?>?")


def accepted_exceptions(meta: dict) -> set[str]:
    """The unfinished-body rules the front matter's ``accept`` list turns off."""
    value = meta.get(ACCEPT_FIELD)
    if not isinstance(value, list):
        return set()  # not a list: the schema reports it
    return {item for item in value if item in ACCEPTABLE}


def unfinished_problems(
    body: str, body_line: int, shown_as: str, accepted: Collection[str] = ()
) -> list[Problem]:
    """Problems of a body that is not yet a finished speech; ``body_line`` is its first line."""
    lines = body.split("\n")
    prose = prose_lines(lines)
    filled = [(offset, line) for offset, line in prose if line.strip()]
    if not filled:
        return [
            Problem(
                shown_as,
                max(body_line - 1, 1),  # the closing '---': the body has no line of its own
                "body",
                "is empty (expected the text of the speech after the front matter)",
            )
        ]
    problems = [
        Problem(shown_as, body_line + offset, "body", message)
        for offset, line in filled
        if (message := _placeholder_message(line))
    ]
    if problems:
        return problems
    text = " ".join(line for _, line in filled)
    if (
        SHORT_BODY not in accepted
        and len(_WORD.findall(text)) < _SENTENCE_WORDS
        and not _SENTENCE_END.search(text)
    ):
        problems.append(
            Problem(
                shown_as,
                body_line + filled[0][0],
                "body",
                f"is shorter than a sentence ({text.strip()[:80]!r}; expected the text of "
                f"the speech, or '{ACCEPT_FIELD}: [{SHORT_BODY}]' in the front matter "
                "when this really is all of it)",
            )
        )
    if PAGE_FURNITURE not in accepted:
        problems += _furniture_problems(lines, prose, body_line, shown_as)
    return problems


def _placeholder_message(line: str) -> str | None:
    if PLACEHOLDER in " ".join(line.split()):
        return (
            "is still the placeholder written by 'speech-archive new' "
            "(expected the text of the speech in its place)"
        )
    if _TODO.fullmatch(line.strip()):
        return (
            f"{line.strip()[:80]!r} is a placeholder, not the speech "
            "(expected the text of the speech in its place)"
        )
    return None


def _furniture_problems(
    lines: list[str], prose: list[tuple[int, str]], body_line: int, shown_as: str
) -> list[Problem]:
    problems: list[Problem] = []
    for offset, line in prose:
        content = _LEAD.sub("", line.strip()).strip()
        # Furniture is short, and more than a letter ('x' may be a list's or a poem's line).
        what = furniture_kind(content)
        if what is None and _BARE_URL.fullmatch(content) and _alone(lines, offset):
            what = "a bare web address"
        if what:
            problems.append(
                Problem(
                    shown_as,
                    body_line + offset,
                    "body",
                    f"{content[:80]!r} looks like {what} of a web page, not the speech "
                    f"(expected it removed, or '{ACCEPT_FIELD}: [{PAGE_FURNITURE}]' in the "
                    "front matter when the speech says it)",
                )
            )
    return problems


def furniture_kind(line: str) -> str | None:
    """What kind of a web page's furniture ``line`` is ('a copyright line'...); None when it
    may be speech. A footer written on one line ('Print | Back to top / Copyright © ...') is
    furniture when each of its parts is."""
    content = _LEAD.sub("", line.strip()).strip()
    if len(content) < 2 or len(content) > 400:
        return None
    whole = _kind_of(content)
    if whole:
        return whole
    parts = [part for part in _FOOTER_SEPARATOR.split(content) if part]
    kinds = [_kind_of(part) for part in parts] if len(parts) > 1 else [None]
    return kinds[0] if all(kinds) else None


# Parts of a one-line footer: ' | ', ' / ', ' · ' between them.
_FOOTER_SEPARATOR = re.compile(r"(?<!\s)\s+[|/·•]\s+")  # tried from a run's start only


def _kind_of(content: str) -> str | None:
    for what, pattern in _FURNITURE:
        if pattern.fullmatch(content):
            if what == "a cookie notice" and not _COOKIE_NOTICE.search(content):
                continue
            return what
    return None


def _alone(lines: list[str], offset: int) -> bool:
    """Whether line ``offset`` is a paragraph of its own (blank or no line either side)."""
    before = offset == 0 or not lines[offset - 1].strip()
    after = offset + 1 >= len(lines) or not lines[offset + 1].strip()
    return before and after
