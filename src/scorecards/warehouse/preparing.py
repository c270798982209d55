"""Read the next files of a load in other processes while the warehouse loads this one.

Parsing a CIN census XML file is Python work, one core's worth; checking
and inserting its records is DuckDB's. A national load has 150 census
files, so while the warehouse loads one file, worker processes parse the
next ones (as many at once as there are cores, and never more than a few
files ahead) and write the rows they read to a temporary folder. The
files are still loaded one at a time, in order, each in its own
transaction: only the reading moves.

A loader takes part by having the three methods of `Preparer`; its
`prepare` must need nothing but the file (no warehouse) and return
something picklable. A file it cannot read raises ScorecardsError in the
worker, which is raised again where the file is loaded, inside that file's
transaction, so the file fails exactly as it would have.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol, runtime_checkable

import duckdb

from scorecards.warehouse.loaders import FileOutcome
from scorecards.warehouse.workers import Workers

Load = Callable[[duckdb.DuckDBPyConnection, int], FileOutcome]


@runtime_checkable
class Preparer(Protocol):
    def preparable(self, path: Path) -> bool:
        """Whether `prepare` does the reading of this file (else `load_file` does it all)."""
        ...

    def prepare(self, path: Path, folder: Path) -> object:
        """Read `path`, writing anything large into `folder`; runs in a worker process."""
        ...

    def load_prepared(
        self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int, prepared: object
    ) -> FileOutcome:
        """Load what `prepare` read, like `load_file` would load the file."""
        ...


def workers() -> int:
    return os.cpu_count() or 1


def worth_preparing(loader: Preparer, paths: Sequence[Path]) -> bool:
    """Reading ahead pays when at least two files need reading: else a worker only adds its start-up."""
    return sum(1 for p in paths if loader.preparable(p)) >= 2


def read_ahead(
    loader: Preparer, paths: Sequence[Path], load_file: Callable[[Path], Load]
) -> Iterator[tuple[Path, Load]]:
    """Each path, in order, with the function that loads it: from what a worker
    prepared, or by `load_file(path)` for a file the loader does not prepare."""
    with tempfile.TemporaryDirectory(prefix="scorecards-ahead-") as folder:
        pool = Workers(workers())
        try:
            waiting = deque(i for i, path in enumerate(paths) if loader.preparable(path))
            started: dict[int, Future[object]] = {}

            def start_next() -> None:
                if waiting:
                    i = waiting.popleft()
                    started[i] = pool.submit(loader.prepare, paths[i], Path(folder) / str(i))

            for _ in range(workers() + 1):
                start_next()
            for i, path in enumerate(paths):
                future = started.pop(i, None)
                if future is None:
                    yield path, load_file(path)
                    continue
                start_next()
                yield path, _from(loader, path, future)
                shutil.rmtree(Path(folder) / str(i), ignore_errors=True)
        finally:
            pool.close()


def _from(loader: Preparer, path: Path, future: Future[object]) -> Load:
    def load(con: duckdb.DuckDBPyConnection, load_id: int) -> FileOutcome:
        return loader.load_prepared(con, path, load_id, future.result())

    return load
