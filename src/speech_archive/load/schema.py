"""JSON Schema validation turned into problems a contributor can act on."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..problems import Problem
from .safe_yaml import YamlDocument

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def load_schema(path: Path) -> dict:
    # Keyed by the file's text, not its path: `mkdocs serve` must see an edited schema.
    return _parse_schema(path.read_text(encoding="utf-8"))


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
    """Every schema violation in ``doc`` as a Problem, lines shifted by ``line_offset``."""
    validator = Draft202012Validator(schema)
    problems = []
    for error in validator.iter_errors(doc.data):
        for path, message in _messages(error):
            problems.append(
                Problem(shown_as, doc.line_of(path) + line_offset, _field_name(path), message)
            )
    return problems
