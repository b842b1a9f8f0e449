"""Untrusted input: speech bodies are Markdown, never HTML; files stay inside the archive.

Speeches arrive from strangers and the site is served to the public, so a speech
body is checked by asking Python-Markdown itself, configured like the site, what
it makes of the text — no regular expression guesses what Markdown would do:

- raw HTML (tags, comments; anything Markdown passes through untouched) is
  rejected; entities such as ``&mdash;`` are text and allowed;
- link URLs may be http(s), mailto or relative, judged after decoding entities and
  dropping the control characters browsers ignore (``&#106;avascript:``); an image
  must be a file of the site, by a relative path: the site asks no other host;
- attribute lists (``{ ... }``) may set only harmless attributes (id, class, lang,
  dir, title), never a class the theme's script acts on; ``{ onclick=... }`` or
  ``{ style=... }`` is rejected. The passes add
  their own attribute lists after this check, so it never sees them.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from ..annotate.blocks import prose_lines
from ..markup import SPEECH_BODY_CLASS
from ..problems import Problem
from .archive_files import LOOP, resolved

# The extensions of mkdocs.yml, as there (tests/test_bad_inputs.py keeps them in step):
# what counts as HTML, a link or an attribute depends on them.
SITE_EXTENSIONS = (
    "speech_archive.extensions.abbr_tooltips",
    "speech_archive.extensions.list_numbers",
    "admonition",
    "attr_list",
    "footnotes",
    "md_in_html",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
)
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# What Markdown and its extensions put on elements, plus what an author may add with
# an attribute list for language and styling hooks. Nothing that runs or restyles.
ALLOWED_ATTRIBUTES = frozenset(
    {"id", "class", "href", "src", "alt", "title", "lang", "dir", "open"}
)
URL_ATTRIBUTES = frozenset({"href", "src"})
# list_numbers gives an ordered list the speaker's first number: <ol start="2">.
_LIST_START = re.compile(r"^[0-9]+$")
# The theme's own elements have ids starting with '__' (e.g. '__config', read as JSON
# by Material's script): an element of the speech with such an id would replace them.
RESERVED_ID = re.compile(r"^__")
# Material's script acts on elements by these classes (md-ellipsis: its text re-read as
# HTML; mermaid: a diagram library fetched from another host): a speech may not claim them.
RESERVED_CLASS = re.compile(r"^(?:md-|mermaid$)")
# Browsers drop these anywhere in a URL, so 'java\tscript:' is 'javascript:'.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_ENTITY = re.compile(r"^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
# Code blocks rendered by superfences reach the stash as HTML made only of these.
_CODE_BLOCK_TAGS = frozenset({"div", "pre", "span", "code"})
# Every tag Markdown and SITE_EXTENSIONS produce; anything else on the page came from raw HTML.
MARKDOWN_TAGS = frozenset(
    "p br hr h1 h2 h3 h4 h5 h6 em strong a img code pre span div ul ol li blockquote sup abbr "
    "details summary".split()
)
# How pages/speech.py places the body on the page (the check renders it the same way).
PAGE_WRAPPER = (f'<div class="{SPEECH_BODY_CLASS}" markdown>', "</div>")
# What Markdown needs in the text to emit a tag, a URL or an attribute of its own
# choosing: '<' (HTML, comments, autolinks, md_in_html), '{' (attribute lists), ']'
# then '(' or '[' within a paragraph (links, images), '[label]:' (reference
# definitions; a footnote's '[^label]:' is not one: footnotes link only to their own
# anchors), or a heading (its id comes from its words). A body with none of these
# renders to paragraphs, emphasis, lists, quotes, footnotes and code only.
# Each pattern runs only when the character it needs is in the body at all.
_LINK_MARKUP = re.compile(r"\][ \t]*\n?[ \t]*[(\[]|\[(?!\^)[^\[\]]*\]:")
# A setext heading's underline, also in a quote or indented in a list item or a footnote.
_SETEXT_UNDERLINE = re.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$", re.MULTILINE)


class _KeepTree(Treeprocessor):
    """Keeps the finished element tree (after every other tree processor) for inspection."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.root: Element | None = None

    def run(self, root: Element) -> None:
        self.root = root


class _ElementCollector(HTMLParser):
    """The tags and attributes of an HTML fragment, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.other = False  # comments, declarations, processing instructions

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, attrs))

    def handle_comment(self, data: str) -> None:
        self.other = True

    def handle_decl(self, decl: str) -> None:
        self.other = True

    def handle_pi(self, data: str) -> None:
        self.other = True

    def unknown_decl(self, data: str) -> None:
        self.other = True


def _is_rendered_code(fragment: str) -> bool:
    """True for the HTML of a code block: only div/pre/span/code tags carrying classes."""
    collector = _ElementCollector()
    collector.feed(fragment)
    collector.close()
    return not collector.other and all(
        tag in _CODE_BLOCK_TAGS and all(name == "class" for name, _ in attrs)
        for tag, attrs in collector.tags
    )


def _line_of(lines: list[str], needle: str, body_line: int) -> int:
    """The file line of the first body line outside fenced code containing ``needle``, any case."""
    needle = needle.strip().split("\n")[0].strip().lower()
    for offset, line in prose_lines(lines):
        if needle and needle in line.lower():
            return body_line + offset
    return body_line


def is_site_file(url: str) -> bool:
    """Whether an image URL names a file of the site by a relative path, as a browser reads it.

    No scheme (``https:``, ``data:``), no host (``//host/``, and ``\\host``, which browsers
    read as ``//host``), no path from the root (``/x``: on file:// that leaves the site).
    """
    decoded = _IGNORED_IN_URL.sub("", html.unescape(url.replace(AMP_SUBSTITUTE, "&")))
    return url_scheme(url) is None and not decoded.startswith(("/", "\\"))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in an attribute value, lower-cased; None when relative."""
    decoded = _IGNORED_IN_URL.sub("", html.unescape(url.replace(AMP_SUBSTITUTE, "&")))
    match = _SCHEME.match(decoded)
    return match.group(1).lower() if match else None


def _render(text: str, extensions: tuple[str, ...]) -> tuple[markdown.Markdown, Element, str]:
    md = markdown.Markdown(extensions=list(extensions))
    keeper = _KeepTree(md)
    # Lowest priority: after the inline patterns, footnotes, abbreviations and toc.
    md.treeprocessors.register(keeper, "speech_archive_keep_tree", -100)
    output = md.convert(text)
    assert keeper.root is not None
    return md, keeper.root, output


def raw_html_problems(
    md: markdown.Markdown, lines: list[str], shown_as: str, body_line: int
) -> list[Problem]:
    problems = []
    for stored in md.htmlStash.rawHtmlBlocks:
        text = stored.strip() if isinstance(stored, str) else ""
        if not text or _ENTITY.match(text):
            continue  # entities are text ('&mdash;'); fenced code may leave an empty placeholder
        # Code blocks (HTML made by superfences) are not in the source as written.
        if _is_rendered_code(text) and not any(text.split("\n")[0] in line for line in lines):
            continue
        shown = text if len(text) <= 60 else text[:57] + "..."
        problems.append(
            Problem(
                shown_as,
                _line_of(lines, text, body_line),
                "body",
                f"contains raw HTML {shown!r} (expected Markdown only: write the text, "
                "or put HTML meant as an example in `code`)",
            )
        )
    return problems


def _attribute_problem(
    tag: str, name: str, value: str, lines: list[str], shown_as: str, body_line: int
) -> Problem | None:
    lowered = name.lower()
    if lowered == "start" and tag == "ol" and _LIST_START.match(value):
        return None
    if lowered not in ALLOWED_ATTRIBUTES:
        return Problem(
            shown_as,
            _line_of(lines, f"{name}=", body_line),
            "body",
            f"sets the attribute {name}={value!r} (expected only "
            f"{', '.join(sorted(ALLOWED_ATTRIBUTES - URL_ATTRIBUTES - {'open'}))} in an attribute list)",
        )
    if lowered == "src" and not is_site_file(value):
        return Problem(
            shown_as,
            _line_of(lines, value, body_line),
            "body",
            f"has an image from {value!r} (expected a file of the site, by a relative path "
            "such as 'images/map.png': the site makes no request to another host)",
        )
    if lowered in URL_ATTRIBUTES and url_scheme(value) not in ALLOWED_SCHEMES | {None}:
        return Problem(
            shown_as,
            _line_of(lines, value, body_line),
            "body",
            f"has a link to {value!r} (expected an http:, https:, mailto: or relative URL)",
        )
    if lowered == "class" and any(RESERVED_CLASS.match(name) for name in value.split()):
        return Problem(
            shown_as,
            _line_of(lines, value, body_line),
            "body",
            f"uses the class {value!r} (classes starting with 'md-', and 'mermaid', "
            "belong to the theme; expected another class)",
        )
    if lowered == "id" and RESERVED_ID.match(value):
        return Problem(
            shown_as,
            _line_of(lines, value, body_line),
            "body",
            f"uses the id {value!r} (ids starting with '__' belong to the theme; expected another id)",
        )
    return None


def attribute_problems(
    root: Element, lines: list[str], shown_as: str, body_line: int
) -> list[Problem]:
    found = (
        _attribute_problem(element.tag, name, value, lines, shown_as, body_line)
        for element in root.iter()
        for name, value in element.attrib.items()
    )
    return [problem for problem in found if problem]


def page_html_problems(
    output: str, lines: list[str], shown_as: str, body_line: int
) -> list[Problem]:
    """What a browser would find in the body's HTML as placed on the page: only Markdown's own tags."""
    collector = _ElementCollector()
    collector.feed(output)
    collector.close()
    problems = []
    if collector.other:
        problems.append(
            Problem(
                shown_as,
                _line_of(lines, "<!", body_line),
                "body",
                "would put an HTML comment or declaration on the page (expected Markdown only)",
            )
        )
    for tag, attrs in collector.tags:
        if tag not in MARKDOWN_TAGS:
            problems.append(
                Problem(
                    shown_as,
                    _line_of(lines, f"<{tag}", body_line),
                    "body",
                    f"would put the HTML tag <{tag}> on the page (expected Markdown only; "
                    "a backslash does not escape '<' in a speech: write &lt; for a literal '<')",
                )
            )
        for name, value in attrs:
            problem = _attribute_problem(tag, name, value or "", lines, shown_as, body_line)
            if problem:
                problems.append(problem)
    return problems


def may_hold_markup(body: str) -> bool:
    """False when nothing in ``body`` can make Markdown emit a tag, URL or attribute to check."""
    # '#' is rare in prose, and a heading gets an id wherever it stands: in a list, a
    # quote or a footnote as well as at the start of a line.
    if "<" in body or "{" in body or "#" in body:
        return True
    if "]" in body and _LINK_MARKUP.search(body):
        return True
    return ("=" in body or "-" in body) and _SETEXT_UNDERLINE.search(body) is not None


def check_speech_body(body: str, shown_as: str, body_line: int) -> list[Problem]:
    """Every way the body would put markup, scripts or unsafe links into the page, by line."""
    if not may_hold_markup(body):
        # Most speeches are plain prose: skip the two Markdown renders below, which would
        # otherwise be most of the time a large archive takes to load.
        return []
    return list(_remembered_check(body, shown_as, body_line))


# A pure function of its arguments, remembered: each build validates the archive before
# MkDocs empties site/ (hooks/build_safety.py) and then loads it again to build.
@lru_cache(maxsize=256)
def _remembered_check(body: str, shown_as: str, body_line: int) -> tuple[Problem, ...]:
    return tuple(check_rendered_body(body, shown_as, body_line))


def check_rendered_body(body: str, shown_as: str, body_line: int) -> list[Problem]:
    """``check_speech_body`` without the shortcut: ask Python-Markdown in every case."""
    if not body.strip():
        return []  # Markdown renders nothing (and runs no tree processor) for a blank body
    lines = body.split("\n")
    # First as Markdown alone, where raw HTML is kept apart and can be named exactly...
    md, root, _ = _render(body, tuple(e for e in SITE_EXTENSIONS if e != "md_in_html"))
    problems = raw_html_problems(md, lines, shown_as, body_line)
    problems += attribute_problems(root, lines, shown_as, body_line)
    if problems:
        return problems
    # ...then as placed on the page, inside an HTML block where md_in_html reads the
    # text as HTML first: what reaches the browser must be Markdown's own markup.
    _, _, output = _render(f"{PAGE_WRAPPER[0]}\n\n{body}\n\n{PAGE_WRAPPER[1]}\n", SITE_EXTENSIONS)
    return page_html_problems(output, lines, shown_as, body_line)


def paths_leaving_root(root: Path, folder: Path, shown_as: str) -> list[Problem]:
    """Symbolic links in ``folder`` (or the folder itself) that lead outside ``root``.

    Run before anything is read: a link to a file outside the checkout would put its
    contents into error messages and the published site.
    """
    top = root.resolve()
    problems = []
    for path in [folder, *sorted(folder.iterdir())]:
        if not path.is_symlink():
            continue
        shown = shown_as if path == folder else f"{shown_as}/{path.name}"
        target = resolved(path)
        if target is None:
            problems.append(Problem(shown, 0, "-", LOOP))
        elif target != top and top not in target.parents:
            problems.append(
                Problem(
                    shown,
                    0,
                    "-",
                    "is a symbolic link to a place outside the archive "
                    "(expected a regular file or folder inside it)",
                )
            )
    return problems
