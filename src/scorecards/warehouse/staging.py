"""Stage rows parsed from XML or a workbook as text, like a CSV is staged.

Parsers of the XML returns and of Annex A turn each element or cell row
into a list of strings; from there the records are checked and inserted by
the same SQL as a CSV (`records.load_staged`). The rows go through a
temporary CSV because DuckDB reads that faster than any row-by-row insert,
and the first value of each row is the source row (an XML line, a sheet
row) that every problem report names. Writing the CSV and reading it are
separate steps, so that a file can be parsed and written in another
process while the warehouse loads the one before (`loading.load_files`).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

from scorecards.warehouse.records import drop_stage

Row = Sequence[object]


def stage_rows(con: duckdb.DuckDBPyConnection, columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Replace temp table `_stage` with `rows` (first value: the source row, then
    one text value per column, None for absent); return how many rows."""
    with tempfile.TemporaryDirectory(prefix="scorecards-stage-") as folder:
        path = Path(folder) / "stage.csv"
        count = write_rows(path, columns, rows)
        read_rows(con, path, columns)
    return count


def write_rows(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Write `rows` as the CSV `read_rows` reads; return how many rows."""
    every = rows if isinstance(rows, list) else list(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)  # writes None as an empty field
        writer.writerow(["_row", *(c.lower() for c in columns)])
        writer.writerows(every)
    return len(every)


def read_rows(con: duckdb.DuckDBPyConnection, path: Path | Sequence[Path], columns: Sequence[str]) -> None:
    """Replace temp table `_stage` with the rows `write_rows` wrote to `path`
    (or to each of several paths, in their order)."""
    types = {"_row": "BIGINT", **dict.fromkeys((c.lower() for c in columns), "VARCHAR")}
    paths = [str(path)] if isinstance(path, Path) else [str(p) for p in path]
    drop_stage(con)
    con.execute(
        "CREATE TEMP TABLE _stage AS SELECT * FROM read_csv(?, header = true, "
        "columns = ?, parallel = false, quote = '\"', escape = '\"', strict_mode = true)",
        [paths, types],
    )
