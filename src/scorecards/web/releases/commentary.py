"""Commentary: an editor writes it on a draft release; an analyst approves it.
Changing approved commentary returns it to draft. Every change is audited."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from scorecards.web.accounts.permissions import Access
from scorecards.web.audit.models import record
from scorecards.web.releases.lookup import visible_releases
from scorecards.web.releases.models import Commentary, CommentaryStatus, Frozen, Release


@transaction.atomic
def write(release: Release, indicator: str, geography: str, text: str, user: User) -> Commentary:
    if release.is_published:
        raise Frozen(f"{release} is published: its commentary cannot change")
    found = Commentary.objects.filter(release=release, indicator=indicator, geography=geography).first()
    before = found.to_audit() if found else None
    if found is None:
        found = Commentary(release=release, indicator=indicator, geography=geography, author=user)
    if found.text == text and found.pk:
        return found
    found.text = text
    found.status = CommentaryStatus.DRAFT
    found.approved_by = None
    found.author = user
    found.updated_at = timezone.now()
    found.save()
    record(user, "commentary.write", found, before, found.to_audit())
    return found


@transaction.atomic
def approve(commentary: Commentary, user: User) -> Commentary:
    before = commentary.to_audit()
    commentary.status = CommentaryStatus.APPROVED
    commentary.approved_by = user
    commentary.save()
    record(user, "commentary.approve", commentary, before, commentary.to_audit())
    return commentary


def history(indicator: str, access: Access) -> QuerySet[Commentary]:
    """The indicator's commentary in every release the reader may see; drafts
    only for those who read draft releases."""
    found = Commentary.objects.filter(indicator=indicator, release__in=visible_releases(access))
    if not access.can_see_release(published=False, restricted=True):
        found = found.filter(status=CommentaryStatus.APPROVED)
    return found.select_related("release", "author", "approved_by")
