"""Commissioned contracts: who provides what, where and for how much; the
KPIs and targets they are monitored by; and each month's provider narrative
and monitoring-meeting notes, per district (or hub, centre or area)."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone


class Provider(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    code = models.SlugField(max_length=100, unique=True)
    service = models.CharField(max_length=100)
    provider = models.ForeignKey(Provider, models.PROTECT, related_name="contracts")
    area = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=2)  # pounds a year
    scope = models.TextField(blank=True)
    geographies = models.JSONField(default=list)  # scorecard geography codes, contract first
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "code")

    def __str__(self) -> str:
        return f"{self.service}: {self.provider} ({self.area})"

    def covers(self, geography: str) -> bool:
        return geography in self.geographies


class Kpi(models.Model):
    contract = models.ForeignKey(Contract, models.CASCADE, related_name="kpis")
    indicator = models.CharField(max_length=50)
    title = models.CharField(max_length=500)
    year = models.CharField(max_length=10)
    monthly_target = models.CharField(max_length=40, blank=True)
    annual_target = models.CharField(max_length=40, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ("position",)
        constraints: ClassVar = [models.UniqueConstraint(fields=("contract", "indicator"), name="kpi_once")]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.contract.code})"


class MonthlyText(models.Model):
    """Text about one contract geography in one month."""

    contract = models.ForeignKey(Contract, models.CASCADE)
    geography = models.CharField(max_length=100)
    month = models.CharField(max_length=7)
    text = models.TextField()
    author = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ("-month", "geography")

    def to_audit(self) -> dict[str, object]:
        return {
            "contract": self.contract.code,
            "geography": self.geography,
            "month": self.month,
            "text": self.text,
        }


class Narrative(MonthlyText):
    """The provider's narrative."""

    class Meta(MonthlyText.Meta):
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("contract", "geography", "month"), name="narrative_once")
        ]

    def __str__(self) -> str:
        return f"Provider narrative, {self.contract.code} {self.geography} {self.month}"


class MonitoringNote(MonthlyText):
    """Notes from the monitoring meeting."""

    class Meta(MonthlyText.Meta):
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("contract", "geography", "month"), name="note_once")
        ]

    def __str__(self) -> str:
        return f"Monitoring notes, {self.contract.code} {self.geography} {self.month}"
