"""What every load guarantees, shown with the social-care loaders: one
transaction per file (a failure mid-file leaves the warehouse as it was), the
same file twice changes nothing, every record carries its provenance, the
quarantine file holds each problem with its record, and `scorecards load`
reports all of it and exits non-zero only when nothing could be loaded."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from scorecards.cli.app import app
from scorecards.demo.records import DATA_MONTH, load_everything, national_files
from scorecards.errors import ScorecardsError
from scorecards.synthetic.generate import generate
from scorecards.warehouse import loading
from scorecards.warehouse.cin_census import loader as cin_census
from scorecards.warehouse.loaders import loader_for
from scorecards.warehouse.loading import LoadReport, load_files
from scorecards.warehouse.record_rules import RecordRule
from scorecards.warehouse.records import Problem, RecordTable
from scorecards.warehouse.ssda903 import loader as ssda903
from tests.warehouse.social_care_samples import DIRTY, quarantined

FIXTURES = Path(__file__).parents[1] / "fixtures" / "social_care"
EPISODES = DIRTY / "dirty_SSDA903_2020_episodes.csv"
runner = CliRunner(env={"COLUMNS": "250"})


def snapshot(warehouse: Path, but_load_ids: bool = False) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, to compare the warehouse before and after (without
    which load each row came from, and when, if `but_load_ids`)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        ids = {t: "load_id, loaded_at" if t == "loads" else "_load_id" for t in tables}
        return {
            t: sorted(
                con.execute(
                    f'SELECT * {f"EXCLUDE ({ids[t]})" if but_load_ids else ""} FROM "{t}"'
                ).fetchall(),
                key=repr,
            )
            for t in tables
        }


def test_a_failure_mid_file_leaves_the_warehouse_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    load_files(warehouse, loader_for("cin-census"), [FIXTURES / "cin_2016.xml"])
    before = snapshot(warehouse)
    real = cin_census.load_staged

    def failing_at_episodes(
        con: duckdb.DuckDBPyConnection,
        spec: RecordTable,
        load_id: int,
        shown_as: str,
        rules: Sequence[RecordRule] = (),
    ) -> tuple[int, list[Problem]]:
        if spec.table == "cin_episodes":  # the header, children and disabilities are inserted by now
            raise ScorecardsError(f"{shown_as}: the disk is full")
        return real(con, spec, load_id, shown_as, rules)

    monkeypatch.setattr(cin_census, "load_staged", failing_at_episodes)
    report = load_files(warehouse, loader_for("cin-census"), [FIXTURES / "cin_2017.xml"])
    assert (report.files[0].status, report.files[0].message) == ("failed", "cin_2017.xml: the disk is full")
    assert snapshot(warehouse) == before


def test_a_file_failing_among_others_committed_together_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small files share a transaction: one failing part-way is rolled back with
    them, and then each is loaded alone, so the others are in whole and it is not."""
    files = []
    for year in (2018, 2019, 2020):
        copy = tmp_path / f"SSDA903_{year}_episodes.csv"
        copy.write_text(EPISODES.read_text(encoding="utf-8").replace("2019", str(year)), encoding="utf-8")
        files.append(copy)
    alone = tmp_path / "alone.duckdb"
    for path in (files[0], files[2]):
        load_files(alone, loader_for("ssda903"), [path])
    real = ssda903.load_staged

    def failing_in_2019(
        con: duckdb.DuckDBPyConnection,
        spec: RecordTable,
        load_id: int,
        shown_as: str,
        rules: Sequence[RecordRule] = (),
        filled: dict[str, object] | None = None,
    ) -> tuple[int, list[Problem]]:
        outcome = real(con, spec, load_id, shown_as, rules, filled)  # its records are inserted…
        if "2019" in shown_as:
            raise ScorecardsError(f"{shown_as}: the disk is full")  # …then it fails
        return outcome

    monkeypatch.setattr(ssda903, "load_staged", failing_in_2019)
    together = tmp_path / "together.duckdb"
    report = load_files(together, loader_for("ssda903"), files)
    assert [f.status for f in report.files] == ["loaded", "failed", "loaded"]
    rows = "SELECT child, decom, collection_year FROM ssda903_episodes ORDER BY ALL"
    with (
        duckdb.connect(str(together), read_only=True) as con,
        duckdb.connect(str(alone), read_only=True) as ref,
    ):
        assert con.execute(rows).fetchall() == ref.execute(rows).fetchall()
        assert con.execute("SELECT count(*) FROM loads").fetchone() == (2,)


def test_loading_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    first = load_files(warehouse, loader_for("ssda903"), [EPISODES])
    before = snapshot(warehouse)
    again = load_files(warehouse, loader_for("ssda903"), [EPISODES])
    assert first.files[0].status == "loaded"
    assert (again.files[0].status, again.files[0].message) == (
        "skipped",
        "already loaded (same checksum): nothing changed",
    )
    assert again.quarantine is None
    assert snapshot(warehouse) == before


def test_every_record_carries_its_provenance(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    load_files(warehouse, loader_for("ssda903"), [EPISODES])
    with duckdb.connect(str(warehouse), read_only=True) as con:
        load = con.execute(
            "SELECT load_id, kind, source_file, sha256, loader_version, rows_loaded, rows_rejected, "
            "rows_with_warnings, loaded_at IS NOT NULL FROM loads"
        ).fetchall()
        records = con.execute("SELECT _load_id, _source_row FROM ssda903_episodes ORDER BY 2").fetchall()
    digest = hashlib.sha256(EPISODES.read_bytes()).hexdigest()
    assert load == [(1, "ssda903", str(EPISODES), digest, "1", 5, 0, 6, True)]
    assert records == [(1, row) for row in range(2, 7)]


def test_the_quarantine_file_holds_each_problem_with_its_record(tmp_path: Path) -> None:
    report = load_files(tmp_path / "warehouse.duckdb", loader_for("ssda903"), [EPISODES])
    assert report.quarantine is not None
    with report.quarantine.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["file", "row", "field", "severity", "reason", "record"]
    dummy = [r for r in quarantined(report) if r["reason"] == "unknown code *DUMMY*"]
    assert len(dummy) == 1
    assert (dummy[0]["file"], dummy[0]["row"], dummy[0]["field"], dummy[0]["severity"]) == (
        EPISODES.name,
        "6",
        "rne",
        "warning",
    )
    record = json.loads(dummy[0]["record"])
    assert (record["child"], record["decom"], record["rne"]) == ("249901", "10/04/2019", "*DUMMY*")


def test_load_prints_what_was_loaded_and_where_the_quarantine_is(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    result = runner.invoke(app, ["load", "ssda903", str(EPISODES), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if EPISODES.name in line)
    assert line.split("│")[2:6] == [" loaded ", "      5 ", "        0 ", "        6 "]
    assert "ssda903_episodes 5" in line
    assert "Rejected records and warnings:" in result.stdout
    assert str(tmp_path / "warehouse-quarantine") in result.stdout.replace("\n", "")


def test_load_exits_zero_when_some_file_loaded(tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("CHILD,COLOUR\n1,blue\n", encoding="utf-8")
    result = runner.invoke(
        app, ["load", "ssda903", str(odd), str(EPISODES), "--warehouse", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 0, result.output
    assert "failed" in result.stdout
    assert "Nothing could be loaded" not in result.stdout


def test_load_exits_one_when_nothing_could_be_loaded(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<Message><Children>", encoding="utf-8")
    result = runner.invoke(
        app, ["load", "cin-census", str(broken), "--warehouse", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 1
    assert "broken.xml:1: not well-formed XML" in result.stdout.replace("\n", "")
    assert "Nothing could be loaded." in result.stdout


def test_files_loaded_two_batches_at_a_time_load_as_files_loaded_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of small files are loaded on two connections at once: the records,
    problems and failures are those of loading the files one at a time."""
    samples = Path(__file__).parents[3] / "shared" / "samples"
    odd = tmp_path / "odd.csv"
    odd.write_text("CHILD,COLOUR\n1,blue\n", encoding="utf-8")
    paths = [
        *sorted((samples / "ssda903").glob("*.csv")),
        odd,
        *sorted(DIRTY.glob("*SSDA903*.csv")),
        EPISODES,
    ]
    one_by_one = [load_files(tmp_path / "one.duckdb", loader_for("ssda903"), [p]) for p in paths]
    monkeypatch.setattr(loading, "BATCH_FILES", 2)
    together = load_files(tmp_path / "together.duckdb", loader_for("ssda903"), paths)

    def summary(report: LoadReport) -> list[tuple[str, str, dict[str, int], int, int, str]]:
        return [(f.path.name, f.status, f.rows, f.rejected, f.warnings, f.message) for f in report.files]

    assert summary(together) == [line for report in one_by_one for line in summary(report)]
    assert [f.status for f in together.files].count("skipped") == 1  # EPISODES twice
    assert "failed" in [f.status for f in together.files]
    assert snapshot(tmp_path / "together.duckdb", True) == snapshot(tmp_path / "one.duckdb", True)


def test_kinds_loaded_at_once_load_as_kinds_loaded_one_after_another(tmp_path: Path) -> None:
    """`scorecards demo --from-records` loads the kinds two at a time (`load_kinds`):
    the warehouse holds what loading them one after another gives."""
    inputs = tmp_path / "input"
    generate(inputs, "tiny", seed=3, data_month=DATA_MONTH)
    reports = load_everything(inputs, tmp_path / "together.duckdb", lambda step: None)
    manifest = json.loads((inputs / "MANIFEST.json").read_text(encoding="utf-8"))
    kinds = [(kind, [inputs / f for f in files]) for kind, files in manifest["load"].items() if files]
    one_after_another = [
        load_files(tmp_path / "apart.duckdb", loader_for(kind), paths)
        for kind, paths in [*kinds, ("national", national_files())]
    ]
    assert [r.kind for r in reports] == [r.kind for r in one_after_another]
    assert all(f.status == "loaded" for r in reports for f in r.files)
    assert snapshot(tmp_path / "together.duckdb", True) == snapshot(tmp_path / "apart.duckdb", True)
