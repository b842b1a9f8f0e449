"""site/feed.xml: an Atom feed (RFC 4287) of the most recent speeches, by speech date.

Built with ElementTree, which escapes every value. Nothing depends on the clock:
the feed's <updated> is the newest speech's date, so rebuilding gives the same bytes.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from ..characters import xml_safe
from ..model import Archive, Speech
from ..urls import FEED, HOME_PAGE, speech_url, url_of
from .listing import newest_first

FEED_LIMIT = 20
ATOM = "http://www.w3.org/2005/Atom"
EMPTY_ARCHIVE_UPDATED = "1970-01-01T00:00:00Z"  # a fixed value: an empty feed still needs <updated>


def atom_date(speech: Speech) -> str:
    return f"{speech.date.isoformat()}T00:00:00Z"


def render_atom_feed(
    archive: Archive, site_name: str, site_url: str | None = None, limit: int = FEED_LIMIT
) -> str:
    """The feed's XML; links are absolute under ``site_url`` when set, relative to feed.xml
    otherwise; ids are the same either way."""
    base = site_url.rstrip("/") + "/" if site_url else None

    def link(path: str) -> str:
        return urljoin(base, path) if base else path

    def identity(path: str) -> str:
        # Atom ids must be absolute IRIs that never change: a name-based UUID of the page,
        # never its URL, so setting or moving site_url shows no old speech as new.
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'speech-archive:{site_name}:{path}')}"

    speeches = newest_first(archive.speeches)[:limit]
    feed = ET.Element(
        "feed", {"xmlns": ATOM}
    )  # the default namespace, without ET's global prefix registry
    ET.SubElement(feed, "title").text = site_name
    ET.SubElement(feed, "id").text = identity("")
    ET.SubElement(feed, "updated").text = (
        atom_date(speeches[0]) if speeches else EMPTY_ARCHIVE_UPDATED
    )
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": link(FEED)})
    ET.SubElement(
        feed, "link", {"rel": "alternate", "type": "text/html", "href": link(url_of(HOME_PAGE))}
    )
    ET.SubElement(feed, "generator").text = "speech-archive"
    for speech in speeches:
        feed.append(
            feed_entry(speech, archive, link(speech_url(speech)), identity(speech_url(speech)))
        )
    ET.indent(feed)
    _make_xml_safe(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_entry(speech: Speech, archive: Archive, href: str, entry_id: str) -> ET.Element:
    entry = ET.Element("entry")
    ET.SubElement(entry, "title").text = speech.title
    ET.SubElement(entry, "id").text = entry_id
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
    ET.SubElement(entry, "published").text = atom_date(speech)
    ET.SubElement(entry, "updated").text = atom_date(speech)
    ET.SubElement(ET.SubElement(entry, "author"), "name").text = speech.speaker
    for slug in speech.themes:
        ET.SubElement(entry, "category", {"term": slug, "label": archive.themes[slug].title})
    parts = (speech.venue, speech.occasion, speech.summary)
    ET.SubElement(entry, "summary").text = " — ".join(
        " ".join(part.split()) for part in parts if part
    )
    return entry


def _make_xml_safe(root: ET.Element) -> None:
    """ElementTree escapes markup but writes any character: one it cannot hold is replaced,
    so feed.xml always parses (site_name comes from mkdocs.yml, unchecked by the loader)."""
    for element in root.iter():
        element.text = xml_safe(element.text) if element.text else element.text
        element.tail = xml_safe(element.tail) if element.tail else element.tail
        for name, value in element.attrib.items():
            element.attrib[name] = xml_safe(value)
