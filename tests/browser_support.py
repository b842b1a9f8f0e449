"""Drive Debian's Chromium through Playwright: the site as a reader's browser sees it.

Shared by tests/test_browser.py and tests/test_offline_copy.py. Every visit records
each request the page makes and every console error, so a test can assert the site
reached nothing but its own files and ran without errors.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest

if TYPE_CHECKING:  # Playwright is imported only once Chromium is known to be there
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
# Flags from the issue: no sandbox (containers), no GPU, and none of Chromium's own
# background traffic, so every request recorded comes from the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:")


def require_chromium() -> None:
    """Skip without Debian's Chromium on a developer machine; in CI its absence is a failure."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, with a fresh profile (Playwright never downloads one here)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` over HTTP on a free port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    """One browser context on the site, with what it requested and what went wrong."""

    page: Page
    base: str  # the site's root URL, ending in '/'
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return urljoin(self.base, path)

    def site_path(self, url: str) -> str:
        """``url`` as a path inside the site, without query or fragment ('' if outside)."""
        if not url.startswith(self.base):
            return ""
        return urlsplit(url[len(self.base) :]).path

    def foreign_requests(self) -> list[str]:
        """Requests that left the site: anything not local and not under its base URL."""
        return [
            url
            for url in self.requests
            if not url.startswith(LOCAL_SCHEMES) and not url.startswith(self.base)
        ]

    def problems(self) -> list[str]:
        return [f"request outside the site: {url}" for url in self.foreign_requests()] + [
            f"console error: {text}" for text in self.errors
        ]


@contextlib.contextmanager
def visit(browser: Browser, base: str, javascript: bool = True, **options) -> Iterator[Visit]:
    """A fresh context (no cache, no storage) whose page reports requests and errors.

    ``options`` go to the context: a phone's viewport and touch, clipboard permissions.
    """
    settings = {"viewport": {"width": 1280, "height": 900}, **options}
    context = browser.new_context(java_script_enabled=javascript, **settings)
    page = context.new_page()
    record = Visit(page, base)
    context.on("request", lambda request: record.requests.append(request.url))
    page.on(
        "console", lambda message: message.type == "error" and record.errors.append(message.text)
    )
    page.on("pageerror", lambda error: record.errors.append(str(error)))
    # Nothing may leave the machine: answer foreign requests with an error (they stay recorded).
    context.route(
        lambda url: not url.startswith(LOCAL_SCHEMES) and not url.startswith(base),
        lambda route: route.abort(),
    )
    try:
        yield record
    finally:
        context.close()


def search(record: Visit, query: str, timeout_ms: int = 30_000) -> list[str]:
    """Type ``query`` in Material's search box; the site paths of the result pages, best first."""
    page = record.page
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    # Material reads the box on key events; text typed through an input method (CJK)
    # arrives without one until the next key, as when a reader confirms the composition.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=timeout_ms)
    # Results are redrawn as the worker answers each keystroke: read until they settle.
    previous: list[str] = []
    for _ in range(timeout_ms // 250):
        page.wait_for_timeout(250)
        current = page.eval_on_selector_all(
            ".md-search-result__item", "items => items.map(item => item.querySelector('a').href)"
        )
        if current and current == previous:
            break
        previous = current
    return [record.site_path(url) for url in previous]
