"""Start the web application: `scorecards serve` and the admin commands call these.

With no set-up at all it runs on SQLite in `./scorecards-data/` (or
SCORECARDS_DATA_DIR), with a random secret key kept there, under waitress
(a production WSGI server in pure Python); DATABASE_URL moves it to PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from scorecards.periods import Month

SETTINGS = "scorecards.web.settings"
SECRET_FILE = "secret-key"  # noqa: S105 - a file name, not a secret


def data_dir() -> Path:
    raw = os.environ.get("SCORECARDS_DATA_DIR")
    return Path(raw).expanduser().resolve() if raw else Path.cwd() / "scorecards-data"


def setup(host: str | None = None) -> None:
    """Configure and start Django, creating the data folder, secret key and tables as needed."""
    import django
    from django.core.management import call_command

    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SCORECARDS_DATA_DIR", str(folder))
    os.environ.setdefault("SCORECARDS_SECRET_KEY", _secret_key(folder / SECRET_FILE))
    if host and host not in ("0.0.0.0", "::"):  # noqa: S104 - compared, not bound
        hosts = os.environ.get("SCORECARDS_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
        os.environ["SCORECARDS_ALLOWED_HOSTS"] = f"{hosts},{host}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def _secret_key(path: Path) -> str:
    """This installation's random key, made on first start and kept private."""
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(64)
    path.touch(mode=0o600)
    path.write_text(key, encoding="utf-8")
    return key


def admin_from_environment() -> str | None:
    """Create (or update) the administrator named by SCORECARDS_ADMIN_EMAIL and _PASSWORD."""
    email = os.environ.get("SCORECARDS_ADMIN_EMAIL")
    password = os.environ.get("SCORECARDS_ADMIN_PASSWORD")
    if not email or not password:
        return None
    create_person(email, "administrator", password)
    return email


def create_person(
    email: str, role: str, password: str, services: tuple[str, ...] = (), provider: str | None = None
) -> None:
    from django.core.exceptions import ValidationError

    from scorecards.errors import ScorecardsError
    from scorecards.web.accounts.models import Role
    from scorecards.web.accounts.people import save_person
    from scorecards.web.contracts.models import Provider

    found = Provider.objects.filter(name=provider).first() if provider else None
    if role not in Role.values:
        raise ScorecardsError(f"role {role!r}: choose one of {', '.join(Role.values)}")
    if provider and found is None:
        raise ScorecardsError(f"provider {provider!r}: no such provider (load the contracts first)")
    try:
        save_person(email, role, password=password, services=services, provider=found)
    except ValidationError as exc:
        raise ScorecardsError("password: " + " ".join(exc.messages)) from None


def load_demo() -> str:
    from scorecards.web.demo import load_demo as load

    return load().name


def run(host: str, port: int, threads: int = 8) -> None:
    import waitress

    from scorecards.web.wsgi import application

    try:
        waitress.serve(application, host=host, port=port, threads=threads, ident="scorecards")
    except KeyboardInterrupt:
        return


def build_draft(framework: Path, values: list[Path], month: Month, restricted: bool) -> str:
    from scorecards.web.releases.building import build_draft as build

    return build(framework, values, month, user=None, restricted=restricted).name
