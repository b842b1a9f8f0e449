"""The markup contract (speech_archive/markup.py) and the stylesheet agree.

A class renamed in markup.py but not in archive.css leaves its elements unstyled, with
no error anywhere: these tests are where that shows.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

from speech_archive import markup

STYLESHEET = ROOT / "src" / "speech_archive" / "assets" / "stylesheets" / "archive.css"
MATERIAL_PREFIX = "md-"  # Material's own classes, which the stylesheet scopes its rules under


def stylesheet_classes(stylesheet: Path = STYLESHEET) -> set[str]:
    """The class names the stylesheet's selectors name, Material's left out."""
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.DOTALL)
    # The text right before each '{' is a selector (or an at-rule's prelude); declarations
    # always end at a '}', so a value such as 0.7em is never read as a class.
    preludes = re.findall(r"([^{}]*)\{", css)
    names = {
        name
        for prelude in preludes
        if not prelude.strip().startswith("@")
        for name in re.findall(r"\.(-?[_a-zA-Z][\w-]*)", prelude)
    }
    return {name for name in names if not name.startswith(MATERIAL_PREFIX)}


def contract_classes() -> dict[str, str]:
    """Constant name -> class name, for every class markup.py names."""
    return {
        name: value
        for name, value in vars(markup).items()
        if name.endswith("_CLASS") and isinstance(value, str)
    }


def test_every_styled_class_of_the_contract_is_styled_by_the_stylesheet():
    missing = markup.STYLED_CLASSES - stylesheet_classes()
    assert not missing, f"markup.STYLED_CLASSES names classes archive.css does not style: {missing}"


def test_the_stylesheet_styles_only_classes_the_contract_names_as_styled():
    unknown = stylesheet_classes() - markup.STYLED_CLASSES
    assert not unknown, (
        f"archive.css styles classes markup.STYLED_CLASSES does not list: {unknown} "
        "(add them to markup.py, or fix the stylesheet's spelling)"
    )


def test_styled_classes_are_classes_of_the_contract():
    assert markup.STYLED_CLASSES <= set(contract_classes().values())


def test_class_names_are_distinct_css_identifiers():
    classes = contract_classes()
    assert len(set(classes.values())) == len(classes), classes
    for name, value in classes.items():
        assert re.fullmatch(r"[a-z][a-z0-9-]*", value), f"{name} = {value!r}"


def test_the_stylesheet_reader_sees_what_it_should(tmp_path):
    """Control: classes inside @media blocks and compound selectors count; values do not."""
    sheet = tmp_path / "archive.css"
    sheet.write_text(
        "/* .commented-out {} */\n.md-typeset a.para-number:hover, .x .y { margin: 0.7em; }\n"
        "@media screen and (max-width: 44.9375em) { .md-typeset .inside { float: none; } }\n",
        encoding="utf-8",
    )
    assert stylesheet_classes(sheet) == {"para-number", "x", "y", "inside"}
