"""England's working-day calendar as a table, for "within N working days".

Timeliness indicators (an assessment within 45 working days of its start)
count working days between two dates. With a table numbering every working
day, that count is a subtraction in the indicator's query — set-based, no
Python loop over records:

    finish.working_day_number - start.working_day_number   -- working days after `start` up to `finish`

A day is a working day when it is a Monday to Friday and not one of
England's bank holidays (including substitute days), as the `holidays`
library lists them.
"""

from __future__ import annotations

from datetime import date

import duckdb
import holidays


def create_calendar(con: duckdb.DuckDBPyConnection, start: date, end: date) -> None:
    """Table `calendar` (date, is_working_day, working_day_number) for every day
    from `start` to `end`. `working_day_number` counts the working days up to and
    including the date, so a weekend or holiday carries the previous working day's
    number."""
    if end < start:
        raise ValueError(f"calendar end {end} is before its start {start}")
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, end.year + 1))
    con.execute("CREATE OR REPLACE TEMP TABLE _bank_holidays (date DATE PRIMARY KEY)")
    con.executemany("INSERT INTO _bank_holidays VALUES (?)", [(day,) for day in sorted(bank_holidays)])
    con.execute(
        """
        CREATE OR REPLACE TABLE calendar AS
        WITH days AS (
            SELECT CAST(day AS DATE) AS date
            FROM range(CAST(? AS DATE), CAST(? AS DATE) + 1, INTERVAL 1 DAY) t(day)
        ),
        marked AS (
            SELECT d.date, isodow(d.date) <= 5 AND h.date IS NULL AS is_working_day
            FROM days d LEFT JOIN _bank_holidays h ON h.date = d.date
        )
        SELECT date, is_working_day,
            CAST(sum(CASE WHEN is_working_day THEN 1 ELSE 0 END) OVER (ORDER BY date) AS INTEGER)
                AS working_day_number
        FROM marked ORDER BY date
        """,
        [start, end],
    )
    con.execute("DROP TABLE _bank_holidays")
