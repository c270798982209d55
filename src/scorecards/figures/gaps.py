"""Equality gaps: a group's result against its peers or against all pupils.

A gap is how far a group is behind the result it is compared with, in the
indicator's unit (percentage points for a percentage): the comparison minus
the group for an indicator where higher is better, the group minus the
comparison where lower is better. So a positive gap always means the group
does worse, as the seeds print them ("the FSM attainment gap is 25%, which
is 4% wider than the national gap"), and a narrower gap is always better.

`add_gaps` adds every gap an indicator's `compute.gaps` asks for to the
observations, for every geography and period at once, named
`gap:<group>-vs-<against>`; the release then shows, rates and suppresses
them like any other group. The pure functions compare a council's gap with
the national gap and rank it among its statistical neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from scorecards.framework.model import Framework
from scorecards.framework.spec import GapSpec

GAP_PREFIX = "gap:"


def gap_label(spec: GapSpec) -> str:
    """The group name a gap is published under: `gap:fsm-vs-non-fsm`, `gap:cic-vs-all`."""
    return f"{GAP_PREFIX}{spec.group}-vs-{spec.against}"


def orientation(polarity: str | None) -> int:
    """+1 when higher is better (or no polarity is set), −1 when lower is better."""
    return -1 if polarity == "L" else 1


def gap(group: float | None, comparison: float | None, polarity: str | None) -> float | None:
    """How far `group` is behind `comparison`: positive when the group does worse."""
    if group is None or comparison is None:
        return None
    return orientation(polarity) * (comparison - group)


def difference(council_gap: float | None, national_gap: float | None) -> float | None:
    """The council's gap minus the national gap: positive when the council's gap is wider."""
    if council_gap is None or national_gap is None:
        return None
    return council_gap - national_gap


@dataclass(frozen=True)
class Rank:
    """A position among the council and its neighbours with a figure: 1 is best."""

    position: int
    of: int

    def __str__(self) -> str:
        return f"{self.position} of {self.of}"


def rank_among(
    value: float | None, others: Iterable[float | None], polarity: str | None, decimals: int | None = None
) -> Rank | None:
    """The rank of `value` among itself and `others` (1 = best by polarity).

    Ties share the better position (37, 37, 33 rank 1, 1, 3), as published
    league tables do; figures not published (None) are left out. With
    `decimals`, figures are compared as shown, so a computed 37.04 ties with
    a published 37.0. No rank without a polarity of H or L.
    """
    if value is None or polarity not in ("H", "L"):
        return None
    known = [_shown(v, decimals) for v in others if v is not None]
    mine = _shown(value, decimals)
    better = sum(1 for v in known if (v < mine if polarity == "L" else v > mine))
    return Rank(better + 1, len(known) + 1)


def _shown(value: float, decimals: int | None) -> float:
    return value if decimals is None else round(value, decimals)


@dataclass(frozen=True)
class Figures:
    """A group's result and the result it is compared with, for one place and year."""

    group: float | None = None
    comparison: float | None = None

    def gap(self, polarity: str | None) -> float | None:
        return gap(self.group, self.comparison, polarity)


@dataclass(frozen=True)
class Comparison:
    """What an equality report says of one group: its result and gap, the national
    gap and the difference, its ranks among the statistical neighbours and the
    change on last year."""

    result: float | None
    comparison: float | None
    gap: float | None
    national_result: float | None
    national_gap: float | None
    difference: float | None
    rank: Rank | None
    gap_rank: Rank | None
    last_year_result: float | None
    change: float | None
    last_year_gap: float | None
    gap_change: float | None


def compare(
    polarity: str | None,
    council: Figures,
    national: Figures,
    neighbours: Iterable[Figures],
    last_year: Figures | None = None,
    decimals: int | None = None,
) -> Comparison:
    """Set a council's group result and gap beside England's and its neighbours'.

    The result is ranked by the indicator's polarity; the gap is ranked with
    the narrowest first, whatever the polarity.
    """
    neighbours = list(neighbours)
    last_year = last_year or Figures()
    council_gap = council.gap(polarity)
    last_gap = last_year.gap(polarity)
    national_gap = national.gap(polarity)
    return Comparison(
        result=council.group,
        comparison=council.comparison,
        gap=council_gap,
        national_result=national.group,
        national_gap=national_gap,
        difference=difference(council_gap, national_gap),
        rank=_ranked(council.group, [n.group for n in neighbours], polarity, decimals),
        gap_rank=_ranked(council_gap, [n.gap(polarity) for n in neighbours], "L", decimals),
        last_year_result=last_year.group,
        change=_minus(council.group, last_year.group),
        last_year_gap=last_gap,
        gap_change=_minus(council_gap, last_gap),
    )


def _ranked(
    value: float | None, others: list[float | None], polarity: str | None, decimals: int | None
) -> Rank | None:
    """A rank only when some neighbour has a figure: first of one is no ranking."""
    return rank_among(value, others, polarity, decimals) if any(v is not None for v in others) else None


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


GAPS_SQL = """
INSERT INTO observations BY NAME
SELECT o.indicator, o.geography, s.label AS grp, CAST(NULL AS VARCHAR) AS breakdown, o.period, o.period_end,
    s.sign * (c.value - o.value) AS value,
    'gap: ' || s.grp || ' against ' || s.against AS note, 'derived' AS origin
FROM gap_specs s
JOIN observations o ON o.indicator = s.indicator AND o.grp = s.grp
JOIN observations c ON c.indicator = s.indicator AND c.grp = s.against
    AND c.geography = o.geography AND c.period = o.period
WHERE o.value IS NOT NULL AND c.value IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM observations p WHERE p.indicator = s.indicator AND p.grp = s.label
                  AND p.geography = o.geography AND p.period = o.period)
"""


def add_gaps(con: duckdb.DuckDBPyConnection, framework: Framework) -> int:
    """Add every computed indicator's gaps to `observations`; return how many rows.

    One statement for every indicator, gap, geography and period. A gap is
    only made where both results exist; a gap the values files already give
    is kept, not replaced.
    """
    specs = [
        (code, spec.group, spec.against, gap_label(spec), orientation(indicator.polarity))
        for code, indicator in framework.indicators.items()
        if indicator.compute is not None
        for spec in indicator.compute.gaps
    ]
    if not specs:
        return 0
    con.execute(
        "CREATE OR REPLACE TEMP TABLE gap_specs (indicator VARCHAR, grp VARCHAR, against VARCHAR, "
        "label VARCHAR, sign INTEGER)"
    )
    con.executemany("INSERT INTO gap_specs VALUES (?, ?, ?, ?, ?)", specs)
    before = _count(con)
    con.execute(GAPS_SQL)
    return _count(con) - before


def _count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM observations").fetchone()
    return int(row[0]) if row else 0
