"""Reading the dates people write ('May 21, 2014', '21 May 2014', '2014-05-21') as ISO dates."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE_FORMS = (
    re.compile(rf"^{_WEEKDAY}(?P<year>\d{{4}})[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})$"),
    re.compile(rf"^{_WEEKDAY}(?P<month>[a-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{_WEEKDAY}(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>[a-z]{{3,9}})\.?,?\s+(?P<year>\d{{4}})$"),
)


def _month_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    # 'Sept', 'Sep.' and 'September' all name September; three letters are never ambiguous.
    matches = [number for number, name in enumerate(_MONTHS, start=1) if name.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def iso_date(text: str) -> str | None:
    """The ISO form of a whole-text date in a common written form; None when it is not one.

    Numeric day/month orders other than year-first are refused: '05/06/2014' is ambiguous.
    """
    cleaned = " ".join(text.strip().rstrip(".").split()).lower()
    for form in _DATE_FORMS:
        match = form.match(cleaned)
        if not match:
            continue
        month = _month_number(match["month"])
        if month is None:
            return None
        try:
            return dt.date(int(match["year"]), month, int(match["day"])).isoformat()
        except ValueError:
            return None
    return None
