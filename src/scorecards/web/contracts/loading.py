"""Load contracts from a `contracts.yaml` (the example county's is in
`examples/kent/contracts.yaml`): providers, contracts, their KPIs with monthly
and annual targets (from the framework), and any narratives and notes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.text import slugify

from scorecards.errors import ScorecardsError
from scorecards.framework.model import Framework, Scorecard
from scorecards.framework.targets import target_for
from scorecards.periods import Month, year_of
from scorecards.web.contracts.models import Contract, Kpi, MonitoringNote, Narrative, Provider


@transaction.atomic
def load_contracts(path: Path, framework: Framework, month: Month) -> list[Contract]:
    """Create or update every contract in the file; KPI targets are those for `month`'s year."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    loaded = []
    for position, item in enumerate(data.get("contracts", [])):
        contract = _contract(item, position)
        _kpis(contract, framework, year_of(month))
        _texts(contract, item.get("narratives", []))
        loaded.append(contract)
    return loaded


def _contract(item: dict[str, Any], position: int) -> Contract:
    provider, _ = Provider.objects.get_or_create(
        name=item["provider"], defaults={"slug": slugify(item["provider"])[:200] or "provider"}
    )
    contract, _ = Contract.objects.update_or_create(
        code=item["code"],
        defaults={
            "service": item["service"],
            "provider": provider,
            "area": item["area"],
            "value": Decimal(str(item["value"])),
            "scope": item.get("scope", ""),
            "geographies": list(item.get("geographies", [])),
            "position": position,
        },
    )
    return contract


def contract_scorecard(framework: Framework, contract: Contract) -> Scorecard:
    for card in framework.scorecards.values():
        if contract.geographies and contract.geographies[0] in card.geographies:
            return card
    raise ScorecardsError(f"contract {contract.code}: no scorecard shows {contract.geographies[:1]}")


def _kpis(contract: Contract, framework: Framework, year: str) -> None:
    card = contract_scorecard(framework, contract)
    geography = framework.geographies[contract.geographies[0]]
    for position, code in enumerate(card.indicator_codes):
        indicator = framework.indicators[code]
        monthly = target_for(indicator, year, geography, "monthly")
        annual = target_for(indicator, year, geography)
        Kpi.objects.update_or_create(
            contract=contract,
            indicator=code,
            defaults={
                "title": indicator.title,
                "year": year,
                "monthly_target": monthly.label if monthly else "",
                "annual_target": annual.label if annual else "",
                "position": position,
            },
        )


def _texts(contract: Contract, narratives: list[dict[str, Any]]) -> None:
    for item in narratives:
        key = {"contract": contract, "geography": item["geography"], "month": item["period"]}
        for model, field in ((Narrative, "provider_narrative"), (MonitoringNote, "monitoring_notes")):
            text = "\n\n".join(item.get(field) or [])
            if text:
                model.objects.update_or_create(**key, defaults={"text": text})
