"""`scorecards serve --demo`: the example county's July 2017 release, published,
with its commissioned contracts, so that there is something to read."""

from __future__ import annotations

from scorecards.demo.county import DATA_MONTH, EXAMPLE, example_framework, example_values
from scorecards.framework.load import load_framework
from scorecards.web.contracts.loading import load_contracts
from scorecards.web.releases.building import build_draft, publish
from scorecards.web.releases.models import Release


def load_demo() -> Release:
    """Build and publish the example release unless it is there already."""
    existing = Release.objects.filter(slug=DATA_MONTH.label).first()
    if existing is not None:
        return existing
    load_contracts(EXAMPLE / "contracts.yaml", load_framework(example_framework()), DATA_MONTH)
    release = build_draft(example_framework(), example_values(), DATA_MONTH, user=None)
    return publish(release, None)
