"""Web tests: Django (through pytest-django) against the world in world.py.

The settings are tests/web/settings.py unless DJANGO_SETTINGS_MODULE says
otherwise; DATABASE_URL moves the suite to PostgreSQL (test_postgres.py does
that against a throwaway cluster).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.web.settings")
    config.addinivalue_line("markers", "postgres: runs the Django suite on a throwaway PostgreSQL cluster")
    import django

    django.setup()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    from tests.web.world import build_world

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        build_world()
    yield


@pytest.fixture(scope="session", autouse=True)
def _remove_data_dir() -> Iterator[None]:
    yield
    from django.conf import settings

    if "scorecards-web-tests-" in str(settings.DATA_DIR):
        shutil.rmtree(settings.DATA_DIR, ignore_errors=True)


def _person(name: str):  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import User

    from tests.web.world import PEOPLE

    return User.objects.get(email=PEOPLE[name][0])


@pytest.fixture
def people(db: None) -> dict[str, object]:
    """Every named person, by name; None for the anonymous public."""
    from tests.web.world import PEOPLE

    found: dict[str, object] = {name: _person(name) for name in PEOPLE}
    found["public"] = None
    return found


@pytest.fixture
def as_person(client, people):  # type: ignore[no-untyped-def]
    """`as_person("alice")` returns the test client signed in as Alice."""

    def sign_in(name: str):  # type: ignore[no-untyped-def]
        client.logout()
        if people[name] is not None:
            client.force_login(people[name])
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _database(db: None) -> None:
    """Every web test reads the world; each runs in a transaction rolled back after it."""


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """The cache outlives a rolled-back test: start each test without it."""
    from django.core.cache import cache

    cache.clear()
