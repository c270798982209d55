"""Copy a release the core computed into the database, as a draft.

Nothing here rates or compares: the RAG, direction and targets come from
the release's assessments (`CoreRelease.assessments`, each with its rated
history), the cells from its pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from scorecards.assess.assessment import Assessment
from scorecards.figures.results import Observation
from scorecards.framework.formatting import DATA_PERIOD_NAMES, FREQUENCY_NAMES, POLARITY_NAMES, value_text
from scorecards.framework.model import Framework
from scorecards.outputs.html_output import rag_rule_text
from scorecards.release.model import Release as CoreRelease
from scorecards.web.audit.models import record
from scorecards.web.releases.layout import is_small, page_tables
from scorecards.web.releases.models import (
    GeographyInfo,
    IndicatorInfo,
    Release,
    ReleaseChange,
    ResultRow,
    ScorecardPage,
    services_of,
)


@transaction.atomic
def import_release(
    core: CoreRelease,
    folder: Path,
    *,
    slug: str,
    name: str,
    user: User | None,
    restricted: bool = False,
    based_on: Release | None = None,
) -> Release:
    framework = core.framework
    release = Release.objects.create(
        slug=slug,
        name=name,
        data_month=core.data_month.label,
        restricted=restricted,
        based_on=based_on,
        framework_name=framework.name,
        framework_version=framework.version,
        organisation=framework.organisation,
        small_denominator=framework.small_denominator,
        folder=str(folder),
        manifest_sha256=_sha256(folder / "release.json"),
        created_by=user,
    )
    GeographyInfo.objects.bulk_create(_geographies(release, framework))
    IndicatorInfo.objects.bulk_create(_indicators(release, framework))
    ScorecardPage.objects.bulk_create(_pages(release, core))
    ResultRow.objects.bulk_create(_results(release, core))
    if based_on is not None:
        ReleaseChange.objects.bulk_create(changes_between(based_on, release))
    record(user, "release.build", release, None, release.to_audit())
    return release


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _geographies(release: Release, framework: Framework) -> Iterator[GeographyInfo]:
    for position, g in enumerate(framework.geographies.values()):
        yield GeographyInfo(
            release=release,
            code=g.code,
            name=g.name,
            level=g.level,
            parent=g.parent or "",
            district=g.district or "",
            position=position,
        )


def _indicators(release: Release, framework: Framework) -> Iterator[IndicatorInfo]:
    for position, i in enumerate(framework.indicators.values()):
        yield IndicatorInfo(
            release=release,
            code=i.code,
            title=i.title,
            service=i.service,
            polarity=POLARITY_NAMES.get(i.polarity or "", "Monitored only"),
            frequency=FREQUENCY_NAMES.get(i.frequency, i.frequency),
            unit=i.unit,
            data_period=DATA_PERIOD_NAMES.get(i.data_period, i.data_period),
            definition=i.definition,
            source=i.source,
            latest_data=i.latest_data,
            rag_rule=rag_rule_text(i),
            position=position,
        )


def _pages(release: Release, core: CoreRelease) -> Iterator[ScorecardPage]:
    limit = core.framework.small_denominator
    for position, page in enumerate(core.pages):
        tables = page_tables(page, core.results, limit)
        yield ScorecardPage(
            release=release,
            scorecard=page.scorecard.code,
            scorecard_title=page.scorecard.title,
            geography=page.geography.code,
            geography_name=page.geography.name,
            level=page.geography.level,
            slug=page.slug,
            position=position,
            tables=tables,
            guidance=page.scorecard.guidance,
            notes=list(page.scorecard.notes),
            services=services_of(tables),
        )


def _results(release: Release, core: CoreRelease) -> Iterator[ResultRow]:
    limit = core.framework.small_denominator
    for (code, geography, group), a in core.assessments.items():
        latest = a.latest
        if latest is None:
            continue
        yield ResultRow(
            release=release,
            indicator=code,
            geography=geography,
            group=group,
            period=latest.period,
            value=a.value,
            numerator=latest.numerator,
            denominator=latest.denominator,
            status=latest.status or "",
            text=_text(latest, a),
            previous=_text(a.previous, a) if a.previous else "",
            previous_period=a.previous.period if a.previous else "",
            dot=a.dot.value if a.dot else "",
            target=a.target.label if a.target else "",
            target_value=a.target.value if a.target else None,
            target_year=a.target.year if a.target else "",
            rag=a.rag.value if a.rag else "",
            small=is_small(latest.denominator, limit),
            series=list(_series(a, limit)),
        )


def _text(observation: Observation, a: Assessment) -> str:
    if observation.value is None:
        return (observation.status or "").replace("_", " ")
    return value_text(observation.value, a.indicator)


def _series(a: Assessment, limit: int | None) -> Iterator[dict[str, Any]]:
    """Every month (or year) of the result, rated against that year's target."""
    for rated in a.history:
        observation = rated.observation
        yield {
            "period": observation.period,
            "text": _text(observation, a),
            "value": observation.value,
            "target": rated.target.label if rated.target else "",
            "rag": rated.rag.value if rated.rag else "",
            "small": is_small(observation.denominator, limit),
        }


def changes_between(before: Release, after: Release) -> Iterator[ReleaseChange]:
    """Every result of `after` that differs from `before`'s, or is new or gone."""
    fields = ("indicator", "geography", "group", "period", "text", "rag")
    old = {(r[0], r[1], r[2]): r for r in before.results.values_list(*fields)}
    new = {(r[0], r[1], r[2]): r for r in after.results.values_list(*fields)}
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and was[3:] == now[3:]:
            continue
        yield ReleaseChange(
            release=after,
            indicator=key[0],
            geography=key[1],
            group=key[2],
            period=(now or was or ("",) * 6)[3],
            before=was[4] if was else "",
            after=now[4] if now else "",
            rag_before=was[5] if was else "",
            rag_after=now[5] if now else "",
        )
