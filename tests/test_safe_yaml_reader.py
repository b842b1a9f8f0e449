"""A control character in YAML is a contributor's error with a line, not a crash."""

from __future__ import annotations

import pytest

from speech_archive.load import safe_yaml
from speech_archive.load.safe_yaml import YamlProblem, load_yaml


def test_control_character_is_reported_with_its_line():
    with pytest.raises(YamlProblem) as raised:
        load_yaml("title: A speech\nvenue: Geneva\x07, Switzerland\n")
    assert (raised.value.line, raised.value.message) == (
        2,
        "contains the control character U+0007 (expected printable text)",
    )


# Documents the libyaml fast path reads: it must give what the strict loader gives.
PLAIN_DOCUMENTS = [
    "title: R&D and the *Future*\ndate: '1999-03-07'\nthemes: [water, trade]\n",
    'title: "Quoted: yes"\ndate: 2014-05-21\nsource:\n  title: Collected\n  url: https://e.org/a?b=1\n',
    "title: 'Ça va — 中国 «ok»'\nsummary: >-\n  Folded\n  text\nthemes:\n- a\n- b\nsayings:\n  add: [x]\n",
    "count: 3\nflag: yes\nempty:\nlist: []\n",
    "",
]
# Documents it must hand to the strict loader, which reports (or accepts) them itself.
STRICT_DOCUMENTS = {
    "alias": "a: &x [1, 2]\nb: *x\n",
    "repeated key": "title: A\ntitle: B\n",
    "deep": "a:\n" + "".join("  " * i + f" k{i}:\n" for i in range(1, 25)) + "  " * 25 + " v: 1\n",
    "many brackets": "a: " + "[" * 30 + "]" * 30 + "\n",
    "python tag": "a: !!python/object:os.system x\n",
    "broken": "a: [1, 2\n",
}


def _strict(text: str):
    loader = safe_yaml._StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict = {}
        safe_yaml._record_lines(node, (), lines)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


@pytest.mark.skipif(not safe_yaml._WITH_LIBYAML, reason="PyYAML without libyaml: no fast path")
@pytest.mark.parametrize("text", PLAIN_DOCUMENTS)
def test_libyaml_fast_path_reads_what_the_strict_loader_reads(text):
    document = safe_yaml._load_plain_yaml(text)
    assert (document.data, document.lines) == _strict(text)


@pytest.mark.skipif(not safe_yaml._WITH_LIBYAML, reason="PyYAML without libyaml: no fast path")
@pytest.mark.parametrize("name", sorted(STRICT_DOCUMENTS))
def test_anything_unusual_goes_to_the_strict_loader(name):
    with pytest.raises(safe_yaml._NotPlain):
        safe_yaml._load_plain_yaml(STRICT_DOCUMENTS[name])
    # ...which reports what is wrong with a line (the many-brackets document is only deep).
    with pytest.raises(YamlProblem):
        load_yaml(STRICT_DOCUMENTS[name])
