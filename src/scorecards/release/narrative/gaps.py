"""The equality report's sentences: a group's result against the nation, its
gap against the national gap, its rank among statistical neighbours, and
how a gap moved since last year.

Pure functions: numbers in, sentences out. The worked examples are seed
000's "Outcomes for Vulnerable Groups" and "Gender Differences", e.g.

    In 2016, the proportion of FSM pupils who achieved the 'expected
    standard' in Reading was 52%, compared to 49% nationally, which ranks Kent
    first amongst its statistical neighbours.
    The attainment gap is 57%, which is 2% wider than the national gap.
    Kent is ranked fourth for this measure amongst its statistical neighbours.
    The FSM achievement gap widened to 18.0% in 2016 from 15.0% in 2015.
    In 2016, girls outperformed boys in Mathematics and the attainment gap was 2%.

Figures are compared as printed (rounded to `decimals`): two figures that
print the same are "in line". A gap is a difference of two percentages, so
its movement and its distance from the national gap are written as
`Wording.points` says ("2%" or "2 percentage points"); gaps are compared by
size, whichever group is ahead.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecards.framework.formatting import number
from scorecards.release.narrative.wording import (
    SEED_WORDING,
    Wording,
    amount_text,
    capitalised,
    difference,
    ordinal,
)


@dataclass(frozen=True)
class Measure:
    """What is measured and how it prints: `achieved the 'expected standard' in Reading`."""

    wording: str
    decimals: int = 0
    unit: str = "percent"  # or "score" (Progress 8, average point scores)

    def text(self, value: float) -> str:
        return number(value, self.decimals) + ("%" if self.unit == "percent" else "")


def group_result_sentence(
    year: str,
    group: str,
    measure: Measure,
    value: float,
    national: float | None = None,
    rank: int | None = None,
    area: str = "Kent",
) -> str:
    """ "In 2016, the proportion of FSM pupils who … was 52%, compared to 49% nationally, which ranks…"."""
    opening = f"In {year}, the proportion of {group} who {measure.wording} was {measure.text(value)}"
    ranks = f"ranks {area} {ordinal(rank)} amongst its statistical neighbours" if rank else ""
    if national is None:
        return f"{opening}{', which ' + ranks if ranks else ''}."
    if difference(value, national, measure.decimals) == 0:
        return f"{opening}, which is in line with the national figure{' and ' + ranks if ranks else ''}."
    return f"{opening}, compared to {measure.text(national)} nationally{', which ' + ranks if ranks else ''}."


def gap_sentence(
    gap: float,
    national_gap: float | None,
    measure: Measure,
    label: str = "",
    wording: Wording = SEED_WORDING,
) -> str:
    """ "The attainment gap is 57%, which is 2% wider than the national gap."."""
    name = f"The {label + ' ' if label else ''}attainment gap is {measure.text(gap)}"
    if national_gap is None:
        return f"{name}."
    wider = difference(abs(gap), abs(national_gap), measure.decimals)
    if wider == 0:
        return f"{name}, which is in line with the national gap."
    amount = amount_text(wider, measure.unit, measure.decimals, wording)
    return f"{name}, which is {amount} {'wider' if wider > 0 else 'narrower'} than the national gap."


def rank_sentence(rank: int, area: str = "Kent") -> str:
    """ "Kent is ranked fourth for this measure amongst its statistical neighbours."."""
    return f"{area} is ranked {ordinal(rank)} for this measure amongst its statistical neighbours."


def gap_change_sentence(
    subject: str,
    year: str,
    gap: float,
    previous_year: str,
    previous_gap: float,
    measure: Measure,
    wording: Wording = SEED_WORDING,
) -> str:
    """ "The FSM achievement gap widened to 18.0% in 2016 from 15.0% in 2015."."""
    moved = difference(abs(gap), abs(previous_gap), measure.decimals)
    now = _gap_text(gap, measure, wording)
    if moved == 0:
        return f"{capitalised(subject)} remained at {now} in {year}, the same as in {previous_year}."
    verb = "widened" if moved > 0 else "narrowed"
    then = _gap_text(previous_gap, measure, wording)
    return f"{capitalised(subject)} {verb} to {now} in {year} from {then} in {previous_year}."


def outperformed_sentence(
    year: str,
    subject: str,
    first: tuple[str, float],
    second: tuple[str, float],
    measure: Measure,
    wording: Wording = SEED_WORDING,
) -> str:
    """ "In 2016, girls outperformed boys in Mathematics and the attainment gap was 2%."."""
    (ahead, ahead_value), (behind, behind_value) = sorted((first, second), key=lambda g: -g[1])
    gap = difference(ahead_value, behind_value, measure.decimals)
    if gap == 0:
        return f"There was no attainment gap in {subject} in {year}."
    return (
        f"In {year}, {ahead} outperformed {behind} in {subject} and the attainment gap was "
        f"{amount_text(gap, measure.unit, measure.decimals, wording)}."
    )


def proportions_sentence(first: tuple[str, float], second: tuple[str, float], measure: Measure) -> str:
    """ "The proportion of girls who attained … was 79% compared with 77% of boys."."""
    (ahead, ahead_value), (behind, behind_value) = sorted((first, second), key=lambda g: -g[1])
    opening = f"The proportion of {ahead} who {measure.wording} was {measure.text(ahead_value)}"
    if difference(ahead_value, behind_value, measure.decimals) == 0:
        return f"{opening}, the same as {behind}."
    return f"{opening} compared with {measure.text(behind_value)} of {behind}."


def _gap_text(gap: float, measure: Measure, wording: Wording) -> str:
    return amount_text(difference(abs(gap), 0, measure.decimals), measure.unit, measure.decimals, wording)
