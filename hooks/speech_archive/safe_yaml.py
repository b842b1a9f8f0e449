"""YAML for untrusted files: safe tags only, no aliases, bounded depth, line numbers kept.

PyYAML's SafeLoader already refuses ``!!python/*`` tags. On top of it this loader
refuses anchors and aliases (the "billion laughs" shape), limits nesting, keeps
dates as the strings the contributor wrote (the schema checks them), and returns,
beside the data, the line of every key and item so errors can point at them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_DEPTH = 20

Path = tuple  # a path into the data: keys and list indexes


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

    def compose_node(self, parent: Node | None, index: Any) -> Node:
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
                raise YamlProblem(key_node.start_mark.line + 1, f"repeats the key {key!r} (expected each key once)")
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, path + (key,), lines)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _record_lines(item, path + (index,), lines)


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlProblem with a line on anything unsafe or malformed."""
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as err:  # PyYAML checks the characters before parsing
        line = text[: err.position].count("\n") + 1
        raise YamlProblem(line, f"contains the control character U+{err.character:04X} "
                                "(expected printable text)") from None
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
            problem = f"uses the tag {err.problem.split('tag ')[-1]}, which is not allowed (expected plain YAML values)"
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
