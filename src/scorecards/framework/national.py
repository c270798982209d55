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
them. The loader parses it with the other framework files
(`spec.NationalSpec`); this module checks it against the indicators and
resolves it into the model's `NationalMap`.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from scorecards.errors import Issue
from scorecards.framework.model import NationalMap, PublishedMeasure
from scorecards.framework.spec import NationalSpec
from scorecards.framework.yamlfile import LocatedDict, line_of


def resolve_national(
    file: str, spec: NationalSpec, raw: Any, indicators: Collection[str]
) -> tuple[NationalMap, list[Issue]]:
    """The map `national.yaml` describes, and its problems: unknown indicators, groups without a file."""
    issues = _unknown_indicators(file, spec, raw, indicators) + _missing_sources(file, spec, raw)
    measures = {
        (code, group): PublishedMeasure(
            source_file=str(measure.source_file or indicator.source_file),
            measure=measure.measure,
            filters=tuple(sorted({**indicator.filters, **measure.filters}.items())),
        )
        for code, indicator in spec.indicators.items()
        for group, measure in indicator.groups.items()
    }
    return NationalMap(spec.council.strip(), spec.neighbours, measures), issues


def _unknown_indicators(file: str, spec: NationalSpec, raw: Any, indicators: Collection[str]) -> list[Issue]:
    return [
        Issue(file, _key_line(raw, code), f"indicators.{code}", f"unknown indicator {code!r}")
        for code in spec.indicators
        if code not in indicators
    ]


def _key_line(raw: Any, code: str) -> int | None:
    """The line of an indicator's code in the file (`line_of` gives its mapping's first line)."""
    mapped = raw.get("indicators") if isinstance(raw, LocatedDict) else None
    return mapped.key_lines.get(code) if isinstance(mapped, LocatedDict) else None


def _missing_sources(file: str, spec: NationalSpec, raw: Any) -> list[Issue]:
    return [
        Issue(
            file,
            line_of(raw, ("indicators", code, "groups", group)),
            f"indicators.{code}.groups.{group}",
            "no source_file: give one for the group or the indicator",
        )
        for code, indicator in spec.indicators.items()
        for group, measure in indicator.groups.items()
        if not (measure.source_file or indicator.source_file)
    ]
