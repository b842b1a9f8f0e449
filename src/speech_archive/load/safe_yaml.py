"""YAML for untrusted files: safe tags only, no aliases, bounded depth, line numbers kept.

PyYAML's SafeLoader already refuses ``!!python/*`` tags. On top of it this loader
refuses anchors and aliases (the "billion laughs" shape), limits nesting, keeps
dates as the strings the contributor wrote (the schema checks them), and returns,
beside the data, the line of every key and item so errors can point at them.

A thousand front matters take a second in PyYAML's pure-Python parser, a third of
that in libyaml's. So a file is first read with libyaml and kept only if the result
is plainly fine (a tree, shallow, no repeated key); anything else is read again by
the strict loader, which reports it. Either way the data and lines are the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeAlias

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_DEPTH = 20

Path: TypeAlias = tuple[str | int, ...]  # a path into the data: keys and list indexes


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line  # 1-based, relative to the YAML text
        self.message = message


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects aliases and deep nesting while composing."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                event.start_mark.line + 1,
                "uses a YAML alias (*name); anchors and aliases are not allowed: write the value out",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlProblem(
                self.peek_event().start_mark.line + 1,
                f"is nested more than {MAX_DEPTH} levels deep",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Keep dates as text: 'date: 2014-05-21' stays the string the schema validates,
# and 'date: 2014-02-30' is reported instead of crashing the constructor.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# PyYAML built without libyaml has no CParser: the strict loader then reads everything.
_WITH_LIBYAML: bool = yaml.__with_libyaml__
# PyYAML's reader refuses these characters; libyaml's rules differ, so check them first.
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
# libyaml composes nested flow collections ('[[[...') by recursion: many brackets -> strict loader.
_MAX_BRACKETS = MAX_DEPTH


class _NotPlain(Exception):
    """The fast read found something the strict loader must see (and maybe report)."""


if _WITH_LIBYAML:
    from yaml._yaml import CParser  # the parser yaml.cyaml's loaders are built on

    class _FastLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser with the strict loader's constructor and resolvers."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)  # path -> 1-based line

    def line_of(self, path: Path) -> int:
        """The line of the deepest known prefix of ``path``."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return 1


def _record_lines(node: Node, path: Path, lines: dict[Path, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node.value, str) else str(key_node.value)
            if key in seen:
                # PyYAML would silently keep the last value; a contributor should know.
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    f"repeats the key {key!r} (expected each key once)",
                )
            seen.add(key)
            lines[(*path, key)] = key_node.start_mark.line + 1
            _record_lines(value_node, (*path, key), lines)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _record_lines(item, (*path, index), lines)


def _check_plain_tree(node: Node, depth: int, seen: set[int]) -> None:
    """Raise _NotPlain on an alias (a node met twice) or nesting beyond MAX_DEPTH."""
    if id(node) in seen or depth > MAX_DEPTH:
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            _check_plain_tree(key_node, depth + 1, seen)
            _check_plain_tree(value_node, depth + 1, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_plain_tree(item, depth + 1, seen)


def _load_plain_yaml(text: str) -> YamlDocument:
    """The document read by libyaml, or _NotPlain if the strict loader must read it."""
    if (
        not _WITH_LIBYAML
        or _NON_PRINTABLE.search(text)
        or text.count("[") + text.count("{") > _MAX_BRACKETS
    ):
        raise _NotPlain
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {})
        _check_plain_tree(node, 1, set())
        lines: dict[Path, int] = {}
        _record_lines(node, (), lines)  # raises YamlProblem on a repeated key
        return YamlDocument(loader.construct_document(node), lines)
    except (yaml.YAMLError, YamlProblem):
        raise _NotPlain from None
    finally:
        loader.dispose()


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlProblem with a line on anything unsafe or malformed."""
    # The one C1 control PyYAML's reader lets through: it reads it as a line break, so a
    # value would silently change (or lines shift). Refused as the reader refuses the rest.
    nel = text.find("\x85")
    if nel != -1:
        line = text.count("\n", 0, nel) + 1
        raise YamlProblem(line, "contains the control character U+0085 (expected printable text)")
    try:
        return _load_plain_yaml(text)
    except _NotPlain:
        pass  # read again below, where every problem gets its message and line
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as err:  # PyYAML checks the characters before parsing
        line = text[: err.position].count("\n") + 1
        raise YamlProblem(
            line, f"contains the control character U+{err.character:04X} (expected printable text)"
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {})
        data = loader.construct_document(node)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        problem = err.problem or "is not valid YAML"
        if "could not determine a constructor" in problem:
            problem = f"uses the tag {problem.split('tag ')[-1]}, which is not allowed (expected plain YAML values)"
        else:
            problem = f"is not valid YAML: {problem}"
        raise YamlProblem(line, problem) from None
    except yaml.YAMLError as err:
        raise YamlProblem(1, f"is not valid YAML: {err}") from None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    _record_lines(node, (), lines)
    return YamlDocument(data, lines)
