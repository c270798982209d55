"""The pages: what each shows of the example county's July 2017 release."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.web.world import PUBLISHED

KENT_CYPE = f"/releases/{PUBLISHED}/scorecards/cype-e10000016/"


def rows_of(html: str) -> list[str]:
    """Indicator codes in the order the scorecard's rows show them."""
    return re.findall(r'<td class="govuk-table__cell scorecards-code">(?:<a [^>]*>)?([A-Z0-9a-z-]+)<', html)


class TestReleasePage:
    def test_it_lists_every_scorecard_and_geography(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/").content.decode()
        assert "Children, Young People and Education Directorate Scorecard" in page
        assert "Tunbridge Wells" in page
        assert "Early Help Commissioning Services Monthly Scorecard - Family Support" in page

    def test_it_offers_the_public_only_the_open_data_csv(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/").content.decode()
        assert "scorecard.csv" in page
        assert "scorecard.xlsx" not in page

    def test_it_offers_staff_every_download_the_folder_holds(self, as_person) -> None:  # type: ignore[no-untyped-def]
        page = as_person("vera").get(f"/releases/{PUBLISHED}/").content.decode()
        assert "scorecard.csv" in page and "scorecard.xlsx" in page and "release.json" in page
        assert "paper.pdf" in page  # the committee paper the build printed

    def test_a_correction_shows_what_changed_against_the_release_before(self, as_person) -> None:  # type: ignore[no-untyped-def]
        page = as_person("alice").get(f"/releases/{PUBLISHED}-correction-1/").content.decode()
        assert "What this correction changed" in page
        assert "No figure differs from July 2017 Release (June 2017 Data)" in page


class TestScorecardPage:
    def test_it_shows_the_seeds_figures_with_rag_as_text(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(KENT_CYPE).content.decode()
        sise34 = page[page.index(">SISE34<") :][:2500]
        assert "91.6%" in sise34 and "90.8%" in sise34
        assert "AMBER" in sise34

    def test_direction_of_travel_has_a_text_alternative(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(KENT_CYPE).content.decode()
        assert '<span class="scorecards-dot scorecards-dot--improved" aria-hidden="true">↑</span>' in page
        assert '<span class="govuk-visually-hidden">improved</span>' in page

    def test_it_filters_by_rag(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(KENT_CYPE, {"rag": "RED"}).content.decode()
        codes = rows_of(page)
        assert "EH43" in codes and "SISE34" not in codes
        assert "indicators shown" in page

    def test_it_filters_by_service(self, client) -> None:  # type: ignore[no-untyped-def]
        codes = rows_of(client.get(KENT_CYPE, {"service": "EH"}).content.decode())
        assert codes and {"EH43", "EH44"} <= set(codes)
        assert "SISE34" not in codes

    def test_it_sorts_red_first(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(KENT_CYPE, {"sort": "rag"}).content.decode()
        first_table = page[: page.index("</table>")]
        tags = re.findall(r"scorecards-rag\">(RED|AMBER|GREEN)<", first_table)
        order = {"RED": 0, "AMBER": 1, "GREEN": 2}
        primary = [order[t] for t in tags]
        assert primary[0] == 0

    def test_it_sorts_by_code(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(KENT_CYPE, {"sort": "code"}).content.decode()
        first = rows_of(page[: page.index("</table>")])
        assert first == sorted(first, key=str.lower)

    def test_an_unknown_filter_is_ignored(self, client) -> None:  # type: ignore[no-untyped-def]
        plain = rows_of(client.get(KENT_CYPE).content.decode())
        assert rows_of(client.get(KENT_CYPE, {"rag": "PURPLE", "sort": "x"}).content.decode()) == plain

    def test_a_district_page_links_to_the_district_against_the_county(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/scorecards/cype-e07000105/").content.decode()
        assert f"/releases/{PUBLISHED}/districts/E07000105/" in page

    def test_rows_link_to_their_indicator_page(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(KENT_CYPE).content.decode()
        assert f'href="/releases/{PUBLISHED}/indicators/SISE34/?geography=E10000016"' in page


class TestIndicatorPage:
    def test_it_shows_the_definition_and_source(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/indicators/SISE34/").content.decode()
        assert "Ofsted published inspection reports" in page
        assert "Definition" in page

    def test_it_shows_the_trend_with_target_and_rag(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/indicators/SISE34/").content.decode()
        trend = page[page.index("Every period reported") :]
        assert "2017-03" in trend and "90.8%" in trend
        assert "AMBER" in trend

    def test_it_compares_the_districts_as_a_chart_and_a_table(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/indicators/SISE34/").content.decode()
        assert '<svg class="scorecards-chart" role="img"' in page
        assert page.count("scorecards-chart__bar ") == 12
        assert "Latest result by district" in page and "Tunbridge Wells" in page

    def test_the_chart_uses_no_inline_style(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/indicators/SISE34/").content.decode()
        assert "style=" not in page and "<script" not in page

    def test_it_shows_a_chosen_geography(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(
            f"/releases/{PUBLISHED}/indicators/SISE34/", {"geography": "E07000105"}
        ).content.decode()
        assert "Trend: Ashford" in page

    def test_a_contract_measure_compares_the_contract_districts(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/indicators/CEH01/").content.decode()
        assert "Family Support Service - Porchlight South - Ashford" in page

    def test_an_unknown_indicator_is_not_found(self, client) -> None:  # type: ignore[no-untyped-def]
        assert client.get(f"/releases/{PUBLISHED}/indicators/NOPE/").status_code == 404


class TestDistrictPage:
    def test_it_shows_every_indicator_for_the_district_against_the_county(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/districts/E07000105/").content.decode()
        assert "Ashford against Kent" in page
        row = page[page.index(">SISE34<") :][:1500]
        assert "95.8%" in row and "91.6%" in row

    def test_a_county_is_not_a_district(self, client) -> None:  # type: ignore[no-untyped-def]
        assert client.get(f"/releases/{PUBLISHED}/districts/E10000016/").status_code == 404


class TestDownloads:
    def test_staff_download_the_built_workbook(self, as_person) -> None:  # type: ignore[no-untyped-def]
        response = as_person("vera").get(f"/releases/{PUBLISHED}/downloads/scorecard.xlsx")
        assert response.status_code == 200
        assert b"".join(response.streaming_content)[:2] == b"PK"  # type: ignore[attr-defined]

    def test_the_public_downloads_the_open_data_csv(self, client) -> None:  # type: ignore[no-untyped-def]
        response = client.get(f"/releases/{PUBLISHED}/downloads/scorecard.csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert response["Content-Type"].startswith("text/csv")
        assert any(r["indicator"] == "SISE34" and r["geography_code"] == "E10000016" for r in rows)

    def test_an_unknown_download_is_not_found(self, as_person) -> None:  # type: ignore[no-untyped-def]
        assert as_person("vera").get(f"/releases/{PUBLISHED}/downloads/../settings.py").status_code == 404
        assert as_person("vera").get(f"/releases/{PUBLISHED}/downloads/minutes.pdf").status_code == 404


class TestContractScorecard:
    def test_it_lays_out_each_area_with_its_districts_narratives(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/contracts/salus-fss/").content.decode()
        north = page.index("Family Support Service - Project Salus North</h2>")
        grid = page[north:]
        grid = grid[grid.index("Provider narrative and monitoring notes") :][:6000]
        for district in ("Dartford", "Gravesham", "Sevenoaks"):
            assert f"Project Salus North - {district}" in grid
        assert "Provider Narrative" in grid and "Notes from Monitoring Meeting" in grid
        assert "CEH09 - 3 referrals were closed within June" in page

    def test_it_shows_the_monthly_target_and_its_rag(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/contracts/salus-fss/").content.decode()
        assert "RAG - monthly target" in page and "Monthly Target" in page

    def test_a_youth_hub_has_its_own_narrative(self, client) -> None:  # type: ignore[no-untyped-def]
        page = client.get(f"/releases/{PUBLISHED}/contracts/youth-hub-ashford/").content.decode()
        assert "Provider Narrative" in page


def test_the_home_page_leads_to_the_releases(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/").url == "/releases/"  # type: ignore[attr-defined]


def test_a_missing_page_is_a_friendly_404(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_every_stylesheet_the_pages_link_is_found() -> None:
    """The pages link the release's stylesheets as well as the web's own: each must be there."""
    from django.contrib.staticfiles import finders

    base = (Path(__file__).parents[2] / "src/scorecards/web/templates/base.html").read_text(encoding="utf-8")
    linked = re.findall(r"{% static '([^']+\.css)' %}", base)
    assert len(linked) >= 3
    assert [name for name in linked if finders.find(name) is None] == []
