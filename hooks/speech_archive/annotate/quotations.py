"""Quotations in prose and the cues that mark one as a saying.

Scanning is one left-to-right pass over the quote marks, so a long unclosed
quotation costs linear time. Cue patterns only ever run on a bounded window
(the clause before a quotation, or the words after it), never on the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import prose_spans

MAX_SAYING_CHARS = 600  # longer quotations are passages, not sayings
_WINDOW = 200  # how far before a quotation a cue may start
_MASK = "\x1a"  # stands in for protected regions (code, links, URLs) during the scan


@dataclass(frozen=True)
class Quotation:
    open: int  # index of the opening mark
    start: int  # first character inside the marks
    end: int  # index of the closing mark
    close: int  # index just after the closing mark


@dataclass(frozen=True)
class Cue:
    origin: str  # 'Chinese saying', 'Proverb', 'Confucius', 'Book of Rites'...
    specific: bool  # names a people, person or work rather than only 'a saying'


def mask_protected(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The text with code spans, links, URLs and HTML blanked out, same length."""
    masked, position = [], 0
    for start, end in prose_spans(text) if spans is None else spans:
        masked.append(_MASK * (start - position))
        masked.append(text[start:end])
        position = end
    masked.append(_MASK * (len(text) - position))
    return "".join(masked)


_MARK = re.compile("[\"“”‘’]")


def _letter(ch: str) -> bool:
    return ch.isalnum()


def scan_quotations(masked: str) -> list[Quotation]:
    """Quotations in straight double, curly double and (unambiguous) curly single marks."""
    found: list[Quotation] = []
    opened: tuple[str, int] | None = None  # (closing mark expected, index of opener)
    for match in _MARK.finditer(masked):
        mark, i = match.group(), match.start()
        before = masked[i - 1] if i else " "
        after = masked[i + 1] if i + 1 < len(masked) else " "
        opens = not before.isalnum() and not after.isspace()
        closes = not before.isspace() and not _letter(after)
        if opened is None:
            if mark == '"' and opens:
                opened = ('"', i)
            elif mark == "“":
                opened = ("”", i)
            elif mark == "‘" and opens:
                opened = ("’", i)
            continue
        expected, start = opened
        if expected == "’" and mark == "’" and closes:
            # An apostrophe ends a word ("countries’ leaders"); a closing mark ends a sentence
            # or clause, so only close on punctuation inside or after the mark.
            closes = masked[i - 1] in ".,;:!?" or not after.isspace()
        if mark == expected and (closes or mark == "”"):
            if i - start - 1 <= MAX_SAYING_CHARS:
                found.append(Quotation(start, start + 1, i, i + 1))
            opened = None
        elif mark in ('"', "“") and ((expected == "’" and (mark == "“" or opens)) or (opens and not closes)):
            # A fresh double opener: the earlier quotation was never closed, or was a stray ‘.
            opened = ("”" if mark == "“" else '"', i)
    return found


# --- cues -------------------------------------------------------------------

_NOUN = (r"(?i:sayings?|proverbs?|adages?|maxims?|aphorisms?|axioms?|dictums?|idioms?|mottos?"
         r"|precepts?|poems?|verses?|lines|songs?|odes?|classics?|scriptures?|ditty|couplets?)")
# Nouns that name a saying by themselves: "the saying "..."" needs no verb; "the poem "..."" is a title.
_SAYING_NOUNS = {"saying", "proverb", "adage", "maxim", "aphorism", "axiom", "dictum", "idiom", "motto", "precept"}
_ADJ = (r"(?i:old|ancient|famous|well-known|well known|popular|common|traditional|wise|classical|folk|"
        r"time-honou?red|venerable|beautiful|oft-quoted|favou?rite|good|great|true|simple|familiar|"
        r"another|other|fitting|apt|very|an|a|the|one|this|that|our|their|its|his|her)")
_CAP = r"[A-Z][\w'’-]*"  # a capitalised word: a people or place ('Chinese', 'West African')
_MODS = rf"(?P<mods>(?:(?:{_ADJ}|{_CAP})\s+){{0,4}})"
_ADV = r"(?i:(?:so\s+)?(?:aptly|rightly|wisely|truly|well|nicely|beautifully|often|also|once|famously|clearly)\s+)?"
_VERB = (r"(?i:goes|go|went|says|say|said|puts\s+it|put\s+it|tells\s+us|told\s+us|tells|has\s+it|reads|read|"
         r"runs|teaches|taught|holds|states|observes|notes|reminds\s+us|advises|warns|counsels|declares|"
         r"sings|teach|tell\s+us|put|puts)")
_WORK = (r"(?P<work>(?:[Tt]he\s+)?(?:(?:Holy|Old|New|Great)\s+)?"
         r"(?:(?:[A-Z][\w'’-]*\s+){0,3}(?:Book|Classic|Scriptures?|Sutra|Canon|Annals|Analects|Psalms?|Gospel|"
         r"Vedas?|Upanishads?|Gita|Bible|Qur['’]?an|Koran|Torah|Talmud|Testament|Ching|Jing|Mahabharata|Ramayana)"
         r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?|Art\s+of\s+War))")
_NAME = r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|von|van|bin|ibn|al-\w+)){0,3})"
_SAGE = (r"(?:(?i:the)\s+(?:[\w-]+\s+){0,3}?(?i:philosopher|poet|sage|thinker|master|scholar|statesman|"
         r"writer|teacher|strategist|historian|prophet|apostle|saint|educator|reformer)\s+)")
_PVERB = (r"(?i:(?:once\s+|famously\s+|rightly\s+|aptly\s+|wisely\s+|so\s+|also\s+|has\s+|had\s+|beautifully\s+)*"
          r"(?:said|says|put\s+it|puts\s+it|wrote|writes|observed|noted|taught|teaches|remarked|reminds\s+us|"
          r"reminded\s+us|told\s+us|tells\s+us|advised|declared|stated|sang|exhorted\s+us))")
_FOLK = r"(?i:(?:as\s+)?(?:they|people|we|the\s+ancients|our\s+ancestors|the\s+elders|our\s+elders|our\s+forefathers|the\s+old\s+people))"
_ELDERS = r"(?i:the\s+ancients|our\s+ancestors|the\s+elders|our\s+elders|our\s+forefathers|the\s+old\s+people)"
_PEOPLE = r"(?P<people>[A-Z][\w'’-]*)"
_FOLK_VERB = r"(?i:(?:often\s+|always\s+|used\s+to\s+|would\s+|like\s+to\s+|like\s+to\s+|so\s+)?(?:say|said|says|put\s+it)(?:\s+in\s+[A-Z]\w*)?)"
_LEAD = r"(?:[,:;]|\s*(?:—|–|--))?\s*"

# A saying noun alone ("There is a Chinese saying: ..."); other nouns need a verb here,
# since "the poem "Ozymandias"" names a title.
_NOUN_ONLY = re.compile(
    rf"(?:^|\W){_MODS}(?P<noun>{_NOUN})(?:\s+(?i:in|from|of|among)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?"
    rf"(?:\s+(?i:that|which)\s+{_ADV}{_VERB}(?:\s+(?i:like\s+this|as\s+follows|thus))?|\s+(?i:goes|runs|reads))?"
    rf"\s*[,:]?\s*$"
)
# Before a quotation: the clause ends right at the opening mark.
_BEFORE = [
    re.compile(rf"(?:^|\W)(?i:as\s+|like\s+)?{_MODS}(?P<noun>{_NOUN})\s+{_ADV}{_VERB}(?:\s+(?i:that|us|so))?\s*[,:]?\s*$"),
    re.compile(rf"(?:^|\W)(?i:as\s+)?{_WORK}\s+{_ADV}{_VERB}(?:\s+(?i:us|that))?\s*[,:]?\s*$"),
    re.compile(rf"(?:^|\W)(?i:in|from)\s+{_WORK},?\s+(?i:it\s+is\s+(?:written|said)|we\s+read)\s*[,:]?\s*$"),
    # A people's saying ("as the Chinese say", "the Swahili have a saying"); before the
    # noun patterns, so "a saying" inside does not take the people's name away.
    re.compile(rf"(?:^|\W)(?i:as)\s+the\s+{_PEOPLE}\s+{_FOLK_VERB}\s*[,:]?\s*$"),
    re.compile(rf"(?:^|\W)(?i:the)\s+{_PEOPLE}\s+(?i:have\s+a\s+saying)\s*[,:]?\s*$"),
    _NOUN_ONLY,
    re.compile(rf"(?:^|\W)(?i:in\s+the\s+words\s+of|to\s+quote|to\s+borrow\s+the\s+words\s+of)\s+{_SAGE}?"
               rf"(?:{_WORK}|{_NAME})\s*[,:]?\s*$"),
    re.compile(rf"(?:^|\W)(?i:as)\s+{_SAGE}?{_NAME}\s+{_PVERB}\s*[,:]?\s*$"),
    re.compile(rf"(?:^|\W){_SAGE}{_NAME}\s+{_PVERB}\s*[,:]?\s*$"),
    re.compile(rf"(?:^|\W){_NAME}\s+(?i:once)\s+(?i:said|wrote|observed|remarked|put\s+it)\s*[,:]?\s*$"),
    re.compile(rf"(?:^|\W)(?i:as)\s+{_FOLK}\s+{_FOLK_VERB}\s*[,:]?\s*$"),
    # Elders and ancestors are cited for their wisdom, so they need no "as".
    re.compile(rf"(?:^|\W){_ELDERS}\s+{_FOLK_VERB}\s*[,:]?\s*$"),
]
# After a quotation: the cue starts right after the closing mark.
_AFTER = [
    re.compile(rf"^{_LEAD}(?i:as|so|like)\s+{_MODS}(?P<noun>{_NOUN})\s+{_ADV}{_VERB}"),
    re.compile(rf"^{_LEAD}{_MODS}(?P<noun>{_NOUN})\s+{_ADV}{_VERB}"),
    re.compile(rf"^{_LEAD}(?i:so\s+)?(?i:goes|says|runs|reads|went|said)\s+{_MODS}(?P<noun>{_NOUN})"),
    re.compile(rf"^{_LEAD}(?i:as|so)\s+{_WORK}\s+{_ADV}{_VERB}"),
    re.compile(rf"^{_LEAD}(?i:as)\s+{_SAGE}?{_NAME}\s+{_PVERB}"),
    re.compile(rf"^{_LEAD}(?i:as)\s+{_FOLK}\s+{_FOLK_VERB}"),
    re.compile(rf"^\s*(?:—|–|--)\s*{_SAGE}?(?:{_WORK}|{_NAME})\s*(?:[.;]|$)"),
]
# Names that make "as X said" a report of a person's words, not a saying.
_NOT_A_SAGE = {
    "i", "we", "you", "he", "she", "they", "it", "this", "that", "president", "prime", "minister", "secretary",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "chairman", "chairwoman", "premier", "general",
    "ambassador", "senator", "governor", "mayor", "director", "chancellor", "foreign", "vice", "spokesman",
    "spokeswoman", "spokesperson", "commissioner", "representative", "deputy", "professor", "colleague",
    "my", "our", "your", "his", "her", "their", "mentioned", "noted", "stated", "already",
}
_TIMELY = re.compile(r"(?i)^\s*(?:yesterday|today|this\s+morning|last\s+\w+|earlier|recently|just\s+now|"
                     r"in\s+(?:his|her|their|my|the)\s+(?:speech|statement|address|remarks|report|letter)|"
                     r"at\s+the\s+\w+|to\s+(?:reporters|journalists|the\s+press))")


def _sentence_start(masked: str, low: int, high: int) -> int:
    """Where the sentence holding position ``high`` starts, but no earlier than ``low``."""
    for index in range(high - 1, low, -1):
        if masked[index - 1] in ".!?\n" and masked[index].isspace():
            return index
    return low


def _origin(match: re.Match) -> Cue:
    groups = match.groupdict()
    if groups.get("work"):
        work = re.sub(r"^[Tt]he\s+", "", " ".join(groups["work"].split()))
        return Cue(work, True)
    if groups.get("people"):
        people = groups["people"]
        singular = people[:-1] if people.endswith("s") and not people.endswith("ss") else people
        return Cue(f"{singular} saying", True)
    if groups.get("name"):
        return Cue(" ".join(groups["name"].split()).rstrip("."), True)
    noun = (groups.get("noun") or "saying").lower()
    if noun == "lines" or noun.endswith("s") and noun[:-1] in _SAYING_NOUNS | {"poem", "verse", "song", "ode", "classic", "scripture", "text", "couplet"}:
        noun = noun[:-1] if noun != "lines" else "line"
    people = [w for w in (groups.get("mods") or "").split() if w[:1].isupper() and w.lower() not in
              {"as", "an", "a", "the", "one", "another", "this", "that", "our", "like", "old", "ancient", "just"}]
    origin = " ".join(people + [noun])
    return Cue(origin[:1].upper() + origin[1:], bool(people))


def _acceptable(match: re.Match, noun_needs_verb: bool, rest: str) -> bool:
    name = match.groupdict().get("name")
    if name and (re.split(r"[-\s]", name)[0].lower() in _NOT_A_SAGE or _TIMELY.match(rest)):
        return False
    noun = match.groupdict().get("noun")
    if noun_needs_verb and noun and noun.lower().rstrip("s") not in _SAYING_NOUNS | {"saying"}:
        return False
    return True


def cue_before(masked: str, quotation: Quotation, low: int) -> Cue | None:
    """The cue in the clause ending at the quotation's opening mark, if any."""
    start = _sentence_start(masked, max(low, quotation.open - _WINDOW), quotation.open)
    window = masked[start:quotation.open]
    if _MASK in window:
        window = window[window.rindex(_MASK) + 1:]
    for pattern in _BEFORE:
        match = pattern.search(window)
        if match and _acceptable(match, noun_needs_verb=pattern is _NOUN_ONLY and not _has_verb(match), rest=""):
            return _origin(match)
    return None


def _has_verb(match: re.Match) -> bool:
    tail = match.group(0)[match.end("noun") - match.start(0):]
    return bool(re.search(r"(?i)\b(?:goes|runs|reads|says|said|puts|tells|has|teaches|that|which)\b|:", tail))


def cue_after(masked: str, quotation: Quotation, high: int) -> tuple[Cue, int] | None:
    """The cue right after the quotation's closing mark, and where the cue ends."""
    window = masked[quotation.close:min(high, quotation.close + _WINDOW)]
    for pattern in _AFTER:
        match = pattern.search(window)
        if match and _acceptable(match, noun_needs_verb=False, rest=window[match.end():]):
            return _origin(match), quotation.close + match.end()
    return None
