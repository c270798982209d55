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
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.warehouse.loaders import Loader
from scorecards.warehouse.preparing import Load, Preparer, read_ahead, workers, worth_preparing
from scorecards.warehouse.records import Problem
from scorecards.warehouse.store import already_loaded, next_load_id, open_warehouse


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
    return load_kinds(warehouse, [(loader, paths)], progress)[0]


def load_kinds(
    warehouse: Path,
    kinds: Sequence[tuple[Loader, Sequence[Path]]],
    progress: Callable[[str], None] = lambda step: None,
) -> list[LoadReport]:
    """Load each kind's files; the kinds at the same time, two at once.

    A county's CIN census is mostly Python parsing and its CSV kinds mostly
    DuckDB work, each leaving a core idle much of the time. Each kind loads
    on its own connection; load ids come from one counter. Tables two kinds
    share must exist beforehand (`views.create_tables`): two connections
    creating the same table at once conflict.
    """
    con = open_warehouse(warehouse)
    ids = _LoadIds(next_load_id(con))

    def load(kind: tuple[Loader, Sequence[Path]]) -> list[Outcome]:
        loader, paths = kind
        cursor = _connection(con)
        try:
            return _load_all(cursor, _Session(loader, progress, ids), _batches(_loads(loader, paths)))
        finally:
            cursor.close()

    try:
        with ThreadPoolExecutor(max(1, min(len(kinds), workers()))) as pool:
            outcomes = list(pool.map(load, kinds))
    finally:
        con.close()
    return [_report(warehouse, loader, found) for (loader, _), found in zip(kinds, outcomes, strict=True)]


def _connection(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Another connection to the warehouse `con` is open on."""
    cursor = con.cursor()
    cursor.execute("SET enable_progress_bar = false")
    return cursor


def _report(warehouse: Path, loader: Loader, outcomes: list[Outcome]) -> LoadReport:
    report = LoadReport(loader.kind, warehouse, [file_report for file_report, _ in outcomes])
    problems = [problem for _, found in outcomes for problem in found]
    if problems:
        report.quarantine = write_quarantine(warehouse, loader.kind, problems)
    return report


@dataclass
class _LoadIds:
    """The next load id, for every batch of every kind loaded at once."""

    next_id: int
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> int:
        with self.lock:
            self.next_id += 1
            return self.next_id - 1

    def give_back(self, ids: list[int]) -> None:
        """Return a rolled-back batch's ids when no other batch has taken one since
        (always, when batches go one by one), so ids have no gaps."""
        with self.lock:
            if ids and ids == list(range(self.next_id - len(ids), self.next_id)):
                self.next_id -= len(ids)


@dataclass
class _Session:
    """What the batches of one kind share: the load ids, and the checksums
    loaded so far (so the same file twice in one command loads once)."""

    loader: Loader
    progress: Callable[[str], None]
    ids: _LoadIds
    loaded: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def claim(self, digest: str) -> bool:
        """Whether `digest` is this file's to load (not loaded earlier in the command)."""
        with self.lock:
            fresh = digest not in self.loaded
            self.loaded.add(digest)
            return fresh

    def release(self, digests: Iterable[str], ids: list[int]) -> None:
        """Forget a rolled-back batch: its checksums and its load ids."""
        with self.lock:
            self.loaded.difference_update(digests)
        self.ids.give_back(ids)


def _load_all(
    con: duckdb.DuckDBPyConnection, session: _Session, batches: Iterator[list[tuple[Path, Load, bool]]]
) -> list[Outcome]:
    """Load every batch, in order of the paths given.

    Batches of small files are loaded two (one per core) at a time, each on
    its own connection in its own transaction: a small file's statements run
    on one core, so the other would idle. The first batch goes alone, as it
    creates the tables the others insert into. Files read ahead by worker
    processes (`preparing.py`) already keep the cores busy: those go one by one.
    """
    first = next(batches, None)
    if first is None:
        return []
    outcomes = _load_batch(con, session, first)
    if not first[0][2] or workers() < 2:
        for batch in batches:
            outcomes += _load_batch(con, session, batch)
        return outcomes
    local = threading.local()
    cursors: list[duckdb.DuckDBPyConnection] = []

    def load(batch: list[tuple[Path, Load, bool]]) -> list[Outcome]:
        if not hasattr(local, "cursor"):
            local.cursor = _connection(con)
            cursors.append(local.cursor)
        return _load_batch(local.cursor, session, batch)

    try:
        with ThreadPoolExecutor(workers()) as pool:
            for done in pool.map(load, batches):
                outcomes += done
    finally:
        for cursor in cursors:
            cursor.close()
    return outcomes


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
BATCH_BYTES = 16 * 2**20
BATCH_FILES = 50


def _batches(loads: Iterator[tuple[Path, Load, bool]]) -> Iterator[list[tuple[Path, Load, bool]]]:
    """Consecutive loads grouped for one transaction; a load that cannot be
    retried is a batch of its own, as a failed batch is loaded again file by file."""
    batch: list[tuple[Path, Load, bool]] = []
    size = 0
    for path, load, retryable in loads:
        if not retryable:
            if batch:
                yield batch
            yield [(path, load, retryable)]
            batch, size = [], 0
            continue
        batch.append((path, load, retryable))
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
    con: duckdb.DuckDBPyConnection, session: _Session, batch: list[tuple[Path, Load, bool]]
) -> list[Outcome]:
    """Load the files of `batch` in one transaction; if any fails, roll back and
    load each in a transaction of its own, so each file is in whole or not at all."""
    con.execute("BEGIN TRANSACTION")
    outcomes: list[Outcome] = []
    claimed: list[str] = []
    ids: list[int] = []
    try:
        for path, load, _ in batch:
            session.progress(f"Loading {path.name}")
            outcomes.append(_load_one(con, session, path, load, claimed, ids))
        con.execute("COMMIT")
    except (ScorecardsError, duckdb.Error) as exc:
        con.execute("ROLLBACK")
        session.release(claimed, ids)
        if len(batch) == 1:
            return [(FileReport(batch[0][0], "failed", message=str(exc)), [])]
        return [outcome for one in batch for outcome in _load_batch(con, session, [one])]
    except BaseException:
        con.execute("ROLLBACK")
        session.release(claimed, ids)
        raise
    return outcomes


def _load_one(
    con: duckdb.DuckDBPyConnection,
    session: _Session,
    path: Path,
    load: Load,
    claimed: list[str],
    ids: list[int],
) -> Outcome:
    """Load one file inside the open transaction (noting the checksum it claims
    and the load id it takes); raise if it fails part-way."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return FileReport(path, "failed", message=f"cannot read: {exc.strerror}"), []
    if already_loaded(con, session.loader.kind, digest) or not session.claim(digest):
        return FileReport(path, "skipped", message="already loaded (same checksum): nothing changed"), []
    claimed.append(digest)
    load_id = session.ids.take()
    ids.append(load_id)
    outcome = load(con, load_id)
    # A workbook's sheets repeat row numbers: count records by (file, row).
    rejected = len({(p.file, p.row) for p in outcome.problems if p.severity == "rejected"})
    warned = len({(p.file, p.row) for p in outcome.problems if p.severity == "warning"})
    con.execute(
        "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id,
            session.loader.kind,
            str(path),
            digest,
            datetime.now(tz=UTC).replace(tzinfo=None),
            session.loader.version,
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
