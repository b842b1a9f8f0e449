"""Every regular expression the package runs on contributor text takes linear time (issue 15).

The patterns are found in the source, not listed by hand: every ``re.compile``, ``re.search``
and friends in src/speech_archive/. A pattern made at module level is read from its module;
one written as a literal in a function is compiled here; one built at run time from the
archive's vocabularies must have a builder in DYNAMIC below, or the test fails. Each is then
run over adversarial inputs made from its own structure (long runs of each character
it names, of each pair of them, of its literal words and of a real speech, unclosed openers)
plus the hand-made ones in EXTRA: each input is tried on its first 64 KB, and the slowest
three run whole, 1 MB each, within LIMIT seconds.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import markdown
import pytest

from speech_archive.annotate import quotations
from speech_archive.annotate.glossary import compile_matcher
from speech_archive.load.catalogues import load_glossary
from speech_archive.load.schema import _ecma_regex
from speech_archive.pages.home import HOME_MARKER

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "speech_archive"
ROOT = PACKAGE.parents[1]
SIZE = 1_000_000
LIMIT = 10.0  # seconds for one pattern over one 1 MB input: linear ones take well under one
_RE_FUNCTIONS = {
    "compile",
    "match",
    "search",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "finditer",
    "findall",
}
_PARSER = re._parser  # type: ignore[attr-defined]  # the parser re uses (Python 3.11+)
_CATEGORY_SAMPLES = {
    "CATEGORY_DIGIT": "7",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": ".",
    "CATEGORY_LINEBREAK": "\n",
    "CATEGORY_NOT_LINEBREAK": "a",
}


def _glossary_patterns() -> list[re.Pattern[str]]:
    glossary, problems = load_glossary(ROOT / "speeches" / "glossary.yml", "glossary.yml")
    assert not problems
    matcher = compile_matcher(glossary)
    assert matcher is not None
    return [matcher.first_words, *matcher.by_first_word.values()]


def _abbreviation_patterns() -> list[re.Pattern[str]]:
    md = markdown.Markdown(extensions=["speech_archive.extensions.abbr_tooltips"])
    md.convert("*[UN]: United Nations\n*[CICA]: Conference\n\nThe UN and CICA.")
    processor = md.treeprocessors["abbr"]
    return [processor.url_or_abbr, processor.candidate]  # type: ignore[attr-defined]


def _schema_patterns() -> list[re.Pattern[str]]:
    """The patterns of the archive's speech schema, as the loader compiles them."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.append(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "speeches" / "speech.schema.json").read_text(encoding="utf-8")))
    assert found
    return [_ecma_regex(pattern) for pattern in found]


# Patterns built at run time, by "module:function" of the call: how to get them as built.
DYNAMIC: dict[str, Callable[[], list[re.Pattern[str]]]] = {
    "annotate.glossary:compile_matcher": _glossary_patterns,
    "load.schema:_ecma_regex": _schema_patterns,
    "extensions.abbr_tooltips:run": _abbreviation_patterns,
    "annotate.sayings:_by_speaker": lambda: [re.compile(rf"\b{re.escape('Lincoln')}\b")],
    "load.speech_rules:top_level_key_line": lambda: [re.compile(rf"{re.escape('title')}\s*:")],
    "pages.home:fill_home_page": lambda: [
        re.compile(rf"^[ \t]*{re.escape(HOME_MARKER)}[ \t]*$", re.MULTILINE)
    ],
}

# Bounded rather than linear: quotations.py runs its cue patterns only on the clause before
# a quotation or delimiter, or the words after one, at most this many characters (its
# docstring), once per quotation mark and at most _MAX_DELIMITERS times per sentence. The
# test runs each on windows spread over the input and bounds every call.
CUE_WINDOW = quotations._WINDOW
CUE_SAMPLES = 20  # windows per input
CUE_LIMIT = 0.25  # seconds for one call on one window: a few milliseconds in practice
WINDOWED = tuple(
    f"annotate.quotations.{name}"
    for name in (
        "_BEFORE", "_AFTER", "_UNMARKED_BEFORE", "_UNMARKED_AFTER", "_NOUN_ONLY", "_NOUN_THAT",
        "_NOUN_BEFORE", "_SAGE_ONLY", "_ASIDE",
    )
)  # fmt: skip

# Inputs a pattern's own characters would not suggest: what its structure is worst at.
EXTRA: list[str] = [
    "`" * 16 + " x" * 10,  # code-span openers with no closer
    "".join("`" * n + "a" for n in range(1, 17)),  # one unmatched run of each length
    "[a" * 10,  # links opened, never closed
    "[a](" * 10,
    "![" * 10,
    "{#a" * 10,  # attribute lists never closed
    "<a " * 10,  # tags never closed
    "&#" * 10,
    "a  \n" * 10,
    "“a " * 10,  # quotations opened, never closed
    "《a" * 10,
    "“" * 10,
    "as the proverb goes, " * 3,
    "said " * 10,
    "Psalm 23:1 " * 5,
    "https://" * 5,
    "http://a" + "/a" * 10,
    "www." * 10,
    "[^" * 10,
    "*[" * 10,
    "a-" * 10,
    "a'" * 10,
    "a’b " * 5,
    "\t" * 10,
    "- " * 10,
    "> " * 10,
    "1. " * 10,
    "!!! " * 5,
    "a" * 10 + " " * 10,
]


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def pattern_calls() -> Iterator[tuple[str, str, ast.Call, bool]]:
    """(module, enclosing function, call, made at module level) for every re.* call in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = _module_name(path)
        for statement in tree.body:
            top_level = not isinstance(
                statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
            )
            name = getattr(statement, "name", "<module>")
            for function, node in _calls(statement, name):
                yield module, function, node, top_level


def _calls(node: ast.AST, function: str) -> Iterator[tuple[str, ast.Call]]:
    for child in ast.iter_child_nodes(node):
        name = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
        if (
            isinstance(child, ast.Call)
            and isinstance(child.func, ast.Attribute)
            and isinstance(child.func.value, ast.Name)
            and child.func.value.id == "re"
            and child.func.attr in _RE_FUNCTIONS
        ):
            yield function, child
        yield from _calls(child, name)


def _module_patterns(module: str) -> dict[str, re.Pattern[str]]:
    """Every compiled pattern the module holds at its top level, alone or in a collection."""
    loaded = importlib.import_module(f"speech_archive.{module}")
    found = {}
    for name, value in vars(loaded).items():
        items = value.values() if isinstance(value, dict) else value
        if isinstance(value, re.Pattern):
            found[name] = value
        elif isinstance(value, tuple | list | dict):
            for index, item in enumerate(items):
                if isinstance(item, re.Pattern):
                    found[f"{name}[{index}]"] = item
    return found


# The method each pattern written in a function is called with: {id: 'search'}.
INLINE_METHODS: dict[str, str] = {}


def all_patterns() -> dict[str, re.Pattern[str]]:
    """Every pattern of the package by a readable id; fails on a call it cannot account for."""
    patterns: dict[str, re.Pattern[str]] = {}
    unaccounted = []
    for module, function, call, top_level in pattern_calls():
        if top_level:
            patterns.update({f"{module}.{name}": p for name, p in _module_patterns(module).items()})
            continue
        try:
            source = ast.literal_eval(call.args[0])
        except ValueError:
            source = None
        if isinstance(source, str):
            patterns[f"{module}:{function}:{call.lineno}"] = re.compile(source)
            INLINE_METHODS[f"{module}:{function}:{call.lineno}"] = call.func.attr  # type: ignore[attr-defined]
        elif f"{module}:{function}" in DYNAMIC:
            for index, built in enumerate(DYNAMIC[f"{module}:{function}"]()):
                patterns[f"{module}:{function}[{index}]"] = built
        else:
            unaccounted.append(f"{module}:{call.lineno} in {function}()")
    assert not unaccounted, (
        "patterns built at run time with no builder in DYNAMIC (add one, and adversarial "
        f"inputs to EXTRA if its structure needs them): {unaccounted}"
    )
    return patterns


def _alphabet(pattern: re.Pattern[str]) -> tuple[set[str], list[str]]:
    """The characters a pattern names (a sample of each class), and its literal words."""
    chars: set[str] = {"\n", " ", "a"}
    words: list[str] = []
    current: list[str] = []

    def walk(parsed) -> None:
        for op, value in parsed:
            name = getattr(op, "name", str(op))
            if name == "LITERAL":
                chars.add(chr(value))
                current.append(chr(value))
                continue
            if current:
                words.append("".join(current))
                current.clear()
            if name == "NOT_LITERAL":
                chars.add("a" if chr(value) != "a" else "b")
            elif name == "IN":
                for item_op, item in value:
                    item_name = getattr(item_op, "name", str(item_op))
                    if item_name == "LITERAL":
                        chars.add(chr(item))
                    elif item_name == "RANGE":
                        chars.add(chr(item[0]))
                    elif item_name == "CATEGORY":
                        chars.add(_CATEGORY_SAMPLES.get(getattr(item, "name", str(item)), "a"))
            elif name == "CATEGORY":
                chars.add(_CATEGORY_SAMPLES.get(getattr(value, "name", str(value)), "a"))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(value[2])
            elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
                walk(value[-1])
            elif name == "BRANCH":
                for branch in value[1]:
                    walk(branch)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(value[1])
            elif name == "GROUPREF_EXISTS":
                walk(value[1])
                if value[2]:
                    walk(value[2])
        if current:
            words.append("".join(current))
            current.clear()

    walk(_PARSER.parse(pattern.pattern, pattern.flags))
    return chars, [word for word in words if len(word) > 1]


_PROSE = (
    ROOT / "speeches" / "2014-05-21-new-approach-for-asian-security-cooperation.md"
).read_text(encoding="utf-8")


_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’《》「」『』，。：；"


def adversarial_inputs(pattern: re.Pattern[str], anchored: bool = False) -> Iterator[str]:
    """1 MB strings the pattern's structure is worst at; each a unit repeated to SIZE."""
    chars, words = _alphabet(pattern)
    if anchored:
        # A pattern tried only at the start never starts inside a run, so each run is also
        # tried after a lead the pattern may accept first: 'a' + 1 MB of spaces.
        for lead in dict.fromkeys(["a", *words[:3]]):
            for char in sorted(chars):
                yield (lead + char * SIZE)[:SIZE]
    # An input built only of characters the pattern does not name is read like plain
    # letters, which the units below already try: EXTRA units count where they share one.
    named = chars - set("a \n")
    extra = [unit for unit in EXTRA if named & set(unit)]
    units = [_PROSE, *extra, *sorted(chars)]
    units += [char + " " for char in sorted(chars)]
    if words:
        units += [" ".join(words) + " ", "".join(words), *(word + " " for word in words[:20])]
    for unit in dict.fromkeys(units):
        yield (unit * (SIZE // len(unit) + 1))[:SIZE]
    # Runs of every length once, so that no run closes another: a code span never closes.
    for char in sorted(chars & set(_PUNCTUATION)):
        yield "".join(char * n + "a" for n in range(1, 1500))[:SIZE]
    yield "[" * (SIZE // 2) + "]" * (SIZE // 2)


class _TooSlow(Exception):
    pass


def _alarm(signum, frame):
    raise _TooSlow


PATTERNS = all_patterns()


def test_every_pattern_in_the_package_is_found():
    # A sample of what the collection must hold, of each kind: module level, in a tuple,
    # a literal in a function, built at run time.
    assert {
        "annotate.blocks._PROTECTED",
        "cli.dates._DATE_FORMS[0]",
        "annotate.chinese_sayings._CUES[0]",
        "annotate.glossary:compile_matcher[0]",
        "load.bounds._RUN",
    } <= set(PATTERNS)
    assert len(PATTERNS) >= 100


def _methods(name: str) -> set[str]:
    """The methods the package calls on the pattern, where its source shows them: a pattern
    only ever matched at the start (match, fullmatch) is run that way, not from every place."""
    if name in INLINE_METHODS:
        return {INLINE_METHODS[name]}
    attribute = name.partition("[")[0].rpartition(".")[2]
    if not attribute.isidentifier():
        return set()
    # Any module may use it (a name two modules share only adds uses: the stricter run).
    return set(re.findall(rf"\b{attribute}\.({'|'.join(_RE_FUNCTIONS)})\(", _SOURCES))


_SOURCES = "\n".join(path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py")))


def _run(name: str, pattern: re.Pattern[str], text: str) -> float:
    """Seconds for the pattern over ``text`` as the package runs it; fails past LIMIT."""
    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, LIMIT)  # the regex engine checks signals
    try:
        if name.split("[")[0] in WINDOWED:
            for start in range(0, len(text), max(len(text) // CUE_SAMPLES, 1)):
                called = time.perf_counter()
                pattern.search(text[start : start + CUE_WINDOW])
                assert time.perf_counter() - called < CUE_LIMIT, (name, text[:40])
        else:
            subject = text.encode() if isinstance(pattern.pattern, bytes) else text
            methods = _methods(name)
            if not methods <= {"match", "fullmatch"}:
                for _ in pattern.finditer(subject):
                    pass
            # A pattern the package matches whole (a line) also backtracks from the end.
            for anchored in methods & {"match", "fullmatch"}:
                getattr(pattern, anchored)(subject)
    except _TooSlow:
        pytest.fail(f"{name} took over {LIMIT} s on {text[:40]!r}... ({len(text):,} characters)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    spent = time.perf_counter() - started
    assert spent < LIMIT, (name, text[:40])
    return spent


# Every input is tried on its first 64 KB; the slowest few then run whole (1 MB). A pattern
# that is quadratic on an input is already its slowest at 64 KB, and the whole sweep at
# 1 MB would take twenty minutes on two cores.
SCREEN = SIZE // 16
WORST = 3


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_adversarial_input(name):
    pattern = PATTERNS[name]
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    anchored = source.startswith(("^", "\\A")) or bool(_methods(name) & {"match", "fullmatch"})
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        screened = [
            (_run(name, pattern, text[:SCREEN]), index)
            for index, text in enumerate(adversarial_inputs(pattern, anchored))
        ]
        slowest = {index for _, index in sorted(screened, reverse=True)[:WORST]}
        for index, text in enumerate(adversarial_inputs(pattern, anchored)):
            if index in slowest:
                assert len(text) == SIZE
                _run(name, pattern, text)
    finally:
        signal.signal(signal.SIGALRM, previous)
