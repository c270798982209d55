"""The Django suite on a real PostgreSQL: a throwaway cluster on loopback,
the whole tests/web suite run against it in a child pytest, then removed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web import postgres

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cluster() -> Iterator[postgres.Cluster]:
    if postgres.binaries() is None:
        if os.environ.get("SCORECARDS_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is not installed (Debian: apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed")
    started = postgres.start()
    yield started
    started.stop()


@pytest.mark.postgres
def test_the_django_suite_passes_on_postgresql(cluster: postgres.Cluster) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCORECARDS_", "DJANGO_", "PYTEST_"))}
    env.update(DATABASE_URL=cluster.url, DJANGO_SETTINGS_MODULE="tests.web.settings")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/web",
        "-q",
        "-m",
        "not postgres",
        "-p",
        "no:cacheprovider",
    ]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert "passed" in run.stdout and "failed" not in run.stdout


@pytest.mark.postgres
def test_the_cluster_is_postgresql_on_loopback(cluster: postgres.Cluster) -> None:
    import psycopg

    with psycopg.connect(cluster.url, connect_timeout=10) as connection:
        version = connection.execute("SHOW server_version").fetchone()
        address = connection.execute("SELECT inet_server_addr()").fetchone()
    assert version is not None and int(str(version[0]).split(".")[0]) >= 13
    assert address is not None and str(address[0]) == "127.0.0.1"
