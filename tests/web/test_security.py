"""Security: CSRF, cookies, password hashing, login throttling, headers, and
production settings that refuse to start unsafely."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from tests.web.world import DRAFT, PASSWORD, PUBLISHED


def sign_in(client: Client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/sign-in/", {"email": email, "password": password})


class TestSigningIn:
    def test_it_signs_in_with_the_right_password(self, client) -> None:  # type: ignore[no-untyped-def]
        response = sign_in(client, "alice@kent.example")
        assert response.status_code == 302
        assert "Signed in as alice@kent.example (Analyst)" in client.get("/releases/").content.decode()

    def test_it_refuses_the_wrong_password_without_saying_which_part_was_wrong(self, client) -> None:  # type: ignore[no-untyped-def]
        response = sign_in(client, "alice@kent.example", "wrong")
        assert response.status_code == 400
        assert "The email address or password is not right" in response.content.decode()

    def test_it_refuses_a_person_who_can_no_longer_sign_in(self, client, people) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.accounts.people import deactivate

        deactivate(people["vera"], people["ada"])
        assert sign_in(client, "vera@kent.example").status_code == 400

    def test_it_follows_next_only_within_the_site(self, client) -> None:  # type: ignore[no-untyped-def]
        response = client.post(
            "/sign-in/?next=https://evil.example/", {"email": "alice@kent.example", "password": PASSWORD}
        )
        assert response.url == "/releases/"  # type: ignore[attr-defined]
        client.logout()
        response = client.post(
            "/sign-in/?next=/audit/", {"email": "alice@kent.example", "password": PASSWORD}
        )
        assert response.url == "/audit/"  # type: ignore[attr-defined]

    def test_signing_out_needs_a_post(self, as_person) -> None:  # type: ignore[no-untyped-def]
        client = as_person("alice")
        assert client.get("/sign-out/").status_code == 405
        client.post("/sign-out/")
        assert client.get("/releases/new/").status_code == 302


class TestLoginThrottling:
    def test_five_failures_lock_the_account_for_a_while_even_with_the_right_password(self, client) -> None:  # type: ignore[no-untyped-def]
        for _ in range(5):
            assert sign_in(client, "alice@kent.example", "wrong").status_code == 400
        response = sign_in(client, "alice@kent.example")
        assert response.status_code == 429
        assert "Too many failed attempts" in response.content.decode()

    def test_failures_from_one_address_lock_out_guessing_across_accounts(self, client) -> None:  # type: ignore[no-untyped-def]
        for n in range(5):
            sign_in(client, f"nobody{n}@kent.example", "wrong")
        assert sign_in(client, "bob@kent.example").status_code == 429

    def test_failures_long_ago_are_forgotten(self, client) -> None:  # type: ignore[no-untyped-def]
        from datetime import timedelta

        from django.utils import timezone

        from scorecards.web.accounts.models import LoginFailure

        for _ in range(5):
            sign_in(client, "alice@kent.example", "wrong")
        LoginFailure.objects.update(at=timezone.now() - timedelta(hours=1))
        assert sign_in(client, "alice@kent.example").status_code == 302


class TestCsrf:
    def test_a_post_without_the_csrf_token_is_refused(self, people) -> None:  # type: ignore[no-untyped-def]
        client = Client(enforce_csrf_checks=True)
        client.force_login(people["bob"])
        url = f"/releases/{DRAFT}/indicators/EH43/commentary/"
        assert client.post(url, {"geography": "E10000016", "text": "forged"}).status_code == 403

    def test_signing_in_without_the_csrf_token_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        assert sign_in(client, "alice@kent.example").status_code == 403

    def test_a_post_with_the_token_from_the_form_is_taken(self, people) -> None:  # type: ignore[no-untyped-def]
        client = Client(enforce_csrf_checks=True)
        client.force_login(people["bob"])
        page = client.get(f"/releases/{DRAFT}/indicators/EH43/").content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        url = f"/releases/{DRAFT}/indicators/EH43/commentary/"
        assert (
            client.post(
                url, {"geography": "E10000016", "text": "ok", "csrfmiddlewaretoken": token}
            ).status_code
            == 302
        )


class TestCookies:
    def test_the_session_cookie_is_secure_http_only_and_same_site(self, client) -> None:  # type: ignore[no-untyped-def]
        response = sign_in(client, "alice@kent.example")
        cookie = response.cookies["scorecards_session"]
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"

    def test_the_csrf_cookie_is_secure_and_strict(self, client) -> None:  # type: ignore[no-untyped-def]
        response = client.get("/sign-in/")
        cookie = response.cookies["scorecards_csrf"]
        assert cookie["secure"] and cookie["samesite"] == "Strict"


class TestPasswords:
    def test_production_hashes_passwords_with_argon2(self) -> None:
        from django.conf import settings

        from scorecards.web.accounts.people import save_person

        with override_settings(PASSWORD_HASHERS=settings.PRODUCTION_PASSWORD_HASHERS):
            user = save_person("hash@kent.example", "viewer", password="a good long password 7")
            assert user.password.startswith("argon2$argon2id$")
            assert user.check_password("a good long password 7")

    def test_a_short_or_common_password_is_refused(self, as_person) -> None:  # type: ignore[no-untyped-def]
        response = as_person("ada").post(
            "/people/", {"email": "d@kent.example", "role": "viewer", "password": "password"}
        )
        assert "too short" in response.content.decode() or "too common" in response.content.decode()


class TestHeaders:
    def test_every_page_has_a_strict_content_security_policy(self, client) -> None:  # type: ignore[no-untyped-def]
        response = client.get(f"/releases/{PUBLISHED}/")
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy

    def test_pages_are_not_framed_sniffed_or_leaked(self, client) -> None:  # type: ignore[no-untyped-def]
        response = client.get(f"/releases/{PUBLISHED}/")
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    @pytest.mark.parametrize(
        "url",
        [
            f"/releases/{PUBLISHED}/",
            f"/releases/{PUBLISHED}/scorecards/cype-e10000016/",
            f"/releases/{PUBLISHED}/indicators/SISE34/",
            f"/releases/{PUBLISHED}/districts/E07000105/",
            f"/releases/{PUBLISHED}/contracts/salus-fss/",
            "/sign-in/",
        ],
    )
    def test_no_page_has_an_inline_script_style_or_handler(self, client, url: str) -> None:  # type: ignore[no-untyped-def]
        page = client.get(url).content.decode()
        assert "<script" not in page
        assert not re.search(r"\sstyle=", page)
        assert not re.search(r"\son[a-z]+=", page)


def settings_in_a_fresh_process(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SCORECARDS_", "DJANGO_"))}
    clean.update(env)
    code = "import django.conf as c; c.settings.DEBUG; print('started')"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "scorecards.web.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


GOOD_KEY = "k2Jd8!fQ0zLm4Rt7Yw1Xc9Vb6Nh3Gp5Sa8Ee2Uu4Ii7Oo0Pp-9Zz3Qq6Ww1Rr5Tt8Yy"


class TestProductionSettings:
    def test_they_refuse_to_start_with_debug_on(self) -> None:
        run = settings_in_a_fresh_process(SCORECARDS_SECRET_KEY=GOOD_KEY, SCORECARDS_DEBUG="true")
        assert run.returncode != 0 and "SCORECARDS_DEBUG is on in production" in run.stderr

    def test_they_refuse_to_start_without_a_secret_key(self) -> None:
        run = settings_in_a_fresh_process()
        assert run.returncode != 0 and "SCORECARDS_SECRET_KEY is not set" in run.stderr

    @pytest.mark.parametrize(
        "key", ["change-me", "django-insecure-abcdefghijklmnopqrstuvwxyz0123456789abcdefghijkl", "short"]
    )
    def test_they_refuse_to_start_with_a_default_or_weak_secret_key(self, key: str) -> None:
        run = settings_in_a_fresh_process(SCORECARDS_SECRET_KEY=key)
        assert run.returncode != 0 and "SCORECARDS_SECRET_KEY" in run.stderr

    def test_they_start_with_a_proper_key_and_debug_off(self) -> None:
        run = settings_in_a_fresh_process(SCORECARDS_SECRET_KEY=GOOD_KEY)
        assert run.returncode == 0, run.stderr

    def test_development_may_run_with_debug_and_its_own_key(self) -> None:
        run = settings_in_a_fresh_process(SCORECARDS_ENV="development", SCORECARDS_DEBUG="true")
        assert run.returncode == 0, run.stderr

    def test_a_malformed_setting_names_itself(self) -> None:
        run = settings_in_a_fresh_process(SCORECARDS_SECRET_KEY=GOOD_KEY, SCORECARDS_DEBUG="maybe")
        assert run.returncode != 0 and "SCORECARDS_DEBUG='maybe': write true or false" in run.stderr


class TestDatabaseUrl:
    def test_a_postgresql_url_becomes_a_postgresql_database(self) -> None:
        from pathlib import Path

        from scorecards.web.environment import database

        found = database("postgresql://sc:p%40ss@127.0.0.1:5433/scorecards?sslmode=require", Path("x"))
        assert found["ENGINE"] == "django.db.backends.postgresql"
        assert (found["USER"], found["PASSWORD"], found["HOST"], found["PORT"], found["NAME"]) == (
            "sc",
            "p@ss",
            "127.0.0.1",
            "5433",
            "scorecards",
        )
        assert found["OPTIONS"] == {"sslmode": "require"}

    def test_no_url_means_sqlite_in_the_data_folder(self) -> None:
        from pathlib import Path

        from scorecards.web.environment import database

        assert database("", Path("/data/db.sqlite3")) == {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": "/data/db.sqlite3",
        }

    def test_an_unknown_scheme_is_refused(self) -> None:
        from pathlib import Path

        from django.core.exceptions import ImproperlyConfigured

        from scorecards.web.environment import database

        with pytest.raises(ImproperlyConfigured, match="mysql"):
            database("mysql://x/y", Path("x"))
