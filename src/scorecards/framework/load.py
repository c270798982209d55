"""Load a framework folder: YAML → strict spec → resolved, cross-checked model.

Every problem in every file is collected first; the load then fails once
with all of them, each naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scorecards.errors import Issue, ScorecardsError, ValidationFailed
from scorecards.framework import resolve
from scorecards.framework.model import Framework
from scorecards.framework.spec import (
    EqualitySpec,
    FrameworkSpec,
    GeographiesFile,
    IndicatorsFile,
    NationalSpec,
    ScorecardSpec,
)
from scorecards.framework.yamlfile import YamlSyntaxError, line_of, read_yaml

SpecT = TypeVar("SpecT", bound=BaseModel)
EQUALITY_FILE = "equality.yaml"
NATIONAL_FILE = "national.yaml"


@dataclass
class Located:
    """A parsed spec together with the raw data that carries its line numbers."""

    file: str
    spec: Any
    raw: Any


@dataclass
class Collected:
    issues: list[Issue] = field(default_factory=list)
    framework: Located | None = None
    geographies: list[Located] = field(default_factory=list)
    indicators: list[Located] = field(default_factory=list)
    scorecards: list[Located] = field(default_factory=list)
    equality: Located | None = None
    national: Located | None = None


def load_framework(root: Path | str) -> Framework:
    """Read and validate every file of the framework at `root`."""
    root = Path(root)
    if not (root / "framework.yaml").is_file():
        raise ScorecardsError(
            f"{root}: not a framework folder (no framework.yaml); see docs/framework-format.md"
        )
    collected = Collected()
    collected.framework = _parse(root, root / "framework.yaml", FrameworkSpec, collected.issues)
    for path in _yaml_files(root / "geographies"):
        _append(collected.geographies, _parse(root, path, GeographiesFile, collected.issues))
    for path in _yaml_files(root / "indicators"):
        _append(collected.indicators, _parse(root, path, IndicatorsFile, collected.issues))
    for path in _yaml_files(root / "scorecards"):
        _append(collected.scorecards, _parse(root, path, ScorecardSpec, collected.issues))
    # Optional: without equality.yaml a release has no equality report, without
    # national.yaml no national figures or ranks.
    if (root / EQUALITY_FILE).is_file():
        collected.equality = _parse(root, root / EQUALITY_FILE, EqualitySpec, collected.issues)
    if (root / NATIONAL_FILE).is_file():
        collected.national = _parse(root, root / NATIONAL_FILE, NationalSpec, collected.issues)
    if collected.issues or collected.framework is None:
        raise ValidationFailed(f"framework {root}", collected.issues)
    framework, issues = resolve.resolve(
        root,
        collected.framework,
        collected.geographies,
        collected.indicators,
        collected.scorecards,
        collected.equality,
        collected.national,
    )
    if issues:
        raise ValidationFailed(f"framework {root}", issues)
    return framework


def _yaml_files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def _append(items: list[Located], item: Located | None) -> None:
    if item is not None:
        items.append(item)


def _parse(root: Path, path: Path, model: type[SpecT], issues: list[Issue]) -> Located | None:
    shown_as = path.relative_to(root).as_posix()
    try:
        raw = read_yaml(path, shown_as)
    except YamlSyntaxError as exc:
        issues.append(exc.issue)
        return None
    if raw is None:
        issues.append(Issue(shown_as, 1, None, "the file is empty"))
        return None
    try:
        return Located(shown_as, model.model_validate(raw), raw)
    except ValidationError as exc:
        for error in exc.errors():
            location = tuple(error["loc"])
            issues.append(Issue(shown_as, line_of(raw, location), _dotted(location), _message(error)))
        return None


def _dotted(location: tuple[int | str, ...]) -> str:
    # Drop pydantic's union-branch labels ("float", "list[TargetSpec]") from the path.
    parts = [str(p) for p in location if not (isinstance(p, str) and ("[" in p or p in _TYPE_NAMES))]
    return ".".join(parts)


_TYPE_NAMES = {"float", "str", "int", "bool", "RagSpec", "TargetSpec", "ColumnSpec", "literal['none']"}


def _message(error: Any) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return "unknown field (check the spelling; see docs/framework-format.md)"
    if error["type"] == "missing":
        return "required field is missing"
    return message.removeprefix("Value error, ")
