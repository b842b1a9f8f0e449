"""Characters no value of the archive may hold, and how a value is shown in a terminal.

Refused everywhere (front matter, vocabularies, speech bodies, file names, command-line
options): control characters other than tab, newline and carriage return (C0, DEL, C1),
lone surrogates and Unicode non-characters. They are invisible on the page, make XML
outputs ill-formed (feed.xml), cannot be written as UTF-8 (surrogates) and, shown in a
terminal, can rewrite what it displays. Everything real text holds stays accepted:
tabs, emoji, bidirectional marks and isolates in Arabic or Hebrew, zero-width joiners.
"""

from __future__ import annotations

import re

# U+xFFFE and U+xFFFF of every plane, and U+FDD0..U+FDEF: Unicode's non-characters.
_NON_CHARACTERS = (
    "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(0x11)) + "\\ufdd0-\\ufdef"
)
FORBIDDEN = re.compile(
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff" + _NON_CHARACTERS + "]"
)
# In a terminal these move the cursor or reorder what follows ('Trojan source'), so a
# message shows them as escapes too, though a value may hold them (the page shows them inertly).
_HIDDEN_IN_TERMINAL = re.compile(
    "[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069"
    + _NON_CHARACTERS
    + "]"
)
# What XML 1.0 cannot hold at all, even as a character reference (its 'Char' production).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What os.fsdecode and argv decoding make of a byte that is not UTF-8 (surrogateescape).
_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The index and the first character of ``text`` that no value may hold; None if none."""
    match = FORBIDDEN.search(text)
    return (match.start(), match.group()) if match else None


def describe(character: str) -> str:
    """'the control character U+001B', for a message saying what a value contains."""
    point = ord(character)
    if point in _ESCAPED_BYTES:
        return f"the byte 0x{point - 0xDC00:02X}, which is not UTF-8"
    if 0xD800 <= point <= 0xDFFF:
        return f"the lone surrogate U+{point:04X}, which is not a character"
    if 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE:
        return f"the non-character U+{point:04X}"
    return f"the control character U+{point:04X}"


def refusal(text: str, what: str = "contains") -> str | None:
    """The message for a value holding a forbidden character ('contains the control
    character U+001B (expected printable text)'); None for a value that holds none."""
    found = forbidden_character(text)
    if found is None:
        return None
    return f"{what} {describe(found[1])} (expected printable text)"


_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def name_refusal(name: str) -> str | None:
    """``refusal`` for a file or folder name, where a tab or line break is refused too: a
    name is shown on one line, and one holding a newline could forge a second message."""
    message = refusal(name, "has a name that contains")
    if message is None and any(char in name for char in "\t\n\r"):
        char = next(char for char in name if char in "\t\n\r")
        message = f"has a name that contains {describe(char)} (expected printable text)"
    return message


def _escape(match: re.Match[str]) -> str:
    if match.group() in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[match.group()]
    point = ord(match.group())
    if point <= 0xFF:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def shown(text: str) -> str:
    """``text`` safe to print: control, bidirectional-override and non-characters, line
    breaks included, as Python-style escapes ('\\x1b'), so one value is one visible line."""
    return _HIDDEN_IN_TERMINAL.sub(_escape, text)


def xml_safe(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold replaced by U+FFFD: the loader refuses such
    characters, and this keeps an XML output well-formed should one ever come through."""
    return _NOT_XML.sub("\ufffd", text)
