"""Template context: the person's access, for showing only the links they may follow."""

from __future__ import annotations

from django.http import HttpRequest

from scorecards.web.accounts.permissions import Access


def access_for(request: HttpRequest) -> Access:
    """The request's Access, worked out once per request."""
    cached = getattr(request, "_scorecards_access", None)
    if isinstance(cached, Access):
        return cached
    found = Access.cached(request.user)
    request._scorecards_access = found  # type: ignore[attr-defined]
    return found


def role(request: HttpRequest) -> dict[str, object]:
    return {"access": access_for(request)}
