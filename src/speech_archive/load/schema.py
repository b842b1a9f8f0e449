"""JSON Schema validation turned into problems a contributor can act on."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from ..characters import refusal
from ..problems import Problem
from .safe_yaml import YamlDocument
from .text_files import read_text

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


@lru_cache(maxsize=64)
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """A schema pattern as JSON Schema means it (ECMA-262), for Python's ``re``.

    In ECMA-262 '$' matches only at the end of the text; in Python it also matches before
    a final newline, so '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' would take "2001-01-01\\n". Each '$'
    outside a character class becomes '\\Z', so every anchored pattern is anchored.
    """
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = "\\Z"
        out.append(char)
        index += 1
    return re.compile("".join(out))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# Draft 2020-12 with ECMA-262's '$' (above); every other keyword as jsonschema has it.
_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


def load_schema(path: Path) -> dict:
    """The schema at ``path``; OSError or ValueError (with the reason) when it cannot be used."""
    text, problems = read_text(path, path.name)  # a regular file, within the size limit
    if text is None:
        reason = problems[0].message
        if reason.startswith("cannot be read ("):  # 'No such file or directory' alone
            reason = reason.removeprefix("cannot be read (").removesuffix(")")
        raise ValueError(reason)
    # Keyed by the file's text, not its path: `mkdocs serve` must see an edited schema.
    return _parse_schema(text)


@lru_cache(maxsize=8)
def _parse_schema(text: str) -> dict:
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return schema


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def _field_name(path: tuple) -> str:
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "-"


def _messages(error: ValidationError) -> list[tuple[tuple, str]]:
    """(path, message) pairs for one schema error; one error can name several fields."""
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    # iter_errors sets these on every error; the stubs also allow jsonschema's "unset" sentinel.
    value: Any = error.instance
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        sub = schema.get("properties", {}).get(missing, {})
        want = sub.get("description", "a value")
        return [((*path, missing), f"is missing (expected: {want})")]
    if kind == "additionalProperties":
        known = schema.get("properties", {})
        # An old name still read (marked deprecated) is known, but never suggested.
        allowed = sorted(key for key, sub in known.items() if not sub.get("deprecated"))
        out = []
        for key in sorted(set(value) - set(known), key=str):
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            out.append(
                (
                    (*path, key),
                    f"is not a known field ({hint}expected one of: {', '.join(allowed)})",
                )
            )
        return out
    if kind == "type":
        types: Any = error.validator_value  # a type's name, or a list of names
        names: list[str] = types if isinstance(types, list) else [types]
        want = " or ".join(_TYPE_NAMES.get(name, name) for name in names)
        return [(path, f"expected {want}, got {_describe(value)}")]
    if kind == "minProperties":
        return [(path, f"has no entries (expected at least {error.validator_value})")]
    if kind == "minItems":
        return [(path, f"is an empty list (expected at least {error.validator_value} item)")]
    if kind == "minLength":
        return [(path, "is empty (expected some text)")]
    if kind == "maxLength":
        return [
            (path, f"is {len(value)} characters long (expected at most {error.validator_value})")
        ]
    if kind == "pattern":
        example = schema.get("examples", [None])[0]
        like = f" like {example!r}" if example else f" matching {error.validator_value}"
        return [(path, f"expected a value{like}, got {_describe(value)}")]
    if kind == "uniqueItems":
        return [(path, "lists the same value twice (expected each value once)")]
    if kind == "enum":
        return [(path, f"expected one of {error.validator_value}, got {_describe(value)}")]
    return [(path, error.message)]


def check_against_schema(
    schema: dict, doc: YamlDocument, shown_as: str, line_offset: int = 0
) -> list[Problem]:
    """Every schema violation in ``doc`` as a Problem, lines shifted by ``line_offset``,
    and every value (or field name) holding a character no value may hold."""
    problems = character_problems(doc, shown_as, line_offset)
    refused = {problem.field for problem in problems}  # one problem a field: the character
    for error in _Validator(schema).iter_errors(doc.data):
        for path, message in _messages(error):
            field = _field_name(path)
            if field not in refused:
                problems.append(Problem(shown_as, doc.line_of(path) + line_offset, field, message))
    return problems


def character_problems(doc: YamlDocument, shown_as: str, line_offset: int = 0) -> list[Problem]:
    """Text values and field names holding a control character, a lone surrogate (from a
    YAML escape such as "\\ud800") or a non-character: each would vanish or break an output."""
    problems: list[Problem] = []

    def visit(value: Any, path: tuple) -> None:
        message = refusal(value) if isinstance(value, str) else None
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and refusal(key):
                    message = refusal(key, "has a field name that contains")
                    line = doc.line_of((*path, key)) + line_offset
                    field = _field_name((*path, key))
                    problems.append(Problem(shown_as, line, field, str(message)))
                else:
                    visit(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))
        elif message:
            line = doc.line_of(path) + line_offset
            problems.append(Problem(shown_as, line, _field_name(path), message))

    visit(doc.data, ())  # as deep as the YAML reader allows (safe_yaml.MAX_DEPTH)
    return problems
