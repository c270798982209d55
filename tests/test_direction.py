"""Direction of travel: judged by polarity on the figures as published."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecards.assess.direction import Direction, direction

numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@pytest.mark.parametrize(
    ("current", "earlier", "polarity", "expected"),
    [
        (91.6, 90.8, "H", Direction.IMPROVED),  # SISE34 schools good or outstanding
        (20, 16, "L", Direction.WORSENED),  # EH43 exclusions 16 -> 20 (seed brief)
        (2.6, 2.9, "L", Direction.IMPROVED),  # SISE59 unemployment
        (3.2, 3.2, "L", Direction.SAME),  # SISE71 NEET
        (22.2, 22.3, "L", Direction.IMPROVED),  # social care re-referrals, one month ago
    ],
)
def test_seed_worked_examples(current: float, earlier: float, polarity: str, expected: Direction) -> None:
    assert direction(current, earlier, polarity, 1) == expected


def test_polarity_t_improves_when_closer_to_the_target() -> None:
    # CP plans for a second time: 18.0% against 19.2% a month ago, target 17.5%
    assert direction(18.0, 19.2, "T", 1, target=17.5) == Direction.IMPROVED
    assert direction(19.2, 18.0, "T", 1, target=17.5) == Direction.WORSENED
    assert direction(17.0, 18.0, "T", 1, target=17.5) == Direction.SAME
    assert direction(18.0, 19.2, "T", 1, target=None) is None


def test_figures_that_print_the_same_are_the_same() -> None:
    assert direction(84.98, 85.02, "H", 1) == Direction.SAME
    assert direction(84.94, 85.02, "H", 1) == Direction.WORSENED


def test_missing_figure_or_polarity_gives_no_direction() -> None:
    assert direction(None, 1, "H", 1) is None
    assert direction(1, None, "H", 1) is None
    assert direction(1, 2, None, 1) is None


@given(numbers, numbers, st.sampled_from(["H", "L"]), st.integers(0, 3))
def test_swapping_the_figures_reverses_the_direction(
    a: float, b: float, polarity: str, decimals: int
) -> None:
    forward, backward = direction(a, b, polarity, decimals), direction(b, a, polarity, decimals)
    opposite = {
        Direction.IMPROVED: Direction.WORSENED,
        Direction.WORSENED: Direction.IMPROVED,
        Direction.SAME: Direction.SAME,
    }
    assert backward == opposite[forward]  # type: ignore[index]


@given(numbers, numbers, st.integers(0, 3))
def test_h_and_l_disagree_unless_same(a: float, b: float, decimals: int) -> None:
    high, low = direction(a, b, "H", decimals), direction(a, b, "L", decimals)
    assert (high == low == Direction.SAME) or {high, low} == {Direction.IMPROVED, Direction.WORSENED}


@given(numbers, st.integers(0, 3))
def test_a_figure_compared_with_itself_is_the_same(a: float, decimals: int) -> None:
    assert direction(a, a, "H", decimals) == Direction.SAME
