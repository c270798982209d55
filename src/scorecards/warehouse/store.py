"""The warehouse file and its provenance table.

Every record table carries `_load_id` and `_source_row`; `loads` says, for
each load, the kind, the source file, its checksum, when and by which
loader version. Loading a file whose checksum is already recorded for the
same kind changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from scorecards.errors import ScorecardsError

DEFAULT_WAREHOUSE = Path("warehouse.duckdb")
MEMORY_LIMIT = "3GB"

LOADS_DDL = """
CREATE TABLE IF NOT EXISTS loads (
    load_id INTEGER PRIMARY KEY,
    kind VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    loader_version VARCHAR NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    rows_with_warnings BIGINT NOT NULL
)
"""


def open_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if need be) the warehouse file at `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    except (OSError, duckdb.Error) as exc:
        raise ScorecardsError(f"{path}: cannot open the warehouse: {exc}") from exc
    con.execute("SET enable_progress_bar = false")  # progress is ours to show, through Rich
    # DuckDB would otherwise cache up to 80% of the machine's memory: with several kinds
    # loading at once a national load reached 10.8 GB. Past this it writes to disk.
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(LOADS_DDL)
    return con


def already_loaded(con: duckdb.DuckDBPyConnection, kind: str, sha256: str) -> bool:
    found = con.execute("SELECT 1 FROM loads WHERE kind = ? AND sha256 = ?", [kind, sha256]).fetchone()
    return found is not None


def next_load_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM loads").fetchone()
    assert row is not None
    return int(row[0])
