"""Pages left at the old address of a page that moved (urls.MOVED), sending readers on.

MkDocs' way, as its redirects plugin (mkdocs-redirects) writes them: a small HTML page
with a script that goes to the new address keeping the #anchor (links to one saying
name its anchor), a <meta http-equiv="refresh"> for a browser without script, and a
link for a reader with neither. The new address is relative, so a copy of the site
opened from disk (file://) stays on disk; the canonical link is absolute when the
site's URL is known, for search engines.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urljoin

from ..urls import MOVED, link_from, url_of


def render_redirect(old_url: str, new_page: str, site_url: str | None = None) -> str:
    """The page for ``old_url`` (relative to the site root) sending readers to docs page ``new_page``."""
    new_url = url_of(new_page)
    target = link_from(old_url, new_url)
    canonical = urljoin(site_url.rstrip("/") + "/", new_url) if site_url else target
    script = f"location.replace({json.dumps(target)} + location.hash)".replace("<", "\\u003c")
    href = html.escape(target)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>Page moved</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{html.escape(canonical)}">\n'
        f"<script>{script}</script>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>This page has moved to <a href="{href}">{href}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def render_redirects(site_url: str | None = None) -> dict[str, str]:
    """A redirect page at each old address, by its path in the site."""
    return {old: render_redirect(old, new, site_url) for old, new in MOVED.items()}
