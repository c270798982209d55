"""`national.yaml`: how a framework's indicators map to published national figures.

An optional file in the framework folder. It names the council's code in
the national files (old `886` or new `E10000016`), the statistical-neighbour
grouping to rank against, and for each indicator and group the published
measure that is the same figure:

```yaml
council: "886"
neighbours: New_Statistical_Neighbour_Groupings_April_2021   # default: latest loaded
indicators:
  SISE4a:
    source_file: bds_long_0            # the file the figures were loaded from (its name)
    groups:
      all: {measure: KS2RWM_Expected_STD}
      fsm: {measure: FSM_NEW_KS2_RWM}
      cic: {source_file: ks2_la, measure: pt_rwm_met_expected_standard,
            filters: {social_care_group: CLA 12 months at 31 March}}
```

`filters` pick one breakdown of a tidy file (`breakdowns[key] = value`); an
indicator's filters apply to all its groups, a group's add to or override
them. Every problem is reported with file and line, like the other
framework files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scorecards.errors import Issue, ValidationFailed
from scorecards.framework.model import Framework
from scorecards.framework.yamlfile import LocatedDict, YamlSyntaxError, line_of, read_yaml

FILE_NAME = "national.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupMeasureSpec(_Strict):
    """The published measure for one group of an indicator."""

    measure: str
    source_file: str | None = None
    filters: dict[str, str] = Field(default_factory=dict)


class IndicatorMapSpec(_Strict):
    source_file: str | None = None
    filters: dict[str, str] = Field(default_factory=dict)
    groups: dict[str, GroupMeasureSpec]


class NationalMapSpec(_Strict):
    council: str
    neighbours: str | None = None
    indicators: dict[str, IndicatorMapSpec] = Field(default_factory=dict)


@dataclass(frozen=True)
class PublishedMeasure:
    """Where one indicator's figure for one group is found in `national_figures`."""

    source_file: str
    measure: str
    filters: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NationalMap:
    council: str
    neighbours: str | None
    measures: dict[tuple[str, str], PublishedMeasure]  # (indicator, group) → measure

    def measure(self, indicator: str, group: str) -> PublishedMeasure | None:
        return self.measures.get((indicator, group))


def load_national_map(framework: Framework) -> NationalMap | None:
    """The framework's `national.yaml`, or None when it has none."""
    path = framework.root / FILE_NAME
    if not path.is_file():
        return None
    return read_national_map(path, framework)


def read_national_map(path: Path, framework: Framework) -> NationalMap:
    """Parse and check one mapping file; fail once with every problem."""
    try:
        raw = read_yaml(path, FILE_NAME)
    except YamlSyntaxError as exc:
        raise ValidationFailed(FILE_NAME, [exc.issue]) from exc
    try:
        spec = NationalMapSpec.model_validate(raw or {})
    except ValidationError as exc:
        issues = [
            Issue(FILE_NAME, line_of(raw, e["loc"]), ".".join(str(p) for p in e["loc"]), str(e["msg"]))
            for e in exc.errors()
        ]
        raise ValidationFailed(FILE_NAME, issues) from exc
    issues = list(_unknown_indicators(spec, framework, raw))
    issues += _missing_sources(spec, raw)
    if issues:
        raise ValidationFailed(FILE_NAME, issues)
    return _resolve(spec)


def _unknown_indicators(spec: NationalMapSpec, framework: Framework, raw: Any) -> list[Issue]:
    return [
        Issue(FILE_NAME, _key_line(raw, code), f"indicators.{code}", "no such indicator in the framework")
        for code in spec.indicators
        if code not in framework.indicators
    ]


def _key_line(raw: Any, code: str) -> int | None:
    """The line of an indicator's code in the file (`line_of` gives its mapping's first line)."""
    indicators = raw.get("indicators") if isinstance(raw, LocatedDict) else None
    return indicators.key_lines.get(code) if isinstance(indicators, LocatedDict) else None


def _missing_sources(spec: NationalMapSpec, raw: Any) -> list[Issue]:
    return [
        Issue(
            FILE_NAME,
            line_of(raw, ("indicators", code, "groups", group)),
            f"indicators.{code}.groups.{group}",
            "no source_file: give one for the group or the indicator",
        )
        for code, indicator in spec.indicators.items()
        for group, measure in indicator.groups.items()
        if not (measure.source_file or indicator.source_file)
    ]


def _resolve(spec: NationalMapSpec) -> NationalMap:
    measures = {
        (code, group): PublishedMeasure(
            source_file=str(measure.source_file or indicator.source_file),
            measure=measure.measure,
            filters=tuple(sorted({**indicator.filters, **measure.filters}.items())),
        )
        for code, indicator in spec.indicators.items()
        for group, measure in indicator.groups.items()
    }
    return NationalMap(spec.council.strip(), spec.neighbours, measures)
