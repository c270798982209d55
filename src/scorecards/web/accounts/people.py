"""Creating people and changing their roles; every change is audited."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from scorecards.web.accounts.models import Profile, Role
from scorecards.web.accounts.permissions import forget_access
from scorecards.web.audit.models import record
from scorecards.web.contracts.models import Provider


@transaction.atomic
def save_person(
    email: str,
    role: str,
    *,
    password: str | None = None,
    services: Sequence[str] = (),
    provider: Provider | None = None,
    by: User | None = None,
    check_password: bool = True,
) -> User:
    """Create the person, or change their role, services, provider (and password if given)."""
    email = User.objects.normalize_email(email.strip()).lower()
    user, created = User.objects.get_or_create(username=email, defaults={"email": email})
    profile, _ = Profile.objects.get_or_create(user=user)
    before = None if created else profile.to_audit()
    if password is not None:
        if check_password:
            validate_password(password, user)
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.is_active = True
    user.save()
    profile.role = Role(role)
    profile.services = sorted(set(services))
    profile.provider = provider if role == Role.PROVIDER else None
    profile.save()
    record(by, "person.create" if created else "person.change", profile, before, profile.to_audit())
    transaction.on_commit(lambda: forget_access(user.pk))
    forget_access(user.pk)
    return user


@transaction.atomic
def deactivate(user: User, by: User | None) -> None:
    profile, _ = Profile.objects.get_or_create(user=user)
    before = profile.to_audit()
    user.is_active = False
    user.save(update_fields=["is_active"])
    record(by, "person.deactivate", profile, before, profile.to_audit())
    forget_access(user.pk)
