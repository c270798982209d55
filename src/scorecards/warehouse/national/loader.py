"""National and neighbour figures (`scorecards load national`).

Three published layouts, each recognised by its columns:

- DfE tidy open data (`time_period, time_identifier, geographic_level, …`),
  as explore-education-statistics publishes every official statistic
  (`tidy.py`);
- statistical-neighbour groupings (`SN1`…`SN10`; `neighbours.py`);
- the Local Authority Interactive Tool's long data set, a Parquet file
  (`lait.py`).

Figures go to `national_figures`, groupings to `statistical_neighbours`.
Figures the DfE did not publish (`c`, `x`, `z`, `low`, …) are loaded with
their symbol and reported, never fatal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.warehouse.loaders import FileOutcome
from scorecards.warehouse.national.lait import is_lait, load_lait
from scorecards.warehouse.national.neighbours import is_grouping, load_grouping
from scorecards.warehouse.national.tidy import is_tidy, load_tidy
from scorecards.warehouse.records import Problem, drop_stage, stage_csv, staged_columns

Layout = Callable[[duckdb.DuckDBPyConnection, Path, int, list[str]], tuple[dict[str, int], list[Problem]]]
LAYOUTS: tuple[tuple[Callable[[list[str]], bool], Layout], ...] = (
    (is_tidy, load_tidy),
    (is_grouping, load_grouping),
    (is_lait, load_lait),
)


class NationalLoader:
    kind = "national"
    version = "1"

    def load_file(self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
        stage(con, path)
        columns = staged_columns(con)
        for recognises, load in LAYOUTS:
            if recognises(columns):
                rows, problems = load(con, path, load_id, columns)
                return FileOutcome(rows, problems)
        raise ScorecardsError(
            f"{path}: not a layout the national loader knows: expected DfE tidy data (time_period, "
            "time_identifier, geographic_level, …), statistical neighbours (SN1…SN10) or the LAIT data set"
        )


def stage(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """`_stage`: the file as text, lower-case column names, `_row` its row number."""
    if path.suffix.lower() != ".parquet":
        stage_csv(con, str(path))
        return
    drop_stage(con)
    try:
        con.execute(
            "CREATE TEMP TABLE _stage AS "
            "SELECT row_number() OVER () AS _row, COLUMNS(*)::VARCHAR FROM read_parquet(?)",
            [str(path)],
        )
    except duckdb.Error as exc:
        raise ScorecardsError(f"{path}: cannot read as Parquet: {exc}") from exc
    for name in staged_columns(con):
        if name != name.lower():
            con.execute(f'ALTER TABLE _stage RENAME COLUMN "{name}" TO "{name.lower()}"')


LOADER = NationalLoader()
