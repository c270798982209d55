"""Contracts: the list, one contract (KPIs, narratives, notes), the contract
scorecard in a release, and the narrative and notes forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from scorecards.periods import Month
from scorecards.web.accounts.context import access_for
from scorecards.web.contracts import monthly
from scorecards.web.contracts.layout import contract_sections, geography_names, open_months
from scorecards.web.contracts.lookup import contract_or_404, visible_contracts
from scorecards.web.contracts.models import Contract, MonitoringNote, Narrative
from scorecards.web.releases.forms import TextForm
from scorecards.web.releases.lookup import release_or_404
from scorecards.web.releases.pages import tables_html
from scorecards.web.releases.presenting import View


@login_required
@require_safe
def contracts(request: HttpRequest) -> HttpResponse:
    access = access_for(request)
    if not access.can_list_contracts():
        raise PermissionDenied("You have no contracts to see")
    return render(request, "contracts/list.html", {"contracts": visible_contracts(access)})


@login_required
@require_safe
def contract(request: HttpRequest, code: str) -> HttpResponse:
    found = contract_or_404(request, code)
    access = access_for(request)
    names = geography_names(found.geographies)
    texts: dict[str, dict[str, dict[str, Any]]] = {}
    for kind, model in (("narrative", Narrative), ("notes", MonitoringNote)):
        for item in model.objects.filter(contract=found):
            texts.setdefault(item.month, {}).setdefault(item.geography, {})[kind] = item
    months = sorted(set(texts) | set(open_months()), reverse=True)
    context = {
        "contract": found,
        "kpis": found.kpis.all(),
        "months": [(m, _month_name(m), _rows(found, names, texts.get(m, {}))) for m in months],
        "open": set(open_months()),
        "can_narrate": access.can_write_narrative(found.provider_id),
        "can_note": access.can_write_notes(found.service),
    }
    return render(request, "contracts/contract.html", context)


def _rows(found: Contract, names: dict[str, str], texts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"code": g, "name": names.get(g, g), **texts.get(g, {})} for g in found.geographies]


def _month_name(label: str) -> str:
    return Month.parse(label).long_name


@require_safe
def contract_scorecard(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    release = release_or_404(request, slug)
    found = Contract.objects.select_related("provider").filter(code=code).first()
    access = access_for(request)
    if found is None or not access.can_see_contract_scorecard(found.provider_id):
        raise Http404("No such contract")
    pages = {p.geography: p for p in release.pages.defer("tables").filter(geography__in=found.geographies)}
    if not pages:
        raise Http404("This release has no scorecard for the contract")
    suppress = access.suppresses_small_numbers
    sections = contract_sections(found, release.data_month, pages)
    for section in sections:
        section["tables_html"] = tables_html(release, section["page"], View(), suppress, False)
    return render(
        request, "contracts/scorecard.html", {"release": release, "contract": found, "sections": sections}
    )


@login_required
def write(request: HttpRequest, code: str, kind: str, month: str, geography: str) -> HttpResponse:
    found = contract_or_404(request, code)
    access = access_for(request)
    allowed = (
        access.can_write_narrative(found.provider_id)
        if kind == "narrative"
        else access.can_write_notes(found.service)
    )
    if kind not in monthly.KINDS or not found.covers(geography) or not _is_month(month):
        raise Http404("No such page")
    if not allowed or month not in open_months():
        raise PermissionDenied("You cannot write this text")
    model = monthly.KINDS[kind]
    existing = model.objects.filter(contract=found, geography=geography, month=month).first()
    form = TextForm(request.POST or None, initial={"text": existing.text if existing else ""})
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        monthly.write(kind, found, geography, month, form.cleaned_data["text"], request.user)
        messages.success(request, "Saved")
        return redirect("contract", code=found.code)
    names = geography_names([geography])
    return render(
        request,
        "contracts/write.html",
        {
            "contract": found,
            "kind": kind,
            "month": month,
            "month_name": _month_name(month),
            "geography": geography,
            "geography_name": names.get(geography, geography),
            "form": form,
        },
    )


def _is_month(text: str) -> bool:
    try:
        Month.parse(text)
    except ValueError:
        return False
    return True
