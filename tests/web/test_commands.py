"""The administrators' commands: createadmin and adduser, and the administrator from the environment."""

from __future__ import annotations

from typer.testing import CliRunner

from scorecards.cli.app import app


def test_createadmin_makes_an_administrator_who_can_sign_in(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SCORECARDS_ADMIN_PASSWORD", "an admin password 42")
    result = CliRunner().invoke(app, ["createadmin", "Root@Kent.example"])
    assert result.exit_code == 0, result.output
    assert (
        client.post(
            "/sign-in/", {"email": "root@kent.example", "password": "an admin password 42"}
        ).status_code
        == 302
    )
    assert client.get("/audit/").status_code == 200


def test_createadmin_refuses_a_weak_password(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SCORECARDS_ADMIN_PASSWORD", "short")
    result = CliRunner().invoke(app, ["createadmin", "root@kent.example"])
    assert result.exit_code == 1
    assert "password: This password is too short" in result.output


def test_adduser_makes_a_provider_for_a_named_provider(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from scorecards.web.accounts.models import Profile

    monkeypatch.setenv("SCORECARDS_PASSWORD", "a provider password 1")
    result = CliRunner().invoke(
        app, ["adduser", "pat@imago.example", "--role", "provider", "--provider", "Imago"]
    )
    assert result.exit_code == 0, result.output
    profile = Profile.objects.get(user__email="pat@imago.example")
    assert (profile.role, profile.provider.name) == ("provider", "Imago")  # type: ignore[union-attr]


def test_the_first_administrator_can_come_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import User

    from scorecards.web.server import admin_from_environment

    monkeypatch.setenv("SCORECARDS_ADMIN_EMAIL", "env@kent.example")
    monkeypatch.setenv("SCORECARDS_ADMIN_PASSWORD", "an environment password 3")
    assert admin_from_environment() == "env@kent.example"
    assert User.objects.get(email="env@kent.example").profile.role == "administrator"


def test_the_migrations_match_the_models() -> None:
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
