"""Index grouping and rendering as plain functions: synthetic speeches, no MkDocs."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from speech_archive.model import AnnotatedSpeech, Archive, Speech, Theme
from speech_archive.pages.catalogue import render_catalogue
from speech_archive.pages.chronology import group_by_year
from speech_archive.pages.feed import render_atom_feed
from speech_archive.pages.home import HOME_MARKER, fill_home_page
from speech_archive.pages.neighbours import find_neighbours, render_speech_footer
from speech_archive.pages.redirects import render_redirect, render_redirects
from speech_archive.pages.themes import group_by_theme, render_theme_page, sayings_by_theme
from speech_archive.pages.venues import group_by_venue
from speech_archive.text import count_words
from speech_archive.urls import OLD_SAYINGS_INDEX, SAYINGS_INDEX, link_from

ATOM = "{http://www.w3.org/2005/Atom}"


def make_speech(
    day: str,
    name: str,
    themes: tuple[str, ...] = ("a",),
    venue: str = "Paris, France",
    title: str | None = None,
    body: str = "Words of the speech.",
) -> Speech:
    slug = f"{day}-{name}"
    return Speech(
        slug=slug,
        path=f"speeches/{slug}.md",
        title=title or name.title(),
        date=dt.date.fromisoformat(day),
        speaker="A Speaker",
        venue=venue,
        themes=themes,
        body=body,
        body_line=8,
    )


def make_archive(*speeches: Speech, themes: str = "abcd") -> Archive:
    return Archive(
        speeches=tuple(sorted(speeches, key=lambda s: (s.date, s.slug))),
        themes={slug: Theme(slug, f"Theme {slug.upper()}", f"About {slug}.") for slug in themes},
    )


def related_slugs(archive: Archive, slug: str) -> list[str]:
    return [s.slug.split("-", 3)[3] for s in find_neighbours(archive)[slug].related]


def test_related_ranks_shared_themes_before_date_distance():
    archive = make_archive(
        make_speech("2000-01-01", "target", ("a", "b", "c")),
        make_speech("2000-01-02", "near-one-shared", ("a",)),
        make_speech("1990-01-01", "far-three-shared", ("a", "b", "c")),
        make_speech("2010-01-01", "far-two-shared", ("b", "c", "d")),
        make_speech("2000-01-03", "no-shared", ("d",)),
    )
    assert related_slugs(archive, "2000-01-01-target") == [
        "far-three-shared",
        "far-two-shared",
        "near-one-shared",
    ]


def test_related_breaks_ties_by_nearest_date_and_keeps_five():
    others = [make_speech(f"2000-01-{day:02d}", f"s{day}", ("a",)) for day in range(1, 10)]
    archive = make_archive(make_speech("2000-01-05", "target", ("a",)), *others)
    # s5 shares the day; s4 and s6 are a day away, s6 first as nearer in archive order (s5 sits
    # between s4 and the target, which sort by date then slug); then s7 before s3 likewise.
    assert related_slugs(archive, "2000-01-05-target") == ["s5", "s6", "s4", "s7", "s3"]


def test_related_never_lists_the_speech_itself_or_unrelated_ones():
    archive = make_archive(
        make_speech("2000-01-01", "alone", ("a",)), make_speech("2000-01-02", "other", ("b",))
    )
    neighbours = find_neighbours(archive)
    assert neighbours["2000-01-01-alone"].related == ()
    assert neighbours["2000-01-01-alone"].next.slug == "2000-01-02-other"
    assert neighbours["2000-01-01-alone"].previous is None


def test_footer_links_previous_next_and_related_relative_to_the_speech_page():
    first, second, third = (make_speech(f"2000-01-0{d}", f"s{d}", ("a",)) for d in (1, 2, 3))
    archive = make_archive(first, second, third)
    footer = render_speech_footer(second, find_neighbours(archive)[second.slug], archive)
    assert "**Previous:** [S1](2000-01-01-s1.md)" in footer
    assert "**Next:** [S3](2000-01-03-s3.md)" in footer
    assert "## Related speeches" in footer and "[Theme A](../themes/a.md)" in footer


def test_group_by_theme_keeps_unused_themes():
    archive = make_archive(make_speech("2000-01-01", "x", ("a", "b")))
    groups = group_by_theme(archive)
    assert {slug: len(speeches) for slug, speeches in groups.items()} == {
        "a": 1,
        "b": 1,
        "c": 0,
        "d": 0,
    }


def test_group_by_year_newest_year_first():
    speeches = [
        make_speech("1863-11-19", "a"),
        make_speech("2014-05-21", "b"),
        make_speech("2014-01-01", "c"),
    ]
    assert list(group_by_year(speeches)) == [2014, 1863]


@pytest.mark.parametrize(
    "venues, expected",
    [
        (["Shanghai, China", "Beijing, China"], {"China": ["Beijing, China", "Shanghai, China"]}),
        (["Rome"], {"Rome": ["Rome"]}),  # no comma: the venue is its own country
        (
            ["Shanghai,  China", "Shanghai, China"],
            {"China": ["Shanghai, China"]},
        ),  # spacing is not a new venue
        (
            ["Gettysburg, Pennsylvania, United States"],
            {"United States": ["Gettysburg, Pennsylvania, United States"]},
        ),
    ],
)
def test_group_by_venue(venues, expected):
    speeches = [
        make_speech(f"2000-01-0{i + 1}", f"s{i}", venue=venue) for i, venue in enumerate(venues)
    ]
    grouped = group_by_venue(speeches)
    assert {country: list(by_venue) for country, by_venue in grouped.items()} == expected


def saying(saying_id: str, text: str, paragraph: int) -> dict:
    return {
        "id": saying_id,
        "text": text,
        "origin": "Chinese saying",
        "paragraph": paragraph,
        "catalogued": True,
    }


def test_theme_page_lists_sayings_with_links_to_sayings_index_and_paragraphs():
    speech = make_speech("2000-01-01", "x", ("a",))
    archive = make_archive(speech)
    annotated = [
        AnnotatedSpeech(
            speech, "", {"sayings": [saying("far-water", "Distant water won't quench", 3)]}
        )
    ]
    page = render_theme_page(archive, "a", [speech], sayings_by_theme(annotated)["a"])
    assert "## Sayings" in page
    assert "(../sayings/index.md#far-water)" in page
    assert "(../speeches/2000-01-01-x.md#p3)" in page


def test_theme_page_without_sayings_has_no_sayings_section():
    speech = make_speech("2000-01-01", "x", ("a",))
    page = render_theme_page(make_archive(speech), "a", [speech], {})
    assert "Sayings" not in page


def test_catalogue_reads_findings_and_defaults_when_passes_found_nothing():
    first, second = make_speech("2001-01-01", "b"), make_speech("2000-01-01", "a")
    annotated = [
        AnnotatedSpeech(first, "", {"sayings": [saying("s", "A saying", 2)], "terms": ["CICA"]}),
        AnnotatedSpeech(second, "", {}),
    ]
    records = json.loads(render_catalogue(annotated))
    assert [r["slug"] for r in records] == [
        "2000-01-01-a",
        "2001-01-01-b",
    ]  # date order, whatever the input order
    assert records[0]["proverbs"] == [] and records[0]["terms"] == []
    assert records[1]["proverbs"] == [
        {"id": "s", "text": "A saying", "origin": "Chinese saying", "paragraph": 2}
    ]
    assert records[1]["url"] == "speeches/2001-01-01-b.html"


def test_catalogue_has_one_speech_per_line_so_diffs_show_which_changed():
    speeches = [make_speech("2000-01-01", "a"), make_speech("2001-01-01", "b")]
    text = render_catalogue([AnnotatedSpeech(speech, "", {}) for speech in speeches])
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and text.endswith("\n")
    assert [json.loads(line.rstrip(","))["slug"] for line in lines[1:-1]] == [
        "2000-01-01-a",
        "2001-01-01-b",
    ]
    assert json.loads(render_catalogue([])) == []


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Four score and seven years ago", 6),
        ("we can not dedicate — we can not consecrate", 8),  # a dash alone is not a word
        ("**Friends**, *hear* me", 3),
        ("battle-field of that war.", 4),
        ("", 0),
    ],
)
def test_count_words(body, expected):
    assert count_words(body) == expected


def test_feed_keeps_twenty_newest_and_escapes_titles():
    speeches = [
        make_speech(f"2000-01-{day:02d}", f"s{day}", title=f"Day {day} <b>&</b>")
        for day in range(1, 26)
    ]
    feed = ET.fromstring(
        render_atom_feed(make_archive(*speeches), "Archive & Co", "https://example.org/a/")
    )
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries][:2] == [
        "Day 25 <b>&</b>",
        "Day 24 <b>&</b>",
    ]
    assert len(entries) == 20
    assert feed.findtext(f"{ATOM}title") == "Archive & Co"
    assert feed.findtext(f"{ATOM}updated") == "2000-01-25T00:00:00Z"
    assert (
        entries[0].find(f"{ATOM}link").get("href")
        == "https://example.org/a/speeches/2000-01-25-s25.html"
    )


def test_feed_of_an_empty_archive_is_still_valid_and_fixed():
    text = render_atom_feed(make_archive(), "Archive")
    feed = ET.fromstring(text)
    assert feed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert feed.findall(f"{ATOM}entry") == []
    assert text == render_atom_feed(make_archive(), "Archive")


def test_home_marker_is_replaced_once_and_pages_without_it_are_left_alone():
    page = f"# Home\n\n{HOME_MARKER}\n\nMore.\n"
    assert fill_home_page(page, "FIGURES") == "# Home\n\nFIGURES\n\nMore.\n"
    assert fill_home_page("# Home\n", "FIGURES") == "# Home\n"


def brute_force_related(archive: Archive, speech: Speech, limit: int = 5) -> list[str]:
    """The definition, all pairs: most shared themes, then nearest date, then nearest in archive order."""
    order = {s.slug: i for i, s in enumerate(archive.speeches)}
    scored = [
        (
            -len(set(speech.themes) & set(other.themes)),
            abs((other.date - speech.date).days),
            abs(order[other.slug] - order[speech.slug]),
            order[other.slug],
            other.slug,
        )
        for other in archive.speeches
        if other is not speech and set(speech.themes) & set(other.themes)
    ]
    return [entry[-1] for entry in sorted(scored)[:limit]]


@pytest.mark.parametrize("seed", range(8))
def test_related_matches_the_all_pairs_definition_on_random_archives(seed):
    import random

    rnd = random.Random(seed)
    themes = "abcdefghijkl"
    speeches = [
        make_speech(
            f"{rnd.randint(1990, 1995)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
            f"s{i}",
            # mostly one to four themes, sometimes more than WIDE (compared directly)
            tuple(rnd.sample(themes, rnd.choice([1, 2, 2, 3, 4, 10]))),
        )
        for i in range(120)
    ]
    archive = make_archive(*speeches, themes=themes)
    neighbours = find_neighbours(archive)
    for speech in archive.speeches:
        assert [s.slug for s in neighbours[speech.slug].related] == brute_force_related(
            archive, speech
        )


@pytest.mark.parametrize(
    "page, target, expected",
    [
        ("themes/index.md", "themes/liberty.md", "liberty.md"),
        ("themes/liberty.md", "speeches/x.md", "../speeches/x.md"),
        ("index.md", "speeches/index.md", "speeches/index.md"),
        ("speeches/x.md", "index.md", "../index.md"),
        ("a/b/c.md", "a/d/e.md", "../d/e.md"),
        ("years/2014.md", "years/1588.md", "1588.md"),
    ],
)
def test_link_from_gives_relative_links(page, target, expected):
    assert link_from(page, target) == expected


def test_redirect_pages_send_relative_links_and_name_the_canonical_address():
    page = render_redirect("old/place/page.html", "new/page.md")
    assert '<meta http-equiv="refresh" content="0; url=../../new/page.html">' in page
    assert '<link rel="canonical" href="../../new/page.html">' in page
    assert '<script>location.replace("../../new/page.html" + location.hash)</script>' in page
    # Known site URL: the canonical address is absolute, the others stay relative (file://).
    published = render_redirect("old/place/page.html", "new/page.md", "https://example.org/archive")
    assert '<link rel="canonical" href="https://example.org/archive/new/page.html">' in published
    assert 'url=../../new/page.html">' in published


def test_the_sayings_index_old_address_redirects_to_it():
    assert render_redirects() == {
        OLD_SAYINGS_INDEX: render_redirect(OLD_SAYINGS_INDEX, SAYINGS_INDEX)
    }
    assert 'url=../sayings/index.html">' in render_redirects()[OLD_SAYINGS_INDEX]
