"""The contract scorecard as the seed's appendix lays it out: each of the
contract's tables (contract, area, district), and under an area's table a
grid of its districts with the provider narrative and the monitoring notes."""

from __future__ import annotations

from typing import Any

from scorecards.periods import Month
from scorecards.web.contracts.models import Contract, MonitoringNote, Narrative
from scorecards.web.releases.models import GeographyInfo, Release, ScorecardPage, Status


def contract_sections(
    contract: Contract, month: str, pages: dict[str, ScorecardPage]
) -> list[dict[str, Any]]:
    parents = _parents(next(iter(pages.values())).release_id, contract.geographies)
    inside = set(contract.geographies)
    leaves = [g for g in contract.geographies if not any(parents.get(o) == g for o in inside)]
    texts = _texts(contract, month)
    sections = []
    for code in contract.geographies:
        if code not in pages:
            continue
        under = [leaf for leaf in leaves if parents.get(leaf) == code]
        if code in leaves and parents.get(code) not in inside:
            under = [code]
        grid = [
            {"code": g, "name": pages[g].geography_name if g in pages else g, **texts.get(g, {})}
            for g in under
        ]
        sections.append({"page": pages[code], "name": pages[code].geography_name, "grid": grid})
    return sections


def _parents(release_id: int, codes: list[str]) -> dict[str, str]:
    rows = GeographyInfo.objects.filter(release_id=release_id, code__in=codes).values_list("code", "parent")
    return dict(rows)


def _texts(contract: Contract, month: str) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {}
    for kind, model in (("narrative", Narrative), ("notes", MonitoringNote)):
        for geography, text in model.objects.filter(contract=contract, month=month).values_list(
            "geography", "text"
        ):
            texts.setdefault(geography, {})[kind] = text
    return texts


def geography_names(codes: list[str]) -> dict[str, str]:
    """Names as the most recent release has them."""
    latest = Release.objects.order_by("-data_month", "-created_at").first()
    if latest is None:
        return {}
    return dict(latest.geographies.filter(code__in=codes).values_list("code", "name"))


def open_months() -> list[str]:
    """Months whose texts may still be written: those of draft releases, and
    the month after the latest published one."""
    drafts = set(Release.objects.filter(status=Status.DRAFT).values_list("data_month", flat=True))
    published = Release.objects.filter(status=Status.PUBLISHED).order_by("-data_month").first()
    if published is not None:
        drafts.add(Month.parse(published.data_month).shift(1).label)
    closed = set(Release.objects.filter(status=Status.PUBLISHED).values_list("data_month", flat=True))
    return sorted(drafts - closed)
