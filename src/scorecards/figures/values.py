"""Values input: tidy CSV or XLSX of indicator results, validated as a set.

Columns: indicator, geography, period, value, numerator, denominator,
status, note (and optionally group). Every problem in every file is
collected — unknown codes, periods that do not fit the frequency,
impossible percentages, duplicates, non-numbers — and reported together
with file, row and column; nothing is loaded unless all files are clean.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scorecards.errors import Issue, ScorecardsError, ValidationFailed

REQUIRED = ("indicator", "geography", "period", "value", "numerator", "denominator", "status", "note")
OPTIONAL = ("group",)
STATUSES: dict[str, str | None] = {
    "": None,
    "not_available": "not_available",
    "not available": "not_available",
    "data not available": "not_available",
    "to_be_supplied": "to_be_supplied",
    "to be supplied": "to_be_supplied",
    "data to be supplied": "to_be_supplied",
}


@dataclass(frozen=True)
class InputFile:
    """A values file as read, with the checksum recorded in release.json."""

    path: Path
    sha256: str
    rows: int


def load_values(con: duckdb.DuckDBPyConnection, paths: Sequence[Path]) -> list[InputFile]:
    """Read and validate every file into table `observations`, or raise with every problem."""
    con.execute(f"CREATE OR REPLACE TABLE raw_values (file VARCHAR, row BIGINT, {_columns_ddl()})")
    inputs: list[InputFile] = []
    issues: list[Issue] = []
    for path in paths:
        try:
            inputs.append(_stage(con, Path(path)))
        except ValidationFailed as failed:
            issues.extend(failed.issues)
    issues += [Issue(*row) for row in con.execute(_CHECKS_SQL).fetchall()]
    if issues:
        raise ValidationFailed("values", issues)
    con.execute(_OBSERVATIONS_SQL)
    return inputs


def _columns_ddl() -> str:
    return ", ".join(f'"{c}" VARCHAR' for c in (*REQUIRED, *OPTIONAL))


def _stage(con: duckdb.DuckDBPyConnection, path: Path) -> InputFile:
    if not path.is_file():
        raise ScorecardsError(f"{path}: no such values file")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        with tempfile.TemporaryDirectory() as tmp:
            csv_path = Path(tmp) / "values.csv"
            _xlsx_to_csv(path, csv_path)
            rows = _stage_csv(con, csv_path, str(path))
    elif suffix == ".csv":
        rows = _stage_csv(con, path, str(path))
    else:
        raise ScorecardsError(f"{path}: values must be a .csv or .xlsx file")
    return InputFile(path, digest, rows)


def _stage_csv(con: duckdb.DuckDBPyConnection, path: Path, shown_as: str) -> int:
    header = _header(path, shown_as)
    present = [c for c in (*REQUIRED, *OPTIONAL) if c in header]
    selected = ", ".join(f'"{c}"' for c in present)
    con.execute(
        f"""
        INSERT INTO raw_values (file, row, {selected})
        SELECT ?, row_number() OVER () + 1, {selected}
        FROM read_csv(?, header = true, all_varchar = true, parallel = false,
                      strict_mode = false, null_padding = true)
        """,
        [shown_as, str(path)],
    )
    return int(con.execute("SELECT count(*) FROM raw_values WHERE file = ?", [shown_as]).fetchone()[0])  # type: ignore[index]


def _header(path: Path, shown_as: str) -> list[str]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
    except UnicodeDecodeError as exc:
        raise ValidationFailed("values", [Issue(shown_as, 1, None, f"not UTF-8 text: {exc.reason}")]) from exc
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    unknown = [h for h in names if h not in REQUIRED and h not in OPTIONAL]
    issues = [Issue(shown_as, 1, c, "required column is missing") for c in missing]
    issues += [Issue(shown_as, 1, h or "(blank)", "unknown column") for h in unknown]
    if issues:
        raise ValidationFailed("values", issues)
    return names


def _xlsx_to_csv(source: Path, target: Path) -> None:
    from openpyxl import load_workbook  # only XLSX inputs need it

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ScorecardsError(f"{source}: cannot read as an XLSX workbook: {exc}") from exc
    sheet = book.worksheets[0]
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for cells in sheet.iter_rows(values_only=True):
            writer.writerow(["" if c is None else _cell_text(c) for c in cells])
    book.close()


def _cell_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


_CLEAN_SQL = """
    SELECT r.*,
        trim(coalesce(r.indicator, '')) AS ind,
        lower(trim(coalesce(r.geography, ''))) AS geo_label,
        trim(coalesce(r.period, '')) AS per,
        nullif(trim(coalesce(r.value, '')), '') AS v_text,
        nullif(trim(coalesce(r.numerator, '')), '') AS n_text,
        nullif(trim(coalesce(r.denominator, '')), '') AS d_text,
        lower(trim(coalesce(r.status, ''))) AS status_text,
        coalesce(nullif(lower(trim(coalesce(r."group", ''))), ''), 'all') AS grp,
        i.code AS indicator_code, i.unit, i.frequency, i.year_end_month, i.decimals,
        gn.code AS geography_code
    FROM raw_values r
    LEFT JOIN indicators i ON i.code = trim(coalesce(r.indicator, ''))
    LEFT JOIN geography_names gn ON gn.label = lower(trim(coalesce(r.geography, '')))
"""

_STATUS_CASES = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in STATUSES.items() if v)
_STATUS_VALUES = ", ".join(f"'{k}'" for k in STATUSES)

_CHECKS_SQL = f"""
WITH c AS ({_CLEAN_SQL}),
n AS (
    SELECT *, TRY_CAST(replace(v_text, ',', '') AS DOUBLE) AS v,
        TRY_CAST(replace(n_text, ',', '') AS DOUBLE) AS num,
        TRY_CAST(replace(d_text, ',', '') AS DOUBLE) AS den,
        CASE WHEN frequency = 'A' THEN regexp_full_match(per, '\\d{{4}}-\\d{{2}}')
                 AND (CAST(substr(per, 1, 4) AS INTEGER) + 1) % 100 = CAST(substr(per, 6, 2) AS INTEGER)
             ELSE regexp_full_match(per, '\\d{{4}}-(0[1-9]|1[0-2])') END AS period_ok
    FROM c
),
problems AS (
    SELECT file, row, 'indicator' AS col,
        CASE WHEN ind = '' THEN 'indicator is missing'
             ELSE 'unknown indicator ' || ind || ' (not in the framework)' END AS msg
    FROM n WHERE indicator_code IS NULL
    UNION ALL
    SELECT file, row, 'geography',
        CASE WHEN geo_label = '' THEN 'geography is missing'
             ELSE 'unknown geography ' || trim(geography)
                  || ' (not a code, name or alias in the framework)' END
    FROM n WHERE geography_code IS NULL
    UNION ALL
    SELECT file, row, 'period',
        CASE WHEN frequency = 'A'
             THEN 'period ' || per || ' does not fit annual indicator ' || ind
                  || ': write the year as YYYY-YY, e.g. 2016-17'
             ELSE 'period ' || per || ' does not fit '
                  || CASE frequency WHEN 'M' THEN 'monthly' ELSE 'quarterly' END
                  || ' indicator ' || ind || ': write the month as YYYY-MM, e.g. 2017-06' END
    FROM n WHERE indicator_code IS NOT NULL AND NOT period_ok
    UNION ALL
    SELECT file, row, 'value', 'not a number: ' || v_text FROM n WHERE v_text IS NOT NULL AND v IS NULL
    UNION ALL
    SELECT file, row, 'numerator', 'not a number: ' || n_text
    FROM n WHERE n_text IS NOT NULL AND num IS NULL
    UNION ALL
    SELECT file, row, 'denominator', 'not a number: ' || d_text
    FROM n WHERE d_text IS NOT NULL AND den IS NULL
    UNION ALL
    SELECT file, row, 'value', 'percentage ' || v_text || ' is outside 0-100'
    FROM n WHERE unit = 'percent' AND (v < 0 OR v > 100)
    UNION ALL
    SELECT file, row, 'numerator', 'numerator ' || n_text || ' is above the denominator ' || d_text
    FROM n WHERE unit = 'percent' AND num > den
    UNION ALL
    SELECT file, row, 'numerator', 'a numerator needs a denominator'
    FROM n WHERE num IS NOT NULL AND d_text IS NULL
    UNION ALL
    SELECT file, row, 'denominator', 'denominator is negative' FROM n WHERE den < 0
    UNION ALL
    SELECT file, row, 'status', 'unknown status ' || status_text || ': use not_available or to_be_supplied'
    FROM n WHERE status_text NOT IN ({_STATUS_VALUES})
    UNION ALL
    SELECT file, row, 'value', 'no value: give a value, a numerator and denominator, or a status'
    FROM n WHERE v_text IS NULL AND (n_text IS NULL OR d_text IS NULL) AND status_text = ''
    UNION ALL
    SELECT file, row, 'group', 'group ' || grp || ' is not a name such as all, non-uasc or fsm'
    FROM n WHERE NOT regexp_full_match(grp, '[a-z0-9][a-z0-9:_\\-]*')
    UNION ALL
    SELECT file, row, 'indicator', 'duplicate of ' || first_file || ' row ' || first_row
        || ' (same indicator, geography, period and group)'
    FROM (
        SELECT *, first_value(file) OVER w AS first_file, first_value(row) OVER w AS first_row,
               row_number() OVER w AS copy
        FROM n WHERE indicator_code IS NOT NULL AND geography_code IS NOT NULL
        WINDOW w AS (PARTITION BY indicator_code, geography_code, per, grp ORDER BY file, row)
    ) WHERE copy > 1
)
SELECT file, row, col, msg FROM problems ORDER BY file, row, col
"""

_OBSERVATIONS_SQL = f"""
CREATE OR REPLACE TABLE observations AS
WITH c AS ({_CLEAN_SQL}),
n AS (
    SELECT *, TRY_CAST(replace(v_text, ',', '') AS DOUBLE) AS v,
        TRY_CAST(replace(n_text, ',', '') AS DOUBLE) AS num,
        TRY_CAST(replace(d_text, ',', '') AS DOUBLE) AS den
    FROM c
)
SELECT indicator_code AS indicator, geography_code AS geography, grp,
    CAST(NULL AS VARCHAR) AS breakdown, per AS period,
    CASE WHEN frequency = 'A'
         THEN last_day(make_date(CAST(substr(per, 1, 4) AS INTEGER) + 1, year_end_month, 1))
         ELSE last_day(CAST(per || '-01' AS DATE)) END AS period_end,
    coalesce(v, CASE WHEN den > 0 THEN num / den * CASE unit WHEN 'percent' THEN 100
                                                          WHEN 'rate_per_10000' THEN 10000
                                                          ELSE 1 END END) AS value,
    num AS numerator, den AS denominator,
    CASE status_text {_STATUS_CASES} END AS status,
    coalesce(trim(note), '') AS note, file AS source_file, row AS source_row, 'values' AS origin
FROM n
"""
