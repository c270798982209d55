"""The audit log, for administrators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from scorecards.web.accounts.context import access_for
from scorecards.web.audit.models import AuditEntry


@login_required
@require_safe
def audit(request: HttpRequest) -> HttpResponse:
    if not access_for(request).can_see_audit():
        raise PermissionDenied("Only administrators read the audit log")
    entries = Paginator(AuditEntry.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "audit/audit.html", {"entries": entries})
