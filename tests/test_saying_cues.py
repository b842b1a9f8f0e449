"""Cues as speakers use them: with or without quotation marks, before or after the saying,
in English and in Chinese; and the quotations that are not sayings.

The English examples are the misses the issue lists from real speeches; the Chinese ones
are classical quotations as Chinese speeches introduce them.
"""

from __future__ import annotations

import pytest

from speech_archive.annotate.sayings import consider_sayings, detect_sayings
from speech_archive.model import CatalogueSaying


def found(text: str, catalogue=()) -> list[tuple[str, str]]:
    return [(s.origin, s.text) for s in detect_sayings(text, catalogue)]


UNMARKED = [
    (
        "In the words of the Scriptures: Blessed are the merciful.",
        "Scripture",
        "Blessed are the merciful.",
    ),
    (
        "A Swahili proverb tells us that haste has no blessing.",
        "Swahili proverb",
        "haste has no blessing.",
    ),
    (
        "I hold the maxim, in public as in private life, that a penny saved is a penny earned.",
        "Maxim",
        "a penny saved is a penny earned.",
    ),
    (
        "As all of our grandmothers told us, a stitch in time saves nine.",
        "Saying",
        "a stitch in time saves nine.",
    ),
    (
        "The Psalmist said, The Lord is my shepherd; I shall not want.",
        "Psalms",
        "The Lord is my shepherd; I shall not want.",
    ),
    (
        "Proverbs tells us that pride goeth before destruction.",
        "Proverbs",
        "pride goeth before destruction.",
    ),
    (
        "We learn from the Talmud that he who saves one life saves the world entire.",
        "Talmud",
        "he who saves one life saves the world entire.",
    ),
    (
        "There's an old saying that the road to hell is paved with good intentions.",
        "Saying",
        "the road to hell is paved with good intentions.",
    ),
    (
        "The Koran teaches that there is no compulsion in religion.",
        "Koran",
        "there is no compulsion in religion.",
    ),
    (
        "To quote another Russian proverb: trust, but verify.",
        "Russian proverb",
        "trust, but verify.",
    ),
    (
        "It has been said that eternal vigilance is the price of liberty.",
        "Saying",
        "eternal vigilance is the price of liberty.",
    ),
    (
        "A wise man once said that the beginning of wisdom is silence.",
        "Saying",
        "the beginning of wisdom is silence.",
    ),
    ("Vengeance is mine, saith the Lord.", "Bible", "Vengeance is mine"),
    (
        "Obey the command of the prophet: feed the hungry and clothe the naked.",
        "Prophet",
        "feed the hungry and clothe the naked.",
    ),
    (
        "History, they say, never repeats itself; but it rhymes.",
        "Saying",
        "History, they say, never repeats itself",
    ),
    (
        "The Bible tells us, to everything there is a season.",
        "Bible",
        "to everything there is a season.",
    ),
    (
        "My father always told me that hard work never hurt anybody.",
        "Saying",
        "hard work never hurt anybody.",
    ),
    (
        "There is an old Irish blessing: may the road rise up to meet you.",
        "Irish blessing",
        "may the road rise up to meet you.",
    ),
]


@pytest.mark.parametrize(("text", "origin", "saying"), UNMARKED, ids=[u[0][:40] for u in UNMARKED])
def test_a_cue_marks_a_saying_without_quotation_marks(text, origin, saying):
    assert found(text) == [(origin, saying)]


QUOTED = [
    (
        'And as an ancient Chinese philosopher, Mencius, said: "Heaven\'s timing is not as good as earthly advantage."',
        "Mencius",
        "Heaven's timing is not as good as earthly advantage.",
    ),
    (
        'Paul says, "If I have all faith, so that I can remove mountains, and have not love, I am nothing."',
        "Paul",
        "If I have all faith, so that I can remove mountains, and have not love, I am nothing.",
    ),
    ('"Simon called the Zealot." Luke 6:15.', "Bible", "Simon called the Zealot."),
    (
        'For Isaiah, the great Messianic prophet, had said, "He shall preach the gospel unto the meek."',
        "Isaiah",
        "He shall preach the gospel unto the meek.",
    ),
    (
        "The Gita says — “work for work's sake only, and love for love's sake.”",
        "Gita",
        "work for work's sake only, and love for love's sake.",
    ),
]


@pytest.mark.parametrize(("text", "origin", "saying"), QUOTED, ids=[q[0][:40] for q in QUOTED])
def test_cues_of_real_speeches_mark_a_quotation(text, origin, saying):
    assert found(text) == [(origin, saying)]


NOT_SAYINGS = [
    "Mr. Bright said that the bill would fail before the session ended.",
    "The Secretary said yesterday that we will win the vote.",
    'As the Secretary said yesterday, "We will reopen the border crossing next month."',
    "He wrote to me saying, Douglass, are you not afraid of injuring the cause?",
    "They believed the words of the Saviour, and proved their faith by their works.",
    "It is said that the government will fall before the summer.",
    "We are fond of saying that we belong to a practical age.",
    'The band played "God Save the Queen" as the ship left.',
    "With the blessing of God, we shall come back to the old success.",
    "He told me that he would come to the meeting tomorrow.",
]


@pytest.mark.parametrize("text", NOT_SAYINGS, ids=[t[:40] for t in NOT_SAYINGS])
def test_a_person_reported_a_title_or_a_verb_is_not_a_saying(text):
    assert found(text) == []


def test_a_rejected_candidate_keeps_its_extent_and_reason():
    rejected = [
        c
        for c in consider_sayings("Mr. Bright said that the bill would fail.", ())
        if not c.accepted
    ]
    assert rejected == []  # no cue word a saying needs: nothing was even considered
    considered = consider_sayings('The minister said, "We will reopen the border next month."', ())
    assert [(c.accepted, c.extent) for c in considered] == [(False, "quotation marks")]
    assert "no cue" in considered[0].reason


CHINESE = [
    (
        "古人说：“明者因时而变，知者随事而制。”我们要与时俱进。",
        "Ancient Chinese saying",
        "明者因时而变，知者随事而制。",
    ),
    ("俗话说，远亲不如近邻。中国和周边国家山水相连。", "Chinese saying", "远亲不如近邻"),
    ("《论语》中说：“己所不欲，勿施于人。”", "Analects", "己所不欲，勿施于人。"),
    ("正如孔子所说：“三人行，必有我师焉。”", "Confucius", "三人行，必有我师焉。"),
    ("古语云：「和而不同」。", "Ancient Chinese saying", "和而不同"),
]


@pytest.mark.parametrize(("text", "origin", "saying"), CHINESE, ids=[c[2] for c in CHINESE])
def test_chinese_cues_and_marks(text, origin, saying):
    assert found(text) == [(origin, saying)]


def test_a_quotation_with_no_chinese_cue_is_not_a_saying():
    assert found("他说：“我们明天开会。”") == []


def test_a_catalogued_original_is_found_in_chinese_text_without_a_cue():
    catalogue = (
        CatalogueSaying(
            id="wise-man",
            text="A wise man changes his way as circumstances change.",
            origin="Chinese saying",
            original="明者因时而变，知者随事而制",
        ),
    )
    assert [
        (s.id, s.text) for s in detect_sayings("我们相信明者因时而变，知者随事而制。", catalogue)
    ] == [("wise-man", "明者因时而变，知者随事而制")]


def test_a_speech_does_not_quote_its_own_famous_line_from_a_dictionary_of_quotations():
    from conftest import ROOT

    from speech_archive.annotate.sayings import reference_index
    from speech_archive.load.archive import load_archive

    references = reference_index(load_archive(ROOT))
    line = "that government of the people, by the people, for the people, shall not perish from the earth."
    assert detect_sayings(line, (), references=references, speaker="Abraham Lincoln") == []
    quoted = detect_sayings(line, (), references=references, speaker="Frederick Douglass")
    assert [s.citation.split(" (")[0] for s in quoted] == ["Abraham Lincoln"]
