"""National figures and statistical neighbours load from the DfE's published
layouts; figures the DfE did not publish are kept with their symbol and
reported, never fatal."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files
from scorecards.warehouse.national.figures import year_label
from tests.conftest import FIXTURES

NATIONAL = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "national"
GROUPINGS = FIXTURES / "samples" / "national"
GROUPING_2021 = GROUPINGS / "New_Statistical_Neighbour_Groupings_April_2021.csv"
GROUPING_2025 = GROUPINGS / "sn_model_2025_wide.csv"
LAIT = NATIONAL / "lait" / "bds_long_0.parquet"
# Each tidy file's last filter column: the columns after it are its measures.
LAST_FILTER = {
    "absence_la.csv": "phase_type_grouping",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv": "category",
    "d3_cpps_subsequent_plan_2013_to_2025.csv": "category",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv": "category",
    "ks2_la.csv": "version",
    "ks4_la.csv": "version",
    "la_care_leavers_accommodation_suitability.csv": "breakdown",
    "la_care_leavers_activity.csv": "breakdown",
    "la_cla_placement_stability.csv": "placement_stability",
    "ons_mid-year_population_estimates_2012_to_2024.csv": "age_group",
}
KENT_OLD, KENT_NEW = "886", "E10000016"


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def measure_cells(path: Path) -> list[str]:
    """Every non-empty cell of the file's measure columns."""
    rows = rows_of(path)
    columns = list(rows[0])
    measures = columns[columns.index(LAST_FILTER[path.name]) + 1 :]
    return [row[m].strip() for row in rows for m in measures if row[m].strip()]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadReport, Path]:
    warehouse = tmp_path_factory.mktemp("national") / "warehouse.duckdb"
    paths = [NATIONAL / name for name in LAST_FILTER] + [GROUPING_2021, GROUPING_2025, LAIT]
    return load_files(warehouse, loader_for("national"), paths), warehouse


def query(warehouse: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_every_national_file_loads(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    assert [(f.path.name, f.status) for f in report.files] == [
        (name, "loaded") for name in [*LAST_FILTER, GROUPING_2021.name, GROUPING_2025.name, LAIT.name]
    ]


def test_each_tidy_file_gives_one_figure_per_published_cell(loaded: tuple[LoadReport, Path]) -> None:
    report, warehouse = loaded
    for file in report.files:
        if file.path.name in LAST_FILTER:
            expected = len(measure_cells(file.path))
            assert file.rows == {"national_figures": expected}, file.path.name
            stem = file.path.stem
            assert query(
                warehouse, "SELECT count(*) FROM national_figures WHERE source_file = ?", [stem]
            ) == [(expected,)]


def test_filters_are_kept_as_breakdowns_and_values_as_numbers(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    kent = next(
        r
        for r in rows_of(NATIONAL / "ks2_la.csv")
        if r["new_la_code"] == KENT_NEW
        and r["time_period"] == "202324"
        and r["social_care_group"].startswith("CLA")
    )
    found = query(
        warehouse,
        "SELECT year, old_la_code, value FROM national_figures WHERE source_file = 'ks2_la' "
        "AND new_la_code = ? AND time_period = '202324' AND measure = 'pt_rwm_met_expected_standard' "
        "AND breakdowns['social_care_group'] = ?",
        [KENT_NEW, kent["social_care_group"]],
    )
    assert found == [("2023-24", KENT_OLD, float(kent["pt_rwm_met_expected_standard"]))]


def test_suppressed_figures_keep_their_symbol_and_are_reported(loaded: tuple[LoadReport, Path]) -> None:
    report, warehouse = loaded
    published_c = sum(1 for cell in measure_cells(NATIONAL / "absence_la.csv") if cell == "c")
    kept = query(
        warehouse,
        "SELECT count(*), count(value) FROM national_figures WHERE source_file = 'absence_la' AND value_text = 'c'",
    )
    assert kept == [(published_c, 0)]
    assert report.quarantine is not None
    summaries = [
        r
        for r in rows_of(report.quarantine)
        if r["file"].endswith("absence_la.csv") and "published as 'c'" in r["reason"]
    ]
    assert sum(int(r["reason"].split()[0]) for r in summaries) == published_c
    assert {r["severity"] for r in summaries} == {"warning"}


def test_an_odd_mark_is_reported_with_its_row_and_field(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    assert report.quarantine is not None
    rows = rows_of(NATIONAL / "absence_la.csv")
    odd = [
        (str(i + 2), field)
        for i, row in enumerate(rows)
        for field, cell in row.items()
        if cell == "k" and field.startswith(("t_", "pt_"))
    ]
    reported = [
        (r["row"], r["field"])
        for r in rows_of(report.quarantine)
        if r["file"].endswith("absence_la.csv") and r["reason"] == "not a number or a DfE symbol: 'k'"
    ]
    assert reported == odd and len(odd) == 4


def test_kent_has_its_ten_statistical_neighbours_in_each_grouping(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    with GROUPING_2021.open(encoding="utf-8-sig", newline="") as handle:  # SN1, SNP, SN2, SNP, …
        kent_2021 = next(r for r in csv.reader(handle) if r[0] == KENT_OLD)
    kent_2025 = next(r for r in rows_of(GROUPING_2025) if r["old_la_code"] == KENT_OLD)
    for grouping, expected in (
        (GROUPING_2021.stem, kent_2021[5:25:2]),
        (GROUPING_2025.stem, [kent_2025[f"SN_{k}"] for k in range(1, 11)]),
    ):
        found = query(
            warehouse,
            "SELECT neighbour_code FROM statistical_neighbours WHERE grouping = ? AND la_code = ? ORDER BY rank",
            [grouping, KENT_OLD],
        )
        assert [code for (code,) in found] == expected and len(expected) == 10


def test_every_council_in_a_grouping_has_ten_ranked_neighbours(loaded: tuple[LoadReport, Path]) -> None:
    _, warehouse = loaded
    councils = {r["old_la_code"] for r in rows_of(GROUPING_2025)}
    found = query(
        warehouse,
        "SELECT la_code, count(*), min(rank), max(rank) FROM statistical_neighbours WHERE grouping = ? GROUP BY 1",
        [GROUPING_2025.stem],
    )
    assert {la for la, *_ in found} == councils
    assert {(n, low, high) for _, n, low, high in found} == {(10, 1, 10)}


def test_a_note_row_in_a_grouping_is_rejected_and_reported(loaded: tuple[LoadReport, Path]) -> None:
    report, _ = loaded
    grouping = next(f for f in report.files if f.path == GROUPING_2021)
    notes = [i + 2 for i, row in enumerate(rows_of(GROUPING_2021)) if not row["LA num"] and any(row.values())]
    assert grouping.rejected == len(notes) == 1


def test_the_lait_data_set_loads_with_old_codes_and_england(loaded: tuple[LoadReport, Path]) -> None:
    report, warehouse = loaded
    lait = next(f for f in report.files if f.path == LAIT)
    rows = query(warehouse, "SELECT count(*) FROM read_parquet(?)", [str(LAIT)])
    assert lait.rows == {"national_figures": rows[0][0]}
    ks2_fsm = query(
        warehouse,
        "SELECT la_name, value FROM national_figures WHERE measure = 'FSM_NEW_KS2_RWM' AND year = '2015-16' "
        "AND (geographic_level = 'National' OR old_la_code = ?) ORDER BY 1",
        [KENT_OLD],
    )
    assert ks2_fsm == [("England", 36.0), ("Kent", 37.0)]  # seed 000: "37%, compared to 36% nationally"


@pytest.mark.parametrize(
    ("period", "identifier", "label"),
    [
        ("201516", "Academic year", "2015-16"),
        ("2016", "Reporting year", "2015-16"),
        ("2016", None, "2015-16"),
        ("2016/17", None, "2016-17"),
        ("2016-17 (OT)", None, "2016-17"),
        ("2018 (Rev)", None, "2017-18"),
        ("2019", "Calendar year", "2019"),
        ("2014-16", None, None),
        ("0", None, None),
    ],
)
def test_a_published_period_gets_its_year_label(
    period: str, identifier: str | None, label: str | None
) -> None:
    with duckdb.connect() as con:
        found = con.execute(f"SELECT {year_label('$p', '$i')}", {"p": period, "i": identifier}).fetchone()
    assert found == (label,)
