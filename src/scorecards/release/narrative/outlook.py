"""A trajectory in words: where the present trend leads by a later target.

"At the present trend the result would be 95.3% by March 2019: on course for
the 2018-19 target of 95%." The projection is `scorecards.assess.trajectory`'s.
"""

from __future__ import annotations

from scorecards.assess.trajectory import Outlook
from scorecards.framework.formatting import value_text
from scorecards.framework.model import Indicator
from scorecards.release.narrative.wording import target_text


def outlook_sentence(indicator: Indicator, outlook: Outlook) -> str:
    projected = value_text(outlook.projected, indicator)
    opening = f"At the present trend the result would be {projected} by {outlook.due.long_name}"
    target = f"the {outlook.target.year} target of {target_text(outlook.target, indicator)}"
    if outlook.on_course is None:
        return f"{opening}, against {target}."
    return f"{opening}: {'on course' if outlook.on_course else 'not on course'} for {target}."
