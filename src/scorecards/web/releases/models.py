"""A release as the web application keeps it: its metadata and build folder
(written by the core, never rewritten), and rows copied from the core's
results for querying: scorecard pages, results, indicators, geographies.

A published release never changes: every model here refuses to save or
delete a row of a published release, and commentary is written on drafts only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from scorecards.web.releases.storage import DOWNLOADS


class Frozen(Exception):
    """An attempt to change a published release."""


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Release(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    data_month = models.CharField(max_length=7)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    restricted = models.BooleanField(default=False)
    based_on = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="corrections")
    framework_name = models.CharField(max_length=200)
    framework_version = models.CharField(max_length=50)
    organisation = models.CharField(max_length=200)
    small_denominator = models.PositiveIntegerField(null=True, blank=True)
    folder = models.CharField(max_length=500)
    manifest_sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-data_month", "-created_at")

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk and Release.objects.filter(pk=self.pk, status=Status.PUBLISHED).exists():
            raise Frozen(f"{self.name} is published and cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_published:
            raise Frozen(f"{self.name} is published and cannot be deleted")
        return super().delete(*args, **kwargs)

    def downloads(self) -> list[tuple[str, str]]:
        """(file name, description) of each download the build folder holds."""
        folder = Path(self.folder)
        return [(name, text) for name, text in DOWNLOADS.items() if (folder / name).is_file()]

    def to_audit(self) -> dict[str, object]:
        return {
            "name": self.name,
            "data_month": self.data_month,
            "status": self.status,
            "restricted": self.restricted,
            "based_on": self.based_on.slug if self.based_on else None,
            "manifest_sha256": self.manifest_sha256,
        }


class ReleasePart(models.Model):
    """A row belonging to a release: frozen once the release is published."""

    release: models.ForeignKey[Release, Release]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.release.is_published:
            raise Frozen(f"{self.release} is published and cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.release.is_published:
            raise Frozen(f"{self.release} is published and cannot change")
        return super().delete(*args, **kwargs)


class GeographyInfo(ReleasePart):
    release = models.ForeignKey(Release, models.CASCADE, related_name="geographies")
    code = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20)
    parent = models.CharField(max_length=100, blank=True)
    district = models.CharField(max_length=100, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ("position",)
        constraints: ClassVar = [models.UniqueConstraint(fields=("release", "code"), name="geography_once")]

    def __str__(self) -> str:
        return self.name


class IndicatorInfo(ReleasePart):
    release = models.ForeignKey(Release, models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=50)
    title = models.CharField(max_length=500)
    service = models.CharField(max_length=100, blank=True)
    polarity = models.CharField(max_length=60, blank=True)
    frequency = models.CharField(max_length=30)
    unit = models.CharField(max_length=40)
    data_period = models.CharField(max_length=40)
    definition = models.TextField(blank=True)
    source = models.TextField(blank=True)
    latest_data = models.CharField(max_length=300, blank=True)
    rag_rule = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ("position",)
        constraints: ClassVar = [models.UniqueConstraint(fields=("release", "code"), name="indicator_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ScorecardPage(ReleasePart):
    """One scorecard for one geography: its tables as the core laid them out."""

    release = models.ForeignKey(Release, models.CASCADE, related_name="pages")
    scorecard = models.CharField(max_length=50)
    scorecard_title = models.CharField(max_length=300)
    geography = models.CharField(max_length=100)
    geography_name = models.CharField(max_length=200)
    level = models.CharField(max_length=20)
    slug = models.SlugField(max_length=200)
    position = models.PositiveIntegerField()
    tables = models.JSONField()
    guidance = models.TextField(blank=True)
    notes = models.JSONField(default=list)
    services = models.JSONField(default=list)  # the services of its indicators, for the filter

    class Meta:
        ordering = ("position",)
        constraints: ClassVar = [models.UniqueConstraint(fields=("release", "slug"), name="page_once")]

    def __str__(self) -> str:
        return f"{self.geography_name}: {self.scorecard_title}"


def services_of(tables: list[dict[str, Any]]) -> list[str]:
    found = {row["service"] for t in tables for s in t["sections"] for row in s["rows"]}
    return sorted(found - {""})


class ResultRow(ReleasePart):
    """One indicator for one geography and group, assessed as the release shows it."""

    release = models.ForeignKey(Release, models.CASCADE, related_name="results")
    indicator = models.CharField(max_length=50)
    geography = models.CharField(max_length=100)
    group = models.CharField(max_length=50, default="all")
    period = models.CharField(max_length=20)
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    status = models.CharField(max_length=30, blank=True)
    text = models.CharField(max_length=60, blank=True)
    previous = models.CharField(max_length=60, blank=True)
    previous_period = models.CharField(max_length=20, blank=True)
    dot = models.CharField(max_length=20, blank=True)
    target = models.CharField(max_length=40, blank=True)
    target_value = models.FloatField(null=True)
    target_year = models.CharField(max_length=10, blank=True)
    rag = models.CharField(max_length=10, blank=True)
    small = models.BooleanField(default=False)
    series = models.JSONField(default=list)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=("release", "indicator")),
            models.Index(fields=("release", "geography")),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("release", "indicator", "geography", "group"), name="result_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.geography} {self.group} {self.period}: {self.text}"


class ReleaseChange(ReleasePart):
    """A figure a correction changed: the previously reported result and the new one."""

    release = models.ForeignKey(Release, models.CASCADE, related_name="changes")
    indicator = models.CharField(max_length=50)
    geography = models.CharField(max_length=100)
    group = models.CharField(max_length=50)
    period = models.CharField(max_length=20)
    before = models.CharField(max_length=60, blank=True)
    after = models.CharField(max_length=60, blank=True)
    rag_before = models.CharField(max_length=10, blank=True)
    rag_after = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ("indicator", "geography", "group")

    def __str__(self) -> str:
        return f"{self.indicator} {self.geography}: {self.before} → {self.after}"


class CommentaryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class Commentary(ReleasePart):
    """An editor's commentary on an indicator (for one geography) in a draft release."""

    release = models.ForeignKey(Release, models.CASCADE, related_name="commentary")
    indicator = models.CharField(max_length=50)
    geography = models.CharField(max_length=100)
    text = models.TextField()
    status = models.CharField(max_length=10, choices=CommentaryStatus.choices, default=CommentaryStatus.DRAFT)
    author = models.ForeignKey(User, models.SET_NULL, null=True, related_name="+")
    approved_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-release__data_month", "-updated_at")
        verbose_name_plural = "commentary"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("release", "indicator", "geography"), name="commentary_once")
        ]

    def __str__(self) -> str:
        return f"Commentary on {self.indicator} ({self.geography}) in {self.release}"

    @property
    def is_approved(self) -> bool:
        return self.status == CommentaryStatus.APPROVED

    def to_audit(self) -> dict[str, object]:
        return {"text": self.text, "status": self.status}
