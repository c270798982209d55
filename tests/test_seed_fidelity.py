"""The example release reproduces the seed committee pack's printed scorecards.

Each fixture row is one printed cell (transcribed by tools/seed/*.py):
every RAG and direction of travel for Kent and the 12 districts in the
directorate scorecard, the social-care Kent scorecard (latest RAG, both
directions, rolling three months) and the UASC impact table, and the
commissioned services' monthly scorecard. Cells the seed prints in a way no
reasonable rule can produce are listed in docs/seed-anomalies.md and in
KNOWN_ANOMALIES below, with the reason.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from scorecards.assess.tables import Cell, Row
from scorecards.demo.county import DATA_MONTH, example_framework, example_values
from scorecards.framework.targets import year_of_period
from scorecards.release.build import compute_release
from scorecards.release.model import Release

FIXTURES = Path(__file__).parent / "fixtures" / "seed"
ASSESSED = {"rag", "outturn_rag", "dot", "dot_1m", "dot_1y", "rolling_3m_rag", "latest_rag"}
RAG_SHOWS = {"rag", "latest_rag", "outturn_rag"}

# (scorecard, geography, indicator, column, year, group): why the printed cell is not reproduced.
# Every entry is explained in docs/seed-anomalies.md.
DISTRICTS = [f"E07000{n}" for n in range(105, 117)]
FAMILY_SUPPORT_CASELOADS = [
    "salus-fss-north",
    "salus-fss-gravesham",
    "porchlight-fss",
    "porchlight-fss-south",
    "porchlight-fss-east",
    "porchlight-fss-ashford",
    "porchlight-fss-dover",
    "porchlight-fss-canterbury",
]
SALUS_RE_REFERRALS = [
    "salus-fss-north",
    "salus-fss-west",
    "salus-fss-dartford",
    "salus-fss-gravesham",
    "salus-fss-sevenoaks",
    "salus-fss-maidstone",
    "salus-fss-tonbridge-and-malling",
    "salus-fss-tunbridge-wells",
]
NEET = ["cxk-neet", "cxk-neet-north", "cxk-neet-south", "cxk-neet-east", "cxk-neet-west"] + [
    f"cxk-neet-{d}"
    for d in (
        "dartford",
        "gravesham",
        "sevenoaks",
        "ashford",
        "dover",
        "shepway",
        "canterbury",
        "swale",
        "thanet",
        "maidstone",
        "tonbridge-and-malling",
        "tunbridge-wells",
    )
]
KNOWN_ANOMALIES: dict[tuple[str, str, str, str, str, str], str] = {
    **{
        ("EHCS-FS", g, "CEH02", "dot", "", "all"): "arrows printed on unchanged whole-number caseloads"
        for g in FAMILY_SUPPORT_CASELOADS
    },
    **{
        ("EHCS-FS", g, "CEH13", "rag", "2017-18", "all"): "Green printed without a value"
        for g in SALUS_RE_REFERRALS
    },
    **{
        ("EHCS-YOUTH", g, "CEH59", "rag", "2017-18", "all"): "Green printed below the target"
        for g in ["youth-hub-canterbury", "youth-hub-gravesham"]
    },
    ("EHCS-YOUTH", "youth-hub-gravesham", "CEH52a", "dot", "", "all"): "29.0 v 29.0 printed worsened",
    ("EHCS-YOUTH", "youth-hub-gravesham", "CEH58a", "dot", "", "all"): "29.0 v 29.0 printed improved",
    **{
        ("EHCS-NEET", g, "CEH65", column, year, "all"): "arrows follow the raw number; ambers not monotone"
        for g in NEET
        for column, year in (("dot", ""), ("rag", "2017-18"))
    },
    **{
        (
            "CYPE",
            geography,
            "EH02",
            "dot",
            "",
            "all",
        ): "EH02 has no polarity; the seed's arrow follows the raw number"
        for geography in ["E10000016", *DISTRICTS]
    },
    (
        "CYPE",
        "E10000016",
        "CYPE1",
        "dot",
        "",
        "all",
    ): "664 v 635 with polarity L is worsened; the seed prints no DoT",
    ("CYPE", "E10000016", "SISE12", "dot", "", "all"): "a DoT is printed although there is no latest result",
    (
        "CYPE",
        "E07000110",
        "SEND11",
        "dot",
        "",
        "all",
    ): "93.7 v 93.4 with polarity H is improved; printed worsened",
    ("CYPE", "E10000016", "EH16", "outturn_rag", "2015-16", "all"): "83.4 meets the target 80; printed RED",
    ("CYPE", "E10000016", "CYPE7", "outturn", "2015-16", "all"): "a cohort indicator's outturn has no month",
    (
        "CYPE",
        "E10000016",
        "CYPE7",
        "outturn_rag",
        "2015-16",
        "all",
    ): "a cohort indicator's outturn has no month",
    ("SCS", "E10000016", "CP03", "dot_1m", "", "all"): "100.0% v 100.0% printed worsened",
    ("SCS", "E10000016", "CP03", "dot_1y", "", "all"): "100.0% v 100.0% printed worsened",
    (
        "SCS",
        "E10000016",
        "MC01",
        "dot_1y",
        "",
        "all",
    ): "73.2% v 66.4% with polarity H is improved; printed worsened",
}


@pytest.fixture(scope="module")
def release() -> Release:
    return compute_release(example_framework(), example_values(), DATA_MONTH)


def expected_rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / f"{name}_expected.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def cells_by_key(release: Release) -> dict[tuple[str, str, str, str], list[tuple[Row, Cell]]]:
    index: dict[tuple[str, str, str, str], list[tuple[Row, Cell]]] = defaultdict(list)
    for page in release.pages:
        for table in page.tables:
            for section in table.sections:
                for row in section.rows:
                    key = (page.scorecard.code, table.title, row.geography.code, row.indicator.code)
                    index[key].extend((row, cell) for cell in row.cells)
    return index


def effective_year(row: Row, cell: Cell) -> str:
    year = cell.column.year
    if cell.column.show == "series":
        return ""
    if year and year != "latest":
        return year
    latest = row.assessment.latest
    if cell.column.show in RAG_SHOWS | {"target", "monthly_target", "outturn"} and latest is not None:
        return year_of_period(row.indicator, latest.period)
    return ""


def matching_cell(candidates: list[tuple[Row, Cell]], expected: dict[str, str]) -> Cell | None:
    wanted = RAG_SHOWS if expected["column"] == "rag" else {expected["column"]}
    found = [
        (row, cell)
        for row, cell in candidates
        if cell.column.show in wanted and cell.column.group == (expected["group"] or "all")
    ]
    if not found and expected["column"] == "latest":
        # a series table shows the latest result in the data month's column
        found = [
            (r, c) for r, c in candidates if c.column.show == "series" and c.column.year == DATA_MONTH.label
        ]
    if expected["year"]:
        found = [(r, c) for r, c in found if effective_year(r, c) in (expected["year"], "")] or found
        exact = [(r, c) for r, c in found if effective_year(r, c) == expected["year"]]
        found = exact or found
    return found[0][1] if found else None


def assessed_value(cell: Cell) -> str:
    if cell.rag is not None:
        return cell.rag.value
    if cell.direction is not None:
        return cell.direction.value
    return ""


def check(release: Release, name: str, columns: set[str]) -> Iterator[str]:
    index = cells_by_key(release)
    for expected in expected_rows(name):
        if expected["column"] not in columns:
            continue
        key = (expected["scorecard"], expected["table"], expected["geography"], expected["indicator"])
        anomaly_key = (*key[:1], *key[2:], expected["column"], expected["year"], expected["group"] or "all")
        if anomaly_key in KNOWN_ANOMALIES:
            continue
        cell = matching_cell(index.get(key, []), expected)
        if cell is None:
            yield f"{key} {expected['column']} {expected['year']}: no such cell in the release"
            continue
        got = assessed_value(cell) if expected["column"] in ASSESSED else normalise(cell.text)
        want = expected["expected"] if expected["column"] in ASSESSED else normalise(expected["expected"])
        if got != want:
            yield f"{key} {expected['column']} {expected['year']} {expected['group']}: printed {want!r}, got {got!r}"


def normalise(text: str) -> str:
    """Printed figures compare as numbers: the seed prints 74 and 74.0 alike."""
    text = text.replace("%", "").replace(",", "").strip()
    try:
        return f"{float(text):.4f}"
    except ValueError:
        return text


@pytest.mark.parametrize("name", ["directorate", "scs", "commissioned"])
def test_every_printed_rag_and_direction_is_reproduced(release: Release, name: str) -> None:
    if not (FIXTURES / f"{name}_expected.csv").exists():
        pytest.fail(f"missing fixture {name}_expected.csv")
    mismatches = list(check(release, name, ASSESSED))
    assert not mismatches, f"{len(mismatches)} cells differ:\n" + "\n".join(mismatches)


@pytest.mark.parametrize("name", ["directorate", "scs", "commissioned"])
def test_every_printed_value_is_shown(release: Release, name: str) -> None:
    values = {
        "latest",
        "previous",
        "outturn",
        "one_month_ago",
        "one_year_ago",
        "rolling_3m",
        "target",
        "monthly_target",
        "variance",
        "change",
    }
    mismatches = list(check(release, name, values))
    assert not mismatches, f"{len(mismatches)} cells differ:\n" + "\n".join(mismatches[:60])


def test_every_known_anomaly_is_documented() -> None:
    docs = Path(__file__).parents[1] / "docs"
    pages = [docs / "seed-anomalies.md", *(docs / "seed-anomalies").glob("*.md")]
    documented = "\n".join(page.read_text() for page in pages)
    for _card, _geography, indicator, *_ in KNOWN_ANOMALIES:
        assert indicator in documented, (
            f"{indicator} is skipped in the fidelity test but not in docs/seed-anomalies"
        )


def test_social_care_summary_counts_green_17_amber_19_red_7(release: Release) -> None:
    page = next(p for p in release.pages if p.scorecard.code == "SCS")
    table = next(t for t in page.tables if t.counts is not None)
    assert table.counts is not None
    assert {rag.value: n for rag, n in table.counts.items()} == {"GREEN": 17, "AMBER": 19, "RED": 7}
