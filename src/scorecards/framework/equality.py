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
Every problem is reported with file and line, like the other framework files.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from scorecards.errors import Issue, ValidationFailed
from scorecards.framework.model import Framework
from scorecards.framework.yamlfile import YamlSyntaxError, line_of, read_yaml

FILE_NAME = "equality.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupSpec(_Strict):
    """A group and, when not the indicator's own comparison, the group it is compared with."""

    group: str
    against: str | None = None


def _group_entry(value: Any) -> Any:
    """A group may be written as its code alone: `fsm` is `{group: fsm}`."""
    return {"group": value} if isinstance(value, str) else value


GroupEntry = Annotated[GroupSpec, BeforeValidator(_group_entry)]


class MeasureSpec(_Strict):
    indicator: str
    stage: str
    wording: str
    subject: str


class EqualitySpec(_Strict):
    measures: list[MeasureSpec] = Field(min_length=1)
    vulnerable_groups: dict[str, list[GroupEntry]] = Field(default_factory=dict)
    gender: GroupEntry | None = None
    names: dict[str, str] = Field(default_factory=dict)

    def name(self, group: str) -> str:
        """How a group is written: its name in `names`, else its code."""
        return self.names.get(group, group)


def load_equality_spec(framework: Framework) -> EqualitySpec | None:
    """The framework's `equality.yaml`, or None when it has none."""
    path = framework.root / FILE_NAME
    if not path.is_file():
        return None
    try:
        raw = read_yaml(path, FILE_NAME)
    except YamlSyntaxError as exc:
        raise ValidationFailed(FILE_NAME, [exc.issue]) from exc
    try:
        spec = EqualitySpec.model_validate(raw or {})
    except ValidationError as exc:
        raise ValidationFailed(FILE_NAME, _pydantic_issues(exc, raw)) from exc
    issues = _unknown_indicators(spec, framework, raw)
    if issues:
        raise ValidationFailed(FILE_NAME, issues)
    return spec


def _pydantic_issues(exc: ValidationError, raw: Any) -> list[Issue]:
    return [
        Issue(FILE_NAME, line_of(raw, e["loc"]), ".".join(str(p) for p in e["loc"]), str(e["msg"]))
        for e in exc.errors()
    ]


def _unknown_indicators(spec: EqualitySpec, framework: Framework, raw: Any) -> list[Issue]:
    return [
        Issue(
            FILE_NAME,
            line_of(raw, ("measures", n, "indicator")),
            f"measures.{n}.indicator",
            f"{measure.indicator}: no such indicator in the framework",
        )
        for n, measure in enumerate(spec.measures)
        if measure.indicator not in framework.indicators
    ]
