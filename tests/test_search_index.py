"""Search index tuning: each speech's facts as a boosted field, on its page entry only."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import ROOT
from mkdocs.config import load_config

from speech_archive.model import Archive, Speech, Theme
from speech_archive.output.search_index import (
    FACETS_BOOST,
    FACETS_FIELD,
    add_facets_in_place,
    archive_facets,
    speech_facets,
)
from speech_archive.plugin import material_search_index

THEMES = {
    "water": Theme("water", "Water and rivers", "About water."),
    "trade": Theme("trade", "Trade", "About trade."),
}


def _speech(slug: str, occasion: str | None, themes: tuple[str, ...]) -> Speech:
    return Speech(
        slug=slug,
        path=f"speeches/{slug}.md",
        title="A title",
        date=dt.date(2001, 2, 3),
        speaker="Ana Pérez",
        venue="Geneva, Switzerland",
        themes=themes,
        body="Text.\n",
        body_line=8,
        occasion=occasion,
    )


@pytest.mark.parametrize(
    ("occasion", "themes", "expected"),
    [
        (
            "World Water Forum",
            ("water", "trade"),
            "Ana Pérez · Geneva, Switzerland · World Water Forum · Water and rivers · Trade",
        ),
        (None, ("trade",), "Ana Pérez · Geneva, Switzerland · Trade"),
    ],
    ids=["with occasion", "without occasion"],
)
def test_speech_facets_name_speaker_venue_occasion_and_theme_titles(occasion, themes, expected):
    archive = Archive(speeches=(), themes=THEMES)
    assert speech_facets(_speech("2001-02-03-x", occasion, themes), archive) == expected


def test_archive_facets_are_keyed_by_the_speech_page_source_path():
    speech = _speech("2001-02-03-x", None, ("water",))
    assert archive_facets(Archive(speeches=(speech,), themes=THEMES)) == {
        "speeches/2001-02-03-x.md": "Ana Pérez · Geneva, Switzerland · Water and rivers"
    }


MATERIAL_INDEX = {
    "config": {
        "lang": ["en"],
        "separator": "[\\s]+",
        "pipeline": ["stopWordFilter"],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
    },
    "docs": [
        {"location": "speeches/a.html", "title": "A", "text": "<p>words</p>"},
        {"location": "speeches/a.html#part-2", "title": "Part 2", "text": "<p>more</p>"},
        {"location": "themes/water.html", "title": "Water", "text": ""},
    ],
}


def test_add_facets_boosts_the_field_and_fills_only_the_page_entry():
    index = json.loads(json.dumps(MATERIAL_INDEX))  # a copy, as Material holds it
    add_facets_in_place(
        index["docs"], index["config"]["fields"], {"speeches/a.html": "Ana · Geneva"}
    )
    assert index["config"]["fields"][FACETS_FIELD] == {"boost": FACETS_BOOST}
    assert 1.0 < FACETS_BOOST < index["config"]["fields"]["title"]["boost"]
    assert index["docs"][0] == {**MATERIAL_INDEX["docs"][0], FACETS_FIELD: "Ana · Geneva"}
    assert index["docs"][1:] == MATERIAL_INDEX["docs"][1:]  # sections and other pages untouched


def test_built_index_carries_facets_in_the_json_and_in_the_offline_script(built_site):
    text = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(text)
    seed = next(doc for doc in index["docs"] if doc["location"].startswith("speeches/2014-05-21-"))
    assert "Shanghai, China" in seed[FACETS_FIELD] and "Xi Jinping" in seed[FACETS_FIELD]
    # The offline plugin inlines the index after the tuning, so file:// readers get it too.
    script = (built_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script == f"var __index = {text}"


def test_the_plugin_finds_the_index_material_is_building():
    # This fails first if a Material release moves its entries (the build then stops).
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins["material/search"].on_config(config)
    index = material_search_index(config)
    assert index is not None and index.entries == [] and "title" in index.config["fields"]
