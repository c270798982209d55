"""Resolve parsed specs into the framework model and check cross-references.

Each check returns issues rather than raising, so one load reports every
problem: unknown codes, cycles, floors on the wrong side of a target, and so on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, cast

from scorecards.errors import Issue
from scorecards.framework.equality import resolve_equality
from scorecards.framework.model import (
    Band,
    Column,
    Comparator,
    Framework,
    Geography,
    HistoryEntry,
    Indicator,
    RagRule,
    Scorecard,
    Section,
    Table,
    Target,
)
from scorecards.framework.national import resolve_national
from scorecards.framework.spec import (
    ColumnSpec,
    IndicatorSpec,
    RagSpec,
    ScorecardSpec,
    TargetSpec,
)
from scorecards.framework.yamlfile import line_of
from scorecards.periods import Month, is_year_label

LEVELS = ("county", "area", "district", "team", "unit", "centre", "provider")
YEAR_KEYWORDS = ("latest",)

ModelT = TypeVar("ModelT")


def resolve(
    root: Path,
    framework: Any,
    geographies: list[Any],
    indicators: list[Any],
    scorecards: list[Any],
    equality: Any = None,
    national: Any = None,
) -> tuple[Framework, list[Issue]]:
    issues: list[Issue] = []
    default_rule = framework.spec.rag
    geos = dict(_geographies(geographies, issues))
    issues += _check_geography_tree(geos, geographies)
    inds = dict(_indicators(indicators, default_rule, issues))
    known = set(inds) | {i.rolling_code for i in inds.values() if i.rolling_3_months}
    issues += _check_indicator_references(inds, indicators, set(geos))
    cards = dict(_scorecards(scorecards, known, set(geos), issues))
    every_indicator = _with_rolling_companions(inds)
    spec = framework.spec
    model = Framework(
        name=spec.name,
        version=spec.version,
        organisation=spec.organisation,
        produced_by=spec.produced_by,
        root=root,
        geographies=geos,
        indicators=every_indicator,
        scorecards=cards,
        small_denominator=spec.small_denominator,
        suppress_below=spec.suppress_below,
        equality=_optional_file(equality, resolve_equality, every_indicator, issues),
        national=_optional_file(national, resolve_national, every_indicator, issues),
    )
    return model, issues


def _optional_file(
    located: Any,
    resolver: Callable[[str, Any, Any, Collection[str]], tuple[ModelT, list[Issue]]],
    indicators: Collection[str],
    issues: list[Issue],
) -> ModelT | None:
    """An optional file (`equality.yaml`, `national.yaml`) resolved, or None when the framework has none."""
    if located is None:
        return None
    model, problems = resolver(located.file, located.spec, located.raw, indicators)
    issues += problems
    return model


def _items(located: list[Any], attribute: str) -> Iterator[tuple[Any, Any, int | None]]:
    """(file, item spec, line) for every item in every file's list."""
    for entry in located:
        specs = getattr(entry.spec, attribute) if attribute else [entry.spec]
        for index, item in enumerate(specs):
            line = line_of(entry.raw, (attribute, index)) if attribute else entry.raw.line
            yield entry.file, item, line


def _geographies(located: list[Any], issues: list[Issue]) -> Iterator[tuple[str, Geography]]:
    seen: dict[str, str] = {}
    for file, spec, line in _items(located, "geographies"):
        if spec.code in seen:
            issues.append(
                Issue(
                    file, line, "code", f"geography {spec.code} is defined twice (also in {seen[spec.code]})"
                )
            )
            continue
        seen[spec.code] = file
        yield (
            spec.code,
            Geography(spec.code, spec.name, spec.level, spec.parent, spec.district, tuple(spec.aliases)),
        )


def _check_geography_tree(geos: dict[str, Geography], located: list[Any]) -> list[Issue]:
    issues: list[Issue] = []
    labels: dict[str, str] = {}
    for file, spec, line in _items(located, "geographies"):
        for ref, what in ((spec.parent, "parent"), (spec.district, "district")):
            if ref is not None and ref not in geos:
                issues.append(Issue(file, line, what, f"unknown geography {ref!r}"))
        if spec.district is not None and geos.get(spec.district, spec).level != "district":
            issues.append(Issue(file, line, "district", f"{spec.district} is not a district"))
        if spec.parent is None and spec.level != "county":
            issues.append(
                Issue(file, line, "parent", f"{spec.code} needs a parent (only the county has none)")
            )
        if _has_cycle(spec.code, geos):
            issues.append(Issue(file, line, "parent", f"{spec.code} is its own ancestor"))
        for label in (spec.code, spec.name, *spec.aliases):
            key = label.strip().lower()
            if labels.get(key, spec.code) != spec.code:
                issues.append(
                    Issue(file, line, "name", f"{label!r} also names {labels[key]}: names must be unique")
                )
            labels[key] = spec.code
    return issues


def _has_cycle(code: str, geos: dict[str, Geography]) -> bool:
    seen = {code}
    parent = geos[code].parent if code in geos else None
    while parent is not None and parent in geos:
        if parent in seen:
            return True
        seen.add(parent)
        parent = geos[parent].parent
    return False


def _indicators(located: list[Any], default: RagSpec, issues: list[Issue]) -> Iterator[tuple[str, Indicator]]:
    seen: dict[str, str] = {}
    for file, spec, line in _items(located, "indicators"):
        if spec.code in seen:
            issues.append(
                Issue(
                    file, line, "code", f"indicator {spec.code} is defined twice (also in {seen[spec.code]})"
                )
            )
            continue
        seen[spec.code] = file
        problems: list[str] = []
        indicator = _indicator(spec, default, problems, file, line)
        issues.extend(Issue(file, line, None, f"{spec.code}: {p}") for p in problems)
        yield spec.code, indicator


def _indicator(
    spec: IndicatorSpec, default: RagSpec, problems: list[str], file: str, line: int | None
) -> Indicator:
    targets = tuple(_targets(spec, problems))
    rule = _rag_rule(spec.rag, default)
    problems += _check_targets(spec.polarity, targets, rule)
    history = tuple(
        HistoryEntry(Month.parse(h.period), h.change, h.note, h.replaced_by, h.replaces) for h in spec.history
    )
    return Indicator(
        code=spec.code,
        title=spec.title,
        polarity=spec.polarity,
        frequency=spec.frequency,
        unit=spec.unit,
        decimals=spec.decimals,
        data_period=spec.data_period,
        rag=rule,
        targets=targets,
        short_title=spec.short_title,
        definition=spec.definition.strip(),
        source=spec.source.strip(),
        latest_data=spec.latest_data.strip(),
        service=spec.service,
        status=spec.status,
        history=history,
        rolling_3_months=spec.rolling_3_months,
        geographies=tuple(spec.geographies),
        compute=spec.compute,
        file=file,
        line=line,
    )


def _targets(spec: IndicatorSpec, problems: list[str]) -> Iterator[Target]:
    entries = (
        [TargetSpec(year=year, value=value) for year, value in spec.targets.items()]
        if isinstance(spec.targets, dict)
        else spec.targets
    )
    for entry in entries:
        if not is_year_label(entry.year):
            problems.append(f"target year {entry.year!r} is not a year such as 2016-17")
            continue
        comparator, value = parse_target(entry.value)
        text = entry.value if isinstance(entry.value, str) else ""
        yield Target(entry.year, value, comparator, entry.geography, entry.basis, text)


def parse_target(value: float | str) -> tuple[Comparator, float]:
    """`>80` → ('>', 80.0); `92` → ('', 92.0). The spec has already checked the form."""
    if not isinstance(value, str):
        return "", float(value)
    text = value.strip().replace(",", "")
    number = text.lstrip("<>=")
    return cast(Comparator, text[: len(text) - len(number)]), float(number)


def _rag_rule(spec: RagSpec | str | None, default: RagSpec) -> RagRule:
    if spec == "none" or (isinstance(spec, RagSpec) and spec.rule == "none"):
        return RagRule(rated=False)
    own = spec if isinstance(spec, RagSpec) else RagSpec()
    tolerance = own.tolerance or default.tolerance or "3%"
    return RagRule(
        rated=True,
        tolerance=float(tolerance.rstrip("%")),
        relative=tolerance.endswith("%"),
        floor=own.floor if own.floor is not None else default.floor,
        band=own.band if own.band is not None else (default.band or 0.0),
        bands=tuple(Band(**b.model_dump()) for b in (own.bands or default.bands or [])),
        min_denominator=own.min_denominator or default.min_denominator,
    )


def _check_targets(polarity: str | None, targets: Iterable[Target], rule: RagRule) -> list[str]:
    problems: list[str] = []
    for target in targets:
        if (target.comparator.startswith(">") and polarity == "L") or (
            target.comparator.startswith("<") and polarity == "H"
        ):
            problems.append(
                f"target {target.label} for {target.year} points the other way from polarity {polarity}"
            )
        if rule.floor is None or not rule.rated or target.basis == "monthly":
            continue
        if polarity == "H" and rule.floor > target.value:
            problems.append(
                f"rag.floor {rule.floor:g} is above the {target.year} target {target.label} for polarity H"
                " — a floor must be on the worse side"
            )
        if polarity == "L" and rule.floor < target.value:
            problems.append(
                f"rag.floor {rule.floor:g} is below the {target.year} target {target.label} for polarity L"
                " — a floor must be on the worse side"
            )
    if rule.rated and polarity is None and any(t.basis == "annual" for t in targets):
        problems.append("has targets but no polarity: give a polarity or `rag: none`")
    return problems


def _check_indicator_references(
    inds: dict[str, Indicator], located: list[Any], geos: set[str]
) -> list[Issue]:
    issues: list[Issue] = []
    for file, spec, line in _items(located, "indicators"):
        for h in spec.history:
            for ref in (h.replaced_by, h.replaces):
                if ref is not None and ref not in inds:
                    issues.append(Issue(file, line, "history", f"{spec.code}: unknown indicator {ref!r}"))
        targets = spec.targets if isinstance(spec.targets, list) else []
        for selector in [t.geography for t in targets if t.geography] + list(spec.geographies):
            if selector not in geos and selector not in LEVELS:
                issues.append(
                    Issue(file, line, "geography", f"{spec.code}: unknown geography or level {selector!r}")
                )
    return issues


def _scorecards(
    located: list[Any], known: set[str], geos: set[str], issues: list[Issue]
) -> Iterator[tuple[str, Scorecard]]:
    seen: set[str] = set()
    for entry in located:
        spec: ScorecardSpec = entry.spec
        if spec.code in seen:
            issues.append(
                Issue(entry.file, entry.raw.line, "code", f"scorecard {spec.code} is defined twice")
            )
            continue
        seen.add(spec.code)
        issues.extend(_check_scorecard(entry, known, geos))
        yield (
            spec.code,
            Scorecard(
                code=spec.code,
                title=spec.title,
                cadence=spec.cadence,
                geographies=tuple(spec.geographies),
                tables=tuple(_table(t) for t in spec.tables),
                guidance=spec.guidance.strip(),
                notes=tuple(spec.notes),
                data_month_only=spec.data_month_only,
            ),
        )


def _table(spec: Any) -> Table:
    return Table(
        title=spec.title,
        columns=tuple(_column(c) for c in spec.columns),
        sections=tuple(Section(s.title, tuple(s.indicators), s.geography) for s in spec.sections),
        summary_counts=spec.summary_counts,
    )


def _column(spec: ColumnSpec | str) -> Column:
    if isinstance(spec, str):
        return Column(spec)
    return Column(
        show=spec.show,
        year=spec.year,
        group=spec.group,
        heading=spec.heading,
        basis=spec.basis,
        start=Month.parse(spec.start) if spec.start else None,
        end=Month.parse(spec.end) if spec.end else None,
    )


def _check_scorecard(entry: Any, known: set[str], geos: set[str]) -> Iterator[Issue]:
    spec: ScorecardSpec = entry.spec
    raw = entry.raw
    for index, selector in enumerate(spec.geographies):
        if selector not in geos and selector not in LEVELS:
            yield Issue(
                entry.file,
                line_of(raw, ("geographies", index)),
                "geographies",
                f"unknown geography or level {selector!r}",
            )
    for t, table in enumerate(spec.tables):
        for c, column in enumerate(table.columns):
            year = column.year if isinstance(column, ColumnSpec) else None
            if year is not None and year not in YEAR_KEYWORDS and not is_year_label(year):
                yield Issue(
                    entry.file,
                    line_of(raw, ("tables", t, "columns", c, "year")),
                    "year",
                    f"{year!r} is not a year such as 2016-17 or `latest`",
                )
        for s, section in enumerate(table.sections):
            if section.geography is not None and section.geography not in geos:
                yield Issue(
                    entry.file,
                    line_of(raw, ("tables", t, "sections", s, "geography")),
                    "geography",
                    f"unknown geography {section.geography!r}",
                )
            for i, code in enumerate(section.indicators):
                if code not in known:
                    yield Issue(
                        entry.file,
                        line_of(raw, ("tables", t, "sections", s, "indicators", i)),
                        "indicators",
                        f"unknown indicator {code!r}",
                    )


def _with_rolling_companions(inds: dict[str, Indicator]) -> dict[str, Indicator]:
    """Each `rolling_3_months` indicator gets a companion `<code>-R3M` for its
    rolling three-month result, rated by the same rule and targets."""
    result = dict(inds)
    for indicator in inds.values():
        if indicator.rolling_3_months:
            result[indicator.rolling_code] = replace(
                indicator,
                code=indicator.rolling_code,
                title=f"{indicator.title} (rolling 3 months)",
                data_period="rolling_3_months",
                rolling_3_months=False,
            )
    return result
