"""saying_promotion: which uncatalogued sayings to add to sayings.yml, without the command line."""

from __future__ import annotations

import pytest

from speech_archive.annotate.saying_catalogue import normal_words
from speech_archive.cli.saying_promotion import Sighting, entry_id, promotions, same_saying

BIRD = "A bird in the hand is worth two in the bush."


def _seen(slug: str, text: str, origin: str = "Saying", paragraph: int = 1) -> Sighting:
    return Sighting(slug, paragraph, text, origin)


@pytest.mark.parametrize(
    "a, b, same",
    [
        (BIRD, "A bird in hand is worth two in the bush.", True),  # a word dropped: ratio >= 0.8
        ("Neighbours wish each other well.", "Neighbors wish each other well!", True),  # spelling
        ("worth two in the bush", BIRD, True),  # one's words within the other's
        (BIRD, "Many hands make light work.", False),
        ("in the", "Many hands make light work in the end.", True),  # within, however short
        ("", BIRD, False),
    ],
)
def test_same_saying(a, b, same):
    assert same_saying(normal_words(a), normal_words(b)) is same
    assert same_saying(normal_words(b), normal_words(a)) is same


def test_a_saying_in_one_speech_only_is_not_promoted():
    assert promotions([_seen("a", BIRD), _seen("a", BIRD, paragraph=5)]) == []


def test_wordings_of_one_saying_in_two_speeches_make_one_entry():
    found = promotions(
        [
            _seen("a", "A bird in hand is worth two in the bush.", "Saying"),
            _seen("b", BIRD, "English proverb"),
            _seen(
                "c", "a bird in the hand is worth two in the bush", "English proverb"
            ),  # same words
            _seen("c", "Many hands make light work.", "Proverb"),
        ]
    )
    [promotion] = found
    assert promotion.text == BIRD  # the wording quoted most, as most often written
    assert promotion.origin == "English proverb"
    assert promotion.variants == ("A bird in hand is worth two in the bush.",)
    assert promotion.speeches == ("a", "b", "c")
    assert [s.slug for s in promotion.sightings] == ["a", "b", "c"]
    assert promotion.entry() == {
        "id": "a-bird-in-the-hand-is-worth-two-in-the-bush",
        "text": BIRD,
        "origin": "English proverb",
        "variants": ["A bird in hand is worth two in the bush."],
    }


def test_ties_go_to_the_first_seen_and_wider_sayings_come_first():
    found = promotions(
        [
            _seen("a", "Many hands make light work.", "Proverb"),
            _seen("b", "Many hands make light work!", "Saying"),
            _seen("a", BIRD),
            _seen("b", BIRD),
            _seen("c", BIRD),
        ]
    )
    assert [p.text for p in found] == [BIRD, "Many hands make light work."]
    assert found[1].origin == "Proverb" and found[1].variants == ()
    assert "variants" not in found[1].entry()


def test_ids_are_slugs_sayings_yml_accepts_and_never_repeat_one():
    taken = {"a-bird-in-the-hand-is-worth-two-in-the-bush"}
    assert entry_id(BIRD, taken) == "a-bird-in-the-hand-is-worth-two-in-the-bush-2"
    assert entry_id("Café, façade & naïve—words", set()) == "cafe-facade-naive-words"
    assert entry_id("千里之行，始于足下", set()) == "saying"
    assert entry_id("千里之行，始于足下", {"saying"}) == "saying-2"
    long = entry_id("word " * 40, set())
    assert len(long) <= 60 and not long.endswith("-")
    taken = {"A-Bird-In-The-Hand-Is-Worth-Two-In-The-Bush"}  # ids are compared case-folded
    found = promotions([_seen("a", BIRD), _seen("b", BIRD)], taken_ids=taken)
    assert found[0].id.endswith("-2")
