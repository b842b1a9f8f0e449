"""A raw transcript -> front matter fields and the body, word for word.

Two shapes are recognised:

- header lines (``Title:``, ``Date:``, ``Speaker:``, ``Venue:``, ``Occasion:``, ``Source:``...),
  a blank line, then the paragraphs;
- a copy of a web page: navigation words, a ``Source: <name> Updated: <date>`` line, the title
  (often marked ``*`` for the source's note), a line holding only the date, the speech, then
  the note (``* ...``) and a rights notice in parentheses.

The body is never edited: only trailing spaces (including no-break spaces) at line ends go,
and runs of blank lines become one. Whatever cannot be recognised is left empty (None), so
``speech-archive check`` names it; preamble lines that were not used are returned, so the
contributor sees everything that did not go into the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..load.unfinished import furniture_kind
from .dates import iso_date
from .pdf_text import Join, join_split_words, set_aside_running_heads
from .speech_file import file_slug, free_slug, render_speech_file

# Header names as people write them -> the front-matter field they fill.
HEADER_FIELDS = {
    "title": "title",
    "date": "date",
    "delivered": "date",
    "delivered on": "date",
    "speaker": "speaker",
    "by": "speaker",
    "author": "speaker",
    "venue": "venue",
    "place": "venue",
    "location": "venue",
    "occasion": "occasion",
    "event": "occasion",
    "source": "source",
    "from": "source",
    "url": "source.url",
    "source url": "source.url",
    "link": "source.url",
    "publisher": "source.publisher",
    "updated": "source.updated",
    "retrieved": "source.retrieved",
    "accessed": "source.retrieved",
    "note": "note",
    "rights": "rights",
    "copyright": "rights",
    "summary": "summary",
    "language": "language",
}
_HEADER = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z ]{0,19}?)\s*:\s*(?P<value>.*)$")
# A source line may carry its dates and address: 'Source: <name> Updated: 2021-02-26'.
# (It starts where a run of spaces starts: tried inside the run, it rescanned the run.)
_SOURCE_PART = re.compile(r"(?<!\s)\s*\b(?P<key>updated|retrieved|accessed)\s*:\s*", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_NOTE_MARKER = re.compile(r"^(?P<title>.*\S)\s*(?P<marker>\*{1,3}|†|‡)$")
_PARENTHESISED = re.compile(r"^\((?P<text>.+)\)$", re.DOTALL)
_RIGHTS_WORDS = re.compile(
    r"\b(?:rights?|copyright|republish\w*|reproduc\w*|reserved|licen[cs]e\w*|permission)\b|©",
    re.IGNORECASE,
)
# A note like 'Speech at the Fourth Summit of ...' names the occasion.
_OCCASION_IN_NOTE = re.compile(
    r"^(?:(?:keynote|opening|closing|inaugural|welcoming|farewell|commencement|special|main)\s+)?"
    r"(?:speech|address|remarks|statement|lecture|toast|sermon|talk)\s+(?:delivered\s+|given\s+)?"
    r"(?:at|to|before)\s+(?:the\s+)?(?P<occasion>.+?)\.?$",
    re.IGNORECASE | re.DOTALL,
)
# A date with the source's remark after it: '2 September 2019 (Transcript of the speech...)'.
# The date ends at a character that is not a space, so a run of spaces is tried once.
_DATE_WITH_REMARK = re.compile(r"\A(?P<date>[^()]*[^()\s])\s*\((?P<remark>[^()]+)\)\Z")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
# What parts a byline's name from its date: 'Mr. REID — 21 July 2008'. Found by search rather
# than one pattern for the whole line, which would retry the date at every dash (quadratic).
_BYLINE_DASH = re.compile(r"(?<!\s)\s+[—–|-]\s+")
_EMPHASIS_MARKS = "`*_"
_THEMATIC_BREAK = re.compile(r"\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})")
_BYLINE_OPENER = re.compile(
    r"^\s*(?:remarks|speech|address|statement|presented|lecture|testimony)\s+(?:by|of)\b",
    re.IGNORECASE,
)
# Each part stops at a comma and the place starts at a letter, so no text is tried twice.
_DATE_AND_PLACE = re.compile(r"\A(?P<date>[^,]*\d{4}),\s+(?P<place>[^,\s\d][^,\d]*,[^,\d]+)\Z")
# A page number a PDF-to-text copy leaves on a line of its own: '12', '- 12 -', 'Page 2 of 5'.
_PAGE_NUMBER = re.compile(r"-\s*\d{1,4}\s*-|(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?", re.I)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_CODE_ONLY = re.compile(r"`[^`]*`")  # a line that is only code (an identifier)
PROSE_WORDS = 30  # a line this long is the speech itself: the preamble ends before it
# A transcript's speaker label: 'THE PRESIDENT:  Thank you.', 'SPEAKER JOHNSON:  Members...'.
_SPEAKER_LABEL = re.compile(r"^\s*[A-Z][A-Z.'’\- ]{1,40}[A-Z.]:\s+\S")
DATELINE_WORDS = 12  # a dateline line (place, time, date) is short


@dataclass
class ImportedSpeech:
    meta: dict  # front-matter fields; None where nothing was recognised
    body: str
    unused: list[tuple[int, str]] = field(default_factory=list)  # (line, text) left out of the file
    joins: list[Join] = field(default_factory=list)  # words split at line ends, made whole
    # The body's first line when no title, date or header line showed where the speech
    # starts: the whole page was kept, and the contributor is told to look (1-based).
    start_guessed: int | None = None


def add_page_hints(imported: ImportedSpeech, hints: dict) -> None:
    """What a web page says about itself (its title, address, publisher), where the text did
    not say it: the text's own title and source line win."""
    if hints.get("title") and not imported.meta.get("title"):
        imported.meta["title"] = hints["title"]
    page_source = hints.get("source") or {}
    if page_source:
        source = imported.meta.setdefault("source", {})
        for key, value in page_source.items():
            source.setdefault(key, value)
        # The schema requires a title: the publisher's name, else the address.
        source.setdefault("title", source.get("publisher") or source.get("url"))


def speech_file_from(
    imported: ImportedSpeech,
    options: dict[str, str | None],
    themes: tuple[str, ...] = (),
    slug: str | None = None,
    folder: Path | None = None,
) -> tuple[str, str]:
    """(file name, file text); the contributor's options ({'venue': ..., 'title': ...}) win
    over what the transcript says.

    Without a recognised date or title the name says so ('undated-...', '...-untitled'),
    and check reports it until the file is renamed.
    """
    meta = {**imported.meta, "themes": list(themes)}
    meta.update({name: value for name, value in options.items() if value})
    date = (
        meta["date"] if meta.get("date") and iso_date(meta["date"]) == meta["date"] else "undated"
    )
    if not slug and meta.get("title"):
        slug = file_slug(meta["title"])
        if folder is not None:  # another speech of the day may have those words already
            slug = free_slug(folder, date, slug, meta["title"])
    slug = slug or "untitled"
    return f"{date}-{slug}.md", render_speech_file(meta, imported.body)


def _header(line: str) -> tuple[str, str] | None:
    match = _HEADER.match(line)
    if match and match["key"].strip().lower() in HEADER_FIELDS:
        return HEADER_FIELDS[match["key"].strip().lower()], match["value"].strip()
    return None


def _date_value(text: str) -> str:
    """ISO when recognised; otherwise the text as written, for check to name."""
    return iso_date(text) or text


def _set(meta: dict, name: str, value: str) -> bool:
    """Set a field from a line; False when the field already holds another value. The first
    value stays, so the caller lists the line that gave the second, which is never lost."""
    if not value:
        return True
    if name == "date":
        value = _date_value(value)
    if name == "source":
        meta["source"] = {**_source(value), **meta.get("source", {})}
        return True
    if name.startswith("source."):
        held, name = meta.setdefault("source", {}), name.split(".", 1)[1]
        if name in ("updated", "retrieved"):
            value = _date_value(value)
    else:
        held = meta
    return held.setdefault(name, value) == value


def _source(text: str) -> dict:
    """'<name> Updated: <date>', with an optional address, as the schema's source mapping."""
    parts = _SOURCE_PART.split(text)
    source: dict = {}
    name = parts[0]
    url = _URL.search(name)
    if url:
        source["url"] = url.group(0).rstrip(".,;)")
        name = (name[: url.start()] + name[url.end() :]).strip(" ,;-–—()")
    source["title"] = name.strip() or source.get("url")
    for key, value in zip(parts[1::2], parts[2::2], strict=True):  # split on one group
        key = "retrieved" if key.lower() == "accessed" else key.lower()
        source[key] = _date_value(value.strip())
    return {key: value for key, value in source.items() if value}


def _clean_lines(text: str) -> list[str]:
    # str.rstrip() also removes no-break spaces, which web copies leave at line ends.
    return [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _body(lines: list[str]) -> str:
    """Lines as they are; blank-line runs become one blank line; no blank lines at the ends."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _paragraph_starts(lines: list[str], start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if lines[i] and (i == start or not lines[i - 1])]


def _split_footer(
    lines: list[str], start: int, marker: str | None
) -> tuple[int, str | None, str | None]:
    """(where the body ends, note, rights): the source's note and rights notice after the speech.

    The note is a closing paragraph opening with the title's marker; the rights notice a last
    paragraph in parentheses, taken only after such a note or when it speaks of rights, so a
    closing '(Applause.)' stays in the speech.
    """
    end = len(lines)
    starts = _paragraph_starts(lines, start, end)
    note = rights = None
    if starts:
        last = " ".join(lines[starts[-1] : end]).strip()
        parenthesised = _PARENTHESISED.match(last)
        before = " ".join(lines[starts[-2] : starts[-1]]).strip() if len(starts) > 1 else ""
        note_before = bool(
            marker and before.startswith(marker) and not before.startswith(marker + marker)
        )
        if parenthesised and (note_before or _RIGHTS_WORDS.search(last)):
            rights, end = parenthesised["text"].strip(), starts[-1]
            starts = starts[:-1]
    if starts and marker:
        last = " ".join(lines[starts[-1] : end]).strip()
        if last.startswith(marker) and not last.startswith(marker + marker):
            note, end = last[len(marker) :].strip(), starts[-1]
    return end, note, rights


def _header_block(lines: list[str]) -> int | None:
    """The index after the header block when the text opens with 'Key: value' lines."""
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None or _header(lines[first]) is None:
        return None
    end = first
    while end < len(lines) and lines[end]:
        end += 1
    return end


def import_transcript(text: str, title: str | None = None) -> ImportedSpeech:
    """Recognise what a raw transcript says about itself; keep its words as the body.

    ``title`` is the contributor's (--title): on a page whose own lines do not show where
    the speech starts (a scanned pamphlet's cover, a news page), the speech starts after
    the last line before the prose that gives that title."""
    lines = _clean_lines(text)
    meta: dict = {}
    unused: list[tuple[int, str]] = []
    marker = None
    start = 0
    header_end = _yaml_block(lines, meta, unused)
    if header_end is None:
        header_end = _header_block(lines)
    elif "title" in meta and "date" in meta:
        start = header_end
        header_end = None
    if header_end is not None:
        for index in range(header_end):
            found = _header(lines[index])
            if found and _set(meta, *found):
                continue
            if lines[index]:
                unused.append((index + 1, lines[index]))
        start = header_end
    if "title" not in meta or "date" not in meta:
        # A web copy, or headers that leave the title or date to the lines below them.
        start, marker = _web_preamble(lines, start, meta, unused)
    start = _transcript_dateline(lines, start, meta, unused)
    recognised = start > 0 or bool(meta)
    if not recognised:
        start = _after_headline(lines, meta, unused, title)
        if start == 0:
            start = _at_speech_opening(lines, meta, unused)
        recognised = start > 0
    while start < len(lines) and (not lines[start] or _THEMATIC_BREAK.fullmatch(lines[start])):
        if lines[start]:  # a rule ('---') between the page's heading and the speech
            unused.append((start + 1, lines[start]))
        start += 1
    start_guessed = None if recognised or start == len(lines) else start + 1
    lines = _set_aside_furniture(lines, start, meta, unused)
    lines = set_aside_running_heads(lines, start, unused)  # a PDF copy's page heads
    end, note, rights = _split_footer(lines, start, marker)
    if note and "note" not in meta:
        meta["note"] = note
    if rights and "rights" not in meta:
        meta["rights"] = rights
    if "occasion" not in meta and meta.get("note"):
        occasion = _OCCASION_IN_NOTE.match(meta["note"])
        if occasion:
            meta["occasion"] = occasion["occasion"][0].upper() + occasion["occasion"][1:]
    source = meta.get("source")
    if source and not source.get("title"):  # the schema requires one: publisher, else address
        source["title"] = source.get("publisher") or source.get("url")
    for required in ("title", "date", "speaker", "venue"):
        meta.setdefault(required, None)
    body, joins = join_split_words(lines[start:end], first_line=start + 1)
    return ImportedSpeech(meta, _body(body), sorted(unused), joins, start_guessed)


def _after_headline(
    lines: list[str], meta: dict, unused: list[tuple[int, str]], title: str | None
) -> int:
    """Where the speech starts on a page whose lines gave no title or date: after the line
    that gives the contributor's title, else after a headline followed by a byline ('By WND
    Staff'), as news pages and printed pamphlets open; after that byline when one follows
    the title closely. 0 when neither is there: the whole page is kept."""
    titled_at = _line_giving(lines, title) if title else None
    headline_at = titled_at
    if headline_at is None:
        headline_at = next((i for i, line in enumerate(lines) if line.strip()), None)
        if headline_at is None or not _short(lines[headline_at]):
            return 0
        if _SENTENCE_END.search(lines[headline_at].rstrip()):
            return 0
    byline_at = _byline_after(lines, headline_at)
    if byline_at is None and titled_at is None:
        return 0
    end = (byline_at if byline_at is not None else headline_at) + 1
    if titled_at is None:
        meta["title"] = lines[headline_at].strip()
    unused.extend(
        (index + 1, line)
        for index, line in enumerate(lines[:end])
        if line.strip() and (titled_at is not None or index != headline_at)
    )
    return end


# How speeches open, in the first words of their first line: a salutation ('Mr Speaker,',
# 'Ladies and gentlemen', 'My dear countrymen,', 'Kia ora koutou katoa,') or thanks and
# greetings ('Thank you, Admiral.', 'Good morning everyone').
_SALUTATION_WORDS = frozenset(
    """mr mr. mrs mrs. ms ms. madam madame mister sir ladies gentlemen friends fellow my dear
    distinguished esteemed honourable honorable excellency excellencies colleagues brothers
    sisters comrades citizens members delegates kia thank thanks good""".split()
)
_FIRST_PERSON = frozenset("i i'm i’m i've i’ve me my we we're we’re we've we’ve our us".split())
OPENING_WORDS = 12  # a first line of prose in the first person is at least this long
OPENING_WITHIN = 40  # lines: the page's furniture above a speech is shorter than this
_LIST_CHARACTERS = "*-•·|>"


def _opens_speech(lines: list[str], index: int) -> bool:
    """Whether a line reads like a speech's first line: a speaker's label ('THE PRESIDENT:
    Thank you.', 'President of Russia Vladimir Putin:' before the words), a salutation or
    thanks, or a sentence of prose in the first person ('Let me start by thanking you')."""
    line = lines[index].strip()
    words = line.split()
    if not words or line[0] in _LIST_CHARACTERS or furniture_kind(line) or _header(line):
        return False
    if _SPEAKER_LABEL.match(line):
        return True
    following = next((lines[j] for j in range(index + 1, len(lines)) if lines[j].strip()), "")
    if (
        line.endswith(":")
        and len(words) <= 8
        and words[0][:1].isupper()
        and len(following.split()) >= OPENING_WORDS
    ):
        return True  # a speaker's label on a line of its own, then the speech
    first = words[0].lower().strip(",:;!")
    head = " ".join(words[:12])
    if first in _SALUTATION_WORDS and any(mark in head for mark in ",:;!"):
        return True
    if len(words) < OPENING_WORDS:
        return False
    return not _FIRST_PERSON.isdisjoint(_bare_words(line))


# Words a standfirst or an editor's note uses of the text below it ('The following is the
# full text of ...', 'Here is the text of the speech as prepared for delivery').
_SPEECH_WORDS = frozenset(
    """speech speeches address addresses remarks statement text transcript delivered delivery
    lecture message oration sermon toast briefing""".split()
)


def _about_a_speech(line: str) -> bool:
    return not _SPEECH_WORDS.isdisjoint(_bare_words(line))


def _bare_words(line: str) -> set[str]:
    """The line's words in lower case, without the punctuation around them."""
    return {word.lower().strip(",.;:!?()\"'“”‘’") for word in line.split()}


def _date_within(line: str) -> str | None:
    """The first date written in a short line ('As Delivered by ..., Tuesday, May 29, 2012',
    '29 August 2019 - 17:32'), if any."""
    words = [word.strip(",;()[]–—-") for word in line.split()]
    if len(words) > 2 * DATELINE_WORDS:
        return None
    for start in range(len(words)):
        for count in (4, 3):
            found = iso_date(" ".join(words[start : start + count]))
            if found:
                return found
    return None


def _at_speech_opening(lines: list[str], meta: dict, unused: list[tuple[int, str]]) -> int:
    """Where the speech starts on a page none of whose lines gave a title or a date: at the
    first line that opens a speech, among the page's first lines; the title is the last
    heading-like line above it and the date the first date written above it. Everything
    above is listed. 0 (the whole page kept) when no line opens a speech there."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()][:OPENING_WITHIN]
    opening = next((i for i in nonblank if _opens_speech(lines, i)), None)
    if opening is None:
        return 0
    # A speech often opens on a list of those it addresses, a line each ('Deputy President
    # David Mabuza,'), above its first sentence: the start moves up over that list.
    position = nonblank.index(opening)
    while position > 0:
        line = lines[nonblank[position - 1]].strip()
        if not line.endswith((",", ";", ":")) or _header(line) or furniture_kind(line):
            break
        position -= 1
    if position == 0:
        return 0
    opening = nonblank[position]
    above = [i for i in nonblank if i < opening]
    just_above = lines[above[-1]]
    if (
        len(just_above.split()) >= OPENING_WORDS
        and _SENTENCE_END.search(just_above.rstrip())
        and not _about_a_speech(just_above)
    ):
        return 0  # a paragraph right above that is not a note about the speech: it may be it
    # 'Title' / 'Speech by ..., 14 January 2020' / notes: the title stands before the first
    # byline or date, when there is one, else it is the last heading above the speech.
    dated = next((i for i in above if _date_within(lines[i]) or _is_byline(lines[i])), None)
    titles = [i for i in above if _could_be_title(lines[i])]
    before = [i for i in titles if dated is None or i < dated]
    title_at = (before or titles)[-1] if titles else None
    if title_at is not None:
        meta["title"] = lines[title_at].strip()
    date = next((found for i in above if (found := _date_within(lines[i]))), None)
    if date:
        meta["date"] = date
    unused.extend((i + 1, lines[i]) for i in above if i != title_at)
    return opening


def _is_byline(line: str) -> bool:
    """'Speech by ...', 'Remarks of ...', 'As delivered by ...', 'By ...'."""
    text = line.strip()
    return bool(
        _BYLINE_OPENER.match(text)
        or re.match(r"(?:as\s+(?:prepared\s+for\s+)?delivered\s+)?by\s", text, re.I)
    )


def _could_be_title(line: str) -> bool:
    """A heading: a short line, not a sentence, a date, a label, a byline or furniture."""
    text = line.strip()
    return (
        _short(text)
        and not _SENTENCE_END.search(text)
        and not text.endswith(":")
        and text[0] not in _LIST_CHARACTERS + "[("
        and not _date_within(text)
        and not _header(text)
        and not _is_byline(text)
        and not furniture_kind(text)
        and not re.search(r"https?://|www\.", text)
        and not re.search(r"\d:\d\d|\b[ap]\.?m\.?(?!\w)", text, re.I)  # a time of day
    )


HEADLINE_WORDS = 12  # a headline, a dek or a byline is a short line
# Lines after the headline a byline may be: a dek ('Fourth of July Oration, 1923.') may come first.
BYLINE_WITHIN = 3


def _short(line: str) -> bool:
    return 0 < len(line.split()) <= HEADLINE_WORDS


def _byline_after(lines: list[str], headline_at: int) -> int | None:
    """The line of a byline ('By Rev. Charles W. Lyons, S. J.') among the few short lines
    after the headline, or None. Its name is capitalised, which 'By the rivers of Babylon'
    is not."""
    following = [i for i in range(headline_at + 1, len(lines)) if lines[i].strip()]
    for index in following[:BYLINE_WITHIN]:
        if not _short(lines[index]):
            return None
        words = lines[index].split()
        if words[0] == "By" and len(words) > 1 and words[1][:1].isupper():
            named = [word for word in words[1:] if word[:1].isupper()]
            if 2 * len(named) >= len(words) - 1:
                return index
    return None


def _words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _line_giving(lines: list[str], title: str) -> int | None:
    """The last line before the first line of prose whose words are the title's words
    ('THE   AMERICAN    MIND.' for 'The American Mind'), if any."""
    wanted = _words_of(title)
    window = next((i for i, line in enumerate(lines) if len(line.split()) >= PROSE_WORDS), None)
    found = [i for i, line in enumerate(lines[:window]) if wanted and _words_of(line) == wanted]
    return found[-1] if found else None


def _yaml_block(lines: list[str], meta: dict, unused: list[tuple[int, str]]) -> int | None:
    """A saved Markdown copy may open with its own YAML front matter ('---', 'title: ...',
    'date: ...', 'source_url: ...', '---'): its fields are read as header lines are, and the
    index after the closing '---' is returned. Keys the contract has no field for ('tags',
    'published_time'...) are listed as left out; the '---' lines frame the block."""
    if not lines or lines[0].strip() != "---":
        return None
    close = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() == "---"), None)
    if close is None:
        return None
    try:
        block = yaml.safe_load("\n".join(lines[1:close]))
    except yaml.YAMLError:
        return None
    if block is None:
        block = {}  # '---' twice: an empty front matter
    if not isinstance(block, dict):
        return None
    for index in range(1, close):
        line = lines[index]
        key = re.match(r"([A-Za-z][A-Za-z_ \t]*):", line)  # no lazy part: linear on any line
        field = key[1].rstrip() if key else ""
        name = HEADER_FIELDS.get(field.replace("_", " ").lower()) if key else None
        value = block.get(field) if key else None
        if (
            name
            and (isinstance(value, (str, int, float)) or hasattr(value, "isoformat"))
            and _set(meta, name, str(value).strip())
        ):
            continue
        if line.strip():
            unused.append((index + 1, line))
    return close + 1


def _transcript_dateline(
    lines: list[str], start: int, meta: dict, unused: list[tuple[int, str]]
) -> int:
    """Where a transcript's speech starts: at its first speaker label ('THE PRESIDENT:  ...'),
    when only a short dateline (place, time, a date) stands before it. The dateline is listed
    as left out; its date is when the speech was given, so a date the page gave above it
    (when it was posted) becomes the source's 'updated' date."""
    nonblank = [i for i in range(start, len(lines)) if lines[i].strip()]
    label_at = next(
        (n for n, i in enumerate(nonblank[:12]) if _SPEAKER_LABEL.match(lines[i])), None
    )
    if not label_at:
        return start
    dateline = nonblank[:label_at]
    if any(len(lines[i].split()) >= DATELINE_WORDS for i in dateline):
        return start
    for index in dateline:
        spoken = iso_date(lines[index].strip().strip("()[]").strip())
        if spoken and spoken != meta.get("date"):
            if meta.get("date"):
                meta.setdefault("source", {}).setdefault("updated", meta["date"])
            meta["date"] = spoken
        elif not spoken:
            unused.append((index + 1, lines[index]))
    return nonblank[label_at]


def _stands_alone(lines: list[str], index: int) -> bool:
    return (index == 0 or not lines[index - 1].strip()) and (
        index + 1 == len(lines) or not lines[index + 1].strip()
    )


def _set_aside_furniture(
    lines: list[str], start: int, meta: dict, unused: list[tuple[int, str]]
) -> list[str]:
    """``lines`` with the page's furniture after ``start`` blanked, wherever it sits: a
    'Source: ... Updated: ...' line fills the front matter, the rest (share and print
    lines, 'Back to top', copyright lines, cookie notices...) is listed as left out.

    A paragraph in parentheses is kept: it may be the source's rights notice, which
    _split_footer takes from the end of the text.
    """
    kept = list(lines)
    for index in range(start, len(lines)):
        line = lines[index]
        if _PAGE_NUMBER.fullmatch(line.strip()) and _stands_alone(lines, index):
            unused.append((index + 1, line))  # a PDF copy's page number, between blank lines
            kept[index] = ""
            continue
        if not line.strip() or _PARENTHESISED.match(line.strip()):
            continue
        kind = furniture_kind(line)
        if kind is None:
            continue
        header = _header(line.strip())
        if not (kind == "a 'Source:/Updated:' line" and header and _set(meta, *header)):
            unused.append((index + 1, line))
        kept[index] = ""
    return kept


def _byline(line: str) -> tuple[str, str] | None:
    """(name, date) of a byline, which a Markdown copy may wrap in emphasis or code marks;
    the first dash between spaces parts them."""
    core = line.strip().lstrip(_EMPHASIS_MARKS).rstrip(_EMPHASIS_MARKS)
    dash = _BYLINE_DASH.search(core)
    if any(mark in core for mark in _EMPHASIS_MARKS) or not dash or dash.start() == 0:
        return None
    date = core[dash.end() :]
    return (core[: dash.start()], date) if date else None


def _date_and_remark(line: str) -> tuple[str | None, str | None]:
    """(ISO date, remark) of a line holding only a date, or a date and a remark in
    parentheses: '2 September 2019 (Transcript of the speech, exactly as it was delivered)'."""
    date = iso_date(line)
    if date:
        return date, None
    match = _DATE_WITH_REMARK.match(line.strip())
    if match and iso_date(match["date"]):
        return iso_date(match["date"]), match["remark"].strip()
    # A byline and the date, as a Markdown copy may give them: '`Mr. REID — 21 July 2008`'.
    byline = _byline(line)
    if byline and iso_date(byline[1]):
        return iso_date(byline[1]), None
    # An editor's note in brackets ending with the date: '[Delivered in the presence of ...
    # veterans, on the occasion of the fiftieth anniversary of the battle, July 4, 1913.]'
    bracketed = re.fullmatch(r"\[(?P<text>[^\[\]]+)\]|\((?P<paren>[^()]+)\)", line.strip())
    if bracketed:
        text = (bracketed["text"] or bracketed["paren"]).strip()
        words = text.rstrip(".").split()
        for count in (4, 3, 2):
            if len(words) > count and iso_date(" ".join(words[-count:]).strip(",;")):
                return iso_date(" ".join(words[-count:]).strip(",;")), text
    return None, None


def _date_ending(line: str) -> str | None:
    """The ISO date a one-sentence line ends with ('... on 28 August 2018.'), or a short
    line ending with 'on <date>' ('Volume 612: debated on Thursday 30 June 2016'), if any."""
    text = line.strip()
    short = len(text.split()) < DATELINE_WORDS and re.search(r"\bon\s", text)
    if not (text.endswith(".") or short) or re.search(r"[.!?]\s", text.rstrip(".")):
        return None
    words = text.rstrip(".").split()
    for count in (4, 3, 2):
        if len(words) > count and iso_date(" ".join(words[-count:])):
            return iso_date(" ".join(words[-count:]))
    return None


def _label_values(lines: list[str], first: int, end: int) -> dict[int, int]:
    """{label line: value line} for labels standing alone ('From:', 'Delivered on:') with
    their value on the next line that is not blank, as pages laid out as label/value
    pairs copy."""
    pairs = {}
    for index in range(first, end):
        header = _header(lines[index])
        if header is None or header[1]:
            continue
        value_at = next((i for i in range(index + 1, min(index + 3, end)) if lines[i]), None)
        if value_at is not None and _header(lines[value_at]) is None:
            pairs[index] = value_at
    return pairs


def _web_preamble(
    lines: list[str], first: int, meta: dict, unused: list[tuple[int, str]]
) -> tuple[int, str | None]:
    """Read the lines before the speech; return where the speech starts and the note marker.

    The preamble ends after the date line or the marked title, whichever comes later,
    looking no further than the first line long enough to be prose.
    """
    window = next(
        (i for i in range(first, len(lines)) if len(lines[i].split()) >= PROSE_WORDS), len(lines)
    )
    values = _label_values(lines, first, window)
    date_at = next((i for i in range(first, window) if _date_and_remark(lines[i])[0]), None)
    standfirst = False
    if date_at is None:
        # 'Below is the text of the speech made by ..., in Cape Town, South Africa, on 28
        # August 2018.': a standfirst naming the day the speech was made.
        date_at = next((i for i in range(first, window) if _date_ending(lines[i])), None)
        standfirst = date_at is not None
    marked_at = next((i for i in range(first, window) if _NOTE_MARKER.match(lines[i])), None)
    found = [i for i in (date_at, marked_at) if i is not None]
    if not found:
        return first, None
    start = max(found) + 1
    headers = {index: _header(lines[index]) for index in range(first, start)}
    given = set()  # a label's value line, on the line after the label, that gave its field
    for index, header in headers.items():  # a header's value wins over what the lines suggest
        if header and index in values and values[index] != date_at:
            if _set(meta, header[0], lines[values[index]].strip()):
                given.add(values[index])
        elif header and not _set(meta, *header):
            unused.append((index + 1, lines[index]))
    if date_at is not None:
        remark = lines[date_at].strip() if standfirst else _date_and_remark(lines[date_at])[1]
        if remark:
            meta.setdefault("note", remark)
    marker = None
    title_at = marked_at
    if marked_at is not None:
        title_match = _NOTE_MARKER.match(lines[marked_at])
        assert title_match is not None  # marked_at is where this pattern matched
        marker = title_match["marker"]
        meta.setdefault("title", title_match["title"])
        if meta["title"] != title_match["title"]:
            title_at = None  # a header gave the title: this line is listed, not lost
    else:
        # Without a marker, the title is the last plain line before the date.
        assert date_at is not None  # one of the two was found
        # A title does not end like a sentence: a standfirst ('X delivered the following
        # statement.') between the title and the date is not taken for it.
        # On a cover page ('Committee Decisions and Rules / Remarks by / Stanley Fischer / ...
        # / May 5, 2017') the title stands before 'Remarks by'.
        opener = next((i for i in range(first, date_at) if _BYLINE_OPENER.match(lines[i])), None)
        before_date = range((opener if opener is not None else date_at) - 1, first - 1, -1)
        title_at = next(
            (
                i
                for i in before_date
                if lines[i]
                and not _header(lines[i])
                and i not in values.values()
                and not _SENTENCE_END.search(lines[i])
                and not _CODE_ONLY.fullmatch(_MARKDOWN_HEADING.sub("", lines[i]).strip())
            ),
            None,
        )
        if title_at is not None:
            title = _MARKDOWN_HEADING.sub("", lines[title_at]).strip()  # '# Title': a heading
            meta.setdefault("title", title)
            if meta["title"] != title:
                title_at = None  # a header gave the title: this line is listed, not lost
    if date_at is not None:
        written = (_date_ending if standfirst else lambda line: _date_and_remark(line)[0])(
            lines[date_at]
        )
        meta.setdefault("date", written)
        if meta["date"] != written:
            date_at = None  # a header gave another date: this line is listed, not lost
    if date_at is not None and _byline(lines[date_at]):
        unused.append((date_at + 1, lines[date_at]))  # its date is used; its name is listed
    for index in range(first, start):
        line = lines[index]
        if (
            line
            and index not in (date_at, title_at)
            and index not in given
            and not headers[index]
            and line != meta.get("title")
        ):
            unused.append((index + 1, line))  # navigation words and the like
    # 'March 29, 2019' then '19 March 2019, Wellington, New Zealand': the page's date is when
    # it was posted (listed); the date with the place is when and where the speech was given.
    given_at = next((i for i in range(start, len(lines)) if lines[i]), None)
    spoken = _DATE_AND_PLACE.fullmatch(lines[given_at].strip()) if given_at is not None else None
    if date_at is not None and given_at is not None and spoken and iso_date(spoken["date"]):
        unused.append((date_at + 1, lines[date_at]))
        meta["date"] = iso_date(spoken["date"])
        meta.setdefault("venue", spoken["place"])
        start = given_at + 1
    return start, marker
