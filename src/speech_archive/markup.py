"""The markup contract: class names, anchors and labels the site's parts agree on.

The annotation passes and page renderers write these into the Markdown; the Markdown
extensions (search_exclusions) and the stylesheet (src/speech_archive/assets/stylesheets/archive.css)
find elements by them; the tests read built pages with them. A name changed here must
change in the stylesheet too: tests/test_markup.py checks that every name in
STYLED_CLASSES is styled there, and that the stylesheet styles no other name of ours.
"""

from __future__ import annotations

# --- speech pages --------------------------------------------------------------------------

SPEECH_META_CLASS = "speech-meta"  # the facts above the text: date, speaker, venue, themes
SPEECH_BODY_CLASS = "speech-body"  # the speech's own words, as annotated (and nothing else)
SPEECH_RIGHTS_CLASS = "speech-rights"  # the source's rights notice below the text
# The element holding the citation's facts (pages/citation.py), read by reader.js.
CITATION_DATA_ID = "speech-citation"

# --- reading and citing (assets/javascripts/reader.js builds these; it spells them too) -----

# What is on a speech page but not the speech's words: copying a selection leaves it out
# (reader.js's copy handler, with paragraph numbers, footnote marks, admonitions and saying
# notes (asides)). Any part of the site may add it to what it generates.
NOT_QUOTED_CLASS = "not-quoted"
CITE_CLASS = "speech-cite"  # the "Cite" control after the metadata block
CITE_MENU_CLASS = "cite-menu"  # the menu of a paragraph number or of the Cite control

# Paragraph numbers: each paragraph of a speech starts with a link to itself, #p<number>.
PARAGRAPH_NUMBER_CLASS = "para-number"


def paragraph_anchor(number: int) -> str:
    """The id of a speech's paragraph ``number`` (citable: speeches/<slug>.html#p3)."""
    return f"p{number}"


def paragraph_title(number: int) -> str:
    """The paragraph number's tooltip."""
    return f"Paragraph {number}"


def paragraph_label(number: int) -> str:
    """How index pages name a paragraph they link to."""
    return f"para. {number}"


# Sayings: the words highlighted where they stand, and a note beside their paragraph with
# what the text does not say (origin, original, source, meaning, other speeches quoting it).
SAYING_CLASS = "saying"  # the link around a saying's words
SAYING_NOTE_CLASS = "saying-note"  # the <aside> after the paragraph: a margin note when wide
SAYING_ORIGINAL_CLASS = "saying-original"  # the original wording, with its own lang
SAYING_NOTE_SUMMARY = "About this saying"  # what a phone shows of a collapsed note

# Glossary notes are footnotes labelled glossary-<term slug> (-2, -3... when taken).
GLOSSARY_NOTE_PREFIX = "glossary-"

# The foot of a speech page: previous/next speech, and related speeches.
NEIGHBOURS_CLASS = "speech-neighbours"
RELATED_CLASS = "related-speeches"

# --- index pages ---------------------------------------------------------------------------

ARCHIVE_FIGURES_CLASS = "archive-figures"  # the home page's line of figures
THEME_TAG_CLASS = "theme-tag"  # a theme's link in a list of speeches, shown as a small tag
# Where a generated page sits (Speeches › 2014): written by templates/main.html, which
# cannot import this module: keep the two spellings together.
BREADCRUMBS_CLASS = "sa-breadcrumbs"


def year_anchor(year: int) -> str:
    """A year's heading on the speeches index (documented: speeches/index.html#year-2014)."""
    return f"year-{year}"


ORIGIN_ANCHOR_PREFIX = "origin-"  # an origin's heading on the sayings index; never a saying id
LETTER_ANCHOR_PREFIX = "letter-"  # a letter's heading on the glossary; never a term's slug
COUNTRY_ANCHOR_PREFIX = "country-"  # a country's heading on the venues index
VENUE_ANCHOR_PREFIX = "venue-"  # a venue's heading there

# --- search --------------------------------------------------------------------------------

# Material's search plugin leaves out an element with this attribute (and drops a section
# whose heading has it); extensions/search_exclusions.py sets it on what EXCLUDED_CLASSES
# mark and on glossary notes and footnote marks.
SEARCH_EXCLUDE_ATTRIBUTE = "data-search-exclude"
SEARCH_EXCLUDED_CLASSES = frozenset(
    {PARAGRAPH_NUMBER_CLASS, NEIGHBOURS_CLASS, RELATED_CLASS, SAYING_NOTE_CLASS}
)

# --- the stylesheet ------------------------------------------------------------------------

# The names above that src/speech_archive/assets/stylesheets/archive.css styles.
STYLED_CLASSES = frozenset(
    {
        PARAGRAPH_NUMBER_CLASS,
        SPEECH_META_CLASS,
        SPEECH_BODY_CLASS,  # its grid puts saying notes beside the text on wide screens
        SPEECH_RIGHTS_CLASS,
        SAYING_CLASS,
        SAYING_NOTE_CLASS,
        SAYING_ORIGINAL_CLASS,
        NOT_QUOTED_CLASS,
        CITE_CLASS,
        CITE_MENU_CLASS,
        THEME_TAG_CLASS,
        BREADCRUMBS_CLASS,
    }
)
