"""Glossary footnotes and abbreviation tooltips: the pass on small inputs, then real builds."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SEED_SLUG, copy_project, run_mkdocs_build, soup

from speech_archive.annotate.blocks import ADDED, Block, join_blocks, split_blocks
from speech_archive.annotate.glossary import add_glossary_notes
from speech_archive.model import Archive, GlossaryTerm, Speech

CICA = GlossaryTerm(
    term="Conference on Interaction and Confidence-Building Measures in Asia",
    abbreviation="CICA",
    definition="An Asian security forum.",
    url="https://example.org/cica",
)
LAS = GlossaryTerm(
    term="League of Arab States", abbreviation="LAS", aliases=("Arab League",), definition="League."
)
COLD_WAR = GlossaryTerm(term="Cold War", definition="A rivalry.")
ZERO_SUM = GlossaryTerm(term="zero-sum game", definition="One side's gain is the other's loss.")
SILK_ROAD = GlossaryTerm(term="Silk Road", definition="Old trade routes.")
SILK_ROAD_BELT = GlossaryTerm(term="Silk Road Economic Belt", definition="The overland part.")
MARITIME = GlossaryTerm(term="21st-century Maritime Silk Road", definition="The sea part.")
GLOSSARY = (CICA, LAS, COLD_WAR, ZERO_SUM, SILK_ROAD, SILK_ROAD_BELT, MARITIME)


def _speech(body: str) -> Speech:
    return Speech(
        slug="s",
        path="speeches/s.md",
        title="T",
        date=dt.date(2020, 1, 1),
        speaker="S",
        venue="V",
        themes=("t",),
        body=body,
        body_line=1,
    )


def annotate(body: str, glossary=GLOSSARY) -> tuple[str, list[str], list[Block]]:
    """The annotated body (without the added definitions), the terms found, and the added blocks."""
    archive = Archive(speeches=(), glossary=glossary)
    blocks, findings = add_glossary_notes(split_blocks(body), _speech(body), archive)
    own = [b for b in blocks if b.kind != ADDED]
    return join_blocks(own).rstrip("\n"), findings["terms"], [b for b in blocks if b.kind == ADDED]


def _without_references(text: str) -> str:
    return re.sub(r"\[\^glossary-[a-z0-9-]+\]", "", text)


CICA_SLUG = "conference-on-interaction-and-confidence-building-measures-in-asia"
CICA_REF = f"[^glossary-{CICA_SLUG}]"
LAS_REF = "[^glossary-league-of-arab-states]"
COLD_WAR_REF = "[^glossary-cold-war]"
MARITIME_REF = "[^glossary-21st-century-maritime-silk-road]"

# (case, body, expected annotated body, expected terms)
CASES = [
    ("abbreviation", "The CICA met.", f"The CICA{CICA_REF} met.", [CICA.term]),
    (
        "abbreviation is case-sensitive",
        "The cica and Las Vegas met at last.",
        "The cica and Las Vegas met at last.",
        [],
    ),
    ("abbreviation inside a word", "ATLAS and CLASS and LASER.", "ATLAS and CLASS and LASER.", []),
    (
        "full term is case-insensitive",
        "After the COLD WAR.",
        f"After the COLD WAR{COLD_WAR_REF}.",
        [COLD_WAR.term],
    ),
    (
        "full term inside another word",
        "A Cold Warrior, a cold-warring one.",
        "A Cold Warrior, a cold-warring one.",
        [],
    ),
    (
        "alias counts as the term",
        "The Arab League met.",
        f"The Arab League{LAS_REF} met.",
        [LAS.term],
    ),
    (
        "first mention only",
        "The LAS met. The LAS left. The League of Arab States returned.",
        f"The LAS{LAS_REF} met. The LAS left. The League of Arab States returned.",
        [LAS.term],
    ),
    (
        "first mention across paragraphs",
        "The LAS met.\n\nThe LAS left.",
        f"The LAS{LAS_REF} met.\n\nThe LAS left.",
        [LAS.term],
    ),
    (
        "longest match first",
        "The Silk Road Economic Belt, unlike the Silk Road.",
        "The Silk Road Economic Belt[^glossary-silk-road-economic-belt], unlike the Silk Road"
        "[^glossary-silk-road].",
        [SILK_ROAD_BELT.term, SILK_ROAD.term],
    ),
    (
        "a longer term that starts earlier wins",
        "A 21st-century Maritime Silk Road.",
        f"A 21st-century Maritime Silk Road{MARITIME_REF}.",
        [MARITIME.term],
    ),
    (
        "space, hyphen and line break are one separator",
        "A 21st Century\nMaritime Silk Road.",
        f"A 21st Century\nMaritime Silk Road{MARITIME_REF}.",
        [MARITIME.term],
    ),
    ("possessive", "The CICA's role.", f"The CICA's{CICA_REF} role.", [CICA.term]),
    ("curly possessive", "The CICA\u2019s role.", f"The CICA\u2019s{CICA_REF} role.", [CICA.term]),
    (
        "plural",
        "No zero-sum games.",
        "No zero-sum games[^glossary-zero-sum-game].",
        [ZERO_SUM.term],
    ),
    ("code span", "Type `CICA` here.", "Type `CICA` here.", []),
    (
        "bare URL",
        "See https://example.org/CICA/ and www.example.org/LAS now.",
        "See https://example.org/CICA/ and www.example.org/LAS now.",
        [],
    ),
    ("autolink", "See <https://example.org/CICA>.", "See <https://example.org/CICA>.", []),
    (
        "link text and target",
        "See [the CICA](https://example.org/CICA).",
        "See [the CICA](https://example.org/CICA).",
        [],
    ),
    (
        "a saying already linked",
        "As they say, [the Cold War is over](../sayings/x.md){ .saying }.",
        "As they say, [the Cold War is over](../sayings/x.md){ .saying }.",
        [],
    ),
    (
        "HTML attribute",
        '<span title="CICA">x</span> here.',
        '<span title="CICA">x</span> here.',
        [],
    ),
    ("attribute list", "Text { .CICA } here.", "Text { .CICA } here.", []),
    ("mention after protected markup", "`x` CICA met.", f"`x` CICA{CICA_REF} met.", [CICA.term]),
    ("fenced code", "```\nCICA\n```", "```\nCICA\n```", []),
    ("heading: no footnote", "## The Cold War\n\nText.", "## The Cold War\n\nText.", []),
    ("list item", "- the Cold War", f"- the Cold War{COLD_WAR_REF}", [COLD_WAR.term]),
    (
        "admonition body, not its title",
        '!!! note "The Cold War"\n    After the Cold War.',
        f'!!! note "The Cold War"\n    After the Cold War{COLD_WAR_REF}.',
        [COLD_WAR.term],
    ),
    (
        "first-mention order",
        "The Cold War and the LAS.",
        f"The Cold War{COLD_WAR_REF} and the LAS{LAS_REF}.",
        [COLD_WAR.term, LAS.term],
    ),
]


@pytest.mark.parametrize("body, expected, terms", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_glossary_pass(body, expected, terms):
    annotated, found, _ = annotate(body)
    assert annotated == expected
    assert found == terms
    # The text is sacred: taking our references out gives back the source exactly.
    assert _without_references(annotated) == body


def test_definitions_are_added_footnotes_with_escaped_text_and_link():
    _, _, added = annotate("The CICA met *here*.")
    assert [b.text for b in added] == [
        "[^glossary-conference-on-interaction-and-confidence-building-measures-in-asia]: "
        "**Conference on Interaction and Confidence\\-Building Measures in Asia (CICA)**: "
        'An Asian security forum\\. <a href="https://example.org/cica">example\\.org</a>',
        "*[CICA]: Conference on Interaction and Confidence-Building Measures in Asia",
    ]


def test_abbreviation_defined_only_when_the_abbreviation_itself_is_used():
    _, terms, added = annotate("The League of Arab States met.")
    assert terms == [LAS.term]
    assert not [b for b in added if b.text.startswith("*[")]


def test_abbreviation_in_a_heading_gets_a_tooltip_but_no_footnote():
    annotated, terms, added = annotate("## The LAS\n\nText.")
    assert terms == [] and "[^" not in annotated
    assert [b.text for b in added] == ["*[LAS]: League of Arab States"]


def test_labels_do_not_collide_with_the_speech_own():
    body = "The Cold War[^glossary-cold-war] ended.\n\n[^glossary-cold-war]: The speaker's note."
    annotated, terms, added = annotate(body)
    assert terms == [COLD_WAR.term]
    assert annotated.startswith("The Cold War[^glossary-cold-war-2][^glossary-cold-war] ended.")
    assert added[0].text.startswith("[^glossary-cold-war-2]: ")


def test_speech_own_abbreviation_definition_wins():
    _, _, added = annotate("The LAS met.\n\n*[LAS]: Latin American Studies")
    assert not [b for b in added if b.text.startswith("*[")]


def test_added_blocks_are_never_annotated():
    blocks = [Block("The Cold War.", ADDED)]
    out, findings = add_glossary_notes(blocks, _speech(""), Archive(speeches=(), glossary=GLOSSARY))
    assert out == blocks and findings == {"terms": []}


def test_empty_glossary_changes_nothing():
    blocks = split_blocks("The Cold War.")
    out, findings = add_glossary_notes(blocks, _speech(""), Archive(speeches=()))
    assert out == blocks and findings == {"terms": []}


# The abbreviation extension applies to the whole page: check where it does and does not.
@pytest.mark.parametrize(
    "source, tooltips",
    [
        ("The LAS met.", 1),
        ("The LAS's role, *the LAS*.", 2),
        ("Not at last, nor in ATLAS.", 0),
        ("Code: `LAS`.", 0),
        ("Bare URL: https://example.org/LAS/x and www.example.org/LAS.", 0),
        ("Autolink: <https://example.org/LAS>.", 0),
        ("Link: [the LAS](https://example.org/).", 0),
        ("After a link: [x](https://example.org/) LAS.", 1),
        ("```\nLAS\n```", 0),
    ],
)
def test_abbreviation_tooltips(source, tooltips):
    html = markdown.markdown(
        source + "\n\n*[LAS]: League of Arab States",
        extensions=["speech_archive.extensions.abbr_tooltips", "pymdownx.superfences"],
    )
    found = BeautifulSoup(html, "html.parser").select("abbr")
    assert len(found) == tooltips
    assert all(a["title"] == "League of Arab States" and a.get_text() == "LAS" for a in found)


# --- real builds ---------------------------------------------------------------------------

# Checked by hand against the seed text: every term it mentions, in first-mention order.
# ("Silk Road" alone is only ever part of a longer term, so it gets no footnote.)
SEED_TERMS = [
    "conference-on-interaction-and-confidence-building-measures-in-asia",
    "cold-war",
    "zero-sum-game",
    "confidence-building-measures",
    "five-principles-of-peaceful-coexistence",
    "shanghai-cooperation-organization",
    "association-of-southeast-asian-nations",
    "south-asian-association-for-regional-cooperation",
    "league-of-arab-states",
    "six-party-talks",
    "asian-financial-crisis",
    "silk-road-economic-belt",
    "21st-century-maritime-silk-road",
    "asian-infrastructure-investment-bank",
    "chinese-dream",
]


def test_seed_page_has_one_glossary_footnote_per_term_numbered_in_order(built_site):
    article = soup(built_site / "speeches" / f"{SEED_SLUG}.html").select_one("article")
    refs = article.select("sup[id^='fnref']")
    ids = [sup["id"] for sup in refs]
    assert ids == [f"fnref:glossary-{slug}" for slug in SEED_TERMS]  # the note is in the metadata
    # One sequence, in reading order, and each note listed under its number.
    assert [sup.get_text() for sup in refs] == [str(n) for n in range(1, len(refs) + 1)]
    items = article.select("div.footnote li")
    assert [li["id"] for li in items] == [sup["id"].replace("fnref", "fn") for sup in refs]
    cica = article.select_one(f"li[id='fn:glossary-{CICA_SLUG}']")
    assert "An intergovernmental forum" in cica.get_text()


def test_seed_first_mention_carries_the_footnote(built_site):
    article = soup(built_site / "speeches" / f"{SEED_SLUG}.html").select_one("article")
    # CICA is first named in full in paragraph 2, and mentioned by abbreviation many times after.
    ref = article.select_one(f"sup[id='fnref:glossary-{CICA_SLUG}']")
    assert ref.find_parent("p").select_one("a.para-number")["id"] == "p2"
    assert ref.previous_sibling.endswith("Confidence-Building Measures in Asia")


def test_seed_abbreviations_have_tooltips_everywhere_in_the_body(built_site):
    article = soup(built_site / "speeches" / f"{SEED_SLUG}.html").select_one("article")
    body = article.select_one(".speech-body")
    titles = {a.get_text(): a["title"] for a in body.select("abbr")}
    assert titles == {
        "CICA": "Conference on Interaction and Confidence-Building Measures in Asia",
        "ASEAN": "Association of Southeast Asian Nations",
        "SAARC": "South Asian Association for Regional Cooperation",
        "LAS": "League of Arab States",
    }
    source = (ROOT / "speeches" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    # Every whole-word mention in the source (counted by hand: CICA 18 times; LAS once, and
    # not in "lasting").
    assert len(re.findall(r"\bCICA\b", source.split("---", 2)[2])) == 18
    assert len([a for a in body.select("abbr") if a.get_text() == "CICA"]) == 18
    assert len([a for a in body.select("abbr") if a.get_text() == "LAS"]) == 1


OWN_ANNOTATIONS = textwrap.dedent(
    """\
    ---
    title: Own Annotations Test
    date: 2015-03-01
    speaker: A. Speaker
    venue: Almaty, Kazakhstan
    themes: [common-security]
    ---

    The speaker's own note comes first.[^1] Then the CICA is named.

    !!! note "Editor's note"
        This text was checked against the recording.

    Its site is https://example.org/CICA/ and `CICA` is its code.

    [^1]: Own footnote text.
    """
)


def test_speech_own_footnotes_and_admonitions_render_with_glossary_notes(tmp_path):
    project = copy_project(tmp_path / "p")
    fixture = project / "speeches" / "2015-03-01-own-annotations.md"
    fixture.write_text(OWN_ANNOTATIONS, encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = soup(project / "site" / "speeches" / "2015-03-01-own-annotations.html")
    article = page.select_one("article")

    admonition = article.select_one(".speech-body div.admonition.note")
    assert admonition.select_one(".admonition-title").get_text(strip=True) == "Editor's note"
    assert "checked against the recording" in admonition.get_text()

    refs = article.select("sup[id^='fnref']")
    assert [(sup["id"], sup.get_text()) for sup in refs] == [
        ("fnref:1", "1"),
        ("fnref:glossary-conference-on-interaction-and-confidence-building-measures-in-asia", "2"),
    ]
    items = article.select("div.footnote li")
    assert items[0]["id"] == "fn:1" and "Own footnote text." in items[0].get_text()
    assert items[1].get_text(strip=True).startswith("Conference on Interaction")

    # Tooltip on the mention, none inside the bare URL or the code span.
    body = article.select_one(".speech-body")
    assert len(body.select("abbr")) == 1
    assert body.select_one("code").get_text() == "CICA"
    assert "https://example.org/CICA/" in body.get_text()


def _term_section(heading):
    """The elements under a term's heading, up to the next heading."""
    section = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        section.append(sibling)
    return section


def test_glossary_page_lists_terms_alphabetically_with_the_seed_linked(built_site):
    page = soup(built_site / "glossary" / "index.html")
    article = page.select_one("article")
    headings = article.select("h3[id]")
    names = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in headings]
    assert names == sorted(names, key=str.casefold)
    assert names[:3] == [
        "21st-century Maritime Silk Road",
        "Asian financial crisis",
        "Asian Infrastructure Investment Bank (AIIB)",
    ]
    cica = article.select_one(f"h3#{CICA_SLUG}")
    assert cica.get_text(" ", strip=True).startswith(
        "Conference on Interaction and Confidence-Building Measures in Asia (CICA)"
    )
    links = [a for element in _term_section(cica) for a in element.select("a[href]")]
    assert any(a["href"] == f"../speeches/{SEED_SLUG}.html" for a in links)
    wikipedia = "https://en.wikipedia.org/wiki/Conference_on_Interaction"
    assert any(a["href"].startswith(wikipedia) for a in links)
    # A term no speech mentions is listed, not dropped.
    silk_road = " ".join(e.get_text() for e in _term_section(article.select_one("h3#silk-road")))
    assert "Not mentioned in any speech yet." in silk_road
    assert "The network of trade routes" in silk_road
    nav = [a.get_text(strip=True) for a in page.select("nav a")]
    assert "Glossary" in nav


def test_upstream_abbr_would_wrap_inside_bare_urls_and_links():
    """Why abbr_tooltips exists: if this starts failing, upstream abbr may be enough again."""
    html = markdown.markdown(
        "See https://example.org/LAS/ and [the LAS](https://example.org/).\n\n"
        "*[LAS]: League of Arab States",
        extensions=["abbr"],
    )
    assert len(BeautifulSoup(html, "html.parser").select("abbr")) == 2
