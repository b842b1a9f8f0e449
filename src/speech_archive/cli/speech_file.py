"""Writing speech files: front matter in the contract's field order, then the body.

Used by ``speech-archive new`` and ``import``; what they write is read back by the
loader, so each validates its text with ``loader.parse_speech`` (the build's rules).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from jsonschema.exceptions import SchemaError
from slugify import slugify as transliterated_slug

from ..load.archive import SCHEMA_FILE, SPEECHES_DIR, parse_speech, split_front_matter
from ..load.catalogues import load_themes
from ..load.safe_yaml import YamlProblem, load_yaml
from ..load.schema import load_schema
from ..load.text_files import read_text
from ..problems import Problem

# The order contributors read and write fields in (docs/contributing.md's table).
FIELD_ORDER = (
    "title",
    "date",
    "speaker",
    "venue",
    "occasion",
    "themes",
    "summary",
    "source",
    "note",
    "rights",
    "language",
    "sayings",
)
SOURCE_ORDER = ("title", "url", "publisher", "updated", "retrieved")
MAX_SLUG_LENGTH = 60  # keeps file names (and cited URLs) readable and under file-system limits


class _FrontMatterDumper(yaml.SafeDumper):
    """Dates stay unquoted (the loader keeps them as text); empty values print as nothing."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # '  - item' under a key, as people write it


_FrontMatterDumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_FrontMatterDumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def _ordered(meta: dict) -> dict:
    ordered = {key: meta[key] for key in FIELD_ORDER if key in meta}
    ordered.update((key, value) for key, value in meta.items() if key not in ordered)
    source = ordered.get("source")
    if isinstance(source, dict):
        ordered["source"] = {key: source[key] for key in SOURCE_ORDER if key in source}
        ordered["source"].update((k, v) for k, v in source.items() if k not in ordered["source"])
    return ordered


def render_speech_file(meta: dict, body: str) -> str:
    """The file's text: '---', the fields (None is written as an empty value), '---', the body."""
    front = yaml.dump(
        _ordered(meta),
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
    # PyYAML writes 'speaker: ' for an empty value; the trailing space is noise in a diff.
    front = re.sub(r"[ \t]+$", "", front, flags=re.MULTILINE)
    return f"---\n{front}---\n\n{body.strip(chr(10))}\n"


def file_slug(title: str) -> str:
    """The slug part of a file name: the title's words in lower-case ASCII, cut at a word
    boundary. Other scripts are transliterated ('Обращение к нации' -> 'obrashchenie-k-natsii',
    '千里之行' -> 'qian-li-zhi-xing'), so a title in any script gets a name people can read."""
    return transliterated_slug(title, max_length=MAX_SLUG_LENGTH, word_boundary=True) or "speech"


def free_slug(folder: Path, date: str, slug: str, title: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... when another speech of that day has that name
    (two titles can share a slug, once cut or transliterated). A file of the same title keeps
    the name: the same speech is not written twice, and writing it says the file exists."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
        return slug  # the date is refused anyway; no path is made from it
    candidate, number = slug, 1
    while (folder / f"{date}-{candidate}.md").exists():
        if _title_of(folder / f"{date}-{candidate}.md") == title:
            break
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _title_of(path: Path) -> object:
    """The title in the front matter of the file at ``path``; None when it cannot be read."""
    text, _ = read_text(path, path.name)  # a regular file, within the size limit
    parts = split_front_matter(text) if text is not None else None
    if parts is None:
        return None
    try:
        meta = load_yaml(parts[0]).data
    except YamlProblem:
        return None
    return meta.get("title") if isinstance(meta, dict) else None


def write_new_file(path: Path, text: str) -> None:
    """Create ``path``; raise FileExistsError rather than replace anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # 'x': never overwrite
        handle.write(text)


def check_speech_text(
    root: Path, file_name: str, text: str, shown_as: str | None = None
) -> list[Problem]:
    """What the build would say about ``text`` saved as speeches/``file_name`` (and about themes.yml)."""
    speeches_dir = root / SPEECHES_DIR
    themes, problems = load_themes(speeches_dir / "themes.yml", f"{SPEECHES_DIR}/themes.yml")
    try:
        schema = load_schema(speeches_dir / SCHEMA_FILE)
    except (OSError, ValueError, SchemaError) as err:  # as the loader reports it
        reason = getattr(err, "strerror", None) or str(err).splitlines()[0]
        return [
            Problem(
                f"{SPEECHES_DIR}/{SCHEMA_FILE}",
                0,
                "-",
                f"cannot be used ({reason}; expected the JSON Schema of speech front matter)",
            )
        ]
    shown_as = shown_as or f"{SPEECHES_DIR}/{file_name}"
    _, found = parse_speech(text, shown_as, file_name, themes, schema)
    return sorted(problems + found)
