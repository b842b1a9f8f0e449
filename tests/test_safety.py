"""Unit tests of speech_archive.load.untrusted: what a speech body may and may not contain.

The hostile cases, one per file, are in tests/bad_inputs (test_bad_inputs.py); here,
what must stay accepted, the URL rule, and the check staying in step with mkdocs.yml.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from speech_archive.load.untrusted import (
    SITE_EXTENSIONS,
    check_rendered_body,
    paths_leaving_root,
    url_scheme,
)

ACCEPTED_BODIES = {
    "plain prose": "Ladies and gentlemen, dear friends.",
    "entities": "Peace &mdash; and 3 &lt; 4 &amp; 5 &#8212; done.",
    "html in a code span": "Write `<script>alert(1)</script>` to show it.",
    "html in a fenced block": "```\n<iframe src=x></iframe>\n```",
    "html in an indented block": "Text.\n\n    <img src=x onerror=alert(1)>",
    "web links": "[a](https://example.org/a) [b](http://example.org/b) <https://example.org/c>",
    "mail link": "[write](mailto:office@example.org) or <office@example.org>",
    "relative links": "[p2](#p2) [other](../speeches/2001-01-01-x.md) ![map](img/map.png)",
    "language attributes": "السلام عليكم\n{ lang=ar dir=rtl }",
    "id and class": "A paragraph.\n{ #opening .salutation }",
    "own footnote": "A claim.[^1]\n\n[^1]: The source.",
    "abbreviation": "The CICA met.\n\n*[CICA]: Conference on Interaction and Confidence-Building Measures in Asia",
    "admonition and details": '!!! note "Translator"\n    Rendered freely.\n\n??? quote "Verse"\n    Lines.',
    "heading": "## Part one\n\nText.",
    "non-latin text": "和而不同 — мир — शांति — εἰρήνη",
    "angle brackets as text": "a < b and c > d",
}


@pytest.mark.parametrize("name", ACCEPTED_BODIES)
def test_markdown_without_raw_html_or_unsafe_links_is_accepted(name):
    assert check_rendered_body(ACCEPTED_BODIES[name], "speeches/x.md", 10) == []


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://example.org", "https"),
        ("HTTP://EXAMPLE.ORG", "http"),
        ("mailto:a@example.org", "mailto"),
        ("../speeches/x.html", None),
        ("#p3", None),
        ("page.html?a=b:c", None),  # a colon after '?' is no scheme
        ("javascript:alert(1)", "javascript"),
        (" \tjava\nscript:alert(1)", "javascript"),  # browsers drop tabs, newlines, leading spaces
        ("&#106;avascript:alert(1)", "javascript"),  # and decode entities first
        ("&#x6A;avascript&colon;alert(1)", "javascript"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("vbscript:msgbox", "vbscript"),
    ],
)
def test_url_scheme_is_what_a_browser_would_see(url, scheme):
    assert url_scheme(url) == scheme


def test_the_check_renders_with_the_extensions_of_mkdocs_yml():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [
        entry if isinstance(entry, str) else next(iter(entry))
        for entry in config["markdown_extensions"]
    ]
    # search_exclusions only marks generated elements for Material's search: nothing to check.
    assert sorted(names) == sorted(
        [*SITE_EXTENSIONS, "speech_archive.extensions.search_exclusions"]
    )


def test_symbolic_links_inside_the_archive_are_not_reported(tmp_path):
    speeches = tmp_path / "speeches"
    speeches.mkdir()
    (tmp_path / "shared.yml").write_text("x: 1\n", encoding="utf-8")
    (speeches / "glossary.yml").symlink_to(tmp_path / "shared.yml")
    assert paths_leaving_root(tmp_path, speeches, "speeches") == []
    (speeches / "sayings.yml").symlink_to("/etc/hostname")
    assert [str(p) for p in paths_leaving_root(tmp_path, speeches, "speeches")] == [
        "speeches/sayings.yml:0: -: is a symbolic link to a place outside the archive "
        "(expected a regular file or folder inside it)"
    ]
