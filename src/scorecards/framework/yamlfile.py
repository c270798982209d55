"""Read YAML keeping the line of every mapping, key and list item.

Framework errors must name the file and line, so the loader stamps each
mapping and sequence with where it came from; `line_of` then follows a
pydantic error location back to the line an analyst should edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from scorecards.errors import Issue, ScorecardsError


class YamlSyntaxError(ScorecardsError):
    """A file that is not valid YAML; `issue` locates it, the message shows the lines."""

    def __init__(self, issue: Issue, context: str) -> None:
        self.issue = issue
        super().__init__(f"{issue}\n{context}" if context else str(issue))


class LocatedDict(dict[Any, Any]):
    """A mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[Any, int]


class LocatedList(list[Any]):
    """A sequence that remembers its own line and the line of each item."""

    line: int
    item_lines: list[int]


# libyaml's parser (C) when PyYAML has it: the example framework parses in a
# tenth of the time. It gives every node the same marks (lines).
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Keep every scalar YAML would read as a date or a sexagesimal number as text:
    # "2016-17" and "2017-06" are periods, not arithmetic or dates.
    return str(loader.construct_scalar(node))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)


def read_yaml(path: Path, shown_as: str) -> Any:
    """Parse one YAML file; a syntax error names the file, the line and shows it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlSyntaxError(Issue(shown_as, None, None, f"cannot read: {exc}"), "") from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from (C)SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        context = _context(text, line)
        issue = Issue(shown_as, line, None, f"YAML syntax error: {problem}\n{context}")
        raise YamlSyntaxError(issue, "") from exc


def _context(text: str, line: int | None, around: int = 3) -> str:
    if line is None:
        return ""
    lines = text.splitlines()
    start, end = max(1, line - around), min(len(lines), line + around)
    return "\n".join(f"{'>' if n == line else ' '} {n:4d} | {lines[n - 1]}" for n in range(start, end + 1))


def line_of(data: Any, location: Sequence[int | str]) -> int | None:
    """The line of the deepest node along `location` (a pydantic error loc)."""
    line: int | None = getattr(data, "line", None)
    node = data
    for step in location:
        if isinstance(node, LocatedDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
        line = getattr(node, "line", line)
    return line
