"""What every index shares: one line per speech, its theme tags, counted nouns."""

from __future__ import annotations

from collections.abc import Iterable

from ..escape import escape_markdown
from ..markup import THEME_TAG_CLASS
from ..model import Archive, Speech
from ..text import human_date
from ..urls import link_from, speech_page_path, theme_page_path


def newest_first(speeches: Iterable[Speech]) -> list[Speech]:
    return sorted(speeches, key=lambda s: (s.date, s.slug), reverse=True)


def theme_tags(speech: Speech, archive: Archive, page: str) -> str:
    """The speech's themes as small tags: links with a class (attr_list), one space apart."""
    return " ".join(
        f"[{escape_markdown(archive.themes[slug].title)}]({link_from(page, theme_page_path(slug))})"
        f"{{ .{THEME_TAG_CLASS} }}"
        for slug in speech.themes
    )


# Each speech is listed on several pages (chronology, its year, venue and themes, other
# speeches' related lists), and `mkdocs serve` lists it again at every rebuild. A line
# depends only on the speech file (its content hash, its name), the vocabularies (theme
# titles) and the folder linked from, so it is remembered under those: content-keyed like
# the serve cache, never stale. Bounded: cleared when it outgrows several archives.
_LIST_ITEMS: dict[tuple[str, str, str, str], str] = {}
_MAX_LIST_ITEMS = 100_000


def speech_list_item(speech: Speech, archive: Archive, page: str) -> str:
    """One line of a speech list on ``page``: date, linked title, speaker, venue, theme tags."""
    if not (speech.content_hash and archive.vocabulary_hash):
        # Built by hand (tests): no identity to key on.
        return _render_list_item(speech, archive, page)
    key = (speech.path, speech.content_hash, archive.vocabulary_hash, page.rpartition("/")[0])
    item = _LIST_ITEMS.get(key)
    if item is None:
        if len(_LIST_ITEMS) >= _MAX_LIST_ITEMS:
            _LIST_ITEMS.clear()
        item = _LIST_ITEMS[key] = _render_list_item(speech, archive, page)
    return item


def _render_list_item(speech: Speech, archive: Archive, page: str) -> str:
    title = f"[{escape_markdown(speech.title)}]({link_from(page, speech_page_path(speech))})"
    return (
        f'- <time datetime="{speech.date.isoformat()}">{human_date(speech.date)}</time> — {title}'
        f" — {escape_markdown(speech.speaker)}, {escape_markdown(speech.venue)}"
        f" {theme_tags(speech, archive, page)}"
    )


def speech_list(speeches: Iterable[Speech], archive: Archive, page: str) -> list[str]:
    """Markdown list lines, newest first."""
    return [speech_list_item(speech, archive, page) for speech in newest_first(speeches)]


def plural(count: int, singular: str, several: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (several or singular + 's')}"
