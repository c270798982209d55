"""Contracts a reader may see: a provider its own, staff every one."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from scorecards.web.accounts.context import access_for
from scorecards.web.accounts.permissions import Access
from scorecards.web.contracts.models import Contract


def visible_contracts(access: Access) -> QuerySet[Contract]:
    contracts = Contract.objects.select_related("provider")
    if access.provider_id is not None and access.is_provider:
        return contracts.filter(provider_id=access.provider_id)
    return contracts if access.is_staff else contracts.none()


def contract_or_404(request: HttpRequest, code: str) -> Contract:
    found = Contract.objects.select_related("provider").filter(code=code).first()
    if found is None or not access_for(request).can_see_contract(found.provider_id):
        raise Http404("No such contract")
    return found
