"""The vocabularies beside the speeches: themes.yml, sayings.yml and glossary.yml.

Each is validated against a small schema here, plus the checks a schema cannot
express (duplicate ids and terms), and returned as immutable model objects.
"""

from __future__ import annotations

from pathlib import Path

from ..annotate.glossary import normalise_wording  # the form in which the glossary pass matches
from ..model import CatalogueSaying, GlossaryTerm, Theme
from ..problems import Problem
from ..urls import RESERVED_THEME_SLUGS
from .safe_yaml import YamlDocument, YamlProblem, load_yaml
from .schema import check_against_schema
from .speech_rules import url_problem
from .text_files import read_text

_TEXT = {"type": "string", "minLength": 1, "maxLength": 2000}
_SLUG = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "examples": ["common-security"]}
_URL = {"type": "string", "pattern": "^https?://[^\\s]+$", "examples": ["https://example.org/"]}

THEMES_SCHEMA = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": _SLUG,
    "additionalProperties": {
        "type": "object",
        "required": ["title", "description"],
        "additionalProperties": False,
        "properties": {
            "title": {
                **_TEXT,
                "maxLength": 100,
                "description": "the theme's name as readers see it",
            },
            "description": {**_TEXT, "description": "a sentence or two on what the theme covers"},
        },
    },
}

SAYINGS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "text", "origin"],
        "additionalProperties": False,
        "properties": {
            "id": {**_SLUG, "description": "a stable slug; the sayings index anchors on it"},
            "text": {**_TEXT, "description": "the saying's usual English wording"},
            "origin": {**_TEXT, "maxLength": 100, "description": "e.g. 'Chinese saying'"},
            "original": _TEXT,
            "original_language": {
                "type": "string",
                "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                "examples": ["zh-Hans", "kk"],
                "description": "the original's language as a BCP 47 tag: its lang on the page",
            },
            "source": _TEXT,
            "meaning": _TEXT,
            "variants": {"type": "array", "items": _TEXT},
        },
    },
}

GLOSSARY_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["term", "definition"],
        "additionalProperties": False,
        "properties": {
            "term": {**_TEXT, "maxLength": 200, "description": "the term as written in full"},
            # Letters, digits and the marks abbreviations use (U.S., R&D, G-20): nothing that
            # could end an abbreviation definition (*[CICA]: ...) or read as markup.
            "abbreviation": {
                "type": "string",
                "pattern": "^[\\w.&'’/+-]{2,20}$",
                "examples": ["CICA"],
            },
            "aliases": {"type": "array", "items": {**_TEXT, "maxLength": 200}},
            "definition": {**_TEXT, "description": "what the term means, in a sentence or two"},
            "url": _URL,
        },
    },
}


def _load(
    path: Path, shown_as: str, schema: dict, required: bool
) -> tuple[YamlDocument | None, list[Problem]]:
    if not path.exists() and not path.is_symlink():  # a link loop is reported, not missing
        if required:
            return None, [
                Problem(
                    shown_as, 0, "-", "is missing (expected this vocabulary beside the speeches)"
                )
            ]
        return YamlDocument([], {}), []
    text, problems = read_text(path, shown_as)
    if text is None:
        return None, problems
    try:
        doc = load_yaml(text)
    except YamlProblem as err:
        return None, [Problem(shown_as, err.line, "-", err.message)]
    if doc.data is None:
        doc = YamlDocument({} if schema["type"] == "object" else [], {})
    problems = check_against_schema(schema, doc, shown_as)
    return (None if problems else doc), problems


def load_themes(path: Path, shown_as: str) -> tuple[dict[str, Theme], list[Problem]]:
    doc, problems = _load(path, shown_as, THEMES_SCHEMA, required=True)
    if doc is None:
        return {}, problems
    for slug in RESERVED_THEME_SLUGS:
        if slug in doc.data:
            problems.append(
                Problem(
                    shown_as,
                    doc.line_of((slug,)),
                    slug,
                    f"is reserved for the themes index page (expected another slug, e.g. '{slug}-theme')",
                )
            )
    if problems:
        return {}, problems
    themes = {
        slug: Theme(slug, entry["title"].strip(), entry["description"].strip())
        for slug, entry in doc.data.items()
    }
    return themes, problems


def _duplicates(
    doc: YamlDocument, shown_as: str, key: str, values: list[str | None]
) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}  # casefolded value -> index of the first entry with it
    for index, value in enumerate(values):
        if value is None:
            continue
        folded = value.casefold()
        if folded in first_seen:
            problems.append(
                Problem(
                    shown_as,
                    doc.line_of((index, key)),
                    f"[{index}].{key}",
                    f"{value!r} is already used by entry {first_seen[folded]} "
                    f"(line {doc.line_of((first_seen[folded], key))}; expected each {key} once)",
                )
            )
        else:
            first_seen[folded] = index
    return problems


def load_sayings(path: Path, shown_as: str) -> tuple[tuple[CatalogueSaying, ...], list[Problem]]:
    doc, problems = _load(path, shown_as, SAYINGS_SCHEMA, required=False)
    if doc is None:
        return (), problems
    entries = doc.data
    problems = _duplicates(doc, shown_as, "id", [e["id"] for e in entries])
    problems += _duplicates(doc, shown_as, "text", [e["text"] for e in entries])
    sayings = tuple(
        CatalogueSaying(
            id=e["id"],
            text=e["text"].strip(),
            origin=e["origin"].strip(),
            original=e.get("original"),
            original_language=e.get("original_language"),
            source=e.get("source"),
            meaning=e.get("meaning"),
            variants=tuple(e.get("variants", ())),
        )
        for e in entries
    )
    return sayings, problems


def load_glossary(path: Path, shown_as: str) -> tuple[tuple[GlossaryTerm, ...], list[Problem]]:
    doc, problems = _load(path, shown_as, GLOSSARY_SCHEMA, required=False)
    if doc is None:
        return (), problems
    entries = doc.data
    problems = _duplicates(doc, shown_as, "term", [e["term"] for e in entries])
    problems += _duplicates(doc, shown_as, "abbreviation", [e.get("abbreviation") for e in entries])
    problems += _shared_wordings(doc, shown_as, entries)
    for index, entry in enumerate(entries):
        line = doc.line_of((index, "url"))
        bad_url = url_problem(entry.get("url"), shown_as, line, f"[{index}].url")
        if bad_url:
            problems.append(bad_url)
    terms = tuple(
        GlossaryTerm(
            term=e["term"].strip(),
            definition=e["definition"].strip(),
            abbreviation=e.get("abbreviation"),
            aliases=tuple(e.get("aliases", ())),
            url=e.get("url"),
        )
        for e in entries
    )
    return terms, problems


def _shared_wordings(doc: YamlDocument, shown_as: str, entries: list[dict]) -> list[Problem]:
    """An alias that is also another entry's term or alias: a mention could not say which term it is."""
    problems: list[Problem] = []
    first_seen: dict[str, tuple[int, tuple[int | str, ...]]] = {}
    for index, entry in enumerate(entries):
        wordings: list[tuple[tuple[int | str, ...], str, str]]
        wordings = [((index, "term"), f"[{index}].term", entry["term"])]
        wordings += [
            ((index, "aliases", n), f"[{index}].aliases[{n}]", alias)
            for n, alias in enumerate(entry.get("aliases", ()))
        ]
        for path, field, wording in wordings:
            owner, owner_path = first_seen.setdefault(normalise_wording(wording), (index, path))
            # Two equal terms are already reported by _duplicates.
            if owner != index and not (path[1] == owner_path[1] == "term"):
                problems.append(
                    Problem(
                        shown_as,
                        doc.line_of(path),
                        field,
                        f"{wording!r} already names entry {owner} (line {doc.line_of(owner_path)}; "
                        "expected each term and alias to name one entry)",
                    )
                )
    return problems
