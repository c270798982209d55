"""Stage rows parsed from XML or a workbook as text, like a CSV is staged.

Parsers of the XML returns and of Annex A turn each element or cell row
into a list of strings; from there the records are checked and inserted by
the same SQL as a CSV (`records.load_staged`). The rows go through a
temporary CSV because DuckDB reads that faster than any row-by-row insert,
and the first value of each row is the source row (an XML line, a sheet
row) that every problem report names.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

Row = Sequence[object]


def stage_rows(con: duckdb.DuckDBPyConnection, columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Replace temp table `_stage` with `rows` (first value: the source row, then
    one text value per column, None for absent); return how many rows."""
    names = [c.lower() for c in columns]
    with tempfile.TemporaryDirectory(prefix="scorecards-stage-") as folder:
        path = Path(folder) / "stage.csv"
        count = _write(path, names, rows)
        types = {"_row": "BIGINT", **dict.fromkeys(names, "VARCHAR")}
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _stage AS SELECT * FROM read_csv(?, header = true, "
            "columns = ?, parallel = false, quote = '\"', escape = '\"', strict_mode = true)",
            [str(path), types],
        )
    return count


def _write(path: Path, names: Sequence[str], rows: Iterable[Row]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["_row", *names])
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])
            count += 1
    return count
