"""A person's role, the services they edit and the provider they work for;
and failed sign-ins, for throttling."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    ANALYST = "analyst", "Analyst"
    EDITOR = "editor", "Editor"
    PROVIDER = "provider", "Provider"
    VIEWER = "viewer", "Viewer"
    NONE = "none", "No access"


class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE, related_name="profile")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.NONE)
    services = models.JSONField(default=list, blank=True)  # editors: the services they write commentary for
    provider = models.ForeignKey("contracts.Provider", models.PROTECT, null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user.email} ({self.get_role_display()})"

    def to_audit(self) -> dict[str, object]:
        return {
            "email": self.user.email,
            "role": self.role,
            "services": list(self.services),
            "provider": self.provider.name if self.provider else None,
            "active": self.user.is_active,
        }


class LoginFailure(models.Model):
    """One failed sign-in for a key (an email address or a client address)."""

    key = models.CharField(max_length=300, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    @classmethod
    def too_many(cls, *keys: str) -> bool:
        since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
        limit = settings.LOGIN_FAILURE_LIMIT
        return any(cls.objects.filter(key=key, at__gte=since).count() >= limit for key in keys)

    @staticmethod
    def record(*keys: str) -> None:
        LoginFailure.objects.bulk_create([LoginFailure(key=key) for key in keys])

    @classmethod
    def forget(cls, *keys: str) -> None:
        cls.objects.filter(key__in=keys).delete()
