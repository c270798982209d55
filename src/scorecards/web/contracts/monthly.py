"""Writing a provider narrative or monitoring notes for a contract geography
and month; a month whose release is published is closed."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from scorecards.web.audit.models import record
from scorecards.web.contracts.models import Contract, MonitoringNote, Narrative
from scorecards.web.releases.models import Frozen, Release, Status

KINDS: dict[str, type[Narrative] | type[MonitoringNote]] = {"narrative": Narrative, "notes": MonitoringNote}


def is_closed(month: str) -> bool:
    """A month is closed once a release of its data is published."""
    return Release.objects.filter(data_month=month, status=Status.PUBLISHED).exists()


@transaction.atomic
def write(kind: str, contract: Contract, geography: str, month: str, text: str, user: User) -> None:
    if is_closed(month):
        raise Frozen(f"the {month} release is published: its texts cannot change")
    model = KINDS[kind]
    found = model.objects.filter(contract=contract, geography=geography, month=month).first()
    before = found.to_audit() if found else None
    if found is None:
        found = model(contract=contract, geography=geography, month=month)
    found.text = text
    found.author = user
    found.updated_at = timezone.now()
    found.save()
    record(user, f"{kind}.write", found, before, found.to_audit())
