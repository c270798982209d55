"""The CIN census: every public sample loads with the children, referrals and
modules the files hold; a record's row is its element's XML line; header
problems and the DfE's queries are reported, never fatal."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from scorecards.warehouse.cin_census.loader import NO_HEADER
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files
from tests.warehouse.social_care_samples import CIN, DIRTY, elements, line_of, problems

SAMPLES = [*sorted(CIN.glob("*.xml")), *sorted(DIRTY.glob("CIN*.xml"))]
MODULES = {
    "cin_children": "Child",
    "cin_disabilities": "Disability",
    "cin_episodes": "CINdetails",
    "cin_assessments": "Assessments",
    "cin_assessment_factors": "AssessmentFactors",
    "cin_plan_dates": "CINPlanDates",
    "cin_section47": "Section47",
    "cin_cp_plans": "ChildProtectionPlans",
    "cin_cp_reviews": "CPPreviewDate",
}
RULE_100 = "ReferenceDate is not 31 March of the collection Year (DfE rule 100)"


def load(tmp_path: Path, *paths: Path) -> LoadReport:
    return load_files(tmp_path / "warehouse.duckdb", loader_for("cin-census"), list(paths))


def query(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_fake_census_holds_332_children_and_402_referrals(tmp_path: Path) -> None:
    path = CIN / "fake_CIN_data.xml"
    report = load(tmp_path, path)
    rows = report.files[0].rows
    assert (rows["cin_children"], rows["cin_episodes"]) == (
        elements(path, "Child"),
        elements(path, "CINdetails"),
    )
    assert (rows["cin_children"], rows["cin_episodes"]) == (332, 402)
    assert query(tmp_path, "SELECT count(*) FROM cin_referral_facts") == [(402,)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_loads_every_module(tmp_path: Path, path: Path) -> None:
    report = load(tmp_path, path)
    file = report.files[0]
    assert (file.status, file.rejected) == ("loaded", 0)
    assert {table: file.rows[table] for table in MODULES} == {
        t: elements(path, tag) for t, tag in MODULES.items()
    }


def test_a_child_s_row_is_the_line_of_its_child_element(tmp_path: Path) -> None:
    path = CIN / "fake_CIN_data.xml"
    load(tmp_path, path)
    lines = [
        n for n, text in enumerate(path.read_text().splitlines(), start=1) if re.search(r"<Child>", text)
    ]
    rows = query(tmp_path, "SELECT _source_row FROM cin_children ORDER BY _source_row")
    assert [row for (row,) in rows] == lines


def test_a_wrong_reference_date_is_reported_not_fatal(tmp_path: Path) -> None:
    path = DIRTY / "CIN_header_issues_100.xml"
    report = load(tmp_path, path)
    assert report.files[0].status == "loaded"
    assert report.files[0].rows["cin_children"] == 1
    found = problems(report, path.name)
    assert (line_of(path, "<Header>"), "reference_date", RULE_100) in found
    assert (line_of(path, "<Child>"), "dob", "the child is 25 or older at the census reference date") in found
    stray = (
        line_of(path, "<ChildIdentifiers>"),
        "ChildIdentifiers",
        "text 'PersonBirthDate' outside any field: ignored",
    )
    assert stray in found


def test_too_few_disability_codes_are_queried_for_the_whole_return(tmp_path: Path) -> None:
    path = DIRTY / "CIN_la_issues_2887Q.xml"
    report = load(tmp_path, path)
    assert report.files[0].status == "loaded"
    reasons = {reason for _, field, reason in problems(report, path.name) if field == "disability"}
    assert reasons == {
        "only 2 different disability codes are used in this return (DfE query 2887Q: fewer than 8): "
        "check that children's disabilities are recorded in full"
    }
    assert RULE_100 not in {reason for _, _, reason in problems(report, path.name)}


def test_an_unauthorised_assessment_of_a_closed_episode_is_reported(tmp_path: Path) -> None:
    path = DIRTY / "CIN_Census_2021_no_assessment_factors.xml"
    report = load(tmp_path, path)
    never = (
        line_of(path, "<Assessments>"),
        "authorisation_date",
        "its episode closed but the assessment was never authorised",
    )
    assert never in problems(report, path.name)


def test_a_duplicated_plan_is_reported_and_counted_once(tmp_path: Path) -> None:
    path = DIRTY / "CIN2rows.xml"
    report = load(tmp_path, path)
    assert report.files[0].rows["cin_cp_plans"] == 2
    second = line_of(path, "<ChildProtectionPlans>", occurrence=2)
    assert (second, "start_date", "the same child and plan start date as an earlier plan") in problems(
        report, path.name
    )
    assert query(tmp_path, "SELECT count(*) FROM cin_cp_plan_facts") == [(1,)]


def test_modules_the_warehouse_does_not_hold_are_reported(tmp_path: Path) -> None:
    path = CIN / "CIN_Census_2026.xml"
    report = load(tmp_path, path)
    assert (
        line_of(path, "<PreProceedingsandFGDM>"),
        "CINdetails/PreProceedingsandFGDM",
        "1 <CINdetails/PreProceedingsandFGDM> element(s) not held by the warehouse: not loaded",
    ) in problems(report, path.name)


def test_odd_codes_and_dates_are_warnings(tmp_path: Path) -> None:
    path = CIN / "CIN_Census_2024.xml"
    report = load(tmp_path, path)
    found = problems(report, path.name)
    assert (line_of(path, ">RB<"), "factor", "unknown code RB") in found
    assert (line_of(path, "<CINdetails>", occurrence=2), "closure_reason", "unknown code RC9") in found
    assert (line_of(path, "<Assessments>"), "authorisation_date", "authorised before it started") in found
    assert problems(report, path.name, "rejected") == set()


def test_a_child_without_an_identifier_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "census.xml"
    path.write_text(
        "<Message><Children>\n"
        "<Child><ChildIdentifiers><GenderCurrent>1</GenderCurrent></ChildIdentifiers>\n"
        "<CINdetails><CINreferralDate>2016-01-01</CINreferralDate><ReferralNFA>0</ReferralNFA></CINdetails></Child>\n"
        "<Child><ChildIdentifiers><LAchildID>K</LAchildID></ChildIdentifiers>\n"
        "<CINdetails><CINreferralDate>2016-02-30</CINreferralDate><ReferralNFA>0</ReferralNFA></CINdetails></Child>\n"
        "</Children></Message>\n",
        encoding="utf-8",
    )
    report = load(tmp_path, path)
    assert report.files[0].rows["cin_children"] == 1
    assert problems(report, "census.xml", "rejected") == {
        (2, "la_child_id", "required value is missing"),
        (3, "la_child_id", "required value is missing"),
        (5, "referral_date", "not a date: 2016-02-30"),
    }
    assert (1, "Header", NO_HEADER) in problems(report, "census.xml")


def test_malformed_xml_fails_with_its_line_and_loads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<Message>\n<Children>\n<Child>\n</Children>\n", encoding="utf-8")
    file = load(tmp_path, path).files[0]
    assert file.status == "failed"
    assert file.message.startswith("broken.xml:4: not well-formed XML")
    assert query(tmp_path, "SELECT count(*) FROM loads") == [(0,)]


def test_an_ssda903_export_is_refused_with_the_kind_to_use(tmp_path: Path) -> None:
    file = load(tmp_path, DIRTY / "fake_903.xml").files[0]
    assert file.status == "failed"
    assert "load it with `scorecards load ssda903`" in file.message
