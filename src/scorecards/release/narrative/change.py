"""One result's change since the previously reported result, in words.

The worked examples are the Kent summary of the seed's directorate scorecard:

    The percentage of schools judged to be Good or Outstanding has risen to
    91.6% from 90.8% in the previous quarter. This is 0.4% below the 2016-17
    target of 92%.

    The number of primary school age permanent exclusions has risen by 4 from
    16 in the previous quarter to 20, which does not meet the 2016-17 target of 15.

The rules:

- the movement is judged on the printed figures: *risen*, *fallen*, or
  *remained at* when both print the same (the direction of travel, which
  says whether that is better or worse, is the scorecard's column);
- a count says by how much it moved and joins the target in one sentence
  ("…, which does not meet the 2016-17 target of 15."); a percentage, rate,
  average or score gives both figures and a second sentence on the target;
- the target sentence: *meets* when the target is met; the distance when
  missed within tolerance (Amber, or not rated: "This is 0.4% below…");
  *just below* when the distance prints as nothing; only the side when Red
  ("This is below the 2016-17 target of 86%");
- the previous result is "in the previous quarter" or "month" (the
  scorecard's cadence), or "in 2014-15" for an annual indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scorecards.assess.assessment import Assessment
from scorecards.assess.rag import Rag
from scorecards.figures.results import Observation
from scorecards.framework.formatting import value_text
from scorecards.framework.model import Indicator, Target
from scorecards.release.narrative.wording import (
    SEED_WORDING,
    Wording,
    amount_text,
    capitalised,
    difference,
    target_text,
)

LEADING_NOUNS = {
    "percentage": "percentage",
    "%": "percentage",
    "number": "number",
    "numbers": "number",
    "rate": "rate",
    "average": "average",
    "ave.": "average",
    "proportion": "proportion",
    "total": "total",
}


@dataclass(frozen=True)
class Change:
    """The facts one sentence states."""

    subject: str
    indicator: Indicator
    latest: Observation
    previous: Observation
    since: str
    target: Target | None
    rag: Rag | None
    met: bool | None  # None: cannot be judged

    @property
    def moved(self) -> Decimal:
        assert self.latest.value is not None and self.previous.value is not None
        return difference(self.latest.value, self.previous.value, self.indicator.decimals)

    @property
    def latest_text(self) -> str:
        """The latest result as printed; an annual one with its year: "74.8% in 2015-16"."""
        printed = value_text(self.latest.value, self.indicator)
        return f"{printed} in {self.latest.period}" if self.indicator.is_annual else printed

    @property
    def previous_text(self) -> str:
        return value_text(self.previous.value, self.indicator)


def change_sentence(
    assessment: Assessment,
    *,
    cadence_months: int,
    subject: str | None = None,
    wording: Wording = SEED_WORDING,
) -> str | None:
    """The summary sentence for one assessed result, or None without a previous result."""
    latest, previous = assessment.latest, assessment.previous
    if latest is None or previous is None or latest.value is None or previous.value is None:
        return None
    change = Change(
        subject=capitalised(subject or subject_of(assessment.indicator)),
        indicator=assessment.indicator,
        latest=latest,
        previous=previous,
        since=since_phrase(assessment.indicator, previous, cadence_months),
        target=assessment.target,
        rag=assessment.rag,
        met=assessment.met,
    )
    if assessment.indicator.unit == "count":
        return count_movement(change) + target_clause(change) + "."
    return movement(change) + target_sentence(change, wording)


def subject_of(indicator: Indicator) -> str:
    """How a sentence names an indicator, from its title: "% of referrals…" →
    "The percentage of referrals…"; a title that starts otherwise is used as written."""
    first, _, rest = indicator.title.strip().partition(" ")
    noun = LEADING_NOUNS.get(first.lower())
    return f"The {noun} {rest}" if noun else indicator.title.strip()


def since_phrase(indicator: Indicator, previous: Observation, cadence_months: int) -> str:
    if indicator.is_annual:
        return f"in {previous.period}"
    return "in the previous quarter" if cadence_months == 3 else "in the previous month"


def movement(change: Change) -> str:
    latest, previous = change.latest_text, change.previous_text
    if change.moved > 0:
        return f"{change.subject} has risen to {latest} from {previous} {change.since}."
    if change.moved < 0:
        return f"{change.subject} has fallen to {latest} from {previous} {change.since}."
    return f"{change.subject} has remained at {latest}, the same as {change.since}."


def count_movement(change: Change) -> str:
    latest, previous = change.latest_text, change.previous_text
    by = amount_text(change.moved, "count", change.indicator.decimals)
    if change.moved == 0:
        return f"{change.subject} has remained at {latest}, the same as {change.since}"
    verb = "risen" if change.moved > 0 else "fallen"
    return f"{change.subject} has {verb} by {by} from {previous} {change.since} to {latest}"


def target_clause(change: Change) -> str:
    """ ", which does not meet the 2016-17 target of 15" (counts)."""
    if change.target is None or change.met is None:
        return ""
    verb = "meets" if change.met else "does not meet"
    return f", which {verb} the {change.target.year} target of {target_text(change.target, change.indicator)}"


def target_sentence(change: Change, wording: Wording) -> str:
    """ " This is 0.4% below the 2016-17 target of 92%." (percentages, rates, averages, scores)."""
    if change.target is None or change.met is None:
        return ""
    target = f"the {change.target.year} target of {target_text(change.target, change.indicator)}"
    if change.met:
        return f" This meets {target}."
    assert change.latest.value is not None
    distance = difference(change.latest.value, change.target.value, change.indicator.decimals)
    side = "below" if distance < 0 else "above"
    if change.rag is Rag.RED:
        return f" This is {side} {target}."
    if distance == 0:
        return f" This is just {'below' if change.indicator.polarity == 'H' else 'above'} {target}."
    amount = amount_text(distance, change.indicator.unit, change.indicator.decimals, wording)
    return f" This is {amount} {side} {target}."
