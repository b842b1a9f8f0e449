"""Quotations in prose and the cues that mark one as a saying.

Scanning is one left-to-right pass over the quote marks, so a long unclosed
quotation costs linear time. Cue patterns only ever run on a bounded window
(the clause before a quotation, or the words after it), never on the whole text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import islice

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
    words: str = ""  # the speech's words that make the cue ("as the Psalmist said")


def mask_protected(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The text with code spans, links, URLs and HTML blanked out, same length."""
    masked, position = [], 0
    for start, end in prose_spans(text) if spans is None else spans:
        masked.append(_MASK * (start - position))
        masked.append(text[start:end])
        position = end
    masked.append(_MASK * (len(text) - position))
    return "".join(masked)


_MARK = re.compile('["“”‘’]')


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
        elif mark in ('"', "“") and (
            (expected == "’" and (mark == "“" or opens)) or (opens and not closes)
        ):
            # A fresh double opener: the earlier quotation was never closed, or was a stray ‘.
            opened = ("”" if mark == "“" else '"', i)
    if (
        opened is not None
        and not masked[: opened[1]].strip(_MASK + " ")
        and len(masked) - opened[1] <= MAX_SAYING_CHARS
    ):
        # A paragraph that opens a quotation and never closes it: the quotation runs on into
        # the next paragraph (a stanza, a long passage), so this whole paragraph is quoted.
        end = len(masked.rstrip())
        found.append(Quotation(opened[1], opened[1] + 1, end, end))
    return found


# --- cues -------------------------------------------------------------------

_NOUN = (
    r"(?i:sayings?|proverbs?|adages?|maxims?|aphorisms?|axioms?|dictums?|idioms?|mottos?"
    r"|precepts?|poems?|verses?|lines|songs?|odes?|classics?|scriptures?|ditty|couplets?)"
)
# Nouns that name a saying by themselves: "the saying "..."" needs no verb; "the poem "..."" is a title.
_SAYING_NOUNS = {
    "saying",
    "proverb",
    "adage",
    "maxim",
    "aphorism",
    "axiom",
    "dictum",
    "idiom",
    "motto",
    "precept",
}
_RECITED = {"blessing", "prayer", "toast"}  # a people's traditional words: "an old Irish blessing:"
_ADJ = (
    r"(?i:old|ancient|famous|well-known|well known|popular|common|traditional|wise|classical|folk|"
    r"time-honou?red|venerable|beautiful|oft-quoted|favou?rite|good|great|true|simple|familiar|"
    r"another|other|fitting|apt|very|an|a|the|one|this|that|our|their|its|his|her)"
)
_CAP = r"[A-Z][\w'’-]*"  # a capitalised word: a people or place ('Chinese', 'West African')
_MODS = rf"(?P<mods>(?:(?:{_ADJ}|{_CAP})\s+){{0,4}})"
_ADV = r"(?i:(?:so\s+)?(?:aptly|rightly|wisely|truly|well|nicely|beautifully|often|also|once|famously|clearly)\s+)?"
_VERB = (
    r"(?i:goes|go|went|says|say|said|puts\s+it|put\s+it|tells\s+us|told\s+us|tells|has\s+it|reads|read|"
    r"runs|teaches|taught|holds|states|observes|notes|reminds\s+us|advises|warns|counsels|declares|"
    r"sings|teach|tell\s+us|put|puts)"
)
_WORK = (
    r"(?P<work>(?:[Tt]he\s+)?(?:(?:Holy|Old|New|Great|Sacred|Good)\s+)?"
    r"(?:(?:[A-Z][\w'’-]*\s+){0,3}(?:Book|Classic|Scriptures?|Sutra|Canon|Annals|Analects|Psalms?|Gospel|"
    r"Vedas?|Upanishads?|Gita|Bible|Qur['’]?an|Koran|Torah|Talmud|Testament|Ching|Jing|Mahabharata|Ramayana|"
    r"Writ|Word|Hadith|Dhammapada|Avesta|Mishnah|Proverbs|Ecclesiastes|Psalmist|Preacher|Sh[aâ]stras?|Git[aâ]|"
    r"Smritis?|Srutis?|Shrutis?|Puranas?|Vedanta|Sutras?)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?|Art\s+of\s+War|"
    r"(?i:the\s+)?(?i:holy\s+)?(?:[Ss]criptures?|[Pp]salmist)))"
)
_NAME = r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|von|van|bin|ibn|al-\w+)){0,3})"
_SAGE = (
    r"(?:(?i:the)\s+(?:[\w-]+\s+){0,3}?(?i:philosopher|poet|sage|thinker|master|scholar|statesman|"
    r"writer|teacher|strategist|historian|prophet|apostle|saint|educator|reformer)\s+)"
)
_PVERB = (
    r"(?i:(?:once\s+|famously\s+|rightly\s+|aptly\s+|wisely\s+|so\s+|also\s+|has\s+|had\s+|beautifully\s+)*"
    r"(?:said|says|put\s+it|puts\s+it|wrote|writes|observed|noted|taught|teaches|remarked|reminds\s+us|"
    r"reminded\s+us|told\s+us|tells\s+us|advised|declared|stated|sang|exhorted\s+us))"
)
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
    rf"\s*(?:[,:]|—|–|--)?\s*$"
)
# Before a quotation: the clause ends right at the opening mark.
_BEFORE = [
    # "It was not Cotton Mather, but John Greenleaf Whittier, who cried:"
    re.compile(
        rf"(?:^|\W){_NAME},?\s+(?i:who|that)\s+(?i:once\s+)?(?i:said|cried|sang|wrote|exclaimed|declared)"
        rf"\s*[,:]\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:as\s+|like\s+)?{_MODS}(?P<noun>{_NOUN})\s+{_ADV}{_VERB}(?:\s+(?i:that|us|so))?\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:as\s+)?{_WORK}\s+{_ADV}{_VERB}(?:\s+(?i:us|that))?\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:in|from)\s+{_WORK},?\s+(?i:it\s+is\s+(?:written|said)|we\s+read)\s*(?:[,:]|—|–|--)?\s*$"
    ),
    # A people's saying ("as the Chinese say", "the Swahili have a saying"); before the
    # noun patterns, so "a saying" inside does not take the people's name away.
    re.compile(rf"(?:^|\W)(?i:as)\s+the\s+{_PEOPLE}\s+{_FOLK_VERB}\s*(?:[,:]|—|–|--)?\s*$"),
    re.compile(rf"(?:^|\W)(?i:the)\s+{_PEOPLE}\s+(?i:have\s+a\s+saying)\s*(?:[,:]|—|–|--)?\s*$"),
    _NOUN_ONLY,
    re.compile(
        rf"(?:^|\W)(?i:in\s+the\s+words\s+of|to\s+quote|to\s+borrow\s+the\s+words\s+of)\s+{_SAGE}?"
        rf"(?:{_WORK}|{_NAME})\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(rf"(?:^|\W)(?i:as)\s+{_SAGE}?{_NAME}\s+{_PVERB}\s*(?:[,:]|—|–|--)?\s*$"),
    re.compile(rf"(?:^|\W){_SAGE}{_NAME}\s+{_PVERB}\s*(?:[,:]|—|–|--)?\s*$"),
    re.compile(
        rf"(?:^|\W){_NAME}\s+(?i:once)\s+(?i:said|wrote|observed|remarked|put\s+it)\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(rf"(?:^|\W)(?i:as)\s+{_FOLK}\s+{_FOLK_VERB}\s*(?:[,:]|—|–|--)?\s*$"),
    # Elders and ancestors are cited for their wisdom, so they need no "as".
    re.compile(rf"(?:^|\W){_ELDERS}\s+{_FOLK_VERB}\s*(?:[,:]|—|–|--)?\s*$"),
]
# After a quotation: the cue starts right after the closing mark.
_AFTER = [
    re.compile(
        rf"^{_LEAD}(?i:says|said|saith|writes|wrote)\s+(?i:some\s+one|someone|a\s+(?:[\w-]+\s+){{0,2}}"
        rf"(?:writer|poet|sage|philosopher|preacher|divine|author))\b"
    ),
    re.compile(rf"^{_LEAD}(?i:as|so|like)\s+{_MODS}(?P<noun>{_NOUN})\s+{_ADV}{_VERB}"),
    re.compile(rf"^{_LEAD}{_MODS}(?P<noun>{_NOUN})\s+{_ADV}{_VERB}"),
    re.compile(
        rf"^{_LEAD}(?i:so\s+)?(?i:goes|says|runs|reads|went|said)\s+{_MODS}(?P<noun>{_NOUN})"
    ),
    re.compile(rf"^{_LEAD}(?i:as|so)\s+{_WORK}\s+{_ADV}{_VERB}"),
    re.compile(rf"^{_LEAD}(?i:as)\s+{_SAGE}?{_NAME}\s+{_PVERB}"),
    re.compile(rf"^{_LEAD}(?i:as)\s+{_FOLK}\s+{_FOLK_VERB}"),
    re.compile(rf"^\s*(?:—|–|--)\s*{_SAGE}?(?:{_WORK}|{_NAME})\s*(?:[.;]|$)"),
]
# Who is cited for wisdom by name alone: scripture's speakers, sages, canonical authors. Without
# quotation marks a bare name ("Mr. Bright said that...") is nearly always a report, so an
# unmarked saying needs one of these, or a descriptor ("the poet", "an ancient philosopher").
_SAGE_NAMES = (
    r"(?P<name>Jesus(?:\s+Christ)?|Christ|(?i:our)\s+(?:Lord|Saviou?r|Master|blessed\s+Lord)|"
    r"(?i:the)\s+(?:Lord|Master|Saviou?r|Apostle(?:\s+(?:Paul|Peter|John|James))?|[Aa]postle\s+(?:Paul|Peter|John|James)|"
    r"[Pp]rophet(?:\s+[A-Z]\w+)?|Preacher|[Ww]ise\s+[Mm]an|Son\s+of\s+Man|[Pp]salmist|Buddha|Koran|Quran)|"
    r"(?:St\.?|Saint)\s+[A-Z]\w+|Moses|Solomon|King\s+Solomon|King\s+David|David|Isaiah|Jeremiah|Ezekiel|"
    r"Micah|Amos|Hosea|Habakkuk|Job|Paul|Peter|John|Buddha|Gautama|Krishna|(?:Lord|Sri|Shri)\s+Krishna|Manu|Muhammad|"
    r"Vyasa|Valmiki|Shankara|Sankara|Ramanuja|Kalidasa|Tulsidas|(?:Guru\s+)?Nanak|Chaitanya|Patanjali|Rishis|"
    r"the\s+[Rr]ishis?|"
    r"Mohammed|Mahomet|Zoroaster|Confucius|Mencius|Lao[- ]?[Tt][sz][eu]|Laozi|Zhuangzi|Chuang[- ]?[Tt]zu|"
    r"Sun\s+Tzu|Sunzi|Xunzi|Mozi|Plato|Socrates|Aristotle|Cicero|Seneca|Epictetus|Marcus\s+Aurelius|"
    r"Plutarch|Homer|Virgil|Horace|Ovid|Juvenal|Tacitus|Heraclitus|Solon|Aesop|Pythagoras|Diogenes|"
    r"Shakespeare|Milton|Dante|Goethe|Schiller|(?:Lord\s+)?Bacon|Emerson|Carlyle|Tennyson|Wordsworth|"
    r"Rumi|Saadi|Sa['’]di|Hafiz|Kabir|Tolstoy|Voltaire|Rousseau|Montesquieu|Franklin|Poor\s+Richard)"
)
_SAGE_ONLY = re.compile(_SAGE_NAMES + r"$")
_SAYING_NOUN = (
    r"(?i:sayings?|proverbs?|adages?|maxims?|aphorisms?|axioms?|dictums?|mottos?|mottoes|precepts?"
    r")"
)
_KIN = (
    r"(?i:(?:all\s+(?:of\s+)?)?(?:our|my|your|their)\s+(?:(?:grand)?(?:mothers?|fathers?|parents)|elders|"
    r"ancestors|forefathers|forebears|teachers|old\s+people))"
)
_SAID = (
    r"(?i:(?:always\s+|often\s+|once\s+|rightly\s+|wisely\s+|truly\s+|well\s+|emphatically\s+)?(?:used\s+to\s+(?:say|tell\s+(?:us|me))|"
    r"told\s+(?:us|me)|taught\s+(?:us|me)|tell\s+(?:us|me)|teach\s+(?:us|me)|said|say|says|says\s+to\s+us|saith|wrote|writes|sang|sings|"
    r"taught|teaches|declared|declares|reminds\s+us|reminded\s+us|warns\s+us|warned\s+us|put\s+it|puts\s+it|"
    r"has\s+said|hath\s+said|have\s+said|had\s+said|exclaimed|cried|answered|replied|exhorts\s+us|commands\s+us|commanded|asserted|asserts|proclaimed|"
    r"proclaims|preached|preaches|enjoins\s+us|enjoined))"
)
_SCRIPTURE_SPEAKER = (
    r"(?P<scripture>(?:(?i:my|our)\s+text|(?:(?i:the)\s+)?(?:Lord(?:\s+God|\s+of\s+[Hh]osts)?|Scriptures?|[Pp]salmist|[Pp]rophet|"
    r"Preacher|[Aa]postle|[Ww]ise\s+[Mm]an|Spirit|text)))"
)
# "the maxim, in public as in private life, that ...": a saying noun, an aside, then "that".
_NOUN_THAT = re.compile(
    rf"(?:^|\W)(?P<mods>(?:[\w'’-]+\s+){{0,4}}?)(?P<noun>{_SAYING_NOUN})(?:\s*,[^,]{{1,80}},)?"
    rf"(?:\s+(?i:is|was))?\s+(?i:that)\s*$"
)
# Cues that also introduce a saying without quotation marks: the clause ends at a colon,
# a comma, a dash or "that", and the saying is the rest of the sentence.
_UNMARKED_BEFORE = [
    re.compile(
        rf"(?:^|\W)(?i:(?:and\s+|but\s+|for\s+)?(?:as|so|like)\s+)?{_SAGE_NAMES}(?:\s*,[^,]{{1,60}},)?\s+{_ADV}{_SAID}"
        rf"(?:\s+(?i:us|that|of\s+old))?\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:as\s+)?(?:(?i:an?|the|one|our)\s+)(?:[\w-]+\s+){{0,3}}?(?i:philosopher|poet|sage|"
        rf"thinker|prophet|apostle|writer|moralist|teacher|master|saint)\s*,\s*{_NAME}\s*,\s*{_ADV}{_SAID}"
        rf"(?:\s+(?i:us|that))?\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(
        r"(?:^|\W)(?i:(?:and\s+)?as\s+)?(?i:a|an|the|one|our)\s+(?:[\w-]+\s+){0,3}?(?i:philosopher|poet|sage|"
        r"thinker|prophet|apostle|moralist|saint|rishi)s?(?:\s*,[^,]{1,80}){0,3},?\s+(?i:has\s+|had\s+|hath\s+|"
        r"once\s+|well\s+)?(?i:said|says|sung|sang|written|wrote|put\s+it|taught|declared)\s*(?:[,:]|—|–|--)?\s*$"
    ),
    _NOUN_THAT,
    re.compile(
        r"(?:^|\W)(?P<mods>(?i:an?|the|our)\s+(?:(?i:old|ancient|traditional|beautiful)\s+)?[A-Z][\w'’-]*\s+)"
        r"(?P<noun>(?i:blessing|prayer|toast))\s*(?:[,:]|—|–|--)\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:(?:as\s+)?it\s+(?:is\s+(?=written)|was\s+(?=written)|hath\s+(?:\w+\s+)?been\s+|"
        rf"has\s+(?:well\s+|truly\s+|rightly\s+|wisely\s+)?been\s+)"
        rf"(?P<written>written|said|spoken)(?:\s+of\s+old|\s+long\s+ago|\s+of\s+(?:him|them|us))?"
        rf"(?:\s+(?:in|by)\s+{_WORK})?)(?:\s+(?i:that))?\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:we\s+|you\s+)?(?i:learn|read|are\s+told|have\s+it)\s+(?i:from|in)\s+"
        rf"{_WORK}(?:\s+(?i:that))?\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:the\s+)?(?i:command(?:ment)?|injunction|words?|teaching|precept|counsel|admonition|"
        rf"exhortation|promise|warning|lesson)s?\s+of\s+(?:{_SAGE_NAMES}|{_WORK})(?:\s+(?i:is|was|are))?"
        rf"\s*[,:]\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:to\s+(?:quote|cite|borrow|use|repeat|recall)\s+){_MODS}(?P<noun>{_NOUN})\s*[,:]\s*$"
    ),
    re.compile(rf"(?:^|\W)(?i:as\s+)?{_KIN}\s+{_SAID}(?:\s+(?i:us|that))?\s*(?:[,:]|—|–|--)?\s*$"),
    re.compile(
        r"(?:^|\W)(?i:as\s+)?(?i:the|our)\s+(?P<people>[A-Z][\w'’-]*)\s+(?i:(?:always\s+|often\s+|used\s+to\s+|would\s+)?"
        r"(?:say|put\s+it|have\s+it|tell\s+us))(?:\s+(?i:that))?\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(
        r"(?:^|\W)(?i:as\s+)?(?i:a|one|an\s+old|some|the)\s+(?i:wise|great|old|ancient|learned|good)\s+"
        r"(?i:man|men|woman|sage|writer|poet|philosopher|author|thinker)\s+(?i:once\s+|has\s+|hath\s+|"
        r"well\s+|truly\s+)?(?i:said|says|wrote|observed|remarked|put\s+it|sang|taught)(?:\s+(?i:that))?"
        r"\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?i:thus|so|for\s+thus|for\s+so)\s+(?i:saith|says)\s+{_SCRIPTURE_SPEAKER}\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(rf"(?:^|\W){_WORK}\s+{_ADV}{_SAID}(?:\s+(?i:us|that))?\s*(?:[,:]|—|–|--)?\s*$"),
    re.compile(rf"(?:^|\W)(?i:in|from)\s+{_WORK}\s*:\s*$"),
    re.compile(
        rf"(?:^|\W)(?i:it\s+is\s+said|we\s+are\s+told|it\s+is\s+taught)\s+(?i:in|by)\s+{_WORK}(?:\s+(?i:that))?\s*(?:[,:]|—|–|--)?\s*$"
    ),
    re.compile(rf"(?:^|\W)(?i:says|saith|said|sings|writes|wrote)\s+{_SAGE_NAMES}\s*[,:—–]\s*$"),
    re.compile(rf"(?:^|\W){_SAGE_NAMES}\s+(?i:said|says)\s+to\s+\w+\s*[,:]\s*$"),
    re.compile(
        rf"(?:^|\W)(?i:to\s+(?:quote|cite|borrow|use|repeat|recall)\s+)(?P<mods>(?:[\w'’-]+\s+){{0,8}}?)"
        rf"(?P<noun>{_NOUN})\s*[,:]\s*$"
    ),
    re.compile(
        rf"(?:^|\W)(?P<mods>(?:[\w'’-]+\s+){{0,3}}?)(?P<noun>{_SAYING_NOUN})\s+(?i:laid\s+down|coined|uttered|"
        rf"given|taught|bequeathed)\s+(?i:by)\s+{_NAME}\s*[,:]\s*$"
    ),
]
# After a saying without marks: the cue follows a comma or dash and ends the sentence.
_UNMARKED_AFTER = [
    re.compile(rf"^{_LEAD}(?i:saith|says|said)\s+{_SCRIPTURE_SPEAKER}(?:\s+of\s+[Hh]osts)?"),
    re.compile(rf"^{_LEAD}(?i:saith|says|said|writes|wrote|sings|sang)\s+{_SAGE_NAMES}"),
    re.compile(rf"^{_LEAD}(?i:as|so)\s+{_SAGE_NAMES}\s+{_ADV}{_SAID}(?:\s+(?i:us))?"),
    re.compile(rf"^{_LEAD}(?i:as)\s+{_KIN}\s+{_SAID}(?:\s+(?i:us))?"),
    re.compile(
        rf"^{_LEAD}(?i:as)\s+(?i:the|our)\s+(?P<people>[A-Z][\w'’-]*)\s+(?i:say|put\s+it|have\s+it)"
    ),
    re.compile(
        rf"^{_LEAD}(?i:as\s+it\s+(?:is|was|hath\s+been|has\s+been)\s+(?P<written>written|said))"
    ),
    re.compile(
        rf"^{_LEAD}(?i:as\s+(?:a|an|the|one|our)\s+(?:[\w-]+\s+){{0,3}}?(?:philosopher|poet|sage|thinker|prophet|"
        rf"apostle|writer|moralist|teacher|master|saint|rishi)s?\s+(?:has\s+|have\s+|hath\s+|once\s+)?"
        rf"(?:said|says|sung|sang|written|wrote|put\s+it|taught))"
    ),
    # A chapter and verse after the words: "Malachi 3:6", "1 Thess. 5:6", "John i., 23", "I Cor. xiii."
    # (No two '\s*' side by side: on a run of spaces they would backtrack in cubic time.)
    re.compile(
        r"^\s*(?:[,.;:]\s*)?(?:(?:—|–|--|-)\s*)?\(?(?P<citation>(?:[1-3]|I{1,3})?\s?[A-Z][a-z]{1,14}\.?\s+"
        r"(?:[0-9]{1,3}|[ivxlc]{1,7})\.?(?:[:.,]\s?[0-9]{1,3}(?:\s?[-–]\s?[0-9]{1,3})?)?)\)?\.?(?=\s|$)"
    ),
]

# Names that make "as X said" a report of a person's words, not a saying.
_NOT_A_SAGE = {
    "i",
    "we",
    "you",
    "he",
    "she",
    "they",
    "it",
    "this",
    "that",
    "president",
    "prime",
    "minister",
    "secretary",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "chairman",
    "chairwoman",
    "premier",
    "general",
    "ambassador",
    "senator",
    "governor",
    "mayor",
    "director",
    "chancellor",
    "foreign",
    "vice",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commissioner",
    "representative",
    "deputy",
    "professor",
    "colleague",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "mentioned",
    "noted",
    "stated",
    "already",
}
_TIMELY = re.compile(
    r"(?i)^\s*(?:yesterday|today|this\s+morning|last\s+\w+|earlier|recently|just\s+now|"
    r"in\s+(?:his|her|their|my|the)\s+(?:speech|statement|address|remarks|report|letter)|"
    r"at\s+the\s+\w+|to\s+(?:reporters|journalists|the\s+press))"
)


def _sentence_start(masked: str, low: int, high: int) -> int:
    """Where the sentence holding position ``high`` starts, but no earlier than ``low``."""
    for index in range(high - 1, low, -1):
        if masked[index - 1] in ".!?\n" and masked[index].isspace():
            return index
    return low


_NAMED_SPEAKERS = {
    "psalmist": "Psalms",
    "preacher": "Ecclesiastes",
    "lord": "Bible",
    "son of man": "Jesus",
    "wise man": "Proverbs",
    "apostle": "Apostle",
    "prophet": "Prophet",
    "koran": "Koran",
    "quran": "Quran",
    "master": "Jesus",
    "saviour": "Jesus",
    "savior": "Jesus",
    "blessed lord": "Jesus",
}


def _origin(match: re.Match) -> Cue:
    groups = match.groupdict()
    words = " ".join(match.group(0).split()).strip(" ,:;—–-")
    if groups.get("work"):
        work = re.sub(r"^(?i:the)\s+", "", " ".join(groups["work"].split()))
        work = {
            "psalmist": "Psalms",
            "scripture": "Scripture",
            "scriptures": "Scripture",
            "holy scriptures": "Scripture",
            "holy scripture": "Scripture",
        }.get(work.casefold(), work)
        return Cue(work, True, words)
    if groups.get("written"):
        return Cue(
            "Scripture" if groups["written"].lower() == "written" else "Saying",
            groups["written"].lower() == "written",
            words,
        )
    if groups.get("people"):
        people = groups["people"]
        singular = people[:-1] if people.endswith("s") and not people.endswith("ss") else people
        return Cue(f"{singular} saying", True, words)
    if groups.get("name"):
        name = " ".join(groups["name"].split()).rstrip(".")
        bare = re.sub(r"^(?i:the|our)\s+", "", name)
        return Cue(_NAMED_SPEAKERS.get(bare.casefold(), bare[:1].upper() + bare[1:]), True, words)
    if groups.get("citation"):
        return Cue("Bible", True, words)
    if groups.get("scripture"):
        return Cue(
            _NAMED_SPEAKERS.get(groups["scripture"].split()[-1].casefold(), "Bible"), True, words
        )
    if groups.get("noun") == "Proverbs" and not (groups.get("mods") or "").strip():
        return Cue("Proverbs", True, words)  # the book, not a plural
    noun = (groups.get("noun") or "saying").lower()
    if noun == "lines" or (
        noun.endswith("s")
        and noun[:-1]
        in _SAYING_NOUNS
        | {"poem", "verse", "song", "ode", "classic", "scripture", "text", "couplet"}
    ):
        noun = noun[:-1] if noun != "lines" else "line"
    if noun == "mottoes":
        noun = "motto"
    people = [
        w
        for w in (groups.get("mods") or "").split()
        if w[:1].isupper()
        and w.lower()
        not in {
            "as",
            "an",
            "a",
            "the",
            "one",
            "another",
            "this",
            "that",
            "our",
            "like",
            "old",
            "ancient",
            "just",
            "there",
            "i",
            "we",
            "it",
            "and",
            "but",
            "so",
            "in",
            "for",
            "to",
            "what",
            "is",
            "was",
            "there's",
            "there’s",
            "here's",
            "here’s",
            "it's",
            "it’s",
            "hold",
            "remember",
            "recall",
        }
    ]
    origin = " ".join([*people, noun])
    return Cue(origin[:1].upper() + origin[1:], bool(people), words)


# What may stand right before "saying" when it is a noun: "the saying", "an old Irish saying".
_NOUN_BEFORE = re.compile(
    rf"(?:\b{_ADJ}|\b[A-Z][\w'’-]*|\b\w+(?:ed|ish|ian|ese|an|ic|ous|ful|ive|al))\s+$"
)


def _rejection(
    match: re.Match, noun_needs_verb: bool, rest: str, unmarked: bool = False
) -> str | None:
    """Why a cue-shaped match does not mark a saying, or None when it does."""
    name = match.groupdict().get("name")
    if name:
        first = re.split(r"[-\s]", name)[0].lower()
        if first in _NOT_A_SAGE or _TIMELY.match(rest):
            return f"'{name}' is a person reported, not a source of sayings"
        descriptor = re.search(
            r"(?i)philosopher|poet|sage|thinker|prophet|apostle|writer|moralist|teacher|"
            r"master|saint|scholar|strategist|historian|educator|reformer",
            match.group(0),
        )
        if unmarked and not _SAGE_ONLY.match(" ".join(name.split())) and not descriptor:
            return f"'{name}' is not a known sage, and the words are not in quotation marks"
    noun = match.groupdict().get("noun")
    if (
        noun
        and (noun_needs_verb or unmarked)
        and noun.lower().rstrip("s") not in _SAYING_NOUNS | _RECITED | {"saying", "motto"}
    ):
        return f"'{noun}' names a title, not a saying, without a verb such as 'says'"
    if (
        noun
        and noun.lower().startswith("saying")
        and not _NOUN_BEFORE.search(match.groupdict().get("mods") or "")
    ):
        return "'saying' here is a verb (no article or adjective before it), not a saying"
    people = match.groupdict().get("people")
    if people and people.lower() in _NOT_A_SAGE | {
        "lord",
        "bible",
        "book",
        "scripture",
        "scriptures",
    }:
        return f"'{people}' is not a people"
    return None


def _acceptable(match: re.Match, noun_needs_verb: bool, rest: str) -> bool:
    return _rejection(match, noun_needs_verb, rest) is None


def cue_before(masked: str, quotation: Quotation, low: int) -> Cue | None:
    """The cue in the clause ending at the quotation's opening mark, if any."""
    start = _sentence_start(masked, max(low, quotation.open - _WINDOW), quotation.open)
    window = masked[start : quotation.open]
    if _MASK in window:
        window = window[window.rindex(_MASK) + 1 :]
    for pattern in (*_BEFORE, *_UNMARKED_BEFORE):
        match = pattern.search(window)
        if match and _acceptable(
            match, noun_needs_verb=pattern is _NOUN_ONLY and not _has_verb(match), rest=""
        ):
            return _origin(match)
    return None


def cue_ending(lead_in: str) -> Cue | None:
    """The cue a paragraph ends with ('...who cried:'), introducing a quotation in the next one."""
    tail = mask_protected(lead_in).rstrip()
    if not tail.endswith((":", "—", "--", "–")):
        return None
    window = tail[-_WINDOW:]
    if _MASK in window:
        window = window[window.rindex(_MASK) + 1 :]
    for pattern in (*_BEFORE, *_UNMARKED_BEFORE):
        match = pattern.search(window)
        if match and _acceptable(
            match, noun_needs_verb=pattern is _NOUN_ONLY and not _has_verb(match), rest=""
        ):
            return _origin(match)
    return None


def _has_verb(match: re.Match) -> bool:
    tail = match.group(0)[match.end("noun") - match.start(0) :]
    return bool(
        re.search(
            r"(?i)\b(?:goes|runs|reads|says|said|puts|tells|has|teaches|that|which)\b|:", tail
        )
    )


def cue_after(masked: str, quotation: Quotation, high: int) -> tuple[Cue, int] | None:
    """The cue right after the quotation's closing mark, and where the cue ends."""
    window = masked[quotation.close : min(high, quotation.close + _WINDOW)]
    for pattern in (*_AFTER, *_UNMARKED_AFTER):
        match = pattern.search(window)
        if match and _acceptable(match, noun_needs_verb=False, rest=window[match.end() :]):
            return _origin(match), quotation.close + match.end()
    return None


# --- sayings without quotation marks -------------------------------------------


@dataclass(frozen=True)
class Unmarked:
    """A saying signalled by a cue but not set in quotation marks."""

    start: int  # the saying's words (the rest of the sentence after the cue, or before it)
    end: int
    cue: Cue | None  # None when rejected
    extent: str  # how the words were delimited
    reason: str = ""  # why it was rejected; empty when accepted


# Only sentences holding one of these words can hold a cue: most prose is skipped at once.
# A set lookup per word: one regex alternation of them all costs ten times as much.
_HINT_WORDS = frozenset(
    "say says said saith saying sayings proverb proverbs adage adages maxim maxims motto mottos mottoes blessing "
    "aphorism aphorisms axiom axioms precept precepts dictum dictums written writ scripture scriptures bible "
    "psalm psalms psalmist gospel koran qur quran talmud torah testament prophet apostle teach teaches "
    "teaching teachings taught told tell tells learn words quote cite wrote writes remind reminds "
    "reminded declare declares declared warn warns sang sings put puts goes runs command commands "
    "commandment commanded lesson exhort exhorts exhorted spoken text saviour savior cried exclaimed "
    "asserted proclaimed preached enjoined answered replied".split()
)
_LOWER_WORD = re.compile(r"[a-z]+")


def _hint_positions(masked: str) -> list[int]:
    """Where each word that may belong to a cue starts, in order."""
    lower = masked.lower()
    if _HINT_WORDS.isdisjoint(_LOWER_WORD.findall(lower)):
        return []  # most paragraphs: settled by a set operation in C
    return [m.start() for m in _LOWER_WORD.finditer(lower) if m.group() in _HINT_WORDS]


def _hint_between(hints: list[int], start: int, end: int) -> bool:
    at = bisect_left(hints, start)
    return at < len(hints) and hints[at] < end


# Words a full stop follows without ending the sentence: titles, scripture books, "e.g."...
_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr St Messrs Rev Hon Gen Col Capt Prof Sr Jr vs cf ch Ch vv v Matt Mk Lk Jn Prov Ps Isa "
    "Jer Ezek Rom Cor Gal Eph Phil Thess Tim Heb Jas Pet Deut Exod Lev Num Eccl Eccles No Nos Vol viz "
    "etc i.e e.g".split()
)
# These run over whole paragraphs, so none may start inside a run it would rescan: a
# match begins where a run of '.!?' or of whitespace begins (the leftmost match is the
# same), and a run of a million spaces costs one scan, not a million.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+[”’\"')\]]*(?=\s|$)")
_DELIMITER = re.compile(r"(?<!\s)\s*(?:[,:;]|—|–|\s--)\s*|(?<=\s)(?:[,:;]|—|–)\s*|\bthat\s+")
_MIN_WORDS = 3
_CUE_REACH = (
    60  # how far before a delimiter the cue's verb or noun may stand (appositives included)
)
_CITATION_HINT = re.compile(r"\d|\b[ivxlc]+\b")
_SAYING_WORD = re.compile(r"(?i)saying|proverb|adage|maxim|motto|aphorism|axiom|dictum|precept")
# After a comma, words that carry on the speaker's own sentence rather than start a saying.
_CONTINUES = re.compile(
    r"(?i:and|but|or|nor|which|who|whom|whose|whereas|because|since|rather|than|though|"
    r"although|unless|until|not|being|having)\b"
)
_ASIDE = re.compile(
    r",\s*(?i:as\s+)?(?i:they|people|men|folks)\s+(?i:say|tell\s+us|used\s+to\s+say),\s*"
)
_CLAUSE_END = re.compile(
    r"(?<!\s)\s*(?:[;:]|,\s*(?i:but|and|yet|so)\b)|(?<=\s)(?:[;:]|,\s*(?i:but|and|yet|so)\b)"
)
_MAX_DELIMITERS = 12


def _abbreviated(masked: str, stop: int) -> bool:
    """Is the word before the full stop at ``stop`` an abbreviation or an initial?"""
    first = stop
    while (
        first > 0 and (masked[first - 1].isalpha() or masked[first - 1] == ".") and stop - first < 8
    ):
        first -= 1
    word = masked[first:stop]
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentences(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its closing punctuation included; abbreviations do not end one."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(masked):
        if match.group().startswith(".") and _abbreviated(masked, match.start()):
            continue
        found.append((start, match.end()))
        start = match.end()
    if masked[start:].strip():
        found.append((start, len(masked)))
    return [
        (a + len(masked[a:b]) - len(masked[a:b].lstrip()), b)
        for a, b in found
        if masked[a:b].strip()
    ]


def _in_quotation(position: int, quotations: list[Quotation], opens: list[int]) -> bool:
    at = bisect_right(opens, position) - 1  # quotations are in order and never overlap
    return at >= 0 and position < quotations[at].close


def _quotation_between(opens: list[int], start: int, end: int) -> bool:
    at = bisect_left(opens, start)
    return at < len(opens) and opens[at] < end


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def unmarked_sayings(masked: str, quotations: list[Quotation]) -> list[Unmarked]:
    """Sayings a cue introduces or closes without quotation marks, and the cue-shaped clauses rejected."""
    hints = _hint_positions(masked)
    if not hints:
        return []
    found: list[Unmarked] = []
    opens = [q.open for q in quotations]
    for start, end in sentences(masked):
        if not _hint_between(hints, start, end) or masked.find(_MASK, start, end) >= 0:
            continue
        found += _unmarked_in_sentence(masked, start, end, quotations, opens, hints)
    return found


def _unmarked_in_sentence(
    masked: str,
    start: int,
    end: int,
    quotations: list[Quotation],
    opens: list[int],
    hints: list[int],
) -> list[Unmarked]:
    stop = end
    while stop > start and masked[stop - 1] in ".!?”’\"')] ":
        stop -= 1
    aside = _ASIDE.search(masked, start, min(stop, start + _WINDOW))
    if aside and aside.start() > start and not _quotation_between(opens, start, stop):
        # "History, they say, never repeats itself": the saying holds the aside.
        clause = _CLAUSE_END.search(masked, aside.end(), stop)
        until = clause.start() if clause else stop
        if (
            _words(masked[start : aside.start()]) + _words(masked[aside.end() : until])
            >= _MIN_WORDS
        ):
            return [
                Unmarked(
                    start,
                    until,
                    Cue("Saying", False, aside.group().strip(" ,")),
                    "the clause around 'they say'",
                )
            ]
    # A saying's cue sits within its sentence's first clauses: a sentence of a thousand commas
    # is looked at no further than its first few, so the work stays linear in the text.
    delimiters = list(islice(_DELIMITER.finditer(masked, start, stop), _MAX_DELIMITERS))
    # A saying noun with an aside before "that": the "that" ends the cue, not the comma.
    for that in (d for d in delimiters if d.group().strip() == "that"):
        if _SAYING_WORD.search(
            masked, max(start, that.start() - 120), that.start()
        ) and _NOUN_THAT.search(masked[max(start, that.end() - _WINDOW) : that.end()].rstrip()):
            delimiters = [that] + [d for d in delimiters if d.start() > that.start()]
            break
    for delimiter in delimiters:
        if _in_quotation(delimiter.start(), quotations, opens):
            continue
        words_start = delimiter.end()
        # Before the words: the cue ends at the delimiter. Most delimiters have no cue word
        # just before them, and are passed over without running the cue patterns.
        window = masked[max(start, delimiter.end() - _WINDOW) : delimiter.end()].rstrip()
        if not window.endswith(("that", ",", ":", ";", "—", "–", "--")):
            window = masked[max(start, delimiter.start() - _WINDOW) : delimiter.start()]
        near = _hint_between(hints, max(start, delimiter.start() - _CUE_REACH), delimiter.end())
        before = (*_UNMARKED_BEFORE, *_BEFORE) if near else ()
        for pattern in before:
            match = pattern.search(window)
            if not match:
                continue
            rest = masked[words_start : words_start + 8]
            if rest.lstrip()[:1] in "\"“‘'":
                break  # a quotation follows: the quotation scan judges it
            if _quotation_between(opens, words_start, stop):
                break  # the sentence quotes something after the cue: that quotation is the saying
            if delimiter.group().strip() == "," and _CONTINUES.match(masked, words_start):
                break  # "the words of the Saviour, and proved...": the speaker's own clause goes on
            reason = _rejection(
                match,
                noun_needs_verb=pattern is _NOUN_ONLY and not _has_verb(match),
                rest="",
                unmarked=True,
            )
            if reason is None and _words(masked[words_start:stop]) < _MIN_WORDS:
                reason = "too few words after the cue for a saying"
            if reason is None and stop - words_start > MAX_SAYING_CHARS:
                reason = "the rest of the sentence is too long for a saying"
            cue = _origin(match)
            return (
                [
                    Unmarked(
                        words_start,
                        end,
                        None if reason else cue,
                        "rest of the sentence after the cue",
                        reason or "",
                    )
                ]
                if reason is None or _words(masked[words_start:stop]) >= _MIN_WORDS
                else []
            )
        # After the words: the cue follows a comma or dash and closes the sentence.
        if masked[delimiter.start() : delimiter.end()].strip() in (",", "—", "–", "--"):
            tail = masked[delimiter.start() : min(end, delimiter.start() + _WINDOW)]
            cue_ahead = _hint_between(hints, delimiter.start(), end) or _CITATION_HINT.search(tail)
            after = (*_UNMARKED_AFTER, *_AFTER[:3], _AFTER[5]) if cue_ahead else ()
            for pattern in after:
                match = pattern.search(tail)
                if not match or not (
                    tail[match.end() :].strip(" .!?;,”’\"')") == ""
                    or _CLAUSE_END.match(tail, match.end())
                ):
                    continue  # the cue must close the sentence, or at least its clause
                words_from = start
                colon = masked.rfind(":", start, delimiter.start())
                if colon >= 0:
                    words_from = colon + 1
                while words_from < delimiter.start() and masked[words_from].isspace():
                    words_from += 1
                reason = _rejection(match, noun_needs_verb=False, rest="", unmarked=True)
                if reason is None and _words(masked[words_from : delimiter.start()]) < _MIN_WORDS:
                    reason = "too few words before the cue for a saying"
                if reason is None and delimiter.start() - words_from > MAX_SAYING_CHARS:
                    reason = "the sentence is too long for a saying"
                return [
                    Unmarked(
                        words_from,
                        delimiter.start(),
                        None if reason else _origin(match),
                        "the sentence before the cue",
                        reason or "",
                    )
                ]
    return []
