"""Writing generated rows to files: CSV by DuckDB's COPY, and text (XML)
streamed from SQL-built fragments between a header and a footer.

The row order of every file is the order of its query, which is fixed (an
ORDER BY, or a scan of a table built in order), so a seed always gives the
same bytes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb


def write_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> int:
    """Write `query`'s rows to `path` with a header line; return the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    result = con.execute(f"COPY ({query}) TO '{_literal(path)}' (FORMAT csv, HEADER true)").fetchone()
    return int(result[0]) if result else 0


def write_text(con: duckdb.DuckDBPyConnection, query: str, path: Path, header: str, footer: str) -> int:
    """Write the one text column of `query`, a fragment per row, between
    `header` and `footer`; return the number of fragments."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = path.with_name(path.name + ".body")
    raw = "FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\t'"  # fragments written as they are
    result = con.execute(f"COPY ({query}) TO '{_literal(body)}' ({raw})").fetchone()
    with path.open("wb") as out:
        out.write(header.encode())
        with body.open("rb") as fragments:
            shutil.copyfileobj(fragments, out, length=1 << 20)
        out.write(footer.encode())
    body.unlink()
    return int(result[0]) if result else 0


def _literal(path: Path) -> str:
    return str(path).replace("'", "''")
