"""The shape of the code: stages depend one way.

The import graph of `src/scorecards` is read from the source (imports at
module level and inside functions alike) and checked against the pipeline:
framework → warehouse → compute → figures → assess → release → outputs →
interfaces (demo, web, cli). A module may import its own stage and earlier
ones only; no import cycle anywhere; the core never imports Django, Typer or
Rich.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import scorecards

PACKAGE = Path(scorecards.__file__).parent

# Each stage: the packages (or modules) in it, in pipeline order.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("scorecards", "scorecards.errors", "scorecards.periods")),
    ("framework", ("scorecards.framework",)),
    ("warehouse", ("scorecards.warehouse", "scorecards.synthetic")),
    ("compute", ("scorecards.compute",)),
    ("figures", ("scorecards.figures",)),
    ("assess", ("scorecards.assess",)),
    ("release", ("scorecards.release",)),
    ("outputs", ("scorecards.outputs",)),
    ("demo", ("scorecards.demo",)),
    ("web", ("scorecards.web",)),
    ("cli", ("scorecards.cli",)),
)
INTERFACE_LIBRARIES = ("django", "typer", "rich")
CORE_STAGES = {"base", "framework", "warehouse", "compute", "figures", "assess", "release", "outputs", "demo"}
# Readers of the release model: they may use the assess stage's types and
# constants (Rag, Direction, ARROWS, Assessment, Page…), never its functions.
READERS = (
    "scorecards.release.narrative",
    "scorecards.outputs",
    "scorecards.web",
    "scorecards.cli",
    "scorecards.demo",
)


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the module imported (a package's __init__ counts as the package)
    names: tuple[str, ...]  # for `from target import names`
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {
        module_name(path): path for path in sorted(PACKAGE.rglob("*.py")) if "migrations" not in path.parts
    }


def imports_of(name: str) -> Iterator[Import]:
    path = modules()[name]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, (), node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in modules():
                    yield Import(name, submodule, (), node.lineno)
                else:
                    yield Import(name, node.module, (alias.name,), node.lineno)


@cache
def all_imports() -> tuple[Import, ...]:
    return tuple(found for name in modules() for found in imports_of(name))


def stage_of(module: str) -> int:
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    return rank


def internal(found: Import) -> bool:
    return found.target == "scorecards" or found.target.startswith("scorecards.")


def test_every_module_belongs_to_a_stage() -> None:
    assert [name for name in modules() if stage_of(name) < 0] == []


def test_no_module_imports_a_later_stage() -> None:
    backwards = [
        f"{found.source}:{found.line} imports {found.target} "
        f"({STAGES[stage_of(found.source)][0]} → {STAGES[stage_of(found.target)][0]})"
        for found in all_imports()
        if internal(found) and stage_of(found.target) > stage_of(found.source)
    ]
    assert backwards == []


def test_there_is_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {name: set() for name in modules()}
    for found in all_imports():
        if found.target in graph and found.target != found.source:
            graph[found.source].add(found.target)
    assert find_cycles(graph) == []


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for neighbour in sorted(graph[node]):
            if neighbour not in index:
                visit(neighbour)
                low[node] = min(low[node], low[neighbour])
            elif neighbour in stack:
                low[node] = min(low[node], index[neighbour])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_a_cycle_is_found() -> None:
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_the_core_never_imports_the_interface_libraries() -> None:
    offending = [
        f"{found.source}:{found.line} imports {found.target}"
        for found in all_imports()
        if STAGES[stage_of(found.source)][0] in CORE_STAGES
        and found.target.split(".")[0] in INTERFACE_LIBRARIES
    ]
    assert offending == []


MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 50


def test_no_module_is_over_500_lines() -> None:
    long = {
        name: length
        for name, path in modules().items()
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_50_lines() -> None:
    long = [
        f"{name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for name, path in modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


@cache
def rules() -> frozenset[str]:
    """Every function the assess stage defines at module level: its rules."""
    found = set()
    for name, path in modules().items():
        if stage_of(name) == stage_index("assess"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found |= {f"{name}.{node.name}" for node in tree.body if isinstance(node, ast.FunctionDef)}
    return frozenset(found)


def stage_index(stage: str) -> int:
    return [name for name, _ in STAGES].index(stage)


def test_the_assess_stage_has_rules() -> None:
    assert "scorecards.assess.rag.rate" in rules()
    assert "scorecards.assess.direction.direction" in rules()


@pytest.mark.parametrize("reader", READERS)
def test_readers_of_the_release_never_apply_a_rule(reader: str) -> None:
    applied = [
        f"{found.source}:{found.line} imports {found.target}.{name}"
        for found in all_imports()
        if found.source == reader or found.source.startswith(reader + ".")
        for name in found.names
        if f"{found.target}.{name}" in rules()
    ]
    assert applied == []
