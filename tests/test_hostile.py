"""The hostile corpus (tests/hostile/): every attack ends in a clear refusal or an inert site.

Each case (its format in tests/hostile/README.md) is laid over a small valid archive and
run as a contributor and a publisher would run it, each command in its own interpreter
with the issue's bound of 30 s:

- `speech-archive check` and `speech-archive check --format json`, and a strict
  `mkdocs build`: a refused case exits non-zero with exactly its problems, the JSON
  parses, no traceback is printed and no file of the archive changes;
- an inert case builds, and its site holds no script, handler or `javascript:` URL the
  theme did not put there, no embedded resource from another host, and a feed, a JSON
  catalogue and a search index that parse;
- then Chromium opens the pages the payload reached, over HTTP and from disk, hovers
  every element with a title (Material re-renders titles as tooltips), clicks the
  speech's marks, and fails on any dialog (payloads call alert) or request leaving the site.

The quick run takes one case of each class through the commands; the full run takes all,
and the browser.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browser_support import serve, visit
from bs4 import BeautifulSoup
from conftest import PLAIN_FRONT_MATTER, make_small_archive

HOSTILE_DIR = Path(__file__).resolve().parent / "hostile"
CLASSES = ("injection", "tooltips", "unicode", "paths", "size", "faults")
MINIMUM_CASES = 150
TIME_LIMIT = 30  # seconds: the bound for any check or build, on a 2-core machine
# A plain speech for the baseline site, whose scripts are the theme's own.
PLAIN_SPEECH = PLAIN_FRONT_MATTER + "Some words of the speech about the Cold War.\n"


@dataclass(frozen=True)
class Case:
    name: str  # '<class>/<case>'
    folder: Path
    attack: str
    expect: str  # 'refused' or 'inert'
    problems: tuple[str, ...]

    @property
    def kind(self) -> str:
        return self.name.split("/")[0]


def load_cases() -> list[Case]:
    cases = []
    for spec in sorted(HOSTILE_DIR.glob("*/*/case.yml")):
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        folder = spec.parent
        name = f"{folder.parent.name}/{folder.name}"
        cases.append(
            Case(
                name,
                folder,
                str(data.get("attack", "")),
                str(data.get("expect", "")),
                tuple(str(line) for line in data.get("problems") or ()),
            )
        )
    return cases


CASES = load_cases()
# The quick run: the first case of each class.
QUICK = {next(case.name for case in CASES if case.kind == kind) for kind in {c.kind for c in CASES}}


def case_params(cases: list[Case]) -> list:
    return [
        pytest.param(case, id=case.name, marks=() if case.name in QUICK else pytest.mark.slow)
        for case in cases
    ]


def recipes(kind: str) -> dict[str, Callable[[Path], None]]:
    """RECIPES of tests/hostile/<kind>/recipes.py: what git cannot hold, made in the project."""
    path = HOSTILE_DIR / kind / "recipes.py"
    if not path.is_file():
        return {}
    spec = importlib.util.spec_from_file_location(f"hostile_recipes_{kind}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.RECIPES)


def lay_over(source: Path, dest: Path) -> None:
    """Copy the files under ``source`` into ``dest``, replacing files of the same path."""
    for path in sorted(source.rglob("*")):
        target = dest / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            shutil.copyfile(path, target)


def make_project(case: Case, base: Path, dest: Path) -> Path:
    project = dest / case.folder.name
    shutil.copytree(base, project, symlinks=True)
    for part in ("speeches", "docs"):
        if (case.folder / part).is_dir():
            lay_over(case.folder / part, project / part)
    recipe = recipes(case.kind).get(case.folder.name)
    if recipe is not None:
        recipe(project)
    return project


def sources_state(project: Path) -> dict[str, str]:
    """What each entry outside site/ is, by path, read without following links or opening specials."""
    state = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project).as_posix()
        if relative.split("/")[0] == "site" or relative.startswith(".site"):
            continue
        if path.is_symlink():
            state[relative] = "link:" + os.readlink(path)
        elif path.is_file() and not path.is_fifo():
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            state[relative] = digest.hexdigest()
        else:
            state[relative] = "dir" if path.is_dir() else "special"
    return state


@dataclass
class Run:
    command: str
    exit_code: int
    output: str  # stdout then stderr
    stdout: str
    seconds: float


def run_together(commands: dict[str, list[str]], project: Path) -> dict[str, Run]:
    """Run the commands at once (each in its own interpreter), each bounded by TIME_LIMIT."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    start = time.monotonic()
    processes = {
        label: subprocess.Popen(
            command,
            cwd=project,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for label, command in commands.items()
    }
    runs = {}
    try:
        for label, process in processes.items():
            left = max(TIME_LIMIT - (time.monotonic() - start), 0.1)
            try:
                out, err = process.communicate(timeout=left)
            except subprocess.TimeoutExpired:
                pytest.fail(f"{label} ran over {TIME_LIMIT} s")
            stdout = out.decode("utf-8", "backslashreplace")
            output = stdout + "\n" + err.decode("utf-8", "backslashreplace")
            runs[label] = Run(label, process.returncode, output, stdout, time.monotonic() - start)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    return runs


def speech_archive(project: Path, *args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "speech-archive"), "--root", str(project), *args]


def mkdocs_build(project: Path) -> list[str]:
    site = project / "site"
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)]


# 'path:line: field: message', as check prints a problem and the build reports it.
PROBLEM_LINE = re.compile(r"^\s*(?:ERROR\s*-\s*)?([^\s:][^:\n]*:\d+: \S+: .+)$", re.MULTILINE)


def reported(output: str) -> list[str]:
    return [match.group(1).strip() for match in PROBLEM_LINE.finditer(output)]


def assert_same_problems(case: Case, result: Run) -> None:
    lines = reported(result.output)
    missing = [p for p in case.problems if not any(line.startswith(p) for line in lines)]
    extra = [line for line in lines if not any(line.startswith(p) for p in case.problems)]
    assert not missing and not extra, (
        f"{result.command}: expected {list(case.problems)}\nmissing: {missing}\n"
        f"unexpected: {extra}\noutput:\n{result.output}"
    )


# --- what the theme itself puts on a page ---------------------------------------------------
_RELATIVE_LITERAL = re.compile(r'"[^"\n]*"')
SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def normalised_script(text: str) -> str:
    # The theme's inline scripts differ from page to page only by relative paths in strings.
    return _RELATIVE_LITERAL.sub('""', text.strip())


def theme_scripts(site: Path) -> set[str]:
    found = set()
    for page in site.rglob("*.html"):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")("script"):
            if not script.get("src") and script.get("type", "") in SCRIPT_TYPES:
                found.add(normalised_script(script.get_text()))
    return found


EMBEDDING = {  # the element and attribute a browser fetches on load
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "link": "href",
    "input": "src",
}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "xlink:href",
    "srcset",
    "background",
    "ping",
    "cite",
}


def url_scheme(url: str) -> str:
    """The scheme a browser would see (it drops controls and spaces); '?' if unparsable."""
    try:
        return urlsplit(re.sub(r"[\x00-\x20\x7f]", "", url)).scheme.lower()
    except ValueError:
        return "?"


FETCHING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}


def fetches(tag: str, attribute: str, rel: list[str]) -> bool:
    """True if the browser loads the URL in this attribute without a click."""
    if tag == "link":
        return attribute == "href" and bool(FETCHING_LINKS & {r.lower() for r in rel})
    return EMBEDDING.get(tag) == attribute or attribute in ("srcset", "poster", "background")


def unsafe_markup(site: Path, allowed_scripts: set[str]) -> list[str]:
    """Everything on the built pages that could run, embed or fetch beyond the theme's own."""
    found = []
    for page in sorted(site.rglob("*.html")):
        where = page.relative_to(site).as_posix()
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in html.find_all(True):
            tag = element.name
            if tag in FORBIDDEN_TAGS and not _error_pages_own_base(where, element):
                found.append(f"{where}: <{tag}>")
            # The theme's search form has no action: any other form posts somewhere.
            if tag == "form" and element.get("action") is not None:
                found.append(f"{where}: <form action={element['action']!r}>")
            if tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
                target = element.get("content", "").partition("=")[2]
                if urlsplit(target).scheme or target.startswith("//"):
                    found.append(f"{where}: refresh to {target!r}")
            if tag == "script" and element.get("type", "") in SCRIPT_TYPES:
                src = element.get("src")
                if src is not None and (urlsplit(src).scheme or src.startswith("//")):
                    found.append(f"{where}: script from {src!r}")
                if src is None and normalised_script(element.get_text()) not in allowed_scripts:
                    found.append(f"{where}: inline script {element.get_text()[:80]!r}")
            for name, value in element.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if name.lower().startswith("on"):
                    found.append(f"{where}: <{tag} {name}={text[:60]!r}>")
                if name.lower() == "style":  # the theme sets none: restyling is the contributor's
                    found.append(f"{where}: style={text[:60]!r} on <{tag}>")
                if name.lower() in URL_ATTRIBUTES:
                    scheme = url_scheme(text)
                    if scheme not in ("", "http", "https", "mailto"):
                        found.append(f"{where}: {name}={text[:60]!r} on <{tag}>")
                    if fetches(tag, name.lower(), element.get("rel", [])):
                        if scheme or text.lstrip().startswith(("//", "\\")):
                            found.append(f"{where}: <{tag}> loads {text[:60]!r} from elsewhere")
    return found


def _error_pages_own_base(where: str, element) -> bool:
    """The 404 page's <base>: the site's root (site_url's path, "/" unset), first in its
    head, so it shows at any depth (templates/main.html). Nothing a contributor writes."""
    head = element.find_parent("head")
    return (
        where == "404.html"
        and head is not None
        and head.find(True) is element
        and element.get("href") == "/"
    )


def assert_outputs_parse(site: Path) -> None:
    ET.fromstring((site / "feed.xml").read_bytes())
    json.loads((site / "speeches.json").read_text(encoding="utf-8"))
    json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


# --- fixtures -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def base_project(tmp_path_factory) -> Path:
    return make_small_archive(tmp_path_factory.mktemp("hostile-base"))


@pytest.fixture(scope="module")
def allowed_scripts(base_project, tmp_path_factory) -> set[str]:
    project = tmp_path_factory.mktemp("hostile-baseline") / "project"
    shutil.copytree(base_project, project, symlinks=True)
    (project / "speeches" / "2001-01-01-a-speech.md").write_text(PLAIN_SPEECH, encoding="utf-8")
    result = run_together({"mkdocs build --strict": mkdocs_build(project)}, project)
    assert result["mkdocs build --strict"].exit_code == 0, result["mkdocs build --strict"].output
    return theme_scripts(project / "site")


# Sites of inert cases, built once for the static checks and the browser.
_BUILT: dict[str, Path] = {}


def build_case(case: Case, base: Path, dest: Path) -> tuple[Path, dict[str, Run]]:
    project = make_project(case, base, dest)
    before = sources_state(project)
    runs = run_together(
        {
            "speech-archive check": speech_archive(project, "check"),
            "speech-archive check --format json": speech_archive(
                project, "check", "--format", "json"
            ),
            "mkdocs build --strict": mkdocs_build(project),
        },
        project,
    )
    for result in runs.values():
        assert "Traceback" not in result.output, f"{result.command}:\n{result.output}"
    assert sources_state(project) == before, "a command changed the archive's files"
    return project, runs


# --- the suite ------------------------------------------------------------------------------
def test_the_corpus_is_large_and_every_case_is_well_formed():
    assert len(CASES) >= MINIMUM_CASES, f"{len(CASES)} cases, expected at least {MINIMUM_CASES}"
    assert {case.kind for case in CASES} == set(CLASSES)
    for case in CASES:
        assert case.attack.strip(), f"{case.name}: case.yml says no attack"
        assert case.expect in ("refused", "inert"), f"{case.name}: expect is {case.expect!r}"
        assert bool(case.problems) == (case.expect == "refused"), case.name
        extra = {p.name for p in case.folder.iterdir()} - {"case.yml", "speeches", "docs"}
        assert not extra, f"{case.name}: unexpected {sorted(extra)}"
    for kind in CLASSES:
        names = {case.folder.name for case in CASES if case.kind == kind}
        assert set(recipes(kind)) <= names, f"{kind}: recipes for no case"


@pytest.mark.parametrize("case", case_params(CASES))
def test_case_is_refused_cleanly_or_builds_inert(case, base_project, allowed_scripts, tmp_path):
    project, runs = build_case(case, base_project, tmp_path)
    check, json_run, build = runs.values()
    report = json.loads(json_run.stdout)
    assert isinstance(report, dict), f"check --format json printed:\n{json_run.output}"
    if case.expect == "refused":
        for result in (check, build):
            assert result.exit_code != 0, f"{result.command} accepted it:\n{result.output}"
            assert_same_problems(case, result)
        assert json_run.exit_code != 0 and report.get("ok") is False, json_run.output
        return
    for result in runs.values():
        assert result.exit_code == 0, f"{result.command} refused it:\n{result.output}"
    site = project / "site"
    assert unsafe_markup(site, allowed_scripts) == []
    assert_outputs_parse(site)
    _BUILT[case.name] = site


INERT = [case for case in CASES if case.expect == "inert"]
PAYLOAD = re.compile(r"alert|evil\.example", re.IGNORECASE)
MAX_PAGES = 4  # the case's speech pages and the other pages its payload reached, first few
HOVERED = "[title], abbr, .md-ellipsis, .md-search-result__item"
MAX_HOVERS = 300
SEARCHED = "alert"  # what a payload calls: its text is in the index if it is anywhere
# The centre of every visible element matching the selector, in the viewport's coordinates.
CENTRES = """selector => [...document.querySelectorAll(selector)].flatMap(element => {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
    ? [[box.left + box.width / 2, box.top + box.height / 2]] : [];
})"""


def hover_everything(page) -> None:
    """Move the real mouse over every element the theme may give a tooltip.

    Material's tooltips start from real mouseenter events (synthetic ones do not show them),
    and a locator's hover() takes a tenth of a second each: the viewport is made as tall as
    the page and the mouse visits each element's centre.
    """
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 1280, "height": max(600, min(height, 8000))})
    for x, y in page.evaluate(CENTRES, HOVERED)[:MAX_HOVERS]:
        page.mouse.move(x, y)
        page.wait_for_timeout(15)  # the theme shows a tooltip on its next tick
    page.mouse.move(0, 0)


def pages_reached(case: Case, site: Path) -> list[str]:
    speeches = [
        f"speeches/{path.stem}.html"
        for path in sorted((case.folder / "speeches").glob("*.md"))
        if (site / "speeches" / f"{path.stem}.html").is_file()
    ]
    others = sorted(
        (
            page.relative_to(site).as_posix()
            for page in site.rglob("*.html")
            if PAYLOAD.search(page.read_text(encoding="utf-8"))
        ),
        key=lambda path: (path.count("/"), path),
    )
    pages = list(dict.fromkeys([*speeches, *others, "index.html"]))
    return pages[:MAX_PAGES]


@pytest.mark.slow
@pytest.mark.parametrize("protocol", ["http", "file"])
@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in INERT])
def test_inert_case_runs_nothing_in_chromium(
    case, protocol, browser, base_project, allowed_scripts, tmp_path
):
    site = _BUILT.get(case.name)
    if site is None:  # run on its own (-k): build it here
        project, runs = build_case(case, base_project, tmp_path)
        assert runs["mkdocs build --strict"].exit_code == 0, runs["mkdocs build --strict"].output
        site = _BUILT[case.name] = project / "site"
    pages = pages_reached(case, site)
    if protocol == "http":
        with serve(site) as base:
            problems = visit_pages(browser, base, pages)
    else:
        problems = visit_pages(browser, site.as_uri() + "/", pages)
    assert problems == []


def visit_pages(browser, base: str, pages: list[str]) -> list[str]:
    from playwright.sync_api import Error as PlaywrightError

    problems: list[str] = []
    with visit(browser, base) as record:
        page = record.page
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(record.url(path), wait_until="load")
            hover_everything(page)
            for mark in page.query_selector_all(".md-content a[href^='#']")[:40]:
                try:
                    mark.focus()
                    mark.click(timeout=300)
                except PlaywrightError:
                    with contextlib.suppress(PlaywrightError):
                        mark.dispatch_event("click")
            page.wait_for_timeout(200)
            problems += [f"{path}: dialog {message!r}" for message in dialogs]
            dialogs.clear()
        # Search results are drawn from the index as HTML: look for the payload's words.
        page.goto(record.url(pages[0]), wait_until="load")
        with contextlib.suppress(PlaywrightError):
            page.locator("input.md-search__input").click(timeout=2000)
            page.keyboard.type(SEARCHED)
            page.wait_for_selector(".md-search-result__item", timeout=3000)
            hover_everything(page)
        page.wait_for_timeout(200)
        problems += [f"search: dialog {message!r}" for message in dialogs]
        problems += [f"request outside the site: {url}" for url in record.foreign_requests()]
    return problems
