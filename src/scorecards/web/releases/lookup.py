"""Find what a request names, or answer 404 when the reader may not see it."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from scorecards.web.accounts.context import access_for
from scorecards.web.accounts.permissions import Access
from scorecards.web.releases.models import Release, ScorecardPage, Status


def visible_releases(access: Access) -> QuerySet[Release]:
    releases = Release.objects.all()
    if not access.can_see_release(published=False, restricted=True):
        releases = releases.filter(status=Status.PUBLISHED)
    if not access.can_see_release(published=True, restricted=True):
        releases = releases.filter(restricted=False)
    return releases


PUBLISHED_SECONDS = 300


def _release(slug: str) -> Release | None:
    """A published release never changes, so it is kept in the cache once read."""
    key = f"release:{slug}"
    cached = cache.get(key)
    if isinstance(cached, Release):
        return cached
    release = Release.objects.filter(slug=slug).first()
    if release is not None and release.is_published:
        cache.set(key, release, PUBLISHED_SECONDS)
    return release


def release_or_404(request: HttpRequest, slug: str) -> Release:
    release = _release(slug)
    access = access_for(request)
    if release is None or not access.can_see_release(release.is_published, release.restricted):
        raise Http404("No such release")
    return release


def page_or_404(request: HttpRequest, release: Release, slug: str) -> ScorecardPage:
    key = f"page:{release.pk}:{slug}"
    page = cache.get(key) if release.is_published else None
    if not isinstance(page, ScorecardPage):
        page = release.pages.defer("tables").filter(slug=slug).first()
        if page is not None and release.is_published:
            cache.set(key, page, PUBLISHED_SECONDS)
    access = access_for(request)
    if page is None or not access.can_see_page(release.is_published, release.restricted, page.geography):
        raise Http404("No such scorecard")
    return page


def visible_pages(request: HttpRequest, release: Release) -> QuerySet[ScorecardPage]:
    access = access_for(request)
    pages = release.pages.only("scorecard", "scorecard_title", "geography", "geography_name", "level", "slug")
    if access.is_provider:
        pages = pages.filter(geography__in=access.contract_geographies)
    return pages


def indicators_or_404(request: HttpRequest) -> None:
    if not access_for(request).can_see_indicators():
        raise Http404("No such page")
