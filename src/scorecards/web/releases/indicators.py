"""An indicator: definition and source, its trend with targets and RAG, the
districts compared (a chart and a table), and its commentary; and a district:
every indicator for the district against the county."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from scorecards.outputs.charts import Bar, bar_chart
from scorecards.web.accounts.context import access_for
from scorecards.web.releases import commentary
from scorecards.web.releases.forms import CommentaryForm
from scorecards.web.releases.lookup import indicators_or_404, release_or_404
from scorecards.web.releases.models import Commentary, GeographyInfo, IndicatorInfo, Release, ResultRow
from scorecards.web.releases.presenting import suppressed_text


def _indicator(release: Release, code: str) -> IndicatorInfo:
    return get_object_or_404(IndicatorInfo, release=release, code=code)


def _county(release: Release) -> GeographyInfo | None:
    return release.geographies.filter(level="county").first()


@require_safe
def indicator(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    release = release_or_404(request, slug)
    indicators_or_404(request)
    info = _indicator(release, code)
    rows = {r.geography: r for r in release.results.filter(indicator=code, group="all")}
    names = dict(release.geographies.filter(code__in=rows).values_list("code", "name"))
    geography = _chosen_geography(request, release, rows)
    access = access_for(request)
    suppress = access.suppresses_small_numbers
    row = rows.get(geography)
    context: dict[str, Any] = {
        "release": release,
        "indicator": info,
        "geography": geography,
        "geography_name": names.get(geography, geography),
        "geographies": sorted(names.items(), key=lambda item: item[1]),
        "row": row,
        "shown": suppressed_text(row.text, row.small, suppress) if row else "",
        "trend": [_point(p, suppress) for p in row.series] if row else [],
        "comparison": compared(release, rows, suppress),
        "history": commentary.history(code, access),
        "can_comment": not release.is_published and access.can_comment(info.service),
        "can_approve": not release.is_published and access.can_approve(),
        "form": CommentaryForm(initial={"geography": geography}),
    }
    context["current"] = next(
        (c for c in context["history"] if c.release_id == release.pk and c.geography == geography), None
    )
    return render(request, "releases/indicator.html", context)


def _chosen_geography(request: HttpRequest, release: Release, rows: dict[str, ResultRow]) -> str:
    asked = request.GET.get("geography", "")
    if asked in rows:
        return asked
    county = _county(release)
    if county and county.code in rows:
        return county.code
    return next(iter(rows), "")


def _point(point: dict[str, Any], suppress: bool) -> dict[str, Any]:
    hidden = suppress and point.get("small", False)
    return {
        **point,
        "text": suppressed_text(point["text"], point.get("small", False), suppress),
        "rag": "" if hidden else point["rag"],
    }


@dataclass(frozen=True)
class Compared:
    name: str
    code: str
    row: ResultRow
    hidden: bool
    text: str

    @property
    def bar(self) -> Bar:
        return Bar(
            self.name, None if self.hidden else self.row.value, self.text, "" if self.hidden else self.row.rag
        )


def compared(release: Release, rows: dict[str, ResultRow], suppress: bool) -> dict[str, Any]:
    """The districts (or, for a contract measure, the contract's districts) side by side."""
    geographies = list(release.geographies.filter(code__in=rows, level="district"))
    if not geographies:
        geographies = list(release.geographies.filter(code__in=rows).exclude(district=""))
    table = [
        Compared(
            g.name,
            g.code,
            rows[g.code],
            suppress and rows[g.code].small,
            suppressed_text(rows[g.code].text, rows[g.code].small, suppress),
        )
        for g in geographies
    ]
    county = _county(release)
    county_row = rows.get(county.code) if county else None
    references: dict[str, tuple[str, float | None]] = {}
    if county and county_row and not (suppress and county_row.small):
        references["county"] = (f"{county.name} {county_row.text}", county_row.value)
    return {
        "table": table,
        "chart": bar_chart([t.bar for t in table], references) if len(table) > 1 else None,
        "county": county_row,
        "county_name": county.name if county else "",
    }


@login_required
@require_POST
def write_commentary(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    release = release_or_404(request, slug)
    indicators_or_404(request)
    info = _indicator(release, code)
    if release.is_published or not access_for(request).can_comment(info.service):
        raise PermissionDenied("You cannot write commentary on this indicator")
    form = CommentaryForm(request.POST)
    if (
        not form.is_valid()
        or not release.results.filter(indicator=code, geography=form.cleaned_data["geography"]).exists()
    ):
        messages.error(request, "Enter the commentary")
        return redirect(_indicator_url(release, code, request.POST.get("geography", "")))
    assert isinstance(request.user, User)
    commentary.write(release, code, form.cleaned_data["geography"], form.cleaned_data["text"], request.user)
    messages.success(request, f"Commentary on {code} saved as a draft")
    return redirect(_indicator_url(release, code, form.cleaned_data["geography"]))


@login_required
@require_POST
def approve_commentary(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    release = release_or_404(request, slug)
    found = Commentary.objects.filter(release=release, pk=pk).first()
    if found is None:
        raise Http404("No such commentary")
    if release.is_published or not access_for(request).can_approve():
        raise PermissionDenied("You cannot approve this commentary")
    assert isinstance(request.user, User)
    commentary.approve(found, request.user)
    messages.success(request, f"Commentary on {found.indicator} approved")
    return redirect(_indicator_url(release, found.indicator, found.geography))


def _indicator_url(release: Release, code: str, geography: str) -> str:
    return reverse("indicator", args=[release.slug, code]) + (f"?geography={geography}" if geography else "")


@require_safe
def district(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    release = release_or_404(request, slug)
    indicators_or_404(request)
    place = get_object_or_404(GeographyInfo, release=release, code=code, level="district")
    county = _county(release)
    suppress = access_for(request).suppresses_small_numbers
    theirs = {r.indicator: r for r in release.results.filter(geography=code, group="all")}
    county_rows = {
        r.indicator: r for r in release.results.filter(geography=county.code if county else "", group="all")
    }
    rows = []
    for info in release.indicators.filter(code__in=theirs):
        mine, whole = theirs[info.code], county_rows.get(info.code)
        rows.append(
            {
                "indicator": info,
                "text": suppressed_text(mine.text, mine.small, suppress),
                "rag": "" if suppress and mine.small else mine.rag,
                "dot": "" if suppress and mine.small else mine.dot,
                "target": mine.target,
                "county": suppressed_text(whole.text, whole.small, suppress) if whole else "",
                "county_rag": whole.rag if whole and not (suppress and whole.small) else "",
            }
        )
    pages = release.pages.filter(geography=code).only("slug", "scorecard_title")
    return render(
        request,
        "releases/district.html",
        {"release": release, "place": place, "county": county, "rows": rows, "pages": pages},
    )
