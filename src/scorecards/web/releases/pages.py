"""A scorecard for one geography: the seed's table, filtered and sorted.

A release's rows never change once built, so the rendered tables are cached
per page and per way of reading them; only the page around them is drawn
per request; and for the public, who all see the same page, the whole page.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from scorecards.web.accounts.context import access_for
from scorecards.web.releases.lookup import page_or_404, release_or_404
from scorecards.web.releases.models import Release, ScorecardPage
from scorecards.web.releases.presenting import RAG_CHOICES, SORT_CHOICES, View, present

CACHE_SECONDS = 24 * 60 * 60


@require_safe
def scorecard(request: HttpRequest, slug: str, page: str) -> HttpResponse:
    key = public_key(request)
    cached = cache.get(key) if key else None
    if cached is not None:
        return HttpResponse(cached)
    release = release_or_404(request, slug)
    response = _scorecard(request, release, page)
    if key and release.is_published and not release.restricted:
        cache.set(key, response.content, CACHE_SECONDS)
    return response


def public_key(request: HttpRequest) -> str | None:
    """The public's pages of a published release never change: one rendering
    serves every anonymous reader (none has a session, message or form token)."""
    if request.user.is_authenticated or "messages" in request.COOKIES:
        return None
    return "public-page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()


def _scorecard(request: HttpRequest, release: Release, page: str) -> HttpResponse:
    found = page_or_404(request, release, page)
    access = access_for(request)
    view = View.from_query(request.GET.dict(), list(found.services))
    suppress, links = access.suppresses_small_numbers, access.can_see_indicators()
    key = f"body:{found.pk}:{release.status}:{int(suppress)}:{int(links)}:{view.key}"
    body = cache.get(key)
    if body is None:
        body = _body(release, found, view, suppress, links)
        cache.set(key, body, CACHE_SECONDS)
    context = {"release": release, "page": found, "body": mark_safe(body)}  # noqa: S308 - rendered by us
    return render(request, "releases/scorecard.html", context)


def _body(release: Release, page: ScorecardPage, view: View, suppress: bool, links: bool) -> str:
    """Everything below the page's heading but the tables: the same for every
    reader of the same kind, so rendered once."""
    context = {
        "release": release,
        "page": page,
        "view": view,
        "services": list(page.services),
        "rag_choices": RAG_CHOICES,
        "sort_choices": SORT_CHOICES,
        "tables_html": tables_html(release, page, view, suppress, links),
        "guidance": [p.strip() for p in page.guidance.split("\n\n") if p.strip()],
        "district_link": page.level == "district" and links,
        "page_url": reverse("scorecard", args=[release.slug, page.slug]),
    }
    return render_to_string("releases/scorecard_body.html", context)


def tables_html(release: Release, page: ScorecardPage, view: View, suppress: bool, links: bool) -> str:
    key = f"tables:{page.pk}:{int(suppress)}:{int(links)}:{view.key}"
    html = cache.get(key)
    if html is None:
        stored = ScorecardPage.objects.values_list("tables", flat=True).get(pk=page.pk)
        tables = present(stored, view, suppress)
        indicator_url = reverse("indicator", args=[release.slug, "CODE"]).replace("CODE/", "")
        html = render_to_string(
            "releases/tables.html",
            {
                "tables": tables,
                "view": view,
                "links": links,
                "indicator_url": indicator_url,
                "geography": page.geography,
                "small_denominator": release.small_denominator,
                "suppress": suppress,
            },
        )
        cache.set(key, html, CACHE_SECONDS)
    return str(html)
