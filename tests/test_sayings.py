"""Saying detection and saying notes on small inputs: by cue, by catalogue, by hand."""

from __future__ import annotations

import pytest

from speech_archive.annotate.blocks import ADDED, PARAGRAPH, Block
from speech_archive.annotate.saying_callouts import (
    fill_saying_notes,
    highlight_sayings,
    mark_sayings,
    note_lines,
)
from speech_archive.annotate.sayings import Corrections, FoundSaying, detect_sayings, saying_id
from speech_archive.model import Archive, CatalogueSaying

CATALOGUE = (
    CatalogueSaying(
        id="neighbours-wish-well",
        text="Neighbors wish each other well, just as family members do.",
        origin="Chinese saying",
        original="亲望亲好，邻望邻好",
    ),
    CatalogueSaying(
        id="journey",
        text="A journey of a thousand miles begins with a single step.",
        origin="Chinese saying",
        source="Laozi, Tao Te Ching",
    ),
)


NO_CORRECTIONS = Corrections()


def found(
    text: str, catalogue=(), corrections: Corrections = NO_CORRECTIONS
) -> list[tuple[str, str]]:
    return [(s.origin, s.text) for s in detect_sayings(text, catalogue, corrections)]


# (case, paragraph, expected (origin, saying text) pairs)
BY_CUE = [
    (
        "straight quotes, cue before",
        'As a Chinese saying goes, "A wise man changes his way as circumstances change."',
        [("Chinese saying", "A wise man changes his way as circumstances change.")],
    ),
    (
        "curly quotes, cue before",
        "As the proverb goes, “Strength comes from the unison of the heart.” We agree.",
        [("Proverb", "Strength comes from the unison of the heart.")],
    ),
    (
        "curly single quotes",
        "As the saying goes, ‘Many hands make light work.’",
        [("Saying", "Many hands make light work.")],
    ),
    (
        "cue with an adverb",
        'Otherwise, just as a Kazakh proverb aptly puts it, "One who blows out another\'s lamp gets singed."',
        [("Kazakh proverb", "One who blows out another's lamp gets singed.")],
    ),
    (
        "old adage with a colon",
        'An old adage tells us: "Haste makes waste."',
        [("Adage", "Haste makes waste.")],
    ),
    (
        "there is a saying",
        'There is a West African proverb: "If you want to go far, go together."',
        [("West African proverb", "If you want to go far, go together.")],
    ),
    (
        "cue after the quotation",
        '"Knowledge is power," as the saying goes.',
        [("Saying", "Knowledge is power")],
    ),
    (
        "inverted cue after",
        "“Haste makes waste,” says an old English proverb.",
        [("English proverb", "Haste makes waste")],
    ),
    (
        "saying split by the cue",
        '"A stitch in time," the saying goes, "saves nine."',
        [("Saying", "A stitch in time saves nine.")],
    ),
    (
        "split with curly quotes",
        "“Strength does not come from the arms,” the proverb goes, “but from the heart.”",
        [("Proverb", "Strength does not come from the arms but from the heart.")],
    ),
    (
        "a sage",
        'As Confucius said, "Is it not a pleasure to learn and practise what is learned?"',
        [("Confucius", "Is it not a pleasure to learn and practise what is learned?")],
    ),
    (
        "a classic",
        'The Book of Rites says: "When the Great Way prevails, the world is shared by all."',
        [("Book of Rites", "When the Great Way prevails, the world is shared by all.")],
    ),
    (
        "in the words of",
        'In the words of Mahatma Gandhi, "An eye for an eye makes the whole world blind."',
        [("Mahatma Gandhi", "An eye for an eye makes the whole world blind.")],
    ),
    (
        "a poem with a verb",
        'As an ancient Chinese poem says, "Distance cannot separate true friends."',
        [("Chinese poem", "Distance cannot separate true friends.")],
    ),
    ("as they say", '"Seeing is believing," as they say.', [("Saying", "Seeing is believing")]),
    (
        "two sayings, each with its cue",
        'As the saying goes, "Unity is strength." And as a Swahili proverb says, "Haraka haraka haina baraka."',
        [("Saying", "Unity is strength."), ("Swahili proverb", "Haraka haraka haina baraka.")],
    ),
]

NOT_SAYINGS = [
    (
        "a quoted theme",
        'Under the theme "Enhancing Dialogue, Trust and Coordination," we will meet.',
    ),
    ("a quoted report title", 'The report "Our Common Future" changed the debate.'),
    ("a quoted person", 'The minister said, "We will open the border next week."'),
    ("a titled person with as", 'As President Lee said yesterday, "Talks will resume in May."'),
    ("the speaker himself", 'As I said, "we must act now."'),
    ("a poem's title", 'Children recite the poem "The Road Not Taken" at school.'),
    (
        "cue belongs to the next sentence",
        '"We are ready." A Chinese proverb says that patience pays.',
    ),
    ("quote mark inside a code span", 'As the saying goes, `"not prose"` is code.'),
    (
        "quotation inside a link",
        'As the saying goes, [the "real" page](https://example.org/) says it.',
    ),
    ("scare quotes", 'So-called "absolute security" is an illusion.'),
]


@pytest.mark.parametrize("case,text,expected", BY_CUE, ids=[c[0] for c in BY_CUE])
def test_sayings_found_by_cue(case, text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("case,text", NOT_SAYINGS, ids=[c[0] for c in NOT_SAYINGS])
def test_quotations_that_are_not_sayings(case, text):
    assert found(text) == []


# (case, paragraph, expected catalogue ids)
BY_CATALOGUE = [
    (
        "uncued and quoted",
        '"Neighbors wish each other well, just as family members do." China agrees.',
        ["neighbours-wish-well"],
    ),
    (
        "uncued and unquoted",
        "We know that neighbors wish each other well, just as family members do.",
        ["neighbours-wish-well"],
    ),
    (
        "British spelling and other words",
        "Neighbours wish one another well, just as family members do.",
        ["neighbours-wish-well"],
    ),
    (
        "other punctuation and case",
        "NEIGHBORS wish each other well – just as family members do!",
        ["neighbours-wish-well"],
    ),
    (
        "a cued catalogued saying keeps the speech's origin",
        'As a Daoist maxim goes, "The journey of a thousand miles begins with one step."',
        ["journey"],
    ),
    (
        "shared words are not a quotation",
        "Our neighbors and family members do well, and we wish them well.",
        [],
    ),
    (
        "in a URL: not prose",
        "See https://example.org/neighbors-wish-each-other-well-just-as-family-members-do",
        [],
    ),
]


@pytest.mark.parametrize("case,text,expected", BY_CATALOGUE, ids=[c[0] for c in BY_CATALOGUE])
def test_sayings_found_by_catalogue(case, text, expected):
    assert [s.id for s in detect_sayings(text, CATALOGUE)] == expected


def test_catalogued_saying_takes_the_catalogue_origin_unless_the_cue_names_one():
    (uncued,) = detect_sayings(
        '"Neighbors wish each other well, just as family members do."', CATALOGUE
    )
    assert (uncued.origin, uncued.text, uncued.catalogued) == (
        "Chinese saying",
        "Neighbors wish each other well, just as family members do.",
        True,
    )
    (cued,) = detect_sayings(
        'As a Daoist maxim goes, "A journey of a thousand miles begins with a single step."',
        CATALOGUE,
    )
    assert (cued.origin, cued.id) == ("Daoist maxim", "journey")
    (generic,) = detect_sayings(
        'As the saying goes, "A journey of a thousand miles begins with a single step."', CATALOGUE
    )
    assert generic.origin == "Chinese saying"


# (case, paragraph, corrections, expected (origin, text))
CORRECTIONS = [
    (
        "ignore a false positive",
        'As the saying goes, "Time is money."',
        Corrections(ignore=("Time is money.",)),
        [],
    ),
    (
        "ignore ignores case and punctuation",
        '"Knowledge is power," as the saying goes.',
        Corrections(ignore=("knowledge is power",)),
        [],
    ),
    (
        "ignore a catalogued saying",
        "Neighbors wish each other well, just as family members do.",
        Corrections(ignore=("Neighbors wish each other well",)),
        [],
    ),
    (
        "add a missed saying",
        'He ended with "Better late than never" and sat down.',
        Corrections(add=({"text": "Better late than never", "origin": "English proverb"},)),
        [("English proverb", "Better late than never")],
    ),
    (
        "add without an origin",
        "Remember: better late than never.",
        Corrections(add=({"text": "better late than never"},)),
        [("Saying", "better late than never")],
    ),
    (
        "add replaces a detection's origin",
        'As the saying goes, "Unity is strength."',
        Corrections(add=({"text": "Unity is strength.", "origin": "Motto"},)),
        [("Motto", "Unity is strength.")],
    ),
    (
        "add is verbatim: other case is not it",
        "Better late than never.",
        Corrections(add=({"text": "better LATE than never"},)),
        [],
    ),
]


@pytest.mark.parametrize(
    "case,text,corrections,expected", CORRECTIONS, ids=[c[0] for c in CORRECTIONS]
)
def test_front_matter_corrections(case, text, corrections, expected):
    assert found(text, CATALOGUE, corrections) == expected


def test_added_catalogued_saying_gets_the_catalogue_id():
    text = "Neighbors wish each other well, just as family members do, so we said."
    corrections = Corrections(
        add=({"text": "Neighbors wish each other well, just as family members do"},)
    )
    (saying,) = detect_sayings(text, CATALOGUE, corrections)
    assert (saying.id, saying.origin) == ("neighbours-wish-well", "Chinese saying")


@pytest.mark.parametrize(
    "text",
    [
        'As the saying goes, "' + "word " * 40_000,  # one long unclosed quotation
        '"a ' * 50_000,  # a stray opening mark every few characters
        "“" * 100_000 + "”",
        "As the saying goes, ‘" + "countries’ interests " * 10_000,
        "as the saying goes, " * 10_000 + '"',
    ],
)
def test_long_unclosed_quotations_are_not_sayings(text):
    # Linear scanning keeps these fast; quadratic code would make the suite crawl.
    assert detect_sayings(text, CATALOGUE) == []


def test_saying_id_is_a_short_slug():
    assert saying_id("Haste makes waste.") == "haste-makes-waste"
    long_id = saying_id("word " * 40)
    assert len(long_id) <= 60 and not long_id.endswith("-")


# --- highlights and notes ------------------------------------------------------


def test_highlight_wraps_the_words_in_a_link_and_keeps_them():
    text = 'As a Chinese saying goes, "A wise man changes." We agree.'
    (saying,) = detect_sayings(text, ())
    assert highlight_sayings(text, [saying]) == (
        'As a Chinese saying goes, "[A wise man changes.](../sayings/index.md#a-wise-man-changes){ .saying }"'
        " We agree."
    )


def test_split_saying_is_highlighted_in_both_parts():
    text = '"A stitch in time," the saying goes, "saves nine."'
    (saying,) = detect_sayings(text, ())
    link = "(../sayings/index.md#a-stitch-in-time-saves-nine){ .saying }"
    assert (
        highlight_sayings(text, [saying])
        == f'"[A stitch in time]{link}," the saying goes, "[saves nine.]{link}"'
    )


def test_words_with_brackets_or_odd_emphasis_are_left_unlinked():
    saying = FoundSaying("x", "a [b] c", "Saying", ((0, 7),))
    assert highlight_sayings("a [b] c", [saying]) == "a [b] c"
    saying = FoundSaying("x", "a *b c", "Saying", ((0, 6),))
    assert highlight_sayings("a *b c is *it*", [saying]) == "a *b c is *it*"


def test_note_holds_what_the_text_does_not_say_escaped_with_the_original_s_lang():
    entry = CatalogueSaying(
        id="x",
        text="One *two*",
        origin='Say "hi"',
        original="一<二>",
        original_language="zh-Hans",
        source="A & B",
        meaning="It <means> this",
    )
    text = "We agree: One *two*."
    saying = FoundSaying("x", "One *two*", 'Say "hi"', ((10, 19),), entry)
    # The origin is not named by the paragraph: it is shown; the saying's words are not.
    assert note_lines(saying, text) == [
        "*Say &quot;hi&quot;*",
        '*Original:* <span class="saying-original" lang="zh-Hans">一&lt;二&gt;</span>',
        "*Source:* A &amp; B",
        "*Meaning:* It &lt;means&gt; this",
    ]


@pytest.mark.parametrize(
    ("case", "text", "origin", "cue", "shown"),
    [
        (
            "named before",
            'As a Kazakh proverb puts it, "Unity is strength."',
            "Kazakh proverb",
            None,
            False,
        ),
        (
            "named after",
            '"Unity is strength," the Kazakh proverb says.',
            "Kazakh proverb",
            None,
            False,
        ),
        ("other words", 'As the saying goes, "Unity is strength."', "Kazakh proverb", None, True),
        ("no cue", "Unity is strength.", "Chinese saying", None, True),
        (
            "cue in the paragraph before",
            '"Unity is strength."',
            "Proverb",
            "as the proverb says",
            False,
        ),
        ("a bare saying tells nothing", "Unity is strength.", "Saying", None, False),
    ],
)
def test_the_origin_is_shown_only_when_the_text_does_not_name_it(case, text, origin, cue, shown):
    start = text.index("Unity")
    saying = FoundSaying("u", "Unity is strength", origin, ((start, start + 17),), cue=cue)
    assert (note_lines(saying, text) != []) == shown, case


def test_a_saying_with_nothing_to_add_leaves_a_placeholder_the_render_drops():
    blocks = [Block('As the proverb goes, "Unity is strength."', PARAGRAPH, 1)]
    out, _ = mark_sayings(blocks, _speech(blocks), Archive(speeches=()))
    assert [b.kind for b in out] == [PARAGRAPH, ADDED]
    page = "\n\n".join(b.text for b in out)
    # No other speech quotes it: no note at all.
    assert fill_saying_notes(page, {}) == blocks[0].text.replace(
        '"Unity is strength."',
        '"[Unity is strength.](../sayings/index.md#unity-is-strength){ .saying }"',
    )
    # Another speech does: a note with only that line.
    others = {"unity-is-strength": "*Also quoted in:* [B](b.md#p2) (2002)"}
    filled = fill_saying_notes(page, others)
    assert filled.count("<aside") == 1 and "*Also quoted in:* [B](b.md#p2) (2002)" in filled
    assert "\x1f" not in filled


def test_a_note_with_its_own_lines_gets_the_other_speeches_line_when_there_is_one():
    blocks = [Block("Neighbors wish each other well, just as family members do.", PARAGRAPH, 1)]
    out, _ = mark_sayings(blocks, _speech(blocks), Archive(speeches=(), sayings=CATALOGUE))
    alone = fill_saying_notes(out[1].text, {})
    assert "*Chinese saying*" in alone and "亲望亲好，邻望邻好" in alone
    assert "Also quoted in" not in alone and "\x1f" not in alone
    others = {"neighbours-wish-well": "*Also quoted in:* [B](b.md#p2) (2002)"}
    filled = fill_saying_notes(out[1].text, others)
    assert filled.index("亲望亲好") < filled.index("*Also quoted in:* [B](b.md#p2) (2002)")
    assert filled.endswith("</details>\n</aside>")


def _speech(body_blocks):
    import datetime as dt

    from speech_archive.model import Speech

    return Speech(
        slug="2001-01-01-x",
        path="speeches/2001-01-01-x.md",
        title="X",
        date=dt.date(2001, 1, 1),
        speaker="S",
        venue="V",
        themes=("t",),
        body="",
        body_line=1,
    )


def test_mark_sayings_adds_a_note_after_the_paragraph_and_reports_findings():
    blocks = [
        Block("# Heading", "other"),
        Block('As the saying goes, "Unity is strength."', PARAGRAPH, 1),
        Block("Neighbors wish each other well, just as family members do.", PARAGRAPH, 2),
        Block("Thank you.", PARAGRAPH, 3),
    ]
    out, findings = mark_sayings(blocks, _speech(blocks), Archive(speeches=(), sayings=CATALOGUE))
    assert [b.kind for b in out] == ["other", PARAGRAPH, ADDED, PARAGRAPH, ADDED, PARAGRAPH]
    assert [b.number for b in out if b.kind == PARAGRAPH] == [1, 2, 3]
    # "As the saying goes": nothing to add, only a placeholder for other speeches' uses.
    assert out[2].text == "\x1fsaying-note unity-is-strength\x1f"
    assert out[4].text.startswith('<aside class="saying-note not-quoted" markdown>')
    assert findings == {
        "sayings": [
            {
                "id": "unity-is-strength",
                "text": "Unity is strength.",
                "origin": "Saying",
                "paragraph": 1,
                "catalogued": False,
            },
            {
                "id": "neighbours-wish-well",
                "text": "Neighbors wish each other well, just as family members do",
                "origin": "Chinese saying",
                "paragraph": 2,
                "catalogued": True,
            },
        ]
    }


# --- the sayings index --------------------------------------------------------


def test_sayings_index_groups_by_origin_and_lists_every_use_newest_first():
    import datetime as dt

    from speech_archive.model import AnnotatedSpeech, Speech
    from speech_archive.pages.sayings import render_sayings_page

    def speech(slug: str, day: dt.date) -> Speech:
        return Speech(
            slug=slug,
            path=f"speeches/{slug}.md",
            title=slug.upper(),
            date=day,
            speaker="S",
            venue="V",
            themes=(),
            body="",
            body_line=1,
        )

    older, newer = (
        speech("2001-01-01-a", dt.date(2001, 1, 1)),
        speech("2002-02-02-b", dt.date(2002, 2, 2)),
    )
    use = {
        "id": "neighbours-wish-well",
        "text": "Neighbours wish each other well",
        "origin": "Chinese saying",
        "catalogued": True,
    }
    annotated = [
        AnnotatedSpeech(older, "", {"sayings": [{**use, "paragraph": 3}, {**use, "paragraph": 9}]}),
        AnnotatedSpeech(
            newer,
            "",
            {
                "sayings": [
                    {**use, "paragraph": 1},
                    {
                        "id": "unity-is-strength",
                        "text": "Unity is strength.",
                        "origin": "Motto",
                        "paragraph": 2,
                        "catalogued": False,
                    },
                ]
            },
        ),
    ]
    page = render_sayings_page(Archive(speeches=(older, newer), sayings=CATALOGUE), annotated)[
        "sayings/index.md"
    ]
    body = page.split("---\n\n", 1)[1]
    assert body.splitlines()[4:] == [
        "[Chinese saying](#origin-chinese-saying) · [Motto](#origin-motto)",
        "",
        "## Chinese saying { #origin-chinese-saying }",
        "",
        # The catalogue's wording and fields, whatever wording the speeches used.
        "### “Neighbors wish each other well, just as family members do\\.” { #neighbours-wish-well }",
        "",
        # No original_language in this catalogue: the original has no lang of its own.
        '*Original:* <span class="saying-original">亲望亲好，邻望邻好</span>',
        "",
        "Quoted in 2 speeches:",
        "",
        "- [2002\\-02\\-02\\-B](../speeches/2002-02-02-b.md) — 2 February 2002 — [para. 1](../speeches/2002-02-02-b.md#p1)",
        "- [2001\\-01\\-01\\-A](../speeches/2001-01-01-a.md) — 1 January 2001 — "
        "[para. 3](../speeches/2001-01-01-a.md#p3), [para. 9](../speeches/2001-01-01-a.md#p9)",
        "",
        "## Motto { #origin-motto }",
        "",
        "### “Unity is strength\\.” { #unity-is-strength }",
        "",
        "Quoted in 1 speech:",
        "",
        "- [2002\\-02\\-02\\-B](../speeches/2002-02-02-b.md) — 2 February 2002 — [para. 2](../speeches/2002-02-02-b.md#p2)",
    ]
    assert page.endswith(")\n")


def test_a_saying_quoted_twice_in_a_paragraph_gets_one_note_and_both_highlights():
    speech_text = (
        'As the proverb goes, "Haste makes waste." We hurried, and as the proverb goes, '
        '"Haste makes waste."'
    )
    blocks = [Block(speech_text, PARAGRAPH, 1)]
    archive = Archive(speeches=())
    speech = load_archive_free_speech(speech_text)
    out, findings = mark_sayings(blocks, speech, archive)
    assert [b.kind for b in out] == [PARAGRAPH, ADDED]
    assert out[0].text.count("{ .saying }") == 2
    assert [f["paragraph"] for f in findings["sayings"]] == [1]


def load_archive_free_speech(body: str):
    import datetime as dt

    from speech_archive.model import Speech

    return Speech(
        slug="2001-01-01-a",
        path="speeches/2001-01-01-a.md",
        title="A",
        date=dt.date(2001, 1, 1),
        speaker="A speaker",
        venue="A, B",
        themes=("x",),
        body=body,
        body_line=5,
    )


def test_a_note_links_at_most_five_other_speeches_newest_first_with_escaped_titles():
    import datetime as dt

    from speech_archive.model import Speech
    from speech_archive.pages.sayings import IndexedSaying, other_speeches_lines

    speeches = [
        Speech(
            slug=f"200{n}-01-01-s",
            path=f"speeches/200{n}-01-01-s.md",
            title=f"Speech *{n}*",
            date=dt.date(2000 + n, 1, 1),
            speaker="S",
            venue="V",
            themes=(),
            body="",
            body_line=1,
        )
        for n in range(8)
    ]
    saying = IndexedSaying("x", "X", "Proverb", None)
    saying.uses = {s.slug: (s, [s.year - 1999]) for s in speeches}
    line = other_speeches_lines({"x": saying}, speeches[0])["x"]
    # Seven others, 2007 back to 2001: the five newest, then the rest on the Sayings index.
    assert line == "*Also quoted in:* " + " · ".join(
        [f"[Speech \\*{n}\\*](200{n}-01-01-s.md#p{n + 1}) (200{n})" for n in (7, 6, 5, 4, 3)]
        + ["[2 more speeches](../sayings/index.md#x)"]
    )
    saying.uses = {speeches[0].slug: (speeches[0], [1])}
    assert other_speeches_lines({"x": saying}, speeches[0]) == {}  # quoted nowhere else
