"""Releases: the list, one release's scorecards and downloads, building a
draft and publishing it."""

from __future__ import annotations

import tempfile
from itertools import groupby
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from scorecards.errors import ScorecardsError
from scorecards.web.accounts.context import access_for
from scorecards.web.accounts.permissions import Access
from scorecards.web.releases import building, opendata
from scorecards.web.releases.forms import BuildForm
from scorecards.web.releases.lookup import release_or_404, visible_pages, visible_releases
from scorecards.web.releases.models import CommentaryStatus, Release
from scorecards.web.releases.storage import PUBLIC_DOWNLOADS


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return redirect("releases")


@require_safe
def releases(request: HttpRequest) -> HttpResponse:
    access = access_for(request)
    found = visible_releases(access).select_related("based_on")
    return render(request, "releases/list.html", {"releases": found, "can_build": access.can_build()})


@require_safe
def release(request: HttpRequest, slug: str) -> HttpResponse:
    found = release_or_404(request, slug)
    access = access_for(request)
    pages = list(visible_pages(request, found))
    cards = [(title, list(group)) for title, group in groupby(pages, key=lambda p: p.scorecard_title)]
    context = {
        "release": found,
        "cards": cards,
        "districts": [p for p in pages if p.level == "district" and p.scorecard == pages[0].scorecard]
        if pages and access.can_see_indicators()
        else [],
        "downloads": downloads_for(found, access),
        "changes": found.changes.all() if found.based_on_id else None,
        "can_publish": access.can_publish() and not found.is_published,
        "drafts": found.commentary.filter(status=CommentaryStatus.DRAFT).count(),
        "contracts": _contracts(request, found),
    }
    return render(request, "releases/release.html", context)


def _contracts(request: HttpRequest, found: Release) -> list[object]:
    from scorecards.web.contracts.lookup import visible_contracts

    geographies = set(found.pages.values_list("geography", flat=True))
    return [c for c in visible_contracts(access_for(request)) if geographies & set(c.geographies)]


def downloads_for(found: Release, access: Access) -> list[tuple[str, str]]:
    """Staff download every file; the public the open-data CSV with small
    numbers suppressed; a provider nothing (the files hold every contract)."""
    available = found.downloads()
    if access.is_staff:
        return available
    if access.is_provider:
        return []
    return [(name, text) for name, text in available if name in PUBLIC_DOWNLOADS]


@require_safe
def download(request: HttpRequest, slug: str, name: str) -> HttpResponseBase:
    found = release_or_404(request, slug)
    access = access_for(request)
    if name not in dict(downloads_for(found, access)):
        raise Http404("No such download")
    if not access.is_staff:
        response = HttpResponse(opendata.public_csv(found), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{found.slug}-{name}"'
        return response
    path = Path(found.folder) / name
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{found.slug}-{name}")


@login_required
def build(request: HttpRequest) -> HttpResponse:
    if not access_for(request).can_build():
        raise PermissionDenied("Only analysts build releases")
    form = BuildForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        try:
            built = _build(form, request.user)
        except ScorecardsError as exc:
            error = str(exc)
        else:
            messages.success(request, f"{built.name} has been built as a draft")
            return redirect("release", slug=built.slug)
    return render(
        request, "releases/build.html", {"form": form, "error": error}, status=400 if error else 200
    )


def _build(form: BuildForm, user: User) -> Release:
    with tempfile.TemporaryDirectory(prefix="scorecards-upload-") as folder:
        paths = [_save(upload, Path(folder)) for upload in form.cleaned_data["values"]]
        try:
            return building.build_draft(
                settings.FRAMEWORK_DIR,
                paths,
                form.cleaned_data["data_month"],
                user=user,
                restricted=form.cleaned_data["restricted"],
            )
        except ScorecardsError as exc:
            raise ScorecardsError(str(exc).replace(f"{folder}/", "")) from None


def _save(upload: UploadedFile, folder: Path) -> Path:
    name = Path(str(upload.name)).name
    target = folder / name
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return target


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    found = release_or_404(request, slug)
    if not access_for(request).can_publish():
        raise PermissionDenied("Only analysts publish releases")
    assert isinstance(request.user, User)
    try:
        published = building.publish(found, request.user)
    except ScorecardsError as exc:  # the outputs could not be written again: still a draft
        messages.error(request, f"{found.name} could not be published: {exc}")
        return redirect("release", slug=found.slug)
    messages.success(request, f"{published.name} is published")
    return redirect("release", slug=published.slug)
