"""speech-archive: add, check and import speeches from the command line.

Thin: arguments in, output out. The work is done by the same core as the build
(loader, validator, passes), so what these commands say is what the build will say.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any

import click

from ..annotate.saying_review import review_speech
from ..characters import refusal, shown
from ..load.archive import (
    FILE_NAME,
    SAYINGS_FILE,
    SPEECHES_DIR,
    collect_problems,
    sayings_file,
    speech_files,
)
from ..load.catalogues import load_themes
from ..load.text_files import character_problems
from ..model import Archive
from ..problems import Problem
from . import saying_report
from .check import archive_path, count, format_github, format_json, format_text, run_check
from .importer import add_page_hints, import_transcript, speech_file_from
from .new_speech import check_new_speech, new_speech_text
from .options import NEXT_STEP, OPTION_OF_FIELD, option_messages, theme_messages, venue_message
from .page_source import PageError, is_url, read_page
from .saying_promotion import Sighting, promotions
from .speech_file import check_speech_text, file_slug, free_slug, write_new_file
from .starter import StarterError, write_starter


class PrintableText(click.ParamType):
    """A string option or argument, refused when it holds a character no value may hold
    (characters.FORBIDDEN: an escape sequence, a byte that is not UTF-8), naming the option."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        message = refusal(value) if isinstance(value, str) else None
        if message:
            self.fail(message, param, ctx)
        return value


class PrintablePath(click.Path):
    """click.Path, checked as PrintableText first: a path is shown in messages and written in files."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return super().convert(TEXT.convert(value, param, ctx), param, ctx)


TEXT = PrintableText()


class _ShownErrors(click.Command):
    """Click quotes what it could not parse (an unknown option, an extra argument) as typed:
    its message is shown with control characters made visible, as the loader's problems are."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            raise click.UsageError(shown(err.format_message()), err.ctx) from None


class _Group(_ShownErrors, click.Group):
    command_class = _ShownErrors


ROOT_HELP = (
    "The archive's folder, holding mkdocs.yml and speeches/. "
    "Default: the nearest such folder, from the current one upwards."
)


def _find_root(given: Path | None) -> Path:
    if given is not None:
        if not (given / SPEECHES_DIR).is_dir():
            raise click.UsageError(
                f"{given} has no {SPEECHES_DIR}/ folder (expected the archive's folder)"
            )
        return given
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / SPEECHES_DIR).is_dir():
            return folder
    raise click.UsageError(
        f"no archive here or above {here} (expected a folder with mkdocs.yml and "
        f"{SPEECHES_DIR}/; run from inside the project or pass --root)"
    )


def _root(ctx: click.Context) -> Path:
    return _find_root(ctx.find_root().params.get("root"))


def _shown(path: Path) -> str:
    """A path as the contributor would type it: relative to here when that is shorter."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def _check_slug(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # Checked before any path is made from it: a slug never climbs out of speeches/.
    if value is not None and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise click.BadParameter(
            f"expected lower-case ASCII words joined by hyphens, like "
            f"'address-to-the-nation', got {value!r}"
        )
    return value


def _echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
# The installed distribution's version: pyproject.toml's, the one place it is written.
@click.version_option(package_name="speech-archive", prog_name="speech-archive")
@click.option(
    "--root", type=PrintablePath(file_okay=False, exists=True, path_type=Path), help=ROOT_HELP
)
def main(root: Path | None) -> None:
    """Start an archive, and add, check and import its speeches.

    \b
    A new archive:
      speech-archive init my-archive && cd my-archive && mkdocs build
    \b
    Example: adding a speech, from the project's folder:
      1. make the file, from a text copy of it (look first with --dry-run):
           speech-archive import transcript.txt --venue "Shanghai, China" \\
               --speaker "Xi Jinping" --theme common-security
         or from nothing, to type or paste the text yourself:
           speech-archive new --title "New Approach for Asian Security Cooperation" \\
               --date 2014-05-21 --venue "Shanghai, China" --speaker "Xi Jinping" \\
               --theme common-security
      2. complete it: the speech's text in place of the placeholder, no page furniture
      3. speech-archive check     (then ./scripts/serve.sh to look at it)
      4. open a pull request: it runs check, the tests and a strict build
    """


@main.command(short_help="Start a new archive in a new folder.")
@click.argument("folder", type=PrintablePath(path_type=Path))
@click.option("--title", type=TEXT, help="The site's name (default: Speech Archive).")
def init(folder: Path, title: str | None) -> None:
    """Write a new archive into FOLDER (new or empty): mkdocs.yml with the speech-archive
    plugin, docs/, and speeches/ with the schema and empty vocabularies. It builds at once."""
    try:
        written = write_starter(folder, title)
    except StarterError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"wrote {len(written)} files into {_shown(folder)}")
    click.echo(f"next: cd {_shown(folder)} && speech-archive new --help, then mkdocs serve")


@main.command(short_help="Start a new speech file.")
@click.option("--title", type=TEXT, required=True, help="The title as published.")
@click.option(
    "--date", type=TEXT, required=True, metavar="YYYY-MM-DD", help="The day it was delivered."
)
@click.option("--venue", type=TEXT, required=True, help="Where: 'City, Country'.")
@click.option("--speaker", type=TEXT, help="Who delivered it (the archive requires it).")
@click.option(
    "--theme",
    "themes",
    type=TEXT,
    multiple=True,
    metavar="SLUG",
    help="A theme slug from speeches/themes.yml; repeat for several (at least one is required).",
)
@click.option("--occasion", type=TEXT, help="The event it was given at.")
@click.option(
    "--slug",
    type=TEXT,
    callback=_check_slug,
    help="The file name's words, lower-case with hyphens. Default: made from the title.",
)
@click.pass_context
def new(
    ctx: click.Context,
    title: str,
    date: str,
    venue: str,
    speaker: str | None,
    themes: tuple[str, ...],
    occasion: str | None,
    slug: str | None,
) -> None:
    """Write speeches/<date>-<slug>.md with complete front matter and a placeholder body.

    Prints the new file's path. Refuses to overwrite a file, and refuses values the
    build would refuse (a bad date, an unknown theme), with the build's messages.

    \b
    Example:
      speech-archive new --title "Address to the Nation" --date 1962-10-22 \\
          --venue "Washington, United States" --speaker "John F. Kennedy" \\
          --theme common-security
    """
    root = _root(ctx)
    slug = slug or free_slug(root / SPEECHES_DIR, date, file_slug(title), title)
    text = new_speech_text(title, date, venue, speaker, themes, occasion)
    messages = option_messages(check_new_speech(root, date, slug, text), themes)
    _refuse_bad_options(root, messages, venue, themes)
    path = root / SPEECHES_DIR / f"{date}-{slug}.md"
    _write(path, text, hint="edit that file, or pass --slug to choose another name")
    click.echo(_shown(path))
    click.echo(NEXT_STEP.format(path=_shown(path)), err=True)


def _refuse_bad_options(
    root: Path, messages: list[str], venue: str | None, themes: tuple[str, ...]
) -> None:
    """Print every option's problem, in the options' order, and stop; nothing is written."""
    known, _ = load_themes(root / SPEECHES_DIR / "themes.yml", f"{SPEECHES_DIR}/themes.yml")
    messages = [*messages, *theme_messages(themes, list(known))]
    messages.append(venue_message(venue) or "")
    order = [f"{option}:" for option in OPTION_OF_FIELD.values()]
    messages = sorted(
        (message for message in dict.fromkeys(messages) if message),
        key=lambda m: next((i for i, o in enumerate(order) if m.startswith(o)), -1),
    )
    if messages:
        for message in messages:
            click.echo(shown(message), err=True)
        raise click.ClickException(
            f"nothing was written: {count(len(messages), 'problem')} to fix in the options above"
        )


@main.command(short_help="Validate the archive as the build does.")
@click.argument("paths", nargs=-1, type=PrintablePath(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="json prints the problems and findings for bots; github prints GitHub Actions "
    "annotations, shown on the lines of a pull request's files.",
)
@click.option(
    "--since",
    type=TEXT,
    default="HEAD",
    show_default=True,
    metavar="REV",
    help="Without PATHS, list what the build adds to the speeches changed since this git revision.",
)
@click.pass_context
def check(ctx: click.Context, paths: tuple[Path, ...], output_format: str, since: str) -> None:
    """Validate the archive, or only the given speech and vocabulary files, as the build does.

    Prints every problem as 'path:line: field: message', then a one-line summary, and
    what the build will add to each changed speech (paragraph numbers, sayings, terms).
    Exits 0 when there is no problem, 1 otherwise.

    \b
    Examples:
      speech-archive check
      speech-archive check speeches/2014-05-21-new-approach-for-asian-security-cooperation.md
      speech-archive check --format json
      speech-archive check --format github   # in a GitHub Actions workflow
    """
    root = _root(ctx)
    asked = None
    if paths:
        asked = []
        for path in paths:
            name = archive_path(root, path)
            if name is None:
                raise click.BadParameter(
                    f"{path} is not a speech (.md) or vocabulary (themes.yml, {SAYINGS_FILE}, glossary.yml) "
                    f"in {_shown(root / SPEECHES_DIR)}/",
                    param_hint="PATHS",
                )
            asked.append(name)
    report = run_check(root, asked, since)
    formats = {"text": format_text, "json": format_json, "github": format_github}
    click.echo(formats[output_format](report))
    ctx.exit(0 if report.ok else 1)


@main.command(
    "import", short_help="Turn a text copy, a saved web page or a URL into a speech file."
)
@click.argument("source", metavar="FILE_OR_URL", type=TEXT)
@click.option("--title", type=TEXT, help="The title (overrides the transcript).")
@click.option("--date", type=TEXT, metavar="YYYY-MM-DD", help="The day (overrides the transcript).")
@click.option("--venue", type=TEXT, help="Where: 'City, Country' (overrides the transcript).")
@click.option("--speaker", type=TEXT, help="Who delivered it (overrides the transcript).")
@click.option(
    "--theme",
    "themes",
    type=TEXT,
    multiple=True,
    metavar="SLUG",
    help="A theme slug; repeat for several.",
)
@click.option(
    "--slug",
    type=TEXT,
    callback=_check_slug,
    help="The file name's words. Default: made from the title.",
)
@click.option("--dry-run", is_flag=True, help="Print the speech file instead of writing it.")
@click.option(
    "--output-dir",
    type=PrintablePath(file_okay=False, path_type=Path),
    help="Where to write the file. Default: the archive's speeches/ folder.",
)
@click.pass_context
def import_(
    ctx: click.Context,
    source: str,
    title: str | None,
    date: str | None,
    venue: str | None,
    speaker: str | None,
    themes: tuple[str, ...],
    slug: str | None,
    dry_run: bool,
    output_dir: Path | None,
) -> None:
    """Turn a speech's text into a speech file: a text copy of a web page, a transcript with
    'Title:'/'Date:' header lines, a saved web page (.html), or a web page's http(s) address.

    The text is kept word for word. Of a web page, only the main content is read; its
    furniture (navigation, share and print lines, 'Back to top', copyright lines, cookie
    notices...) goes into the front matter ('Source: ... Updated: ...') or is left out, and
    every line left out is listed. Fields the text does not give are left empty, and
    listed: fill them in, then run 'speech-archive check'. Never overwrites.

    \b
    Example:
      speech-archive import ~/Downloads/transcript.txt --venue "Shanghai, China" \\
          --speaker "Xi Jinping" --theme common-security --dry-run
      speech-archive import https://example.org/speeches/address.html --dry-run
    """
    root = _root(ctx)
    shown_source = source if is_url(source) else _shown(Path(source))
    # What is there but not a regular file (a FIFO, a device) is refused by read_text, unread.
    if not is_url(source) and (Path(source).is_dir() or not Path(source).exists()):
        raise click.BadParameter(
            f"{source!r} is not a file or an http(s) address "
            "(expected a text copy, a saved .html page or a URL)",
            param_hint="FILE_OR_URL",
        )
    try:
        page, problems = read_page(source, shown_source)
    except PageError as err:
        raise click.ClickException(str(err)) from None
    if page is not None:
        # Refused at the source: the title and body would carry them into the file and feed.
        problems = character_problems(page.text, shown_source)
    if page is None or problems:
        _echo_problems(problems)
        raise click.ClickException("nothing was imported")
    _refuse_bad_options(root, [], venue, themes)
    imported = import_transcript(page.text, title)
    add_page_hints(imported, page.hints)
    if not imported.body.strip():
        raise click.ClickException(
            f"{shown_source}: found no speech text after the title and date lines"
        )
    folder = output_dir or root / SPEECHES_DIR
    options = {"title": title, "date": date, "venue": venue, "speaker": speaker}
    name, speech_text = speech_file_from(imported, options, themes, slug, folder)
    path = folder / name
    to_fill = check_speech_text(root, name, speech_text, shown_as=_shown(path))
    # A value the contributor gave is refused as the option's, before anything is written.
    given = [p for p in to_fill if options.get(re.sub(r"\[\d+\]$", "", p.field))]
    if given:
        _refuse_bad_options(root, option_messages(given, themes), venue, themes)
    if dry_run:
        click.echo(speech_text, nl=False)
        exists = " (it already exists: a real import would refuse)" if path.exists() else ""
        click.echo(f"(dry run: would write {_shown(path)}{exists})", err=True)
    else:
        _write(path, speech_text, hint="nothing was written; pass --slug to choose another name")
        click.echo(_shown(path))
    for line, unused in page.left_out_with(imported.unused):
        click.echo(f"{shown_source}:{line}: left out (not part of the speech?): {unused}", err=True)
    for join in imported.joins:  # the text is changed here: each change is shown, to check
        click.echo(f"{shown_source}:{page.line_of(join.line)}: {join.message()}", err=True)
    if imported.start_guessed is not None and not imported.meta.get("title"):
        click.echo(
            f"{shown_source}:{page.line_of(imported.start_guessed)}: found no title, date or "
            "header line to show where the speech starts, so the body begins with this line "
            "(a page's heading, byline or notes may be above the speech): delete what is not "
            "the speech",
            err=True,
        )
    if to_fill:
        _echo_problems(to_fill)
        click.echo(
            f"{count(len(to_fill), 'field')} to fill in or correct, then run 'speech-archive check'",
            err=True,
        )
    elif not dry_run:
        in_archive = archive_path(root, path) is not None
        then = (
            f"run 'speech-archive check {_shown(path)}'"
            if in_archive
            else (f"move it into {_shown(root / SPEECHES_DIR)}/ and run 'speech-archive check'")
        )
        click.echo(f"next: read {_shown(path)} through, then {then}", err=True)


SAYING_FORMATS = {
    "text": saying_report.format_text,
    "json": saying_report.format_json,
    "markdown": saying_report.format_markdown,
}
# --promote's; json has its own call, which also lists the archive's problems.
PROMOTION_FORMATS = {
    "text": saying_report.format_promotions_text,
    "markdown": saying_report.format_promotions_markdown,
}


def _speech_name(root: Path, value: str) -> str:
    """'speeches/<file name>' for SPEECH given as a path or a slug; a usage error otherwise."""
    speeches_dir = root / SPEECHES_DIR
    stems = [path.stem for path in speech_files(speeches_dir)]
    undated = {stem: stem[len("YYYY-MM-DD-") :] for stem in stems if FILE_NAME.match(f"{stem}.md")}
    example = stems[0] if stems else "2014-05-21-new-approach-for-asian-security-cooperation"
    expected = (
        f"expected a speech file in {_shown(speeches_dir)}/, or its file name without "
        ".md (the date may be left out when only one speech has those words), like "
        f"'{example}'"
    )
    path = Path(value)
    # A relative path from here, or (with --root) from the archive's folder.
    places = [place for place in (path, root / path) if place.is_file()]
    if places:
        names = [archive_path(root, place) for place in places]
        name = next((name for name in names if name and name.endswith(".md")), None)
        if name is None:
            raise click.BadParameter(f"{value} is not a speech; {expected}", param_hint="SPEECH")
        return name
    stem = value.removesuffix(".md")
    # A slug never climbs out of speeches/: only slug characters are looked up.
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", stem):
        matches = [s for s in stems if s == stem] or [s for s in stems if undated.get(s) == stem]
        if len(matches) == 1:
            return f"{SPEECHES_DIR}/{matches[0]}.md"
        if matches:
            raise click.BadParameter(
                f"{value!r} names {len(matches)} speeches: "
                f"{', '.join(matches)}; expected one: give the date too",
                param_hint="SPEECH",
            )
    close = difflib.get_close_matches(stem, [*stems, *undated.values()], n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise click.BadParameter(
        f"{value!r} is not a speech of this archive{hint}; {expected}", param_hint="SPEECH"
    )


@main.command(short_help="Review the sayings found in speeches, and how to correct them.")
@click.argument("speeches", nargs=-1, type=TEXT, metavar="SPEECH...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(SAYING_FORMATS)),
    default="text",
    show_default=True,
    help="json for tools; markdown for a pull request's summary.",
)
@click.option(
    "--rejected/--no-rejected",
    default=True,
    show_default=True,
    help="Also list what the detector considered and rejected.",
)
@click.option(
    "--promote",
    is_flag=True,
    help=f"List sayings found in two or more speeches but not in {SPEECHES_DIR}/{SAYINGS_FILE}, "
    "as entries to add to it (only those found in the SPEECHes, when given).",
)
@click.pass_context
def sayings(
    ctx: click.Context, speeches: tuple[str, ...], output_format: str, rejected: bool, promote: bool
) -> None:
    """List the sayings the detector found in each SPEECH (a path or a slug) and those it rejected.

    For each: the paragraph, the words, origin, cue, extent, citation and the reason,
    then the front-matter lines that would reverse the verdict ('sayings: ignore:' for
    a wrong saying, 'sayings: add:' for a missed one). A speech the build would refuse
    gets its problems instead, as 'check' prints them, and the exit code is 1.

    \b
    Examples:
      speech-archive sayings speeches/2014-05-21-new-approach-for-asian-security-cooperation.md
      speech-archive sayings new-approach-for-asian-security-cooperation --no-rejected
      speech-archive sayings --promote
    """
    root = _root(ctx)
    if not speeches and not promote:
        argument = next(p for p in ctx.command.params if p.name == "speeches")
        raise click.MissingParameter(ctx=ctx, param=argument)  # as click says it
    names = list(dict.fromkeys(_speech_name(root, value) for value in speeches))
    archive, problems = collect_problems(root)
    loaded = {speech.path: speech for speech in archive.speeches} if archive else {}
    # Problems outside any speech (a vocabulary, the schema) change what every speech shows.
    shared = [p for p in problems if not p.path.endswith(".md")]
    catalogue = f"{SPEECHES_DIR}/{sayings_file(root / SPEECHES_DIR)}"
    if promote:
        _promote(ctx, archive, problems, names, output_format, catalogue)
        return
    reviews = []
    for name in names:
        own = [p for p in problems if p.path == name]
        if own or name not in loaded:
            reviews.append(
                saying_report.SpeechReview(
                    name,
                    problems=own
                    or [Problem(name, 0, "-", "was not loaded (run 'speech-archive check')")],
                )
            )
            continue
        speech = loaded[name]
        assert archive is not None  # the speech was loaded from it
        found = [c for c in review_speech(speech, archive) if rejected or c.accepted]
        reviews.append(saying_report.review(speech, found, catalogue))
    click.echo(SAYING_FORMATS[output_format](reviews, shared))
    ctx.exit(0 if not shared and all(r.ok for r in reviews) else 1)


def _promote(
    ctx: click.Context,
    archive: Archive | None,
    problems: list[Problem],
    names: list[str],
    output_format: str,
    catalogue: str,
) -> None:
    """Print the sayings to add to the catalogue of sayings; exit 1 when the archive has problems."""
    sightings: list[Sighting] = []
    catalogued: set[str] = set()
    if archive:
        sightings = [
            Sighting(speech.slug, c.paragraph, c.text, c.origin)
            for speech in archive.speeches
            for c in review_speech(speech, archive)
            if c.accepted and not c.catalogued
        ]
        catalogued = {saying.id for saying in archive.sayings}
    found = promotions(sightings, catalogued)
    if names:
        asked = {Path(name).stem for name in names}
        found = [p for p in found if asked & set(p.speeches)]
    if output_format == "json":
        click.echo(saying_report.format_promotions_json(found, problems))
    else:
        if problems:
            click.echo(
                "\n".join(str(problem) for problem in problems)
                + f"\n{count(len(problems), 'problem')} in the archive: the speeches that "
                "have one were left out (run 'speech-archive check')\n"
            )
        click.echo(PROMOTION_FORMATS[output_format](found, catalogue))
    ctx.exit(0 if not problems else 1)


def _write(path: Path, text: str, hint: str) -> None:
    try:
        write_new_file(path, text)
    except FileExistsError:
        raise click.ClickException(
            f"{_shown(path)} already exists and was left as it is ({hint})"
        ) from None
    except OSError as err:
        raise click.ClickException(f"cannot write {_shown(path)}: {err.strerror}") from None
