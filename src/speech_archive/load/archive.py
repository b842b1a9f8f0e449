"""Load and validate the whole archive once; everything after trusts the result.

Every problem in every file is collected, then ``load_archive`` raises one
``ArchiveError`` carrying all of them, so a contributor fixes everything in one go.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from pathlib import Path

from jsonschema.exceptions import SchemaError

from ..annotate.sayings import check_saying_corrections
from ..cache import ContentCache, cached, content_hash
from ..characters import name_refusal
from ..model import Archive, Speech, Theme
from ..problems import ArchiveError, Problem
from .archive_files import LOOP, docs_problems, folder_problems, resolved
from .bounds import body_bound_problems
from .catalogues import load_glossary, load_sayings, load_themes
from .references import load_references
from .safe_yaml import YamlProblem, load_yaml
from .schema import check_against_schema, load_schema
from .speech_rules import duplicate_speeches, footnote_problems, top_level_key_line, url_problem
from .text_files import MAX_BYTES, character_problems, read_text
from .unfinished import accepted_exceptions, unfinished_problems
from .untrusted import check_speech_body, paths_leaving_root

SPEECHES_DIR = "speeches"
SCHEMA_FILE = "speech.schema.json"
DOCS_DIR = "docs"  # MkDocs' default docs_dir: what `check` looks at (the build uses its config)
REFERENCES_DIR = "references"  # speeches/references/: reference works and references.yml
SAYINGS_FILE = "sayings.yml"  # the catalogue of known sayings
OLD_SAYINGS_FILE = "proverbs.yml"  # its first name, still read when it is the only one
SAYINGS_FIELD = "sayings"  # the front matter's corrections to saying detection
OLD_SAYINGS_FIELD = "proverbs"  # its first name, still read
FILE_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d takes any script's


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, body's first line) or None when the file has no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    return None


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_speech(
    text: str, shown_as: str, file_name: str, themes: dict[str, Theme], schema: dict
) -> tuple[Speech | None, list[Problem]]:
    """Validate one speech file's text against the contract; the Speech when it holds."""
    name = FILE_NAME.match(file_name)
    problems: list[Problem] = []
    if not name:
        problems.append(
            Problem(
                shown_as,
                0,
                "-",
                "file name is not of the form YYYY-MM-DD-slug.md "
                "(expected a date, then lower-case ASCII words joined by hyphens)",
            )
        )
    parts = split_front_matter(text)
    if parts is None and text.split("\n", 1)[0].rstrip() == "---":
        problems.append(
            Problem(
                shown_as,
                1,
                "-",
                "front matter is not closed (expected a '---' line after the fields)",
            )
        )
        return None, problems
    if parts is None:
        problems.append(
            Problem(
                shown_as,
                1,
                "-",
                "has no front matter (expected the file to start with a '---' line, "
                "YAML fields, and a closing '---' line)",
            )
        )
        return None, problems
    front, body, body_line = parts
    try:
        doc = load_yaml(front)
    except YamlProblem as err:
        problems.append(Problem(shown_as, err.line + 1, "-", f"front matter {err.message}"))
        return None, problems
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(
                shown_as,
                2,
                "-",
                "front matter is not a mapping of fields (expected lines like 'title: ...')",
            )
        )
        return None, problems
    meta = doc.data
    problems += check_against_schema(schema, doc, shown_as, line_offset=1)

    def line_of(*path: str | int) -> int:
        return doc.line_of(path) + 1  # front matter starts on line 2

    day = None
    if isinstance(meta.get("date"), str) and _ISO_DATE.fullmatch(meta["date"]):
        day = _parse_date(meta["date"])
        if day is None:
            problems.append(
                Problem(
                    shown_as,
                    line_of("date"),
                    "date",
                    f"{meta['date']!r} is not a real day (expected a valid YYYY-MM-DD date)",
                )
            )
        elif name and name["date"] != meta["date"]:
            problems.append(
                Problem(
                    shown_as,
                    line_of("date"),
                    "date",
                    f"{meta['date']!r} differs from the file name's date {name['date']!r} "
                    "(expected them to be equal)",
                )
            )
    elif not any(problem.field == "date" for problem in problems):
        # Whatever the archive's copy of the schema lets through, a speech without a day
        # is reported here: a speech is published or reported, never dropped.
        problems.append(
            Problem(
                shown_as,
                line_of("date") if "date" in meta else 1,
                "date",
                f"expected a date like '2014-05-21', got {meta.get('date')!r}",
            )
        )
    source = meta.get("source")
    if not isinstance(source, dict):
        source = {}
    for key in ("retrieved", "updated"):
        value = source.get(key)
        if isinstance(value, str) and _ISO_DATE.fullmatch(value) and _parse_date(value) is None:
            problems.append(
                Problem(
                    shown_as,
                    line_of("source", key),
                    f"source.{key}",
                    f"{value!r} is not a real day (expected a valid YYYY-MM-DD date)",
                )
            )
    bad_url = url_problem(source.get("url"), shown_as, line_of("source", "url"), "source.url")
    if bad_url and not any(problem.field == "source.url" for problem in problems):
        problems.append(bad_url)  # once: a refused character in it has been reported
    if isinstance(meta.get("themes"), list):
        for index, theme in enumerate(meta["themes"]):
            field = f"themes[{index}]"  # not a slug at all: the schema has said so
            reported = any(problem.field == field for problem in problems)
            if isinstance(theme, str) and theme not in themes and not reported:
                close = difflib.get_close_matches(theme, list(themes), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(
                    Problem(
                        shown_as,
                        line_of("themes", index),
                        field,
                        f"{theme!r} is not defined in speeches/themes.yml "
                        f"({hint}expected one of its slugs)",
                    )
                )
    if SAYINGS_FIELD in meta and OLD_SAYINGS_FIELD in meta:
        problems.append(
            Problem(
                shown_as,
                line_of(OLD_SAYINGS_FIELD),
                OLD_SAYINGS_FIELD,
                f"is the old name of '{SAYINGS_FIELD}', which this front matter has too "
                f"(expected one field: move its entries under '{SAYINGS_FIELD}')",
            )
        )
    # Invisible on the page and fatal to feed.xml; tabs, emoji and bidi marks are text.
    problems += character_problems(body, shown_as, "body", body_line, references=True)
    bounds = body_bound_problems(body, shown_as, body_line)
    if bounds:  # a body beyond the bounds is read by no parser and no pattern
        return None, problems + bounds
    footnotes = footnote_problems(body, body_line, shown_as)
    problems += footnotes
    unsafe: list[Problem] = []
    if not footnotes:  # Markdown may fail on a broken footnote: the body is checked once fixed
        unsafe = check_speech_body(body, shown_as, body_line)  # raw HTML, unsafe links, attributes
        problems += unsafe
    if not footnotes and not unsafe:  # a body refused as it stands is judged once it is fixed
        # The placeholder, an empty or one-word body, a page's footer: not a speech yet.
        problems += unfinished_problems(body, body_line, shown_as, accepted_exceptions(meta))
    if problems or day is None or name is None:
        return None, problems
    corrections_field = OLD_SAYINGS_FIELD if OLD_SAYINGS_FIELD in meta else SAYINGS_FIELD
    corrections = meta.get(corrections_field) or {}
    speech = Speech(
        slug=file_name[:-3],
        path=shown_as,
        title=meta["title"].strip(),
        date=day,
        speaker=meta["speaker"].strip(),
        venue=meta["venue"].strip(),
        themes=tuple(meta["themes"]),
        body=body,
        body_line=body_line,
        occasion=meta.get("occasion"),
        source=meta.get("source"),
        note=meta.get("note"),
        rights=meta.get("rights"),
        summary=meta.get("summary"),
        language=meta.get("language", "en"),
        sayings_add=tuple(corrections.get("add", ())),
        sayings_ignore=tuple(corrections.get("ignore", ())),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    # sayings.add must name words that stand in the text; the sayings module knows where.
    problems = check_saying_corrections(
        speech, corrections_field, lambda index: line_of(corrections_field, "add", index, "text")
    )
    return (None, problems) if problems else (speech, [])


def speech_files(speeches_dir: Path) -> list[Path]:
    """The speech files, in a stable order; vocabularies and the schema are not speeches."""
    paths = (p for p in speeches_dir.iterdir() if p.suffix == ".md" and not p.name.startswith("."))
    return sorted(paths, key=lambda path: path.name)  # names: Path comparisons are slow


def unaccounted_speeches(
    files: list[Path], speeches: list[Speech], problems: list[Problem]
) -> list[Problem]:
    """A speech file that was neither loaded nor reported: the guarantee that a speech the
    archive holds is published or refused with a reason, never silently left out."""
    accounted = {speech.path for speech in speeches} | {problem.path for problem in problems}
    return [
        Problem(
            f"{SPEECHES_DIR}/{path.name}",
            0,
            "-",
            "was neither loaded nor refused by any rule (expected a speech file the build "
            "publishes; please report this as a bug of speech-archive)",
        )
        for path in files
        if f"{SPEECHES_DIR}/{path.name}" not in accounted
    ]


def load_archive(
    root: Path, cache: ContentCache | None = None, docs_dir: Path | None = None
) -> Archive:
    """Load ``root/speeches``; raise ArchiveError listing every problem found.

    With ``workers`` > 1 and no cache, a large archive's speeches are parsed in that
    many processes (parsing is pure); the result is the same.
    """
    archive, problems = collect_problems(root, cache, docs_dir)
    if problems or archive is None:
        raise ArchiveError(problems)
    return archive


def vocabulary_hash(speeches_dir: Path) -> str:
    """SHA-256 of every file beside the speeches and in speeches/references/, names included.

    Validating or annotating a speech reads these files, so a result cached for
    `mkdocs serve` is only reused while they are unchanged.
    """
    parts: list[bytes | str] = []
    for path in sorted(speeches_dir.iterdir()):
        if path.is_file() and path.suffix != ".md":
            parts += [path.name, _contents(path)]
    references = speeches_dir / REFERENCES_DIR
    if references.is_dir():
        for path in sorted(references.iterdir()):
            if path.is_symlink():  # where it leads, never what: it may leave the archive
                parts += [f"{REFERENCES_DIR}/{path.name}", "->", str(path.readlink())]
            elif path.is_file():
                parts += [f"{REFERENCES_DIR}/{path.name}", _contents(path)]
    return content_hash(*parts)


def _contents(path: Path) -> bytes | str:
    """The file's bytes, or for a file over the size limit (never read: refused, or not an
    archive file) its size and time: hashing must not read without bound either."""
    info = path.stat()
    if info.st_size > MAX_BYTES:
        return f"{info.st_size} bytes, modified {info.st_mtime_ns}"
    return path.read_bytes()


def _shown_folder(root: Path, folder: Path) -> str:
    """A folder as messages name it: relative to the archive when inside it."""
    for inner, outer in ((folder, root), (resolved(folder), resolved(root))):
        if inner is not None and outer is not None and inner.is_relative_to(outer):
            return inner.relative_to(outer).as_posix()
    return folder.as_posix()


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def sayings_file(speeches_dir: Path) -> str:
    """The name of the archive's catalogue of sayings: SAYINGS_FILE, unless the archive has
    a file under the old name only."""
    if _present(speeches_dir / OLD_SAYINGS_FILE) and not _present(speeches_dir / SAYINGS_FILE):
        return OLD_SAYINGS_FILE
    return SAYINGS_FILE


def _load_vocabularies(speeches_dir: Path) -> tuple[dict, tuple, tuple, tuple, list[Problem]]:
    themes, problems = load_themes(speeches_dir / "themes.yml", f"{SPEECHES_DIR}/themes.yml")
    catalogue = sayings_file(speeches_dir)
    sayings, found = load_sayings(speeches_dir / catalogue, f"{SPEECHES_DIR}/{catalogue}")
    problems += found
    if catalogue == SAYINGS_FILE and _present(speeches_dir / OLD_SAYINGS_FILE):
        problems.append(
            Problem(
                f"{SPEECHES_DIR}/{OLD_SAYINGS_FILE}",
                0,
                "-",
                f"is the old name of {SPEECHES_DIR}/{SAYINGS_FILE}, which exists too (expected "
                f"one catalogue of sayings: move its entries into {SAYINGS_FILE} and delete it)",
            )
        )
    glossary, found = load_glossary(speeches_dir / "glossary.yml", f"{SPEECHES_DIR}/glossary.yml")
    problems += found
    references, found = load_references(
        speeches_dir / REFERENCES_DIR, f"{SPEECHES_DIR}/{REFERENCES_DIR}"
    )
    problems += found
    return themes, sayings, glossary, references, problems


def collect_problems(
    root: Path, cache: ContentCache | None = None, docs_dir: Path | None = None
) -> tuple[Archive | None, list[Problem]]:
    """Every problem in ``root/speeches`` (and in the files of ``docs_dir``, root/docs by
    default, that MkDocs would publish), and the archive of what loaded without one.

    The archive is partial when there are problems (the build refuses it; ``check``
    still shows what the passes find in the good speeches); None without a speeches folder.
    """
    speeches_dir = root / SPEECHES_DIR
    problems: list[Problem] = []
    if not speeches_dir.is_dir():
        loop = speeches_dir.is_symlink() and resolved(speeches_dir) is None
        return None, [
            Problem(
                SPEECHES_DIR,
                0,
                "-",
                LOOP if loop else "folder is missing (expected the speeches beside mkdocs.yml)",
            )
        ]
    problems = paths_leaving_root(root, speeches_dir, SPEECHES_DIR)
    if problems:  # nothing is read through a link that leaves the archive
        return None, problems
    problems = folder_problems(speeches_dir, SPEECHES_DIR)
    docs_dir = root / DOCS_DIR if docs_dir is None else docs_dir
    if docs_dir.exists() or docs_dir.is_symlink():
        problems += docs_problems(root, docs_dir, _shown_folder(root, docs_dir))
    # The schema lives beside the speeches it describes, so editors can use it too.
    try:
        schema = load_schema(speeches_dir / SCHEMA_FILE)
    except (OSError, ValueError, SchemaError) as err:
        reason = getattr(err, "strerror", None) or str(err).splitlines()[0]
        shown_as = f"{SPEECHES_DIR}/{SCHEMA_FILE}"
        if any(problem.path == shown_as for problem in problems):
            return None, problems  # a FIFO or a loop: the walk above said what it is
        message = f"cannot be used ({reason}; expected the JSON Schema of speech front matter)"
        return None, [*problems, Problem(shown_as, 0, "-", message)]
    # With a cache (`mkdocs serve`), unchanged vocabularies and speeches are not parsed again.
    vocabularies = vocabulary_hash(speeches_dir)
    themes, sayings, glossary, references, found = cached(
        cache, ("vocabularies", vocabularies), lambda: _load_vocabularies(speeches_dir)
    )
    problems += found

    texts: list[tuple[str, str, str]] = []  # (file name, path as shown, text) of each readable file
    files = speech_files(speeches_dir)
    for path in files:
        shown_as = f"{SPEECHES_DIR}/{path.name}"
        if name_refusal(path.name):
            continue  # reported by folder_problems; a name that cannot be shown is not read
        if path.is_symlink():
            problems.append(
                Problem(shown_as, 0, "-", "is a symbolic link (expected a regular file)")
            )
            continue
        text, found = read_text(path, shown_as)
        problems += found
        if text is not None:
            texts.append((path.name, shown_as, text))

    def parse(index: int) -> tuple[Speech | None, list[Problem]]:
        name, shown_as, text = texts[index]
        return parse_speech(text, shown_as, name, themes, schema)

    parsed = [
        cached(cache, ("speech", name, content_hash(text), vocabularies), lambda: parse(index))  # noqa: B023
        for index, (name, _, text) in enumerate(texts)
    ]
    speeches: list[Speech] = []
    title_lines: dict[str, int] = {}
    for (_, shown_as, text), (speech, found) in zip(texts, parsed, strict=True):
        problems += found
        if speech:
            speeches.append(speech)
            title_lines[shown_as] = top_level_key_line(text, "title")
    problems += duplicate_speeches(speeches, title_lines)
    problems += unaccounted_speeches(files, speeches, problems)
    speeches.sort(key=lambda s: (s.date, s.slug))
    archive = Archive(
        speeches=tuple(speeches),
        themes=themes,
        sayings=sayings,
        glossary=glossary,
        references=references,
        vocabulary_hash=vocabularies,
    )
    # A FIFO among the vocabularies is found by the folder's walk and again when read.
    return archive, sorted(set(problems))
