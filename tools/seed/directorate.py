"""Transcribe the CYPE Directorate Scorecard (seed 002, July 2017 release) into CSV.

Reads the committee agenda pack's text (default ../shared/seeds/002_3cb9bc53583eec15.txt,
relative to the repository) and writes, deterministically:

- src/scorecards/examples/kent/values/directorate.csv   every printed number, tidy
- tests/fixtures/seed/directorate_expected.csv          every printed RAG/DoT/value cell
- tests/fixtures/seed/directorate_summary.txt           the four Kent summary bullets

`--rag-report` prints, per indicator, which RAG rule (3% relative or 3 points absolute)
reproduces every printed RAG, instead of writing files.

The indicator and layout YAML are hand-written; docs/seed-anomalies/directorate.md
explains every printed cell that the rules cannot reproduce.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEED = REPO.parent / "shared" / "seeds" / "002_3cb9bc53583eec15.txt"
VALUES_OUT = REPO / "src" / "scorecards" / "examples" / "kent" / "values" / "directorate.csv"
EXPECTED_OUT = REPO / "tests" / "fixtures" / "seed" / "directorate_expected.csv"
SUMMARY_OUT = REPO / "tests" / "fixtures" / "seed" / "directorate_summary.txt"

SCORECARD = "CYPE"
MONTHLY = "Monthly and Quarterly Indicators"
ANNUAL = "Annual Indicators"
COUNTY = "E10000016"

GEOGRAPHIES: dict[str, str] = {
    "Kent": COUNTY,
    "Ashford": "E07000105",
    "Canterbury": "E07000106",
    "Dartford": "E07000107",
    "Dover": "E07000108",
    "Gravesham": "E07000109",
    "Maidstone": "E07000110",
    "Sevenoaks": "E07000111",
    "Shepway": "E07000112",
    "Swale": "E07000113",
    "Thanet": "E07000114",
    "Tonbridge and Malling": "E07000115",
    "Tunbridge Wells": "E07000116",
}

# Printed labels that are not the indicator's code (see the anomalies file).
RELABEL: dict[str, str] = {"EH06": "EH16", "SEPD10": "SEND10", "SEN D10": "SEND10"}
EH52_TITLE = "Percentage of open cases with a plan in place"

# Monthly/quarterly table: (latest, previous) periods per the data-sources page.
DEFAULT_PERIODS = ("2017-06", "2017-03")
PERIODS: dict[str, tuple[str, str]] = {
    "CYPE1": ("2017-03", "2016-12"),  # "Snapshot as at March 2017 (Previously Dec 2016)"
    "SISE49": ("2016-12", "2016-09"),  # "2016-17 Quarter 3 data"
    "CYPE7": ("2015-09", "2015-06"),  # "Data for Oct 2014 to Sept 2015 cohort"
}
OUTTURN_PERIOD = "2016-03"
# CYPE7's 2015-16 outturn is an earlier cohort: at 2016-03 it would become the latest result.
OUTTURN_PERIODS: dict[str, str] = {"CYPE7": "2014-06"}
OUTTURN_NOTES: dict[str, str] = {
    "CYPE7": "Kent Outturn 2015-16 as printed; the cohort reported at March 2016 "
    "(assumed Jul 2013-Jun 2014: the same 21-month lag as Oct 2014-Sept 2015 reported at June 2017)",
}
ANNUAL_PERIODS = ("2015-16", "2014-15")
EH52_NOTE = "printed in EH52's row; until this release the indicator was EH09 (plan within 4 weeks)"

# Numerators/denominators stated in the committee text for June 2017 Kent.
FRACTIONS: dict[tuple[str, str, str], tuple[str, str, str]] = {
    ("SEND11", COUNTY, "2017-06"): ("597", "807", "597 out of 807 (committee report 3.6)"),
    ("SISE34", COUNTY, "2017-06"): ("501", "547", "501 of the 547 schools (committee report 3.5)"),
}

ARROWS = {"↑": "improved", "↓": "worsened", "↔": "same"}
RAGS = {"GREEN": "GREEN", "AMBER": "AMBER", "RED": "RED"}
CODE_RE = re.compile(r"^[A-Z]{2,4} ?[A-Z]?\d+[a-z]?$")

VALUES_HEADER = [
    "indicator",
    "geography",
    "period",
    "value",
    "numerator",
    "denominator",
    "status",
    "note",
    "group",
]
EXPECTED_HEADER = ["scorecard", "table", "geography", "indicator", "column", "year", "group", "expected"]

# Cell positions after code, title, polarity, frequency.
MONTHLY_CELLS = ["latest", "dot", "previous", "target_1617", "rag_1617", "outturn", "target_1516", "rag_1516"]
ANNUAL_CELLS = [
    "latest",
    "dot",
    "previous",
    "target_1516",
    "rag_1516",
    "target_1617",
    "target_1718",
    "target_1819",
]


@dataclass(frozen=True)
class Row:
    """One printed indicator row of one geography's table."""

    geography: str
    table: str
    printed_code: str
    code: str
    title: str
    polarity: str
    frequency: str
    cells: dict[str, str]


def correct_code(printed: str, title: str) -> str:
    """The indicator's real code for a printed label (district tables mislabel some)."""
    if printed == "EH02" and title.startswith(EH52_TITLE):
        return "EH52"
    return RELABEL.get(printed, printed)


def scorecard_lines(lines: list[str]) -> list[str]:
    """The lines from the first 'Directorate Scorecard - Kent' to the data-sources page."""
    start = next(i for i, line in enumerate(lines) if line.strip() == "Directorate Scorecard - Kent")
    end = next(
        i for i, line in enumerate(lines) if i > start and line.startswith("Data Sources for Current Report")
    )
    return lines[start:end]


def parse_row(fields: list[str], geography: str, table: str) -> Row:
    names = MONTHLY_CELLS if table == MONTHLY else ANNUAL_CELLS
    padded = [*fields, *[""] * (4 + len(names) - len(fields))]
    printed = padded[0].strip()
    title = padded[1].strip()
    cells = {name: padded[4 + i].strip() for i, name in enumerate(names)}
    return Row(geography, table, printed, correct_code(printed, title), title, padded[2], padded[3], cells)


def parse(lines: list[str]) -> list[Row]:
    """Every indicator row of every geography's two tables, in printed order."""
    rows: list[Row] = []
    geography = ""
    table: str | None = None
    for line in scorecard_lines(lines):
        if line.startswith("Directorate Scorecard - "):
            geography = GEOGRAPHIES[line.removeprefix("Directorate Scorecard - ").strip()]
        elif line.startswith((MONTHLY, ANNUAL)):
            table = MONTHLY if line.startswith(MONTHLY) else ANNUAL
        elif table and "\t" in line and CODE_RE.match(line.split("\t")[0].strip()):
            rows.append(parse_row(line.rstrip("\n").split("\t"), geography, table))
        else:
            table = None
    return rows


def check_shape(rows: list[Row]) -> None:
    """Kent and 12 districts, each with 17 monthly/quarterly and 23 annual rows."""
    for geography in GEOGRAPHIES.values():
        counts = [
            sum(1 for r in rows if r.geography == geography and r.table == t) for t in (MONTHLY, ANNUAL)
        ]
        if counts != [17, 23]:
            raise SystemExit(f"{geography}: expected 17 monthly and 23 annual rows, parsed {counts}")


def number(text: str) -> str:
    return text.replace(",", "")


def value_periods(row: Row) -> list[tuple[str, str]]:
    """(cell, period) pairs for the row's printed values."""
    if row.table == ANNUAL:
        return [("latest", ANNUAL_PERIODS[0]), ("previous", ANNUAL_PERIODS[1])]
    latest, previous = PERIODS.get(row.code, DEFAULT_PERIODS)
    outturn = OUTTURN_PERIODS.get(row.code, OUTTURN_PERIOD)
    return [("latest", latest), ("previous", previous), ("outturn", outturn)]


def value_note(row: Row, cell: str) -> str:
    if cell == "outturn" and row.code in OUTTURN_NOTES:
        return OUTTURN_NOTES[row.code]
    if row.code == "EH52" and cell != "latest":
        return EH52_NOTE
    return ""


def value_rows(rows: Iterable[Row]) -> Iterator[list[str]]:
    for row in rows:
        for cell, period in value_periods(row):
            text = row.cells[cell]
            if not text:
                continue
            numerator, denominator, note = FRACTIONS.get((row.code, row.geography, period), ("", "", ""))
            note = "; ".join(part for part in (note, value_note(row, cell)) if part)
            yield [row.code, row.geography, period, number(text), numerator, denominator, "", note, "all"]


def has_values(row: Row, *cells: str) -> bool:
    return any(row.cells.get(cell) for cell in cells)


def monthly_cells(row: Row) -> Iterator[tuple[str, str, str]]:
    """(column, year, printed text) of the monthly table's checked cells."""
    c = row.cells
    yield "target", "2016-17", c["target_1617"]
    yield "target", "2015-16", c["target_1516"]
    if not has_values(row, "latest", "previous", "outturn"):
        return
    yield "latest", "", c["latest"]
    yield "previous", "", c["previous"]
    yield "dot", "", ARROWS.get(c["dot"], c["dot"])
    if c["latest"] or c["rag_1617"]:
        yield "rag", "2016-17", RAGS.get(c["rag_1617"], c["rag_1617"])
    yield "outturn", "2015-16", c["outturn"]
    if c["outturn"] or c["rag_1516"]:
        yield "outturn_rag", "2015-16", RAGS.get(c["rag_1516"], c["rag_1516"])


def annual_cells(row: Row) -> Iterator[tuple[str, str, str]]:
    """(column, year, printed text) of the annual table's checked cells."""
    c = row.cells
    for year, key in (("2015-16", "target_1516"), ("2016-17", "target_1617")):
        if c[key] != "Indicator no longer applicable":
            yield "target", year, c[key]
    yield "target", "2017-18", c["target_1718"]
    yield "target", "2018-19", c["target_1819"]
    if not has_values(row, "latest", "previous"):
        return
    yield "latest", "", c["latest"]
    yield "previous", "", c["previous"]
    yield "dot", "", ARROWS.get(c["dot"], c["dot"])
    if c["latest"] or c["rag_1516"]:
        yield "rag", "2015-16", RAGS.get(c["rag_1516"], c["rag_1516"])


def expected_rows(rows: Iterable[Row]) -> Iterator[list[str]]:
    for row in rows:
        cells = monthly_cells(row) if row.table == MONTHLY else annual_cells(row)
        for column, year, text in cells:
            yield [SCORECARD, row.table, row.geography, row.code, column, year, "all", text]


def summary_lines(lines: list[str]) -> list[str]:
    """The four bullets under the Kent table's 'Summary' heading."""
    scorecard = scorecard_lines(lines)
    start = scorecard.index("Summary")
    bullets: list[str] = []
    for line in scorecard[start + 1 :]:
        if line.startswith("- "):
            bullets.append(line.removeprefix("- ").strip())
        elif bullets and line.strip():
            break
    return bullets


def write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


# --- RAG analysis ---------------------------------------------------------------------------

INDICATORS_YAML = (
    REPO / "src" / "scorecards" / "examples" / "kent" / "framework" / "indicators" / "directorate.yaml"
)
Rule = tuple[str, float | None]  # (tolerance text, floor)


def amber_limit(target: float, polarity: str, rule: Rule) -> float:
    """The worst value still amber: the floor, else target -/+ the tolerance."""
    tolerance, floor = rule
    if floor is not None:
        return floor
    amount = target * float(tolerance[:-1]) / 100 if tolerance.endswith("%") else float(tolerance)
    return target - amount if polarity == "H" else target + amount


def rate(value: float, target: float, polarity: str, rule: Rule) -> str:
    limit = amber_limit(target, polarity, rule)
    if polarity == "H":
        return "GREEN" if value >= target else "AMBER" if value >= limit else "RED"
    return "GREEN" if value <= target else "AMBER" if value <= limit else "RED"


def rated_cells(row: Row) -> Iterator[tuple[str, str, str, str]]:
    """(year, value, printed target, printed RAG) of a row's rated cells."""
    c = row.cells
    if row.table == MONTHLY:
        yield "2016-17", c["latest"], c["target_1617"], c["rag_1617"]
        yield "2015-16", c["outturn"], c["target_1516"], c["rag_1516"]
    else:
        yield "2015-16", c["latest"], c["target_1516"], c["rag_1516"]


def framework_rules() -> dict[str, Rule]:
    """Each indicator's RAG rule from the YAML (framework default: 3%)."""
    import yaml  # only the report needs it

    rules: dict[str, Rule] = {}
    for item in yaml.safe_load(INDICATORS_YAML.read_text(encoding="utf-8"))["indicators"]:
        rag = item.get("rag") or {}
        if isinstance(rag, dict):
            rules[item["code"]] = (str(rag.get("tolerance", "3%")), rag.get("floor"))
    return rules


def rag_report(rows: list[Row]) -> int:
    """Test 3%, 3 points and the YAML's rule against every printed RAG; return the YAML's misses."""
    rules = framework_rules()
    candidates: dict[str, Rule] = {"3%": ("3%", None), "3 points": ("3", None)}
    misses = 0
    for code in dict.fromkeys(row.code for row in rows):
        entries = [
            (row.geography, year, float(number(v)), float(number(t)), rag, row.polarity)
            for row in rows
            if row.code == code and row.polarity in ("H", "L")
            for year, v, t, rag in rated_cells(row)
            if v and t and rag
        ]
        if not entries:
            continue
        tried = {**candidates, "yaml": rules.get(code, ("3%", None))}
        for name, rule in tried.items():
            wrong = [e for e in entries if rate(e[2], e[3], e[5], rule) != e[4]]
            print(f"{code} {name} {rule}: {len(entries) - len(wrong)}/{len(entries)} reproduced")
            for geography, year, value, target, rag, _ in wrong:
                print(f"    {geography} {year}: {value} v {target} printed {rag}")
            misses += len(wrong) if name == "yaml" else 0
    print(f"YAML rules miss {misses} printed RAGs")
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--rag-report", action="store_true", help="analyse the printed RAGs and exit")
    args = parser.parse_args(argv)
    lines = args.seed.read_text(encoding="utf-8").splitlines()
    rows = parse(lines)
    check_shape(rows)
    if args.rag_report:
        rag_report(rows)
        return 0
    values = write_csv(VALUES_OUT, VALUES_HEADER, value_rows(rows))
    expected = write_csv(EXPECTED_OUT, EXPECTED_HEADER, expected_rows(rows))
    SUMMARY_OUT.write_text("\n".join(summary_lines(lines)) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows parsed; {values} values; {expected} expected cells", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
