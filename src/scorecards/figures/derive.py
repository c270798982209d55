"""Derived observations: areas and the county from their districts, and
rolling three-month results from monthly figures.

Each is one set-based query over every indicator, geography, group and
period. A derived figure never replaces one the values files give, and is
only made when every part is present (a county total from eleven of twelve
districts would be wrong, not approximate).
"""

from __future__ import annotations

import duckdb

from scorecards.framework.model import Framework

_SCALE = "CASE i.unit WHEN 'percent' THEN 100 WHEN 'rate_per_10000' THEN 10000 ELSE 1 END"

ROLL_UP_SQL = f"""
INSERT INTO observations BY NAME
SELECT o.indicator, a.ancestor AS geography, o.grp, any_value(o.breakdown) AS breakdown,
    o.period, o.period_end,
    CASE WHEN i.unit = 'count' THEN sum(o.value)
         ELSE sum(o.numerator) / nullif(sum(o.denominator), 0) * {_SCALE} END AS value,
    sum(o.numerator) AS numerator, sum(o.denominator) AS denominator,
    'computed from ' || count(*) || ' districts' AS note, 'derived' AS origin
FROM observations o
JOIN district_ancestors a ON a.district = o.geography
JOIN indicators i ON i.code = o.indicator
WHERE o.status IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM observations p
    WHERE p.indicator = o.indicator AND p.geography = a.ancestor
      AND p.grp = o.grp AND p.period = o.period)
GROUP BY o.indicator, a.ancestor, o.grp, o.period, o.period_end, i.unit
HAVING count(*) = (SELECT count(*) FROM district_ancestors d WHERE d.ancestor = a.ancestor)
   AND CASE WHEN i.unit = 'count' THEN count(o.value) = count(*)
            ELSE count(o.numerator) = count(*) AND count(o.denominator) = count(*) END
"""

ROLLING_SQL = f"""
INSERT INTO observations BY NAME
SELECT w.indicator || '-R3M' AS indicator, w.geography, w.grp, w.breakdown, w.period, w.period_end,
    CASE WHEN i.unit = 'count' THEN w.sum_value
         ELSE w.sum_num / nullif(w.sum_den, 0) * {_SCALE} END AS value,
    w.sum_num AS numerator, w.sum_den AS denominator, 'computed from 3 months' AS note, 'derived' AS origin
FROM (
    SELECT *,
        sum(value) OVER m AS sum_value, sum(numerator) OVER m AS sum_num,
        sum(denominator) OVER m AS sum_den, count(value) OVER m AS months,
        count(numerator) OVER m AS months_with_num
    FROM (SELECT *, year(period_end) * 12 + month(period_end) AS month_index FROM observations
          WHERE indicator IN (SELECT unnest(?)) AND status IS NULL)
    WINDOW m AS (PARTITION BY indicator, geography, grp ORDER BY month_index
                 RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)
) w
JOIN indicators i ON i.code = w.indicator
WHERE w.months = 3 AND (i.unit = 'count' OR w.months_with_num = 3)
  AND NOT EXISTS (
    SELECT 1 FROM observations p
    WHERE p.indicator = w.indicator || '-R3M' AND p.geography = w.geography
      AND p.grp = w.grp AND p.period = w.period)
"""


def derive(con: duckdb.DuckDBPyConnection, framework: Framework) -> None:
    """Add every derivable observation the values files did not give."""
    monthly = [
        i.code for i in framework.indicators.values() if i.rolling_3_months and i.data_period == "month"
    ]
    if monthly:
        con.execute(ROLLING_SQL, [monthly])
    con.execute(ROLL_UP_SQL)
