"""`scorecards load KIND PATH…`: load files into the warehouse.

Each file is loaded whole or not at all: either every acceptable record of
it is in the warehouse with its provenance, or (when the file cannot be read
at all) nothing of it is. Small files are committed several to a
transaction; when one of them fails, the transaction is rolled back and each
is loaded again in a transaction of its own. Rejected records and warnings go to a
quarantine CSV the analyst can fix and reload.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.warehouse.preparing import Load, Preparer, read_ahead, worth_preparing
from scorecards.warehouse.records import Problem
from scorecards.warehouse.store import already_loaded, next_load_id, open_warehouse


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


@dataclass
class FileReport:
    path: Path
    status: str  # loaded, skipped (already loaded), failed
    rows: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    warnings: int = 0
    message: str = ""


@dataclass
class LoadReport:
    kind: str
    warehouse: Path
    files: list[FileReport] = field(default_factory=list)
    quarantine: Path | None = None

    @property
    def loaded_anything(self) -> bool:
        return any(sum(f.rows.values()) > 0 for f in self.files) or all(
            f.status == "skipped" for f in self.files
        )


def load_files(
    warehouse: Path,
    loader: Loader,
    paths: Sequence[Path],
    progress: Callable[[str], None] = lambda step: None,
) -> LoadReport:
    report = LoadReport(loader.kind, warehouse)
    problems: list[Problem] = []
    con = open_warehouse(warehouse)
    try:
        for batch in _batches(_loads(loader, paths)):
            for file_report, file_problems in _load_batch(con, loader, batch, progress):
                report.files.append(file_report)
                problems += file_problems
    finally:
        con.close()
    if problems:
        report.quarantine = write_quarantine(warehouse, loader.kind, problems)
    return report


def _loads(loader: Loader, paths: Sequence[Path]) -> Iterator[tuple[Path, Load, bool]]:
    """Each path with the function that loads it, and whether that function can be
    called again (the files read ahead in other processes, `preparing.py`, cannot)."""

    def directly(path: Path) -> Load:
        return lambda con, load_id: loader.load_file(con, path, load_id)

    if isinstance(loader, Preparer) and worth_preparing(loader, paths):
        yield from ((path, load, False) for path, load in read_ahead(loader, paths, directly))
    else:
        yield from ((path, directly(path), True) for path in paths)


# Files are committed together up to this size or number: a commit costs tens
# of milliseconds, more than loading a small file (a national load has 3,000).
BATCH_BYTES = 64 * 2**20
BATCH_FILES = 50


def _batches(loads: Iterator[tuple[Path, Load, bool]]) -> Iterator[list[tuple[Path, Load]]]:
    """Consecutive loads grouped for one transaction; a load that cannot be
    retried is a batch of its own, as a failed batch is loaded again file by file."""
    batch: list[tuple[Path, Load]] = []
    size = 0
    for path, load, retryable in loads:
        if not retryable:
            yield from [batch, [(path, load)]] if batch else [[(path, load)]]
            batch, size = [], 0
            continue
        batch.append((path, load))
        size += _size(path)
        if size >= BATCH_BYTES or len(batch) >= BATCH_FILES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


Outcome = tuple[FileReport, list[Problem]]


def _load_batch(
    con: duckdb.DuckDBPyConnection,
    loader: Loader,
    batch: list[tuple[Path, Load]],
    progress: Callable[[str], None],
) -> list[Outcome]:
    """Load the files of `batch` in one transaction; if any fails, roll back and
    load each in a transaction of its own, so each file is in whole or not at all."""
    con.execute("BEGIN TRANSACTION")
    outcomes = []
    try:
        for path, load in batch:
            progress(f"Loading {path.name}")
            outcomes.append(_load_one(con, loader, path, load))
        con.execute("COMMIT")
    except (ScorecardsError, duckdb.Error) as exc:
        con.execute("ROLLBACK")
        if len(batch) == 1:
            return [(FileReport(batch[0][0], "failed", message=str(exc)), [])]
        return [
            outcome for path, load in batch for outcome in _load_batch(con, loader, [(path, load)], progress)
        ]
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return outcomes


def _load_one(con: duckdb.DuckDBPyConnection, loader: Loader, path: Path, load: Load) -> Outcome:
    """Load one file inside the open transaction; raise if it fails part-way."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return FileReport(path, "failed", message=f"cannot read: {exc.strerror}"), []
    if already_loaded(con, loader.kind, digest):
        return FileReport(path, "skipped", message="already loaded (same checksum): nothing changed"), []
    load_id = next_load_id(con)
    outcome = load(con, load_id)
    # A workbook's sheets repeat row numbers: count records by (file, row).
    rejected = len({(p.file, p.row) for p in outcome.problems if p.severity == "rejected"})
    warned = len({(p.file, p.row) for p in outcome.problems if p.severity == "warning"})
    con.execute(
        "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id,
            loader.kind,
            str(path),
            digest,
            datetime.now(tz=UTC).replace(tzinfo=None),
            loader.version,
            sum(outcome.rows.values()),
            rejected,
            warned,
        ],
    )
    return FileReport(path, "loaded", outcome.rows, rejected, warned), outcome.problems


def write_quarantine(warehouse: Path, kind: str, problems: list[Problem]) -> Path:
    """The rejected records and warnings, one row each, for the analyst to fix."""
    folder = warehouse.parent / f"{warehouse.stem}-quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{kind}-{stamp}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "row", "field", "severity", "reason", "record"])
        for p in problems:
            writer.writerow([p.file, p.row, p.field, p.severity, p.reason, p.record])
    return path
