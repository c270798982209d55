"""Commissioned contracts: the contract, its KPIs, the provider's narrative
and the monitoring notes."""

from __future__ import annotations

import pytest

NARRATIVE = "/contracts/porchlight-fss/narrative/2017-07/porchlight-fss-ashford/"


class TestContractPage:
    def test_it_shows_service_provider_area_and_yearly_value(self, as_person) -> None:  # type: ignore[no-untyped-def]
        page = as_person("priya").get("/contracts/porchlight-fss/").content.decode()
        assert "Family Support" in page and "Porchlight" in page and "South/East" in page
        assert "£1,200,000.00" in page

    def test_it_lists_the_kpis_with_monthly_and_annual_targets(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.contracts.models import Kpi

        kpi = Kpi.objects.get(contract__code="salus-fss", indicator="CEH02")
        assert (kpi.monthly_target, kpi.annual_target, kpi.year) == ("3", "35", "2017-18")
        page = as_person("sam").get("/contracts/salus-fss/").content.decode()
        assert "Average caseload per worker" in page

    def test_it_shows_the_june_narratives_from_the_seed(self, as_person) -> None:  # type: ignore[no-untyped-def]
        page = as_person("priya").get("/contracts/porchlight-fss/").content.decode()
        assert "June 2017" in page and "PLT737: 11 days returned to district" in page

    def test_the_published_month_is_closed_and_the_next_is_open(self, as_person) -> None:  # type: ignore[no-untyped-def]
        page = as_person("priya").get("/contracts/porchlight-fss/").content.decode()
        assert NARRATIVE in page
        assert "/narrative/2017-06/" not in page
        assert as_person("priya").get(NARRATIVE.replace("2017-07", "2017-06")).status_code == 403


class TestNarrative:
    def test_a_provider_enters_its_narrative(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.contracts.models import Narrative

        response = as_person("priya").post(NARRATIVE, {"text": "CEH06: two late allocations."})
        assert response.status_code == 302
        saved = Narrative.objects.get(contract__code="porchlight-fss", month="2017-07")
        assert (
            saved.text == "CEH06: two late allocations." and saved.author.email == "priya@porchlight.example"
        )  # type: ignore[union-attr]
        assert (
            "CEH06: two late allocations."
            in as_person("priya").get("/contracts/porchlight-fss/").content.decode()
        )

    def test_an_empty_narrative_is_refused_with_a_message(self, as_person) -> None:  # type: ignore[no-untyped-def]
        response = as_person("priya").post(NARRATIVE, {"text": ""})
        assert response.status_code == 200 and "Enter the text" in response.content.decode()

    def test_a_geography_outside_the_contract_is_not_found(self, as_person) -> None:  # type: ignore[no-untyped-def]
        url = "/contracts/porchlight-fss/narrative/2017-07/salus-fss-dartford/"
        assert as_person("priya").get(url).status_code == 404

    def test_a_closed_month_cannot_be_written_even_directly(self, people) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.contracts import monthly
        from scorecards.web.contracts.models import Contract
        from scorecards.web.releases.models import Frozen

        contract = Contract.objects.get(code="porchlight-fss")
        with pytest.raises(Frozen):
            monthly.write("narrative", contract, "porchlight-fss-ashford", "2017-06", "late", people["priya"])


class TestMonitoringNotes:
    def test_an_editor_of_the_service_writes_the_meeting_notes(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.contracts.models import MonitoringNote

        url = "/contracts/porchlight-fss/notes/2017-07/porchlight-fss-ashford/"
        as_person("bob").post(url, {"text": "Agreed an action plan for CEH06."})
        assert MonitoringNote.objects.get(month="2017-07").text == "Agreed an action plan for CEH06."

    def test_the_notes_appear_in_the_contract_scorecard_of_their_month(self, as_person, people) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.contracts.models import Contract, MonitoringNote

        MonitoringNote.objects.create(
            contract=Contract.objects.get(code="porchlight-fss"),
            geography="porchlight-fss-dover",
            month="2017-06",
            text="Met on 12 July.",
            author=people["bob"],
        )
        page = as_person("vera").get("/releases/2017-06/contracts/porchlight-fss/").content.decode()
        assert "Met on 12 July." in page


def test_loading_the_contracts_twice_changes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    from scorecards.demo.county import DATA_MONTH, EXAMPLE, example_framework
    from scorecards.framework.load import load_framework
    from scorecards.web.contracts.loading import load_contracts
    from scorecards.web.contracts.models import Contract, Kpi, Narrative

    counts = (Contract.objects.count(), Kpi.objects.count(), Narrative.objects.count())
    load_contracts(EXAMPLE / "contracts.yaml", load_framework(example_framework()), DATA_MONTH)
    assert (Contract.objects.count(), Kpi.objects.count(), Narrative.objects.count()) == counts
    assert counts[0] == 17
