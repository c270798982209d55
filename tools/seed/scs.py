"""Transcribe the Kent Specialist Children's Services report (seed 002, June 2017).

Reads the seed text (the committee agenda pack, July 2017 release) and writes:

- ``src/scorecards/examples/kent/values/social-care.csv``: every printed number
  of the "SCS Activity" table, "Scorecard - Kent", "Scorecard - Impact of UASC"
  and the CSWT caseload exception page's trend;
- ``tests/fixtures/seed/scs_expected.csv``: the printed cells the fidelity tests
  check (values, RAGs, directions of travel, variances, summary counts);
- optionally (``--exception-json``) the exception page as JSON.

Indicator codes are not printed in the seed: they are assigned by section and
order (RA01.., CIN01.., ACT01..), the same codes as in
``framework/indicators/social-care.yaml``.

Usage: python tools/seed/scs.py [SEED] [--exception-json PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEED = REPO.parent / "shared" / "seeds" / "002_3cb9bc53583eec15.txt"
VALUES_OUT = REPO / "src/scorecards/examples/kent/values/social-care.csv"
EXPECTED_OUT = REPO / "tests/fixtures/seed/scs_expected.csv"

LATEST, MONTH_AGO, YEAR_AGO = "2017-06", "2017-05", "2016-06"
KENT = "E10000016"
SCORECARD = "SCS"
KENT_TABLE = "Scorecard - Kent"
UASC_TABLE = "Scorecard - Impact of UASC"
ACTIVITY_TABLE = "SCS Activity"
EXCEPTION_TITLE = "Average Caseload of Social Workers in CSWTs"
EXCEPTION_CODE = "ST04"

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
EXPECTED_HEADER = [
    "scorecard",
    "table",
    "geography",
    "indicator",
    "column",
    "year",
    "group",
    "expected",
]

SECTION_PREFIXES = {
    "REFERRAL AND ASSESSMENTS": "RA",
    "CHILDREN IN NEED": "CIN",
    "PRIVATE FOSTERING": "PF",
    "MISSING CHILDREN": "MC",
    "CHILD PROTECTION": "CP",
    "CHILDREN IN CARE": "CIC",
    "ADOPTION": "AD",
    "CARE LEAVERS": "CL",
    "QUALITY ASSURANCE": "QA",
    "STAFFING": "ST",
}
UASC_SECTIONS = {
    "CHILDREN IN CARE - KENT": KENT,
    "CHILDREN IN CARE - NORTH KENT AREA": "north",
    "CHILDREN IN CARE - EAST KENT AREA": "east",
    "CHILDREN IN CARE - SOUTH KENT AREA": "south",
    "CHILDREN IN CARE - WEST KENT AREA": "west",
    "OTHER INDICATORS - KENT": KENT,
}
GEOGRAPHY_CODES = {
    "Kent": KENT,
    "North Kent": "north",
    "East Kent": "east",
    "South Kent": "south",
    "West Kent": "west",
    "Disability Service": "disability-service",
    "Ashford CSWT": "ashford-cswt",
    "Canterbury CSWT": "canterbury-cswt",
    "Dartford CSWT": "dartford-cswt",
    "Dover CSWT": "dover-cswt",
    "Gravesham CSWT": "gravesham-cswt",
    "Maidstone CSWT": "maidstone-cswt",
    "Sevenoaks CSWT": "sevenoaks-cswt",
    "Shepway CSWT": "shepway-cswt",
    "Swale CSWT": "swale-cswt",
    "Thanet Margate CSWT": "thanet-margate-cswt",
    "Thanet Ramsgate CSWT": "thanet-ramsgate-cswt",
    "The Weald CSWT": "the-weald-cswt",
    "North Kent CIC": "north-kent-cic",
    "East Kent (Can/Swa) CIC": "east-kent-can-swa-cic",
    "East Kent (Tha) CIC": "east-kent-tha-cic",
    "South Kent CIC": "south-kent-cic",
    "West Kent CIC": "west-kent-cic",
    "SUASC Service": "suasc-service",
    "Disability EK": "disability-ek",
    "Disability WK": "disability-wk",
    "Adoption & SG": "adoption-sg",
    "Care Leaver Service (18+)": "care-leaver-service",
}
# Activity measures: code and the printed column heading (or its stem when
# the table prints "This month", "Last month" and "Change").
ACTIVITY_MEASURES = {
    "ACT01": "Caseloads",
    "ACT02": "Referrals in last month",
    "ACT03": "CF Assessments in last month",
    "ACT04": "CP Plans",
    "ACT05": "CP Starts in last month",
    "ACT06": "CP Ends in last month",
    "ACT07": "Total LAC",
    "ACT08": "UASC LAC",
    "ACT09": "LAC Starts in last month",
    "ACT10": "LAC Ends in last month",
    "ACT11": "PF Cases",
}
ARROWS = {"↑": "improved", "↓": "worsened", "↔": "same"}
RAGS = {
    "G": "GREEN",
    "A": "AMBER",
    "R": "RED",
    "Green": "GREEN",
    "Amber": "AMBER",
    "Red": "RED",
}
BLANK = {"", "-"}


@dataclass(frozen=True)
class KentRow:
    """One indicator row of "Scorecard - Kent", cells as printed."""

    code: str
    section: str
    title: str
    latest: str
    rag: str
    numerator: str
    denominator: str
    target: str
    one_month_ago: str
    dot_1m: str
    one_year_ago: str
    dot_1y: str
    rolling_3m: str
    rolling_3m_rag: str


@dataclass(frozen=True)
class UascRow:
    """One indicator row of "Scorecard - Impact of UASC", cells as printed."""

    code: str
    geography: str
    latest: str
    rag: str
    numerator: str
    denominator: str
    target: str
    latest_nu: str
    rag_nu: str
    numerator_nu: str
    denominator_nu: str
    variance: str


@dataclass(frozen=True)
class ActivityRow:
    """One geography's row of the "SCS Activity" table: heading -> cell."""

    geography: str
    cells: dict[str, str]


def block(lines: Sequence[str], start: str, end: str) -> list[str]:
    """The lines after the first line equal to `start`, up to one starting `end`."""
    first = lines.index(start) + 1
    for index in range(first, len(lines)):
        if lines[index].startswith(end):
            return list(lines[first:index])
    raise ValueError(f"no line starting {end!r} after {start!r}")


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def is_heading(fields: Sequence[str]) -> bool:
    return bool(fields[0]) and fields[0].isupper() and not any(fields[1:])


def number(text: str) -> str:
    """A printed number as a plain number: no %, sign or separators."""
    if text in BLANK:
        return ""
    return text.replace("%", "").replace(",", "").lstrip("+")


def parse_kent(lines: Sequence[str]) -> list[KentRow]:
    rows: list[KentRow] = []
    section, counter = "", 0
    for line in lines:
        fields = cells(line)
        if fields[0] in SECTION_PREFIXES and is_heading(fields):
            section, counter = fields[0], 0
        elif section and len(fields) == 14:
            counter += 1
            code = f"{SECTION_PREFIXES[section]}{counter:02d}"
            rows.append(KentRow(code, section, fields[0], *fields[3:]))
    return rows


def parse_uasc(lines: Sequence[str], codes: dict[str, str]) -> list[UascRow]:
    rows: list[UascRow] = []
    geography = ""
    for line in lines:
        fields = cells(line)
        if fields[0] in UASC_SECTIONS:
            geography = UASC_SECTIONS[fields[0]]
        elif geography and len(fields) == 13:
            rows.append(UascRow(codes[fields[0]], geography, *fields[3:]))
    return rows


def parse_activity(lines: Sequence[str]) -> list[ActivityRow]:
    header = cells(lines[1])
    rows: list[ActivityRow] = []
    for line in lines[2:]:
        fields = cells(line)
        if not fields[0]:
            break
        geography = GEOGRAPHY_CODES[fields[0]]
        rows.append(ActivityRow(geography, dict(zip(header[1:], fields[1:], strict=True))))
    return rows


def value_row(
    code: str,
    geography: str,
    period: str,
    value: str,
    fraction: tuple[str, str] = ("", ""),
    group: str = "all",
    note: str = "",
) -> list[str]:
    numerator, denominator = (number(part) for part in fraction)
    return [code, geography, period, number(value), numerator, denominator, "", note, group]


def kent_values(rows: Iterable[KentRow]) -> list[list[str]]:
    out: list[list[str]] = []
    for row in rows:
        fraction = (row.numerator, row.denominator)
        out.append(value_row(row.code, KENT, LATEST, row.latest, fraction))
        out.append(value_row(row.code, KENT, MONTH_AGO, row.one_month_ago))
        out.append(value_row(row.code, KENT, YEAR_AGO, row.one_year_ago))
        if row.rolling_3m not in BLANK:
            out.append(value_row(f"{row.code}-R3M", KENT, LATEST, row.rolling_3m))
    return out


def uasc_values(rows: Iterable[UascRow]) -> list[list[str]]:
    """Area rows for everyone, and every non-UASC row (Kent's all-children
    rows are the Kent table's latest results, checked in `check_uasc_kent`)."""
    out: list[list[str]] = []
    for row in rows:
        if row.geography != KENT:
            fraction = (row.numerator, row.denominator)
            out.append(value_row(row.code, row.geography, LATEST, row.latest, fraction))
        fraction = (row.numerator_nu, row.denominator_nu)
        out.append(value_row(row.code, row.geography, LATEST, row.latest_nu, fraction, "non-uasc"))
    return out


def activity_values(rows: Iterable[ActivityRow]) -> list[list[str]]:
    out: list[list[str]] = []
    for row in rows:
        for code, stem in ACTIVITY_MEASURES.items():
            if stem in row.cells:
                out.append(value_row(code, row.geography, LATEST, row.cells[stem]))
                continue
            this_month = row.cells[f"{stem} - This month"]
            last_month = row.cells[f"{stem} - Last month"]
            out.append(value_row(code, row.geography, LATEST, this_month))
            out.append(value_row(code, row.geography, MONTH_AGO, last_month))
    return out


def month_period(label: str) -> str:
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    name, year = label.split()
    return f"{year}-{months.index(name) + 1:02d}"


def trend_table(lines: Sequence[str]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in lines:
        fields = cells(line)
        if fields[0].startswith("Trend Data"):
            table["months"] = fields[1:]
        elif fields[0] in ("KCC Result", "Target", "RAG Rating"):
            table[fields[0]] = fields[1:]
    return table


def trend_values(trend: dict[str, list[str]], kent: Sequence[KentRow]) -> list[list[str]]:
    """The trend months the Kent table does not already give (Mar, Apr 2017)."""
    row = next(row for row in kent if row.code == EXCEPTION_CODE)
    given = {LATEST: row.latest, MONTH_AGO: row.one_month_ago}
    out: list[list[str]] = []
    for label, value, rag in zip(trend["months"], trend["KCC Result"], trend["RAG Rating"], strict=True):
        period = month_period(label)
        if period in given:
            if number(given[period]) != value:
                warn(f"trend {label} {value} differs from the Kent table {given[period]}")
            continue
        note = f"exception page trend; printed RAG {rag}"
        out.append(value_row(EXCEPTION_CODE, KENT, period, value, note=note))
    return out


def expected(table: str, geography: str, code: str, column: str, text: str, group: str = "all") -> list[str]:
    return [SCORECARD, table, geography, code, column, "", group, text]


def printed(text: str) -> str:
    """A printed cell as the expected text: "-" is a blank cell."""
    if text in BLANK:
        return ""
    return RAGS.get(text) or ARROWS.get(text) or text


def kent_expected(rows: Iterable[KentRow]) -> list[list[str]]:
    columns = (
        "latest",
        "rag",
        "target",
        "one_month_ago",
        "dot_1m",
        "one_year_ago",
        "dot_1y",
        "rolling_3m",
        "rolling_3m_rag",
    )
    out: list[list[str]] = []
    for row in rows:
        for column in columns:
            text = printed(getattr(row, column))
            out.append(expected(KENT_TABLE, KENT, row.code, column, text))
    return out


def summary_expected(lines: Sequence[str]) -> list[list[str]]:
    colours = cells(next(line for line in lines if line.startswith("\tGREEN")))
    counts = cells(next(line for line in lines if line.startswith("LATEST PERFORMANCE")))
    return [
        expected(KENT_TABLE, KENT, "", f"summary_{colour}", count)
        for colour, count in zip(colours[1:], counts[1:], strict=True)
    ]


def uasc_expected(rows: Iterable[UascRow]) -> list[list[str]]:
    out: list[list[str]] = []
    for row in rows:
        cells_by_group = (
            ("all", "latest", row.latest),
            ("all", "rag", row.rag),
            ("non-uasc", "latest", row.latest_nu),
            ("non-uasc", "rag", row.rag_nu),
            ("non-uasc", "variance", row.variance),
        )
        for group, column, text in cells_by_group:
            out.append(expected(UASC_TABLE, row.geography, row.code, column, printed(text), group))
    return out


def activity_expected(rows: Iterable[ActivityRow]) -> list[list[str]]:
    out: list[list[str]] = []
    for row in rows:
        for code, stem in ACTIVITY_MEASURES.items():
            if stem in row.cells:
                out.append(expected(ACTIVITY_TABLE, row.geography, code, "latest", row.cells[stem]))
                continue
            for column, when in (
                ("latest", "This month"),
                ("one_month_ago", "Last month"),
                ("change", "Change"),
            ):
                text = row.cells[f"{stem} - {when}"]
                out.append(expected(ACTIVITY_TABLE, row.geography, code, column, text))
    return out


def warn(message: str) -> None:
    print(f"scs: {message}", file=sys.stderr)


def check_activity(rows: Iterable[ActivityRow]) -> None:
    """Each printed change is this month minus last month."""
    for row in rows:
        for code, stem in ACTIVITY_MEASURES.items():
            if stem in row.cells:
                continue
            this_month = int(row.cells[f"{stem} - This month"])
            last_month = int(row.cells[f"{stem} - Last month"])
            change = int(row.cells[f"{stem} - Change"])
            if this_month - last_month != change:
                warn(f"{row.geography} {code}: change {change} is not {this_month} - {last_month}")


def check_uasc_kent(uasc: Iterable[UascRow], kent: Sequence[KentRow]) -> None:
    """The UASC table's Kent all-children cells repeat the Kent table."""
    by_code = {row.code: row for row in kent}
    for row in uasc:
        if row.geography != KENT:
            continue
        source = by_code[row.code]
        printed_cells = (row.latest, row.rag, row.numerator, row.denominator)
        if printed_cells != (source.latest, source.rag, source.numerator, source.denominator):
            raise ValueError(f"UASC table's Kent row {row.code} differs from the Kent table")


def check_variances(rows: Iterable[UascRow]) -> None:
    """Each printed variance is the unrounded difference, rounded to 1 place."""
    for row in rows:
        if row.numerator in BLANK:
            continue
        every = Decimal(row.numerator) / Decimal(row.denominator) * 100
        non_uasc = Decimal(row.numerator_nu) / Decimal(row.denominator_nu) * 100
        difference = round(non_uasc - every, 1)
        if difference != Decimal(number(row.variance)):
            warn(f"{row.geography} {row.code}: variance {row.variance} but {difference}")


def exception_page(lines: Sequence[str]) -> dict[str, object]:
    """The exception page: header, trend, commentary paragraphs and data notes."""
    texts = [line.strip() for line in lines if line.strip()]
    header = {cells(line)[0]: cells(line)[1:] for line in lines if "\t" in line}
    commentary = texts[texts.index("Commentary") + 1 : texts.index("Data Notes")]
    trend = trend_table(lines)
    return {
        "title": EXCEPTION_TITLE,
        "indicator": EXCEPTION_CODE,
        "geography": KENT,
        "rag": RAGS[texts[0]],
        "cabinet_member": header["Cabinet Member"][0],
        "director": header["Cabinet Member"][2],
        "portfolio": header["Portfolio"][0],
        "division": header["Portfolio"][2],
        "trend": {
            "heading": cells(next(line for line in lines if line.startswith("Trend Data")))[0],
            "periods": [month_period(label) for label in trend["months"]],
            "months": trend["months"],
            "result": trend["KCC Result"],
            "target": trend["Target"],
            "rag": [RAGS[rag] for rag in trend["RAG Rating"]],
        },
        "commentary": commentary,
        "data_notes": texts[texts.index("Data Notes") + 1 :],
    }


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--exception-json", type=Path, help="also write the exception page")
    args = parser.parse_args(argv)
    lines = args.seed.read_text(encoding="utf-8").splitlines()

    activity = parse_activity(block(lines, ACTIVITY_TABLE, "SCS Activity"))
    kent_lines = block(lines, KENT_TABLE, UASC_TABLE)
    kent = parse_kent(kent_lines)
    codes = {row.title: row.code for row in kent}
    uasc = parse_uasc(block(lines, UASC_TABLE, EXCEPTION_TITLE), codes)
    page_lines = block(lines, EXCEPTION_TITLE, "This page is intentionally left blank")
    trend = trend_table(page_lines)

    if len(kent) != 43 or len(uasc) != 51 or len(activity) != len(GEOGRAPHY_CODES):
        raise ValueError(f"parsed {len(kent)} Kent, {len(uasc)} UASC, {len(activity)} activity rows")
    check_activity(activity)
    check_uasc_kent(uasc, kent)
    check_variances(uasc)

    values = kent_values(kent) + uasc_values(uasc) + activity_values(activity)
    values += trend_values(trend, kent)
    expected_rows = kent_expected(kent) + summary_expected(kent_lines)
    expected_rows += uasc_expected(uasc) + activity_expected(activity)
    written = write_csv(VALUES_OUT, VALUES_HEADER, values)
    checked = write_csv(EXPECTED_OUT, EXPECTED_HEADER, expected_rows)
    print(f"{len(kent)} Kent indicators, {written} value rows, {checked} expected cells")
    if args.exception_json:
        page = exception_page(page_lines)
        args.exception_json.write_text(
            json.dumps(page, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
