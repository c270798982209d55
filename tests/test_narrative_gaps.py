"""The equality report's sentences, from the numbers: worked examples are the
sentences of seed 000 ("Outcomes for Vulnerable Groups", "Gender
Differences") that the rules reproduce word for word."""

from __future__ import annotations

from scorecards.release.narrative.gaps import (
    Measure,
    gap_change_sentence,
    gap_sentence,
    group_result_sentence,
    outperformed_sentence,
    proportions_sentence,
    rank_sentence,
)
from scorecards.release.narrative.wording import POINTS_WORDING

KS2 = "achieved the 'expected standard' in"
KS1 = Measure("attained or exceeded the expected standard")


def test_fsm_reading_against_the_nation_and_the_neighbours_is_the_seed_sentence() -> None:
    assert group_result_sentence(
        "2016", "FSM pupils", Measure(f"{KS2} Reading"), 52, national=49, rank=1
    ) == (
        "In 2016, the proportion of FSM pupils who achieved the 'expected standard' in Reading was 52%, "
        "compared to 49% nationally, which ranks Kent first amongst its statistical neighbours."
    )


def test_a_result_in_line_with_the_nation_is_the_seed_sentence() -> None:
    measure = Measure("attained or exceeded the expected standard in Reading", decimals=1)
    assert group_result_sentence("2016", "FSM pupils", measure, 60.0, national=60.0, rank=2) == (
        "In 2016, the proportion of FSM pupils who attained or exceeded the expected standard in Reading was "
        "60.0%, which is in line with the national figure and ranks Kent second amongst its statistical neighbours."
    )


def test_a_result_without_national_figures_states_the_result() -> None:
    assert group_result_sentence("2016", "Children in Care", Measure(f"{KS2} Reading", 1), 41.9) == (
        "In 2016, the proportion of Children in Care who achieved the 'expected standard' in Reading was 41.9%."
    )


def test_a_gap_wider_than_the_national_gap_is_the_seed_sentence() -> None:
    # SEN pupils, Key Stage 2 Writing: gap 57%, national gap 55%
    assert (
        gap_sentence(57, 55, Measure(""))
        == "The attainment gap is 57%, which is 2% wider than the national gap."
    )


def test_a_gap_in_line_with_the_national_gap_is_the_seed_sentence() -> None:
    # SEN pupils, Key Stage 2 Reading: gap 45%, national gap 45%
    assert (
        gap_sentence(45, 45, Measure(""))
        == "The attainment gap is 45%, which is in line with the national gap."
    )


def test_a_narrower_gap_in_percentage_points() -> None:
    # SEN pupils, the Basics measure: 42.4%, 3.8 points narrower than the national gap of 46.2%
    assert gap_sentence(42.4, 46.2, Measure("", 1), label="Kent SEN", wording=POINTS_WORDING) == (
        "The Kent SEN attainment gap is 42.4%, which is 3.8 percentage points narrower than the national gap."
    )


def test_a_gap_is_wider_by_its_size_whichever_side_it_falls() -> None:
    # "The SEN Progress 8 gap in Kent of -0.78 is wider than the national gap of -0.61."
    text = gap_sentence(-0.78, -0.61, Measure("", 2, unit="score"), label="SEN Progress 8")
    assert text == "The SEN Progress 8 attainment gap is -0.78, which is 0.17 wider than the national gap."


def test_the_rank_among_statistical_neighbours_is_the_seed_sentence() -> None:
    assert rank_sentence(4) == "Kent is ranked fourth for this measure amongst its statistical neighbours."
    assert rank_sentence(11, "Testshire").endswith(
        "ranked 11th for this measure amongst its statistical neighbours."
    )


def test_a_gap_that_widened_is_the_seed_sentence_in_either_register() -> None:
    one_decimal = Measure("", 1)
    assert gap_change_sentence("The FSM achievement gap", "2016", 18.0, "2015", 15.0, one_decimal) == (
        "The FSM achievement gap widened to 18.0% in 2016 from 15.0% in 2015."
    )
    assert gap_change_sentence(
        "The FSM achievement gap", "2016", 19, "2015", 16, Measure(""), POINTS_WORDING
    ) == (
        "The FSM achievement gap widened to 19 percentage points in 2016 from 16 percentage points in 2015."
    )


def test_a_gap_that_narrowed_or_held() -> None:
    # Gender, EYFS: "the gender gap which has slightly improved from 15.0% in 2015 to 14.2% in 2016"
    one_decimal = Measure("", 1)
    assert gap_change_sentence("the gender gap", "2016", 14.2, "2015", 15.0, one_decimal) == (
        "The gender gap narrowed to 14.2% in 2016 from 15.0% in 2015."
    )
    assert gap_change_sentence("The CiC gap", "2016", 36.8, "2015", 36.8, one_decimal) == (
        "The CiC gap remained at 36.8% in 2016, the same as in 2015."
    )


def test_girls_outperforming_boys_is_the_seed_sentence() -> None:
    maths = ("Mathematics", KS1)
    assert outperformed_sentence("2016", maths[0], ("boys", 77), ("girls", 79), maths[1]) == (
        "In 2016, girls outperformed boys in Mathematics and the attainment gap was 2%."
    )
    assert proportions_sentence(("boys", 77), ("girls", 79), KS1) == (
        "The proportion of girls who attained or exceeded the expected standard was 79% compared with 77% of boys."
    )


def test_no_gap_when_both_groups_attain_the_same() -> None:
    # KS2 Mathematics: "There was no attainment gap in Mathematics in 2016, with both groups attaining 72%"
    assert outperformed_sentence("2016", "Mathematics", ("girls", 72), ("boys", 72), KS1) == (
        "There was no attainment gap in Mathematics in 2016."
    )
    assert proportions_sentence(("girls", 72), ("boys", 72), KS1) == (
        "The proportion of girls who attained or exceeded the expected standard was 72%, the same as boys."
    )
