"""Typed readers for the environment variables that configure the web
application. Each fails loudly, naming the variable, when a value is malformed."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off", ""})


def string(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def boolean(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: write true or false")


def integer(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: write a whole number") from None


def strings(name: str, default: tuple[str, ...] = ()) -> list[str]:
    """A comma-separated list."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default


def database(url: str, sqlite_default: Path) -> dict[str, object]:
    """A Django DATABASES entry from `postgresql://user:password@host:port/name`
    or `sqlite:///path`; SQLite at `sqlite_default` when `url` is empty."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(sqlite_default)}
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parts.path) or str(sqlite_default)}
    if parts.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(f"DATABASE_URL: scheme {parts.scheme!r} is not postgresql:// or sqlite://")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("DATABASE_URL: name the database after the host, e.g. /scorecards")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def check_secret_key(key: str) -> None:
    """Refuse a missing, short or well-known secret key (as Django's own
    deployment check does), so production never runs on a guessable one."""
    if not key:
        raise ImproperlyConfigured("SCORECARDS_SECRET_KEY is not set: set it to 50 or more random characters")
    if key in KNOWN_DEFAULTS or key.startswith("django-insecure"):
        raise ImproperlyConfigured("SCORECARDS_SECRET_KEY is a default value: set it to a random one")
    if len(key) < 50 or len(set(key)) < 5:
        raise ImproperlyConfigured("SCORECARDS_SECRET_KEY is too short: use 50 or more random characters")


KNOWN_DEFAULTS = frozenset({"change-me", "changeme", "secret", "development", "insecure"})
