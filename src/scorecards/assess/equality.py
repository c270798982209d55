"""The equality figures for one indicator, place, year and group.

What the annual equality report writes from ("the proportion of FSM pupils
… was 37%, compared to 36% nationally, which ranks Kent first amongst its
statistical neighbours. The attainment gap is 25%, which is 4% wider than
the national gap figure. Kent is ranked fourth for this measure"): the
group's result and its comparison, the gap, the national gap and the
difference, the ranks among the statistical neighbours and the change on
last year.

The council's own figures come from the build's observations (computed from
records, or given in values files); England's and the neighbours' from the
warehouse's `national_figures`, through the framework's `national.yaml`
(`Framework.national`), and the neighbours from `statistical_neighbours`.
`published_equality_figures` takes the council's figures from the published
ones too, to compare past years or check a council's own calculation.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.figures.gaps import Comparison, Figures, compare
from scorecards.framework.model import Framework, Indicator, NationalMap, PublishedMeasure
from scorecards.periods import year_label, year_start


@dataclass(frozen=True)
class Question:
    """Which figures: an indicator's `group` against `against`, for `geography` in `year`."""

    indicator: Indicator
    geography: str
    year: str
    group: str
    against: str

    @property
    def last_year(self) -> str:
        return year_label(year_start(self.year) - 1)

    @property
    def comparison(self) -> str | None:
        """The group compared with; none for all pupils, who have no gap."""
        return None if self.against == self.group else self.against


def question(framework: Framework, code: str, geography: str, year: str, group: str) -> Question:
    """The question for `group`: compared as the indicator's `compute.gaps` says, else with all."""
    if code not in framework.indicators:
        raise ScorecardsError(f"{code}: no such indicator in the framework")
    indicator = framework.indicators[code]
    gaps = indicator.compute.gaps if indicator.compute else []
    against = next((g.against for g in gaps if g.group == group), "all")
    return Question(indicator, geography, year, group, against)


def group_comparison(
    con: duckdb.DuckDBPyConnection,
    framework: Framework,
    code: str,
    geography: str,
    year: str,
    group: str,
    national: NationalMap | None = None,
) -> Comparison:
    """For an indicator, geography, year and group: the result and its comparison, the gap,
    the national gap and the difference, the ranks among the neighbours and the change on
    last year. `national` defaults to the framework's `national.yaml` (none: no national
    figures or ranks)."""
    national = national if national is not None else framework.national
    return equality_figures(con, national, question(framework, code, geography, year, group))


def equality_figures(con: duckdb.DuckDBPyConnection, national: NationalMap | None, q: Question) -> Comparison:
    """The council's figures from `observations`, compared with the published ones."""
    council = _observed(con, q, q.year)
    last = _observed(con, q, q.last_year)
    return _compared(con, national, q, council, last)


def published_equality_figures(
    con: duckdb.DuckDBPyConnection, national: NationalMap, q: Question
) -> Comparison:
    """The council's figures as published (`national.yaml`'s `council`), compared likewise."""
    council_codes = _council_codes(con, national.council)
    now = _published_pair(con, national, q, q.year)
    last = _published_pair(con, national, q, q.last_year)
    return _compared(con, national, q, _pick(now, council_codes), _pick(last, council_codes))


def _compared(
    con: duckdb.DuckDBPyConnection, national: NationalMap | None, q: Question, council: Figures, last: Figures
) -> Comparison:
    if national is None:
        england, neighbours = Figures(), []
    else:
        published = _published_pair(con, national, q, q.year)
        england = _pick(published, ("England",))
        codes = neighbour_codes(con, national.council, national.neighbours)
        neighbours = [_pick(published, (code,)) for code in codes]
    return compare(q.indicator.polarity, council, england, neighbours, last, q.indicator.decimals)


def _observed(con: duckdb.DuckDBPyConnection, q: Question, year: str) -> Figures:
    rows = con.execute(
        "SELECT grp, value FROM observations WHERE indicator = ? AND geography = ? AND period = ? "
        "AND grp IN (?, ?) AND status IS NULL",
        [q.indicator.code, q.geography, year, q.group, q.against],
    ).fetchall()
    values = dict(rows)
    return Figures(values.get(q.group), values.get(q.comparison) if q.comparison else None)


Published = dict[str, Figures]  # by council code (old and new) and "England"


def _published_pair(
    con: duckdb.DuckDBPyConnection, national: NationalMap, q: Question, year: str
) -> Published:
    """Every place's published figures for the group and its comparison in `year`."""
    group = published_values(con, national.measure(q.indicator.code, q.group), year)
    against = (
        published_values(con, national.measure(q.indicator.code, q.comparison), year) if q.comparison else {}
    )
    return {place: Figures(group.get(place), against.get(place)) for place in {*group, *against}}


def _pick(published: Published, places: tuple[str, ...] | list[str]) -> Figures:
    return next((published[p] for p in places if p in published), Figures())


def published_values(
    con: duckdb.DuckDBPyConnection, measure: PublishedMeasure | None, year: str
) -> dict[str, float | None]:
    """A measure's published value in `year` for England ("England") and every council
    (under its old and its new code); the latest load wins when a figure is loaded twice."""
    if measure is None:
        return {}
    _require(con, "national_figures")
    filters = "".join(f" AND breakdowns[$k{i}] = $v{i}" for i in range(len(measure.filters)))
    params: dict[str, object] = {"source": measure.source_file, "measure": measure.measure, "year": year}
    for i, (key, value) in enumerate(measure.filters):
        params |= {f"k{i}": key, f"v{i}": value}
    rows = con.execute(
        f"""SELECT geographic_level, old_la_code, new_la_code, value FROM national_figures
        WHERE source_file = $source AND measure = $measure AND year = $year
          AND geographic_level IN ('National', 'Local authority') {filters}
        QUALIFY row_number() OVER (PARTITION BY geographic_level, old_la_code, new_la_code
                                   ORDER BY _load_id DESC, _source_row) = 1""",
        params,
    ).fetchall()
    values: dict[str, float | None] = {}
    for level, old, new, value in rows:
        for key in ("England",) if level == "National" else (old, new):
            if key is not None:
                values[key] = value
    return values


def neighbour_codes(con: duckdb.DuckDBPyConnection, council: str, grouping: str | None = None) -> list[str]:
    """The council's statistical neighbours (old codes, closest first) in `grouping`,
    by default the most recently published grouping loaded; the latest load of it wins."""
    _require(con, "statistical_neighbours")
    rows = con.execute(
        """WITH chosen AS (
            SELECT coalesce($grouping, (SELECT arg_max(grouping, (published, _load_id))
                                        FROM statistical_neighbours)) AS name),
        latest AS (SELECT max(_load_id) AS load FROM statistical_neighbours, chosen
                   WHERE grouping = chosen.name)
        SELECT neighbour_code FROM statistical_neighbours, chosen, latest
        WHERE grouping = chosen.name AND _load_id = latest.load AND la_code IN (SELECT unnest($codes))
        ORDER BY rank""",
        {"codes": list(_council_codes(con, council)), "grouping": grouping},
    ).fetchall()
    if not rows:
        raise ScorecardsError(
            f"council {council} has no statistical neighbours in grouping "
            f"{grouping or '(the latest loaded)'}: check `council` and `neighbours` in national.yaml "
            "and that the grouping is loaded"
        )
    return [code for (code,) in rows]


def _council_codes(con: duckdb.DuckDBPyConnection, council: str) -> tuple[str, ...]:
    """The council's code and its other form (old 886 ↔ new E10000016), as the tidy files pair them."""
    if not _exists(con, "national_figures"):
        return (council,)
    row = con.execute(
        "SELECT any_value(old_la_code), any_value(new_la_code) FROM national_figures "
        "WHERE (old_la_code = $c OR new_la_code = $c) "
        "AND old_la_code IS NOT NULL AND new_la_code IS NOT NULL",
        {"c": council},
    ).fetchone()
    return tuple(dict.fromkeys(c for c in (council, *(row or ())) if c))


def _require(con: duckdb.DuckDBPyConnection, table: str) -> None:
    if not _exists(con, table):
        raise ScorecardsError(f"no {table} in the warehouse: load them with `scorecards load national …`")


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()
    return bool(row and row[0])
