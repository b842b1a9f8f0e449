"""The values given as options of ``new`` and ``import``, judged as options: a message names
``--date``, not the line of a file the command has not written.

The build's own problems with the file to be written are turned into option messages
(field -> option), and two checks come first that only an option needs: a theme list to
choose from, and a venue of the shape 'place, country'.
"""

from __future__ import annotations

import difflib
import re

from ..model import venue_parts
from ..problems import Problem

# The front-matter field each option fills.
OPTION_OF_FIELD = {
    "title": "--title",
    "date": "--date",
    "speaker": "--speaker",
    "venue": "--venue",
    "occasion": "--occasion",
    "themes": "--theme",
}
MAX_LISTED_THEMES = 12  # all slugs when no more than this; else the closest few
CLOSEST_THEMES = 5


def theme_choices(theme: str, themes: list[str]) -> str:
    """What to choose from instead of ``theme``: every slug when few, else the closest."""
    if len(themes) <= MAX_LISTED_THEMES:
        return f"expected one of: {', '.join(themes)}"
    close = difflib.get_close_matches(theme, themes, n=CLOSEST_THEMES, cutoff=0.3)
    listed = f"; the closest: {', '.join(close)}" if close else ""
    return f"expected one of its {len(themes)} slugs{listed}"


def theme_messages(given: tuple[str, ...], themes: list[str]) -> list[str]:
    return [
        f"--theme: {theme!r} is not a theme of speeches/themes.yml ({theme_choices(theme, themes)})"
        for theme in given
        if theme not in themes
    ]


def venue_message(venue: str | None) -> str | None:
    """A venue the indexes cannot file under a country (they take its last comma part)."""
    if venue is None or venue_parts(venue) is not None:
        return None
    return (
        f"--venue: {venue!r} has no country (expected 'place, country', "
        "like 'Shanghai, China': the venues index files it under the part after the last comma)"
    )


def option_messages(problems: list[Problem], given_themes: tuple[str, ...]) -> list[str]:
    """The file's problems as problems of the options that gave the values.

    A problem of a field no option fills (the themes.yml file, the schema) keeps its
    own 'path:line: field: message' form. Unknown themes are reported by theme_messages.
    """
    messages: list[str] = []
    for problem in problems:
        field = re.sub(r"\[\d+\]$", "", problem.field)
        option = OPTION_OF_FIELD.get(field)
        if option is None or not problem.path.endswith(".md"):
            messages.append(str(problem))
        elif field == "themes" and problem.field != "themes" and given_themes:
            continue  # one theme's problem: theme_messages has named it
        elif field == "themes" and not given_themes:
            messages.append(
                "--theme: is missing (expected at least one theme slug; repeat it for several)"
            )
        else:
            messages.append(f"{option}: {problem.message}")
    return list(dict.fromkeys(messages))


NEXT_STEP = (
    "next: replace the placeholder in {path} with the speech's text, "
    "then run 'speech-archive check {path}'"
)
