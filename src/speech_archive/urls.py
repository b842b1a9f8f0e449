"""The site's address scheme: where every generated page and data file lives, and how pages link.

A page is named by the docs-relative Markdown path MkDocs builds it from
(``speeches/<slug>.md``); with ``use_directory_urls: false`` MkDocs writes it to the same
path ending in ``.html``, which is the URL readers see and cite. Links between pages are
relative, to the ``.md`` path: MkDocs checks each one and turns it into the ``.html`` URL,
and a copy of the site opened from disk (file://) follows them.

Nothing else in the package spells a site path: moving a page is one change here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from .model import Speech

HOME_PAGE = "index.md"  # hand-written (docs/index.md); the build fills in its figures
SPEECHES_INDEX = "speeches/index.md"  # every speech by year, newest first
THEMES_INDEX = "themes/index.md"
VENUES_INDEX = "venues/index.md"
SAYINGS_INDEX = "sayings/index.md"  # its anchors are saying ids (see saying_link)
GLOSSARY_INDEX = "glossary/index.md"  # its anchors are term slugs
CATALOGUE = "speeches.json"  # the archive as data for other tools
FEED = "feed.xml"  # Atom feed of the latest speeches

# Pages that moved: old URL (relative to the site root) -> the page's docs path now. A
# small page at each old URL sends readers on (pages/redirects.py): published links,
# anchors included, keep working.
OLD_SAYINGS_INDEX = "proverbs/index.html"  # the sayings index until it took its concept's name
MOVED = {OLD_SAYINGS_INDEX: SAYINGS_INDEX}

# A theme page is themes/<slug>.md, beside THEMES_INDEX: no theme may take its name.
RESERVED_THEME_SLUGS = ("index",)


def speech_page_path(speech: Speech) -> str:
    """The speech page's docs-relative path; its site URL is permanent (people cite it)."""
    return _speech_page(speech.slug)


def _speech_page(slug: str) -> str:
    return f"speeches/{slug}.md"


def theme_page_path(slug: str) -> str:
    return f"themes/{slug}.md"


def year_page_path(year: int) -> str:
    return f"years/{year:04d}.md"


def url_of(path: str) -> str:
    """The URL, relative to the site root, of the file at docs-relative ``path``.

    A Markdown page becomes an .html file of the same name (use_directory_urls is off);
    any other file (speeches.json, feed.xml) keeps its name.
    """
    return path[: -len(".md")] + ".html" if path.endswith(".md") else path


def speech_url(speech: Speech) -> str:
    """The speech page's URL relative to the site root."""
    return url_of(speech_page_path(speech))


def link_from(page: str, target: str) -> str:
    """A relative link from one docs-relative page to another: MkDocs checks it, file:// follows it.

    Plain string work (both are clean POSIX paths): posixpath.relpath would consult the
    working directory on each of the thousands of links an archive's indexes hold.
    """
    folders, parts = page.split("/")[:-1], target.split("/")
    common = 0
    while common < len(folders) and common < len(parts) - 1 and folders[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folders) - common) + parts[common:])


def saying_link(saying_id: str, from_page: str = _speech_page("x")) -> str:
    """The link from a page (by default a speech page) to a saying's entry on the sayings index."""
    return f"{link_from(from_page, SAYINGS_INDEX)}#{saying_id}"


# Generated pages live outside the nav (mkdocs.yml): the nav page whose tab they belong to,
# by the folder of their path. A year page belongs with the speeches.
_SECTIONS = {
    "speeches": SPEECHES_INDEX,
    "years": SPEECHES_INDEX,
    "themes": THEMES_INDEX,
    "venues": VENUES_INDEX,
}


def section_of(path: str) -> str | None:
    """The nav page (docs path) whose tab a page at docs path ``path`` belongs to, if any."""
    folder = path.partition("/")[0] if "/" in path else ""
    return _SECTIONS.get(folder)


def source_edit_url(
    repo_url: str | None, edit_uri: str | None, docs_folder: str, source_path: str
) -> str | None:
    """The URL that edits ``source_path`` (relative to the archive root) in the repository.

    MkDocs' ``edit_uri`` points into the docs folder (``edit/main/docs/``); speeches live
    beside it, so its docs folder part is replaced by the file's own path, joined to
    ``repo_url`` as MkDocs joins it. None when ``edit_uri`` is unset, is a query, or does
    not end with the docs folder (nothing to derive the repository's root from).
    """
    if not edit_uri or edit_uri.startswith(("?", "#")):
        return None
    folder = docs_folder.strip("/") + "/"
    uri = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    if not uri.endswith("/" + folder) and uri != folder:
        return None
    file_edit_uri = uri[: len(uri) - len(folder)] + source_path
    if not repo_url:
        return file_edit_uri if urlsplit(file_edit_uri).netloc else None
    return urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", file_edit_uri)
