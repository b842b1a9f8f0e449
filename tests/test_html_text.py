"""Reading a web page's main content (cli/html_text.py): what is kept, what is left out."""

from __future__ import annotations

import pytest

from speech_archive.cli.html_text import page_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo\n"),
        ("<p>Dear friends,<br>\n  Dear colleagues,</p>", "Dear friends,\nDear colleagues,\n"),
        ("<p>a\n   b\tc</p>", "a b c\n"),  # HTML's spaces are one space
        ("<p>a\u00a0\u00a0b</p>", "a\u00a0\u00a0b\n"),  # a no-break space is text
        ("<p>Peace &amp; development &lt;now&gt;</p>", "Peace & development <now>\n"),
        ("<p>One<p>Two", "One\n\nTwo\n"),  # unclosed paragraphs, as browsers read them
        ("<main><p>Speech</p></main><p>Footer words</p>", "Speech\n"),
        (
            "<article><p>Short teaser</p></article><article><p>The whole speech here</p></article>",
            "The whole speech here\n",
        ),  # the largest article
        ("<article><header><h1>Title</h1></header><p>Words.</p></article>", "Title\n\nWords.\n"),
        ("<header><p>Site name</p></header><p>Words.</p>", "Words.\n"),
        ("<p>Words.</p><script>var a = '<p>x</p>';</script><style>p{}</style>", "Words.\n"),
        ("<p>Words.</p><div role='navigation'>Home</div>", "Words.\n"),
        ("<p>Words.</p><div class='social-share'>Share</div>", "Words.\n"),
        ("<p>Words.</p><div id='cookie_notice'>We use cookies</div>", "Words.\n"),
        ("<p>Words.</p><div hidden>Secret</div>", "Words.\n"),
        ("<div>" * 1000 + "Deep words." + "</div>" * 1000, "Deep words.\n"),
    ],
)
def test_main_content_text(html, text):
    assert page_text(html).text == text


def test_what_is_left_out_is_listed_by_the_pages_line():
    html = "<nav>Home</nav>\n<main>\n<p>Words.</p>\n</main>\n<footer>© 2021 A Ministry</footer>\n"
    page = page_text(html)
    assert page.text == "Words.\n"
    assert page.lines == [3]
    assert page.left_out == [(1, "Home"), (5, "© 2021 A Ministry")]


def test_what_the_page_says_about_itself():
    html = (
        "<head><title> A Speech | Ministry </title>"
        "<meta property='og:site_name' content='Ministry of Examples'>"
        "<link rel='canonical' href='https://example.gov/a-speech'></head><p>Words.</p>"
    )
    page = page_text(html)
    assert (page.title, page.publisher, page.url) == (
        "A Speech | Ministry",
        "Ministry of Examples",
        "https://example.gov/a-speech",
    )
