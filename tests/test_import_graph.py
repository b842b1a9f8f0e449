"""The package's modules import one another without a cycle.

A cycle works until someone reorders an import, then fails at import time, or is
dodged with an import inside a function or under TYPE_CHECKING, which hides which
layer depends on which. The graph is read from the source (no module is imported),
counting every import: at the top, in functions, and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

SOURCE = ROOT / "src"
PACKAGE = "speech_archive"


@dataclass(frozen=True)
class Edge:
    target: str
    line: int  # where the importing module names it


def module_names(source: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``package`` under ``source``."""
    modules = {}
    for path in sorted((source / package).rglob("*.py")):
        parts = list(path.relative_to(source).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_package(modules: dict[str, Path], name: str) -> bool:
    return modules[name].name == "__init__.py"


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The dotted name a relative import (``from ..x import y``: level 2, name 'x') means."""
    if not level:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def import_graph(source: Path = SOURCE, package: str = PACKAGE) -> dict[str, dict[str, Edge]]:
    """Module -> the package's modules it imports (with the first line naming each).

    Importing ``a.b.c`` runs ``a/b/__init__.py`` first: a module outside ``a.b`` that
    imports ``a.b.c`` depends on ``a.b`` too. ``from a.b import c`` imports the module
    ``a.b.c`` when there is one, and ``a.b`` always.
    """
    modules = module_names(source, package)
    return {module: _imports_of(module, modules, package) for module in modules}


def _imports_of(module: str, modules: dict[str, Path], package: str) -> dict[str, Edge]:
    is_package = _is_package(modules, module)
    own = module if is_package else module.rpartition(".")[0]  # the package it runs in
    edges: dict[str, Edge] = {}

    def add(target: str, line: int) -> None:
        while target and target not in modules:  # 'a.b.function' -> 'a.b'
            target = target.rpartition(".")[0]
        while target and target != module:
            # The importer's own packages are already running when it runs.
            if not (own == target or own.startswith(target + ".")):
                edges.setdefault(target, Edge(target, line))
            target = target.rpartition(".")[0]

    tree = ast.parse(modules[module].read_text(encoding="utf-8"), str(modules[module]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == package:
                    add(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.level, node.module)
            if base.split(".")[0] != package:
                continue
            add(base, node.lineno)
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    add(f"{base}.{alias.name}", node.lineno)
    return edges


def cycles(graph: dict[str, dict[str, Edge]]) -> list[list[str]]:
    """One cycle (as a closed path) in each strongly connected part of the graph that has one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    parts: list[set[str]] = []

    def connect(start: str) -> None:  # Tarjan's algorithm, iteratively
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.add(member)
                    if member == node:
                        break
                if len(part) > 1:
                    parts.append(part)

    for module in sorted(graph):
        if module not in index:
            connect(module)
    return [_cycle_in(graph, part) for part in parts]


def _cycle_in(graph: dict[str, dict[str, Edge]], part: set[str]) -> list[str]:
    """A shortest closed path through the first module (by name) of a strongly connected part."""
    start = min(part)
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for target in sorted(graph[node]):
            if target == start:
                return [*paths[node], start]
            if target in part and target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start} in {sorted(part)}")


def describe(graph: dict[str, dict[str, Edge]], cycle: list[str]) -> str:
    steps = [
        f"  {module} (line {graph[module][target].line}) imports {target}"
        for module, target in itertools.pairwise(cycle)
    ]
    return "\n".join([" -> ".join(cycle), *steps])


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n\n".join(describe(graph, c) for c in found)


@pytest.mark.parametrize("leaf", ["speech_archive.urls", "speech_archive.markup"])
def test_the_url_scheme_and_the_markup_contract_depend_on_nothing_but_the_model(leaf):
    """Every layer imports them, so they may import no layer."""
    assert set(import_graph()[leaf]) <= {"speech_archive.model"}


# --- controls: the graph is read as Python runs imports -------------------------------------


def test_the_graph_holds_the_imports_the_build_is_known_to_make():
    graph = import_graph()
    assert "speech_archive.annotate.saying_callouts" in graph["speech_archive.build"]
    # pages/sayings.py: 'from ..urls import ...', 'from .listing import ...'
    assert {"speech_archive.urls", "speech_archive.pages.listing"} <= set(
        graph["speech_archive.pages.sayings"]
    )
    # Importing a module of pages/ runs pages/__init__.py: the importer depends on it too.
    assert "speech_archive.pages" in graph["speech_archive.build"]
    # A package's own modules do not depend on it for running it.
    assert "speech_archive.pages" not in graph["speech_archive.pages.sayings"]


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_cycle_through_a_type_checking_import_is_found(tmp_path):
    source = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from .b import thing\n",
            "b.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from pkg.sub.c import other\n"
            ),
            "sub/__init__.py": "",
            "sub/c.py": "def f():\n    from .. import a\n",
        },
    )
    graph = import_graph(source, "pkg")
    found = cycles(graph)
    assert found == [["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]], found
    assert "pkg.b (line 3) imports pkg.sub.c" in describe(graph, found[0])


def test_a_cycle_through_a_package_init_is_found(tmp_path):
    source = _package(
        tmp_path,
        {
            "__init__.py": "",
            "low.py": "from .high.page import render\n",  # runs high/__init__.py first
            "high/__init__.py": "from .other import x\n",
            "high/page.py": "",
            "high/other.py": "from ..low import y\n",
        },
    )
    assert cycles(import_graph(source, "pkg")) == [
        ["pkg.high", "pkg.high.other", "pkg.low", "pkg.high"]
    ]
