"""`equality.yaml`: what the annual equality report covers, and in what words.

An optional file in the framework folder. Without it a release has no
equality report. It lists the key-stage measures (an indicator, the heading
it is reported under and the words its sentences use), the vulnerable groups
by heading, the gender comparison and the names groups are written with:

```yaml
measures:
  - indicator: SISE4a
    stage: Key Stage 2
    # a percentage: "the proportion of FSM pupils who <wording> was 41.0%"
    wording: achieved the 'expected standard' in Reading, Writing and Mathematics combined
    # "girls outperformed boys in <subject>"
    subject: Reading, Writing and Mathematics combined
  - {indicator: SISE12a, stage: Key Stage 4, wording: Attainment 8 score, subject: Attainment 8}
    # an average: "the average <wording> of FSM pupils was 35.9"
vulnerable_groups:
  Free school meals: [fsm]
  Special educational needs: [sen, {group: sen-support, against: no-identified-sen}]
gender: {group: male, against: female}
names: {fsm: FSM pupils, non-fsm: non-FSM pupils, all: all pupils, male: boys, female: girls}
```

A group is compared with the group `against` names, else as the indicator's
`compute.gaps` says, else with all pupils (`scorecards.assess.equality.question`).
The loader parses it with the other framework files (`spec.EqualitySpec`);
this module checks the indicators it names and resolves it into the model's
`Equality`. Group codes are the labels an indicator's `compute.breakdowns`
produce in SQL, so they cannot be checked before the build.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from scorecards.errors import Issue
from scorecards.framework.model import Equality, EqualityGroup, EqualityMeasure
from scorecards.framework.spec import EqualityGroupSpec, EqualitySpec
from scorecards.framework.yamlfile import line_of


def resolve_equality(
    file: str, spec: EqualitySpec, raw: Any, indicators: Collection[str]
) -> tuple[Equality, list[Issue]]:
    """The report `equality.yaml` describes, and a problem for each indicator it names that is not one."""
    issues = [
        Issue(
            file,
            line_of(raw, ("measures", index, "indicator")),
            f"measures.{index}.indicator",
            f"unknown indicator {measure.indicator!r}",
        )
        for index, measure in enumerate(spec.measures)
        if measure.indicator not in indicators
    ]
    equality = Equality(
        measures=tuple(EqualityMeasure(m.indicator, m.stage, m.wording, m.subject) for m in spec.measures),
        vulnerable_groups={
            heading: tuple(_group(g) for g in groups) for heading, groups in spec.vulnerable_groups.items()
        },
        gender=_group(spec.gender) if spec.gender else None,
        names=dict(spec.names),
    )
    return equality, issues


def _group(spec: EqualityGroupSpec) -> EqualityGroup:
    return EqualityGroup(spec.group, spec.against)
