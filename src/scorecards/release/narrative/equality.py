"""The report's paragraphs, written from its figures in the register of seed
000's "Outcomes for Vulnerable Groups" and "Gender Differences".

The sentences are `scorecards.release.narrative.gaps`'s; this module picks them for
each row and adds the few that module does not write: a result that is an
average score ("the average Attainment 8 score of FSM pupils was 35.9"), the
comparison group's result, a group ahead of its comparison (a negative gap)
and a suppressed group. A suppressed figure is never written as a number.
"""

from __future__ import annotations

from dataclasses import replace

from scorecards.assess.equality_model import EqualityReport, GroupFigures, MeasureReport
from scorecards.framework.model import Equality, EqualityMeasure
from scorecards.periods import year_start
from scorecards.release.narrative.gaps import (
    Measure,
    gap_change_sentence,
    gap_sentence,
    group_result_sentence,
    outperformed_sentence,
    proportions_sentence,
    rank_sentence,
)
from scorecards.release.narrative.wording import amount_text, capitalised, difference, ordinal


def measure_words(report: MeasureReport, measure: EqualityMeasure) -> Measure:
    """How the measure's figures are written: percentages, or scores for averages."""
    unit = "percent" if report.indicator.unit == "percent" else "score"
    return Measure(measure.wording, report.indicator.decimals, unit)


def calendar_year(year: str) -> str:
    """An academic year as the seeds date its results: 2015-16 → "2016"."""
    return str(year_start(year) + 1)


def vulnerable_paragraphs(report: MeasureReport, measure: EqualityMeasure, area: str) -> tuple[str, ...]:
    """A paragraph per group with a result, in the order of the tables, then one naming
    the groups whose results are suppressed."""
    words = measure_words(report, measure)
    rows = [row for s in report.groups for row in s.rows]
    found = [group_paragraph(report, row, words, area) for row in rows if not row.is_suppressed("result")]
    hidden = [row.name for row in rows if row.is_suppressed("result")]
    if hidden:
        found.append(suppressed_sentence(calendar_year(report.year), _listed(hidden)))
    return tuple(p for p in found if p)


def group_paragraph(report: MeasureReport, row: GroupFigures, words: Measure, area: str) -> str:
    """The group's result against England and the neighbours, its comparison's, and the gap."""
    figures = row.figures
    if figures.result is None or row.is_suppressed("result"):
        return ""
    rank = figures.rank.position if figures.rank else None
    year = calendar_year(report.year)
    sentences = [result_sentence(year, row.name, words, figures.result, figures.national_result, rank, area)]
    if figures.comparison is not None:
        sentences.append(comparison_sentence(row.against_name, figures.comparison, words))
    sentences += gap_sentences(report, row, words, area)
    return " ".join(sentences)


def gap_sentences(report: MeasureReport, row: GroupFigures, words: Measure, area: str) -> list[str]:
    """The gap against the national gap, its rank, and how it moved since last year."""
    figures = row.figures
    if row.is_suppressed("gap"):
        return [f"The gap with {row.against_name} is suppressed (small numbers)."]
    if figures.gap is None:
        return []
    if difference(figures.gap, 0, words.decimals) < 0:
        return [ahead_sentence(row, figures.gap, words)]
    sentences = [gap_sentence(figures.gap, figures.national_gap, words)]
    if figures.gap_rank:
        sentences.append(rank_sentence(figures.gap_rank.position, area))
    if figures.last_year_gap is not None and not row.is_suppressed("gap_change"):
        sentences.append(
            gap_change_sentence(
                "the attainment gap",
                calendar_year(report.year),
                figures.gap,
                calendar_year(report.last_year),
                figures.last_year_gap,
                words,
            )
        )
    return sentences


def gender_paragraphs(report: MeasureReport, measure: EqualityMeasure, area: str) -> tuple[str, ...]:
    """Who outperformed whom and by how much, the gap against England's, and its movement."""
    row = report.gender
    if row is None:
        return ()
    year = calendar_year(report.year)
    hidden = [
        name
        for field, name in (("result", row.name), ("comparison", row.against_name))
        if row.is_suppressed(field)
    ]
    if hidden:
        return (suppressed_sentence(year, _listed(hidden)),)
    figures, words = row.figures, measure_words(report, measure)
    if figures.result is None or figures.comparison is None:
        return ()
    pair = ((row.name, figures.result), (row.against_name, figures.comparison))
    sentences = [outperformed_sentence(year, measure.subject, *pair, words), _proportions(*pair, words)]
    sentences += _gender_gap_sentences(report, row, words, area)
    return (" ".join(sentences),)


def _gender_gap_sentences(report: MeasureReport, row: GroupFigures, words: Measure, area: str) -> list[str]:
    """The gap as the sentence before printed it (the difference of the two printed results),
    against England's, ranked, and moved since last year."""
    figures = row.figures
    if figures.gap is None or figures.result is None or figures.comparison is None:
        return []
    shown = float(abs(difference(figures.comparison, figures.result, words.decimals)))
    sentences = []
    if figures.national_gap is not None:
        sentences.append(gap_sentence(shown, abs(figures.national_gap), words, label="gender"))
    if figures.gap_rank:
        sentences.append(rank_sentence(figures.gap_rank.position, area))
    if figures.last_year_gap is not None and not row.is_suppressed("gap_change"):
        last = calendar_year(report.last_year)
        year = calendar_year(report.year)
        sentences.append(
            gap_change_sentence("the gender gap", year, shown, last, figures.last_year_gap, words)
        )
    return sentences


# --- sentences narrative.gaps does not write -----------------------------------------------------


def result_sentence(
    year: str, name: str, words: Measure, value: float, national: float | None, rank: int | None, area: str
) -> str:
    """A percentage as `group_result_sentence` writes it; an average as "the average … of … was"."""
    if words.unit == "percent":
        return group_result_sentence(year, name, words, value, national, rank, area)
    opening = f"In {year}, the average {words.wording} of {name} was {words.text(value)}"
    ranks = f"ranks {area} {ordinal(rank)} amongst its statistical neighbours" if rank else ""
    if national is None:
        return f"{opening}{', which ' + ranks if ranks else ''}."
    if difference(value, national, words.decimals) == 0:
        return f"{opening}, which is in line with the national figure{' and ' + ranks if ranks else ''}."
    return f"{opening}, compared to {words.text(national)} nationally{', which ' + ranks if ranks else ''}."


def comparison_sentence(name: str, value: float, words: Measure) -> str:
    """ "This compares with 64.0% of non-FSM pupils." or "… with 52.1 for non-FSM pupils."."""
    return f"This compares with {words.text(value)} {'of' if words.unit == 'percent' else 'for'} {name}."


def ahead_sentence(row: GroupFigures, gap: float, words: Measure) -> str:
    """A negative gap: the group did better than its comparison."""
    amount = amount_text(difference(0, gap, words.decimals), words.unit, words.decimals)
    return f"There is no attainment gap: {row.name} did better than {row.against_name}, by {amount}."


def suppressed_sentence(year: str, name: str) -> str:
    return f"In {year}, the results for {name} are suppressed (small numbers), so no figures are given."


def _listed(names: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _proportions(first: tuple[str, float], second: tuple[str, float], words: Measure) -> str:
    """ "The proportion of girls who … was 65.5% compared with 56.1% of boys.", or the averages."""
    if words.unit == "percent":
        return proportions_sentence(first, second, words)
    (ahead, ahead_value), (behind, behind_value) = sorted((first, second), key=lambda g: -g[1])
    return (
        f"{capitalised(ahead)} achieved an average {words.wording} of {words.text(ahead_value)} "
        f"compared with {words.text(behind_value)} for {behind}."
    )


def with_paragraphs(report: EqualityReport, spec: Equality) -> EqualityReport:
    """The report with each measure's paragraphs written from its figures."""
    specs = {m.indicator: m for m in spec.measures}

    def written(measure: MeasureReport) -> MeasureReport:
        about = specs[measure.indicator.code]
        return replace(
            measure,
            paragraphs=vulnerable_paragraphs(measure, about, report.area),
            gender_paragraphs=gender_paragraphs(measure, about, report.area),
        )

    return replace(report, measures=tuple(written(m) for m in report.measures))
