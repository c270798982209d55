"""What a loader is (`Loader`, giving a `FileOutcome` per file), and the registry of
loaders by the KIND the command line names.

Each kind's module is imported only when used, so one format's parser
never slows another's start-up.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.warehouse.record_rules import RecordRule
from scorecards.warehouse.records import Problem, RecordTable, load_staged, stage_csv


@dataclass
class FileOutcome:
    """What one file gave: records inserted per table, and every problem."""

    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class Loader(Protocol):
    kind: str
    version: str

    def load_file(self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
        """Insert one file's acceptable records; raise ScorecardsError if it cannot be read at all."""
        ...


@dataclass(frozen=True)
class CsvLoader:
    """The loader of a documented CSV that holds one record table (pupils, early help)."""

    kind: str
    table: RecordTable
    rules: tuple[RecordRule, ...]
    version: str = "1"

    def load_file(self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
        stage_csv(con, str(path))
        count, problems = load_staged(con, self.table, load_id, str(path), self.rules)
        return FileOutcome({self.table.table: count}, problems)


LOADERS = {
    "ssda903": "scorecards.warehouse.ssda903.loader",
    "cin-census": "scorecards.warehouse.cin_census.loader",
    "annex-a": "scorecards.warehouse.annex_a.loader",
    "school-census": "scorecards.warehouse.education.school_census",
    "pupils": "scorecards.warehouse.education.pupils",
    "early-help": "scorecards.warehouse.early_help.loader",
    "national": "scorecards.warehouse.national.loader",
}


def loader_for(kind: str) -> Loader:
    """The loader for `kind` (each module exposes `LOADER`)."""
    if kind not in LOADERS:
        raise ScorecardsError(f"unknown kind {kind!r}: choose one of {', '.join(LOADERS)}")
    module = importlib.import_module(LOADERS[kind])
    loader: Loader = module.LOADER
    return loader
