"""`scorecards load cin-census`: the children in need census (DfE XML schema).

Each module of the schema goes to its own `cin_*` table (see
`cin_census_tables.py`). A record is rejected only when it cannot be kept
(no child identifier, no referral date, unreadable dates, a plan ending
before it starts); everything else the DfE's validation would query is
loaded and reported: header problems (a reference date that is not 31
March of the collection year, a malformed LEA code), children aged 25 or
more, assessments starting before their referral or authorised with no
factors, duplicate plans, and the return-level query 2887Q (fewer than
eight disability codes used). A header problem is never fatal while the
children can be read. A CSV with `child_id` and `district` columns is the
council's geography map instead (`geography_map.py`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import duckdb

from scorecards.errors import ScorecardsError
from scorecards.warehouse import views
from scorecards.warehouse.cin_census.halves import joined_unread, read_in_two
from scorecards.warehouse.cin_census.tables import HEADER, TABLES
from scorecards.warehouse.cin_census.xml_reader import no_garbage_collection, parse
from scorecards.warehouse.cin_census.xml_rows import Rows
from scorecards.warehouse.geography_map import is_geography_map, load_map
from scorecards.warehouse.loaders import FileOutcome
from scorecards.warehouse.record_rules import THIS_LOAD, RecordRule, duplicate_of_earlier
from scorecards.warehouse.records import Problem, RecordTable, load_staged, stage_csv, staged_columns
from scorecards.warehouse.ssda903.xml_export import is_ssda903_xml as looks_like_xml
from scorecards.warehouse.staging import read_rows, write_rows

MIN_DISABILITY_CODES = 8  # DfE query 2887Q: fewer than 8 different codes in a return


class CinCensusLoader:
    """Loads CIN census XML and geography maps. Reading a census (the XML
    parse) needs no warehouse: `prepare` does it, and writes the rows it
    read where `load_prepared` stages them from, so that `load_files` can
    read the next census in another process while this one loads."""

    kind = "cin-census"
    version = "1"

    def load_file(self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
        if not self.preparable(path):
            views.create_tables(con)
            outcome = _load_map(con, path, load_id)
            views.create_views(con)
            return outcome
        with tempfile.TemporaryDirectory(prefix="scorecards-cin-") as folder:
            census = read_census(path, Path(folder), in_two=True)
            return self.load_prepared(con, path, load_id, census)

    def preparable(self, path: Path) -> bool:
        return looks_like_xml(path)

    def prepare(self, path: Path, folder: Path) -> Census:
        return read_census(path, folder)

    def load_prepared(
        self, con: duckdb.DuckDBPyConnection, path: Path, load_id: int, prepared: object
    ) -> FileOutcome:
        assert isinstance(prepared, Census)
        views.create_tables(con)
        outcome = _load_census(con, prepared, path.name, load_id)
        views.create_views(con)
        return outcome


LOADER = CinCensusLoader()


def _load_map(con: duckdb.DuckDBPyConnection, path: Path, load_id: int) -> FileOutcome:
    try:
        stage_csv(con, str(path))
    except duckdb.Error as exc:
        raise ScorecardsError(f"{path.name}: neither CIN census XML nor a readable CSV: {exc}") from exc
    columns = set(staged_columns(con))
    if not is_geography_map(columns):
        raise ScorecardsError(
            f"{path.name}: not a CIN census file (XML, root <Message>) nor a geography map "
            "(CSV with CHILD_ID and DISTRICT columns)"
        )
    count, problems = load_map(con, path, load_id)
    return FileOutcome({"geography_map": count}, problems)


@dataclass(frozen=True)
class Census:
    """A census file read: each table's rows written to a CSV in each of
    `parts` (the whole file, or its two halves in order), and what the file
    held that is reported rather than loaded."""

    parts: tuple[Path, ...]
    unread: dict[str, tuple[int, int]]
    stray: list[tuple[int, str, str]]
    has_header: bool

    def staged(self, table: str) -> list[Path]:
        return [part / f"{table}.csv" for part in self.parts]


def read_census(path: Path, folder: Path, in_two: bool = False) -> Census:
    """Parse a CIN census file and write its rows to `folder`; ScorecardsError if
    it has no children. `in_two`: read a large file's halves at once (census_halves.py)."""
    halves = read_in_two(path, folder) if in_two else None
    if halves is not None:
        first, second = halves
        has_header = first.has_header or second.has_header
        return Census(
            (first.folder, second.folder),
            joined_unread(first, second),
            first.stray + second.stray,
            has_header,
        )
    with no_garbage_collection():
        parsed = parse(path)
        if not parsed.rows["cin_children"]:
            raise ScorecardsError(f"{path.name}: no <Child> records under Message/Children: nothing to load")
        folder.mkdir(parents=True, exist_ok=True)
        census = Census((folder,), parsed.unread, parsed.stray, bool(parsed.rows[HEADER.table]))
        for spec in TABLES:
            write_rows(census.staged(spec.table)[0], _columns(spec), unique_rows(parsed.rows[spec.table]))
        del parsed
    return census


def _columns(spec: RecordTable) -> list[str]:
    return [f.column for f in spec.fields]


def _load_census(con: duckdb.DuckDBPyConnection, census: Census, shown_as: str, load_id: int) -> FileOutcome:
    outcome = FileOutcome()
    for spec in TABLES:
        read_rows(con, census.staged(spec.table), _columns(spec))
        inserted, problems = load_staged(con, spec, load_id, shown_as, RULES.get(spec.table, ()))
        outcome.rows[spec.table] = inserted
        outcome.problems += problems
    outcome.problems += _file_problems(con, census, shown_as, load_id)
    return outcome


def unique_rows(rows: Rows) -> Rows:
    """The rows as given when their lines are distinct, else numbered 1, 2, … (a
    file written on one line), so that every problem still names one record."""
    if len(set(map(itemgetter(0), rows))) == len(rows):
        return rows
    return [[number, *row[1:]] for number, row in enumerate(rows, start=1)]


def _file_problems(
    con: duckdb.DuckDBPyConnection, parsed: Census, shown_as: str, load_id: int
) -> list[Problem]:
    problems = [
        Problem(shown_as, line, element, f"text {text!r} outside any field: ignored", "warning")
        for line, element, text in parsed.stray
    ]
    problems += [
        Problem(
            shown_as,
            line,
            element,
            f"{count} <{element}> element(s) not held by the warehouse: not loaded",
            "warning",
        )
        for element, (line, count) in sorted(parsed.unread.items())
    ]
    if not parsed.has_header:
        problems.append(Problem(shown_as, 1, "Header", NO_HEADER, "warning"))
    problems += _disability_codes(con, shown_as, load_id)
    return problems


NO_HEADER = "no <Header>: the collection year, reference date and LEA are unknown"


def _disability_codes(con: duckdb.DuckDBPyConnection, shown_as: str, load_id: int) -> list[Problem]:
    row = con.execute(
        "SELECT count(DISTINCT upper(disability)) FILTER (WHERE upper(disability) <> 'NONE'), "
        "min(_source_row) FROM cin_disabilities WHERE _load_id = ?",
        [load_id],
    ).fetchone()
    used, first = (int(row[0]), row[1]) if row else (0, None)
    if first is None or used >= MIN_DISABILITY_CODES:
        return []
    reason = (
        f"only {used} different disability codes are used in this return (DfE query 2887Q: fewer than "
        f"{MIN_DISABILITY_CODES}): check that children's disabilities are recorded in full"
    )
    return [Problem(shown_as, int(first), "disability", reason, "warning")]


def _episode(condition: str) -> str:
    """A `failing` condition on the record's own CINdetails, `e`."""
    return (
        f"EXISTS (SELECT 1 FROM cin_episodes e WHERE e._load_id = {THIS_LOAD} "
        f"AND e.episode_no = t.episode_no AND ({condition}))"
    )


def _blank(*fields: str) -> tuple[RecordRule, ...]:
    return tuple(
        RecordRule(f, "blank: the DfE requires a value (loaded, but fix it at source)", f't."{f}" IS NULL')
        for f in fields
    )


RULES: dict[str, tuple[RecordRule, ...]] = {
    "cin_header": (
        *_blank("year", "reference_date", "lea"),
        RecordRule(
            "reference_date",
            "ReferenceDate is not 31 March of the collection Year (DfE rule 100)",
            "t.reference_date <> make_date(CAST(t.year AS INTEGER), 3, 31)",
        ),
        RecordRule("collection", "Collection is not CIN", "upper(t.collection) <> 'CIN'"),
        RecordRule(
            "lea", "LEA is not a three-digit local authority code", "NOT regexp_full_match(t.lea, '[0-9]{3}')"
        ),
    ),
    "cin_children": (
        *_blank("sex", "ethnicity"),
        RecordRule(
            "la_child_id",
            "the same LAchildID as an earlier child",
            duplicate_of_earlier(["la_child_id"]),
        ),
        RecordRule(
            "dob",
            "neither PersonBirthDate nor ExpectedPersonBirthDate",
            "t.dob IS NULL AND t.expected_dob IS NULL",
        ),
        RecordRule(
            "dob",
            "the child is 25 or older at the census reference date",
            f"EXISTS (SELECT 1 FROM cin_header h WHERE h._load_id = {THIS_LOAD} "
            "AND date_sub('year', t.dob, h.reference_date) >= 25)",
        ),
        RecordRule("death_date", "died before being born", "t.death_date < t.dob"),
        RecordRule(
            "upn",
            "not a UPN (a letter, 11 digits, a letter or digit)",
            "NOT regexp_full_match(t.upn, '[A-Za-z][0-9]{11}[A-Za-z0-9]')",
        ),
    ),
    "cin_episodes": (
        *_blank("referral_source", "referral_nfa"),
        RecordRule("closure_date", "closed before the referral", "t.closure_date < t.referral_date"),
        RecordRule(
            "closure_reason",
            "a closure date but no reason for closure",
            "t.closure_date IS NOT NULL AND t.closure_reason IS NULL",
        ),
        RecordRule(
            "closure_date",
            "a reason for closure but no closure date",
            "t.closure_reason IS NOT NULL AND t.closure_date IS NULL",
        ),
    ),
    "cin_assessments": (
        RecordRule(
            "authorisation_date", "authorised before it started", "t.authorisation_date < t.start_date"
        ),
        RecordRule("start_date", "starts before its referral", _episode("t.start_date < e.referral_date")),
        RecordRule(
            "authorisation_date",
            "authorised after its episode closed",
            _episode("t.authorisation_date > e.closure_date"),
        ),
        RecordRule(
            "authorisation_date",
            "its episode closed but the assessment was never authorised",
            _episode("t.authorisation_date IS NULL AND e.closure_date IS NOT NULL"),
        ),
        RecordRule(
            "authorisation_date",
            "authorised with no factors identified at assessment",
            "t.authorisation_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cin_assessment_factors f "
            f"WHERE f._load_id = {THIS_LOAD} AND f.assessment_no = t.assessment_no)",
        ),
    ),
    "cin_section47": (
        *_blank("icpc_not_required"),
        RecordRule(
            "date_of_initial_cpc",
            "the initial conference is before the enquiry started",
            "t.date_of_initial_cpc < t.start_date",
        ),
    ),
    "cin_plan_dates": (RecordRule("end_date", "ends before it starts", "t.end_date < t.start_date"),),
    "cin_cp_plans": (
        *_blank("initial_category", "latest_category", "previous_plans"),
        RecordRule("end_date", "the plan ends before it starts", "t.end_date < t.start_date", "rejected"),
        RecordRule("start_date", "starts before its referral", _episode("t.start_date < e.referral_date")),
        RecordRule(
            "start_date",
            "the same child and plan start date as an earlier plan",
            duplicate_of_earlier(["la_child_id", "start_date"]),
        ),
    ),
}
