"""Keep what the archive repeats on every speech page out of Material's search index.

A speech page carries, besides the speech, things written for reading, not finding:
paragraph numbers and footnote marks (numbers glued to the words in search previews),
glossary notes (each term's definition, the same on hundreds of pages: the glossary
page is where a search should find it), previous/next links and related speeches.
Indexed, they made up an eighth of the search index, which the reader's browser
downloads and indexes on every visit, and they flooded results: words of a definition
matched every speech that mentions the term. Saying notes are left out too: they are not
the speech's words, and a search preview would glue a meaning to the paragraph before it;
a saying's original is found on the speeches quoting it through their facets
(output/search_index.py).

Material's search plugin skips an element marked ``data-search-exclude`` (and drops
a section whose heading is marked); this Markdown extension marks these elements in
the tree, after footnotes and attr_list have built them. The attribute has a value
because Material strips ``data-search-*="..."`` attributes from the page once indexed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..markup import GLOSSARY_NOTE_PREFIX, SEARCH_EXCLUDE_ATTRIBUTE, SEARCH_EXCLUDED_CLASSES

# Python-Markdown's footnotes give each note the id "fn:<label>"; glossary notes are labelled
# "glossary-<term>" (a speech's own note with such a label is left out of search too).
# A note's marks in the text are <sup id="fnref:<label>"> ("fnref2:" for a second mark).
GLOSSARY_NOTE_ID = f"fn:{GLOSSARY_NOTE_PREFIX}"
FOOTNOTE_MARK_ID = re.compile(r"^fnref\d*:")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class SearchExclusionsTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if _is_excluded(element):
                _exclude(element)


def _is_excluded(element: etree.Element) -> bool:
    if SEARCH_EXCLUDED_CLASSES.intersection(element.get("class", "").split()):
        return True
    if element.tag == "li":
        return element.get("id", "").startswith(GLOSSARY_NOTE_ID)
    return element.tag == "sup" and FOOTNOTE_MARK_ID.match(element.get("id", "")) is not None


def _exclude(element: etree.Element) -> None:
    element.set(SEARCH_EXCLUDE_ATTRIBUTE, "true")
    # Material starts a search section at every heading, even inside a skipped element;
    # only a marked heading drops its section.
    for heading in element.iter():
        if heading.tag in HEADINGS:
            heading.set(SEARCH_EXCLUDE_ATTRIBUTE, "true")


class SearchExclusionsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After footnotes (50) build the notes and attr_list (8) sets classes, before toc (5).
        md.treeprocessors.register(SearchExclusionsTreeprocessor(md), "search_exclusions", 6)


def makeExtension(**kwargs: Any) -> SearchExclusionsExtension:
    return SearchExclusionsExtension(**kwargs)
