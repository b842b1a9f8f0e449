"""The reader's frame in Chromium (issue 16): n/p step through the speeches, the section's tab
is lit, the 404 page is styled at a sub-path and from disk, no page type has a serious or
critical accessibility violation (axe-core), and screenshots of the seed page are kept.

One build for the module: the real archive with two fixture speeches around the seed (so it
has chronological neighbours), published under a sub-path (SITE_URL .../archive/).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from browser_support import serve, visit
from conftest import FIXTURES, ROOT, SEED_SLUG, copy_project, run_mkdocs_build

pytestmark = pytest.mark.browser

JOSEPH = "1877-10-05-i-will-fight-no-more-forever"
DUSHANBE = "2014-09-12-water-and-security-in-central-asia"
SUB_PATH = "archive/"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS_ENV = "SCREENSHOT_DIR"  # where the screenshots go; test-artifacts/screenshots/ if unset
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# One page of each type a reader meets.
PAGE_TYPES = {
    "home": "index.html",
    "speeches index": "speeches/index.html",
    "speech": f"speeches/{SEED_SLUG}.html",
    "theme": "themes/common-security.html",
    "year": "years/2014.html",
    "venues": "venues/index.html",
    "sayings": "sayings/index.html",
    "glossary": "glossary/index.html",
    "about": "about.html",
    "404": "404.html",
}

# Known violations: (rule id, pattern of the element's CSS selector). None today; anything
# not listed fails the scan.
KNOWN_VIOLATIONS: list[tuple[str, re.Pattern[str]]] = []


def _known(rule: str, target: str) -> bool:
    return any(rule == known and pattern.fullmatch(target) for known, pattern in KNOWN_VIOLATIONS)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("reading"))
    themes = project / "speeches" / "themes.yml"
    extra = (FIXTURES / "themes-extra.yml").read_text(encoding="utf-8")
    themes.write_text(themes.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    for name in (f"{JOSEPH}.md", f"{DUSHANBE}.md"):
        shutil.copy(FIXTURES / "speeches" / name, project / "speeches" / name)
    # Only the path of SITE_URL reaches what a browser loads (the 404 page's <base>).
    result = run_mkdocs_build(project, extra_env={"SITE_URL": "http://localhost/" + SUB_PATH})
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def served(site, tmp_path_factory) -> str:
    """The site's URL when published under a sub-path, as on GitHub Pages."""
    root = tmp_path_factory.mktemp("server")
    (root / SUB_PATH.rstrip("/")).symlink_to(site, target_is_directory=True)
    with serve(root) as base:
        yield base + SUB_PATH


@pytest.mark.parametrize("over", ["http", "file"])
def test_n_and_p_keys_step_to_the_chronological_neighbours(browser, site, served, over):
    base = served if over == "http" else site.as_uri() + "/"
    with visit(browser, base) as record:
        page = record.page
        page.goto(record.url(f"speeches/{SEED_SLUG}.html"))
        active = page.locator(".md-tabs__item--active").inner_text()
        assert active.strip() == "Speeches"
        page.keyboard.press("n")
        page.wait_for_url(record.url(f"speeches/{DUSHANBE}.html"))
        page.keyboard.press("p")
        page.wait_for_url(record.url(f"speeches/{SEED_SLUG}.html"))
        page.keyboard.press("p")
        page.wait_for_url(record.url(f"speeches/{JOSEPH}.html"))
        assert record.problems() == []


def _assert_styled(page) -> None:
    """Material's stylesheet and the archive's are applied (not only requested)."""
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert header == "sticky"
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
    assert any(href.endswith("/assets/stylesheets/archive.css") for href in sheets)


def test_404_page_is_styled_at_any_depth_under_a_sub_path(browser, site, served):
    with visit(browser, served) as record:
        page = record.page
        failed: list[str] = []
        page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
        missing = record.url("nonexistent/deeper.html")
        # The server answers a missing page with the site's 404.html, as GitHub Pages does.
        page.route(missing, lambda route: route.fulfill(status=404, path=site / "404.html"))
        page.goto(missing)
        _assert_styled(page)
        home = page.locator(".md-tabs__link", has_text="Speeches").get_attribute("href")
        assert page.evaluate("h => new URL(h, document.baseURI).href", home) == record.url(
            "speeches/index.html"
        )
        page.wait_for_load_state("networkidle")  # the search index too
        assert failed == [missing]  # the page itself, nothing it loads
        assert [p for p in record.problems() if "404 (Not Found)" not in p] == []


def test_404_page_is_styled_from_disk(browser, site):
    with visit(browser, site.as_uri() + "/") as record:
        failed: list[str] = []
        record.page.on("requestfailed", lambda request: failed.append(request.url))
        record.page.goto(record.url("404.html"))
        _assert_styled(record.page)
        assert record.page.evaluate("document.querySelector('base')") is None
        # Chromium's preload scanner reads the <base> (for a server) before the page's script
        # removes it, and asks for the assets under the published path, which is not on disk:
        # those speculative requests fail, nothing else does, and nothing leaves the machine.
        assert all(url.startswith("file:///" + SUB_PATH) for url in failed), failed
        assert [p for p in record.problems() if "ERR_FILE_NOT_FOUND" not in p] == []


def _axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " targets: v.nodes.map(n => n.target.join(' '))})))"
    )
    return [v for v in result if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_serious_accessibility_violation_on_any_page_type(browser, served, viewport):
    found: dict[str, list[str]] = {}
    with visit(browser, served) as record:
        record.page.set_viewport_size(DESKTOP if viewport == "desktop" else PHONE)
        for name, path in PAGE_TYPES.items():
            record.page.goto(record.url(path))
            for violation in _axe_violations(record.page):
                new = [
                    target for target in violation["targets"] if not _known(violation["id"], target)
                ]
                if new:
                    found.setdefault(name, []).append(
                        f"{violation['id']} ({violation['impact']}): {new}"
                    )
        assert record.problems() == []
    assert found == {}, json.dumps(found, indent=1)


def test_screenshots_of_the_seed_page_are_kept(browser, served):
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or ROOT / "test-artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    shots = {
        "speech-desktop.png": (DESKTOP, "light"),
        "speech-phone.png": (PHONE, "light"),
        "speech-desktop-dark.png": (DESKTOP, "dark"),
    }
    for name, (size, scheme) in shots.items():
        # A fresh context each: Material keeps the first scheme it chose in localStorage.
        with visit(browser, served) as record:
            record.page.set_viewport_size(size)
            record.page.emulate_media(color_scheme=scheme)
            record.page.goto(record.url(f"speeches/{SEED_SLUG}.html"))
            scheme_shown = record.page.evaluate("document.body.dataset.mdColorScheme")
            assert scheme_shown == ("slate" if scheme == "dark" else "default")
            record.page.screenshot(path=str(folder / name), full_page=False)
            assert (folder / name).stat().st_size > 10_000, name  # a picture, not a blank
            assert record.problems() == []
