"""Sayings in Chinese-language prose: the cues Chinese speakers use, and catalogued originals.

Chinese has no spaces and its own marks (“”, 「」, 『』 for quotations, 《》 for titles), so the
English cue grammar cannot see these. A cue here is a fixed phrase (俗话说, 古人云, 《论语》中说,
正如…所说) ending right before a quotation, or before the rest of the sentence when there are
no marks. Every pattern runs on one sentence at most, and is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END = "。！？；!?"
_MAX_CHARS = 120  # a Chinese saying longer than this is a passage, not a saying

_SPEAKERS = {
    "古人": "Ancient Chinese saying",
    "古语": "Ancient Chinese saying",
    "古话": "Ancient Chinese saying",
    "古训": "Ancient Chinese saying",
    "先贤": "Ancient Chinese saying",
    "先哲": "Ancient Chinese saying",
    "前人": "Ancient Chinese saying",
    "圣人": "Ancient Chinese saying",
    "老话": "Chinese saying",
    "俗话": "Chinese saying",
    "俗语": "Chinese saying",
    "常言": "Chinese saying",
    "谚语": "Chinese proverb",
    "老百姓": "Chinese saying",
    "中国人": "Chinese saying",
    "孔子": "Confucius",
    "子": "Confucius",
    "孟子": "Mencius",
    "老子": "Laozi",
    "庄子": "Zhuangzi",
    "荀子": "Xunzi",
    "墨子": "Mozi",
    "韩非子": "Han Feizi",
    "孙子": "Sun Tzu",
    "管子": "Guanzi",
}
_WORKS = {
    "论语": "Analects",
    "道德经": "Tao Te Ching",
    "老子": "Tao Te Ching",
    "孟子": "Mencius",
    "礼记": "Book of Rites",
    "诗经": "Book of Songs",
    "易经": "Book of Changes",
    "周易": "Book of Changes",
    "尚书": "Book of Documents",
    "左传": "Zuo Zhuan",
    "史记": "Records of the Grand Historian",
    "孙子兵法": "The Art of War",
    "大学": "Great Learning",
    "中庸": "Doctrine of the Mean",
    "荀子": "Xunzi",
    "庄子": "Zhuangzi",
    "管子": "Guanzi",
    "韩非子": "Han Feizi",
    "汉书": "Book of Han",
    "资治通鉴": "Zizhi Tongjian",
}
_SPEAKER = "|".join(sorted(_SPEAKERS, key=len, reverse=True))
_SAY = (
    r"(?:曾经|曾|常|也|早就|早已)?(?:说过|说道|说|云|曰|讲|讲过|道|有云|有言|言|所说)(?:得好|的好)?"
)
_CUES = [
    re.compile(rf"(?P<speaker>{_SPEAKER}){_SAY}[：:，,]?\s*$"),
    re.compile(r"常言道[：:，,]?\s*$"),
    re.compile(
        r"有(?:一)?句(?:古话|老话|俗话|谚语|名言|话|古语)(?:叫|讲|说|叫做)?(?:得好)?[：:，,]?\s*$"
    ),
    re.compile(
        r"《(?P<work>[^《》]{1,20})》(?:中|里|上|里面)?(?:说|云|曰|讲|写道|指出|有言|记载)[：:，,]?\s*$"
    ),
    re.compile(
        r"正如(?P<person>[^，,。！？；“”「」]{1,20}?)(?:所说|所言|所讲|说)的?(?:那样)?[：:，,]?\s*$"
    ),
]
_QUOTE = re.compile(r"“([^“”]{1,200})”|「([^「」]{1,200})」|『([^『』]{1,200})』")


@dataclass(frozen=True)
class ChineseSaying:
    start: int  # the saying's characters, without its marks
    end: int
    origin: str
    cue: str  # the cue's characters
    extent: str


def has_chinese(text: str) -> bool:
    return _CJK.search(text) is not None


def _sentence_start(text: str, position: int) -> int:
    start = max((text.rfind(mark, 0, position) for mark in _SENTENCE_END), default=-1) + 1
    return max(start, position - 40)


def _cue(window: str) -> tuple[str, str] | None:
    for pattern in _CUES:
        match = pattern.search(window)
        if match:
            groups = match.groupdict()
            if groups.get("work"):
                return _WORKS.get(groups["work"], groups["work"]), match.group(0)
            if groups.get("speaker"):
                return _SPEAKERS[groups["speaker"]], match.group(0)
            if groups.get("person"):
                person = groups["person"]
                return (
                    "Ancient Chinese saying" if person in ("古人", "前人") else person
                ), match.group(0)
            return "Chinese saying", match.group(0)
    return None


def chinese_sayings(masked: str) -> list[ChineseSaying]:
    """Cued sayings in Chinese prose, quoted or not, in order."""
    if not has_chinese(masked):
        return []
    found: list[ChineseSaying] = []
    taken_until = 0
    for quote in _QUOTE.finditer(masked):
        cue = _cue(masked[_sentence_start(masked, quote.start()) : quote.start()])
        if cue:
            group = next(i for i in (1, 2, 3) if quote.group(i) is not None)
            found.append(
                ChineseSaying(
                    quote.start(group),
                    quote.end(group),
                    cue[0],
                    cue[1].strip("：:，, "),
                    "quotation marks",
                )
            )
            taken_until = quote.end()
    # Without marks: the cue ends with a colon or comma, the saying is the rest of the sentence.
    for colon in re.finditer(r"[：:，,]", masked):
        if colon.start() < taken_until or any(f.start <= colon.start() < f.end for f in found):
            continue
        after = colon.end()
        if masked[after : after + 1] in '“「『"':
            continue
        cue = _cue(masked[_sentence_start(masked, colon.start()) : after])
        if not cue:
            continue
        end = min(
            (i for i in (masked.find(m, after) for m in _SENTENCE_END) if i >= 0),
            default=len(masked),
        )
        if 2 <= end - after <= _MAX_CHARS:
            found.append(
                ChineseSaying(
                    after,
                    end,
                    cue[0],
                    cue[1].strip("：:，, "),
                    "rest of the sentence after the cue",
                )
            )
            taken_until = end
    return sorted(found, key=lambda f: f.start)


_PUNCTUATION = re.compile(r"[\s，,。.！!？?；;：:、“”「」『』《》‘’\"'（）()—…-]+")


def find_original(text: str, original: str) -> tuple[int, int] | None:
    """Where a catalogue entry's Chinese ``original`` stands in ``text``, ignoring punctuation."""
    target = _PUNCTUATION.sub("", original)
    if len(target) < 4:
        return None
    keep = [i for i, ch in enumerate(text) if not _PUNCTUATION.fullmatch(ch)]
    letters = "".join(text[i] for i in keep)
    at = letters.find(target)
    if at < 0:
        return None
    return keep[at], keep[at + len(target) - 1] + 1
