"""Reading the dates people write ('May 21, 2014', '21 May 2014', '2014-05-21') as ISO dates."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR, _DAY, _MONTH_NAME = r"(?P<year>\d{4})", r"(?P<day>\d{1,2})", r"(?P<month>[a-z]{3,9})\.?"
_DATE_FORMS = tuple(
    re.compile(f"^{_WEEKDAY}{form}$")
    for form in (
        rf"{_YEAR}[-/.](?P<month>\d{{1,2}})[-/.]{_DAY}",  # 2014-05-21, 2014/5/21
        rf"{_MONTH_NAME}\s+{_DAY}{_ORDINAL},?\s+{_YEAR}",  # May 21, 2014
        rf"(?:the\s+)?{_DAY}{_ORDINAL}\s+(?:of\s+)?{_MONTH_NAME},?\s+{_YEAR}",  # 21 May 2014, 21st of May
    )
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
