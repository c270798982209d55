"""Areas and the county from summed numerators and denominators; rolling windows;
and the DuckDB queries agree with these reference definitions."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecards.assess.aggregate import combine, ratio, rolling
from scorecards.figures.derive import derive
from scorecards.figures.store import open_store
from scorecards.figures.values import load_values
from scorecards.framework.load import load_framework
from tests.conftest import MINIMAL_FRAMEWORK

HEADER = "indicator,geography,period,value,numerator,denominator,status,note\n"
pairs = st.tuples(st.integers(0, 500), st.integers(1, 500)).map(lambda p: (float(min(p)), float(max(p))))


def test_seed_example_3792_of_17096_is_22_2_percent() -> None:
    value = ratio(3792, 17096, "percent")
    assert value is not None and round(value, 1) == 22.2


def test_area_is_never_the_average_of_percentages() -> None:
    # 1/2 = 50% and 99/100 = 99%: the average 74.5% is wrong, 100/102 = 98.0% is right
    combined = combine([(1, 2), (99, 100)], "percent")
    assert combined is not None and round(combined[2], 1) == 98.0  # type: ignore[arg-type]


def test_missing_part_means_no_total() -> None:
    assert combine([(1, 2), (None, 100)], "percent") is None


@given(st.lists(pairs, min_size=1, max_size=20))
def test_combined_ratio_lies_between_its_parts(parts: list[tuple[float, float]]) -> None:
    combined = combine(parts, "percent")
    assert combined is not None and combined[2] is not None
    shares = [n / d * 100 for n, d in parts]
    assert min(shares) - 1e-9 <= combined[2] <= max(shares) + 1e-9


@given(st.lists(pairs, min_size=3, max_size=15))
def test_rolling_three_months_needs_three_months(series: list[tuple[float, float]]) -> None:
    results = rolling(series, 3, "percent")
    assert results[:2] == [None, None]
    for end in range(2, len(series)):
        window = series[end - 2 : end + 1]
        expected = sum(n for n, _ in window) / sum(d for _, d in window) * 100
        assert abs(results[end] - expected) < 1e-9  # type: ignore[operator]


FRAMEWORK = load_framework(MINIMAL_FRAMEWORK)


@settings(max_examples=20, deadline=None)
@given(st.lists(pairs, min_size=2, max_size=2))
def test_duckdb_roll_up_matches_the_reference(
    tmp_path_factory: object, districts: list[tuple[float, float]]
) -> None:
    framework = FRAMEWORK
    folder = Path(tmp_path_factory.mktemp("v"))  # type: ignore[attr-defined]
    rows = [
        f"GOOD,{code},2017-06,,{n:g},{d:g},,"
        for code, (n, d) in zip(["E07000901", "E07000902"], districts, strict=True)
    ]
    (folder / "v.csv").write_text(HEADER + "\n".join(rows) + "\n")
    con = open_store(framework)
    load_values(con, [folder / "v.csv"])
    derive(con, framework)
    county = con.execute(
        "SELECT value FROM observations WHERE geography = 'E10000099' AND period = '2017-06'"
    ).fetchone()
    expected = combine(districts, "percent")
    assert county is not None and expected is not None
    assert abs(county[0] - expected[2]) < 1e-9  # type: ignore[operator]
