"""Who may see and do what: one small object per request, asked by every view.

| role | sees | does |
| --- | --- | --- |
| administrator | everything, the audit log, users | everything |
| analyst | every release, draft or published; every contract | builds, approves commentary, publishes |
| editor | every release, draft or published; every contract | commentary, monitoring notes: own services |
| provider | its own contracts' scorecards in published releases | its own contracts' narratives |
| viewer | every published release; every contract | nothing |
| no role, or signed out | published unrestricted releases, small numbers suppressed | nothing |

An object a person may not see answers "not found", as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.cache import cache

from scorecards.web.accounts.models import Profile, Role

STAFF = frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.EDITOR, Role.VIEWER})
DRAFT_READERS = frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.EDITOR})
BUILDERS = frozenset({Role.ADMINISTRATOR, Role.ANALYST})


@dataclass(frozen=True)
class Access:
    role: str = Role.NONE
    services: frozenset[str] = frozenset()
    provider_id: int | None = None
    contract_geographies: frozenset[str] = field(default=frozenset())
    signed_in: bool = False

    @classmethod
    def of(cls, user: AbstractBaseUser | AnonymousUser) -> Access:
        if not isinstance(user, User) or not user.is_active:
            return cls()
        profile = Profile.objects.filter(user=user).first()
        if profile is None:
            return cls(signed_in=True)
        geographies: frozenset[str] = frozenset()
        if profile.role == Role.PROVIDER and profile.provider_id is not None:
            geographies = provider_geographies(profile.provider_id)
        return cls(
            role=profile.role,
            services=frozenset(profile.services),
            provider_id=profile.provider_id if profile.role == Role.PROVIDER else None,
            contract_geographies=geographies,
            signed_in=True,
        )

    @classmethod
    def cached(cls, user: AbstractBaseUser | AnonymousUser) -> Access:
        """Access.of, kept for a minute; a change of role forgets it at once."""
        if not isinstance(user, User):
            return cls()
        key = access_key(user.pk)
        found = cache.get(key)
        if not isinstance(found, Access):
            found = cls.of(user)
            cache.set(key, found, 60)
        return found if user.is_active else cls()

    # --- what a person is --------------------------------------------------------------------

    @property
    def role_name(self) -> str:
        return Role(self.role).label if self.role in Role.values else "No access"

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF

    @property
    def is_provider(self) -> bool:
        return self.role == Role.PROVIDER and self.provider_id is not None

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def suppresses_small_numbers(self) -> bool:
        """The public (and anyone without a role) never sees small numbers."""
        return not (self.is_staff or self.is_provider)

    # --- releases --------------------------------------------------------------------------

    def can_see_release(self, published: bool, restricted: bool) -> bool:
        if not published:
            return self.role in DRAFT_READERS
        if self.is_staff or self.is_provider:
            return True
        return not restricted

    def can_see_page(self, published: bool, restricted: bool, geography: str) -> bool:
        """A provider sees only the pages of its own contracts' geographies."""
        if not self.can_see_release(published, restricted):
            return False
        return geography in self.contract_geographies if self.is_provider else True

    def can_see_indicators(self) -> bool:
        """Indicator and district pages compare every provider: not for providers."""
        return not self.is_provider

    def can_build(self) -> bool:
        return self.role in BUILDERS

    can_publish = can_build
    can_approve = can_build

    def can_comment(self, service: str) -> bool:
        if self.role in BUILDERS:
            return True
        return self.role == Role.EDITOR and service in self.services

    # --- contracts -------------------------------------------------------------------------

    def can_list_contracts(self) -> bool:
        return self.is_staff or self.is_provider

    def can_see_contract(self, provider_id: int) -> bool:
        if self.is_provider:
            return provider_id == self.provider_id
        return self.is_staff

    def can_see_contract_scorecard(self, provider_id: int) -> bool:
        """A contract scorecard is part of a release: whoever reads the release
        reads it, except a provider, who reads only its own."""
        return provider_id == self.provider_id if self.is_provider else True

    def can_write_narrative(self, provider_id: int) -> bool:
        return self.is_administrator or (self.is_provider and provider_id == self.provider_id)

    def can_write_notes(self, service: str) -> bool:
        return self.can_comment(service)

    # --- administration --------------------------------------------------------------------

    def can_see_audit(self) -> bool:
        return self.is_administrator

    can_manage_users = can_see_audit


def access_key(user_id: int) -> str:
    return f"access:{user_id}"


def forget_access(user_id: int) -> None:
    cache.delete(access_key(user_id))


def provider_geographies(provider_id: int) -> frozenset[str]:
    from scorecards.web.contracts.models import Contract

    codes: set[str] = set()
    for geographies in Contract.objects.filter(provider_id=provider_id).values_list("geographies", flat=True):
        codes.update(geographies)
    return frozenset(codes)
