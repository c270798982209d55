"""Small numbers never reach the public: a figure on a denominator of 1 to
the framework's `small_denominator` is shown as [c] to the public and to
people without a role, in pages and in the open-data CSV; staff see it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from scorecards.periods import Month

VALUES = """indicator,geography,period,value,numerator,denominator,status,note
GOOD,Ashby,2017-08,,3,5,,
GOOD,brampton and cole,2017-08,,40,50,,
GOOD,Ashby,2017-05,,44,50,,
GOOD,E07000902,2017-05,,40,50,,
EXCL,Testshire,2017-08,20,,,,
EXCL,Testshire,2017-05,16,,,,
"""


@pytest.fixture
def small_release(framework_dir: Path, tmp_path: Path, people):  # type: ignore[no-untyped-def]
    from scorecards.web.releases.building import build_draft, publish

    yaml = framework_dir / "framework.yaml"
    yaml.write_text(yaml.read_text() + "small_denominator: 9\n")
    values = tmp_path / "small.csv"
    values.write_text(VALUES)
    release = build_draft(framework_dir, [values], Month(2017, 8), user=people["alice"])
    return publish(release, people["alice"])


def ashby_page(client, release) -> str:  # type: ignore[no-untyped-def]
    page = release.pages.get(geography="E07000901") if release.pages.filter(geography="E07000901") else None
    slug = page.slug if page else release.pages.filter(geography_name="Ashby").get().slug
    return client.get(f"/releases/{release.slug}/scorecards/{slug}/").content.decode()


def test_the_public_sees_a_small_figure_as_suppressed(client, small_release) -> None:  # type: ignore[no-untyped-def]
    page = ashby_page(client, small_release)
    good = page[page.index(">GOOD<") :][:3000]
    assert "[c]" in good and "60.0%" not in good
    assert "suppressed: small number" in good


def test_someone_without_a_role_sees_it_suppressed_too(as_person, small_release) -> None:  # type: ignore[no-untyped-def]
    page = ashby_page(as_person("charlie"), small_release)
    assert "[c]" in page[page.index(">GOOD<") :][:3000]


def test_staff_see_the_figure_flagged_as_small(as_person, small_release) -> None:  # type: ignore[no-untyped-def]
    page = ashby_page(as_person("vera"), small_release)
    good = page[page.index(">GOOD<") :][:3000]
    assert "60.0%" in good and "(small denominator)" in good and "[c]" not in good


def test_the_indicator_page_suppresses_it_for_the_public(client, small_release) -> None:  # type: ignore[no-untyped-def]
    page = client.get(f"/releases/{small_release.slug}/indicators/GOOD/?geography=E07000901").content.decode()
    assert "60.0%" not in page


def test_the_public_csv_suppresses_it(client, small_release) -> None:  # type: ignore[no-untyped-def]
    text = client.get(f"/releases/{small_release.slug}/downloads/scorecard.csv").content.decode()
    rows = [
        r for r in csv.DictReader(io.StringIO(text)) if r["indicator"] == "GOOD" and r["geography"] == "Ashby"
    ]
    latest = next(r for r in rows if r["period"] == "2017-08")
    assert (latest["value"], latest["numerator"], latest["denominator"], latest["rag"]) == ("[c]", "", "", "")
    assert "3" not in (latest["numerator"], latest["denominator"])


def test_staff_download_the_unsuppressed_csv(as_person, small_release) -> None:  # type: ignore[no-untyped-def]
    response = as_person("vera").get(f"/releases/{small_release.slug}/downloads/scorecard.csv")
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert "GOOD,Good schools" in text or ",80.0," in text


def test_sums_over_small_districts_are_not_suppressed(client, small_release) -> None:  # type: ignore[no-untyped-def]
    page = client.get(f"/releases/{small_release.slug}/indicators/GOOD/?geography=E10000099").content.decode()
    assert "[c]" not in page[page.index("Latest result") :][:200]
