"""Results: for every indicator shown, every geography and group's latest
result and the earlier results it is compared with, in one query.

The query picks the latest result at or before the data month, the
previously reported result for each cadence, the results a month and a year
before the latest, and the whole monthly series for trends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from scorecards.framework.model import Framework, Indicator
from scorecards.periods import Month, last_month_of


@dataclass(frozen=True)
class Observation:
    period: str
    period_end: date
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    status: str | None = None
    note: str = ""
    origin: str = "values"

    @property
    def derived(self) -> bool:
        return self.origin == "derived"


@dataclass(frozen=True)
class Result:
    """One indicator's figures for one geography and group, as at a data month."""

    indicator: str
    geography: str
    group: str
    latest: Observation
    previous: dict[int, Observation] = field(default_factory=dict)
    one_month_ago: Observation | None = None
    one_year_ago: Observation | None = None
    series: tuple[Observation, ...] = ()

    def at_end(self, period_end: date) -> Observation | None:
        return next((o for o in self.series if o.period_end == period_end), None)

    def at_period(self, period: str) -> Observation | None:
        return next((o for o in self.series if o.period == period), None)

    def anchored(self, year: str, previous_year: str) -> Result:
        """The result as at one year of an annual indicator: that year's figure
        (blank if there is none) compared with the year before's, as an annual
        table printed for a given year shows it."""
        empty = Observation(period=year, period_end=self.latest.period_end, value=None)
        earlier = self.at_period(previous_year)
        return Result(
            indicator=self.indicator,
            geography=self.geography,
            group=self.group,
            latest=self.at_period(year) or empty,
            previous=dict.fromkeys(CADENCES, earlier) if earlier else {},
            one_year_ago=earlier,
            series=self.series,
        )


def outturn(indicator: Indicator, result: Result | None, year: str) -> Observation | None:
    """The result for a whole year: the annual figure, or the figure at the year's last month."""
    if result is None:
        return None
    if indicator.is_annual:
        return result.at_period(year)
    return result.at_period(last_month_of(year).label)


ResultKey = tuple[str, str, str]  # indicator, geography, group
CADENCES = (1, 3)  # months between releases: monthly and quarterly scorecards

_RESULTS_SQL = """
WITH o AS (
    SELECT * FROM observations
    WHERE period_end <= $data_end AND indicator IN (SELECT unnest($codes))
),
cur AS (
    SELECT * FROM o
    QUALIFY row_number() OVER (PARTITION BY indicator, geography, grp ORDER BY period_end DESC) = 1
),
prev AS (
    SELECT c.cadence, p.indicator, p.geography, p.grp, arg_max(p, p.period_end) AS obs
    FROM o p
    JOIN cur USING (indicator, geography, grp)
    CROSS JOIN (SELECT unnest($cadences) AS cadence) c
    WHERE p.period_end < cur.period_end AND p.value IS NOT NULL
      AND p.period_end <= last_day($data_end - to_months(c.cadence))
    GROUP BY ALL
),
prevs AS (
    SELECT indicator, geography, grp,
        map_from_entries(list(struct_pack(k := cadence, v := obs))) AS by_cadence
    FROM prev GROUP BY ALL
),
series AS (
    SELECT indicator, geography, grp, list(o ORDER BY period_end) AS obs FROM o GROUP BY ALL
)
SELECT cur.indicator, cur.geography, cur.grp, cur AS latest, prevs.by_cadence, m1 AS m1, y1 AS y1, series.obs
FROM cur
LEFT JOIN prevs USING (indicator, geography, grp)
LEFT JOIN series USING (indicator, geography, grp)
LEFT JOIN o m1 ON m1.indicator = cur.indicator AND m1.geography = cur.geography AND m1.grp = cur.grp
    AND m1.period_end = last_day(cur.period_end - INTERVAL 1 MONTH)
LEFT JOIN o y1 ON y1.indicator = cur.indicator AND y1.geography = cur.geography AND y1.grp = cur.grp
    AND y1.period_end = last_day(cur.period_end - INTERVAL 12 MONTH)
"""


def indicator_results(
    con: duckdb.DuckDBPyConnection, codes: list[str], data_month: Month
) -> dict[ResultKey, Result]:
    """Every geography and group's result for the indicators `codes`, in one query."""
    rows = con.execute(
        _RESULTS_SQL,
        {"codes": codes, "data_end": data_month.last_day, "cadences": list(CADENCES)},
    ).fetchall()
    results: dict[ResultKey, Result] = {}
    for code, geography, group, latest, by_cadence, m1, y1, series in rows:
        results[(code, geography, group)] = Result(
            indicator=code,
            geography=geography,
            group=group,
            latest=_observation(latest),
            previous={int(k): _observation(v) for k, v in (by_cadence or {}).items()},
            one_month_ago=_observation(m1) if m1 else None,
            one_year_ago=_observation(y1) if y1 else None,
            series=tuple(_observation(s) for s in series or ()),
        )
    return results


def all_results(
    con: duckdb.DuckDBPyConnection, framework: Framework, data_month: Month
) -> dict[ResultKey, Result]:
    """Results for every indicator a scorecard shows (and its rolling companion)."""
    codes: dict[str, None] = {}
    for card in framework.scorecards.values():
        for code in card.indicator_codes:
            codes[code] = None
            indicator = framework.indicators[code]
            if indicator.rolling_3_months:
                codes[indicator.rolling_code] = None
    return indicator_results(con, list(codes), data_month)


def _observation(row: dict[str, object]) -> Observation:
    return Observation(
        period=str(row["period"]),
        period_end=row["period_end"],  # type: ignore[arg-type]
        value=row["value"],  # type: ignore[arg-type]
        numerator=row["numerator"],  # type: ignore[arg-type]
        denominator=row["denominator"],  # type: ignore[arg-type]
        status=row["status"],  # type: ignore[arg-type]
        note=str(row["note"] or ""),
        origin=str(row["origin"]),
    )
