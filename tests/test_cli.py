"""The command line: what a user sees, and the exit codes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from scorecards import __version__
from scorecards.cli.app import app
from scorecards.demo.records import records_framework
from tests.conftest import MINIMAL_FRAMEWORK, MINIMAL_VALUES

runner = CliRunner()


def test_build_prints_the_index_path(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            "--framework",
            str(MINIMAL_FRAMEWORK),
            "--values",
            str(MINIMAL_VALUES),
            "--period",
            "2017-06",
            "--out",
            str(tmp_path / "r"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "r" / "index.html")


def test_bad_values_give_every_problem_and_exit_1_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,geography,period,value,numerator,denominator,status,note\n"
        "GOOD,Atlantis,2017-06,90,,,,\nGOOD,Ashby,2017-13,x,,,,\n"
    )
    result = runner.invoke(
        app,
        [
            "build",
            "--framework",
            str(MINIMAL_FRAMEWORK),
            "--values",
            str(bad),
            "--period",
            "2017-06",
            "--out",
            str(tmp_path / "r"),
        ],
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    output = " ".join(result.output.split())
    assert "values: 3 problems" in output
    assert "bad.csv:2: geography: unknown geography Atlantis" in output
    assert "bad.csv:3: period: period 2017-13 does not fit monthly indicator GOOD" in output
    assert "bad.csv:3: value: not a number: x" in output
    assert not (tmp_path / "r").exists()


def test_bad_period_option_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            "--framework",
            str(MINIMAL_FRAMEWORK),
            "--values",
            str(MINIMAL_VALUES),
            "--period",
            "June",
            "--out",
            str(tmp_path / "r"),
        ],
    )
    assert result.exit_code == 2
    assert "is not a month written YYYY-MM" in result.output


def test_check_summarises_a_valid_framework() -> None:
    result = runner.invoke(app, ["check", str(MINIMAL_FRAMEWORK)])
    assert result.exit_code == 0
    assert "3 indicators, 4 geographies, 1 scorecards — valid" in result.stdout


def test_check_summarises_the_equality_report_and_national_comparisons() -> None:
    result = runner.invoke(app, ["check", str(records_framework())])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        "Equality report: 3 measures, 12 vulnerable groups under 5 headings, gender: male against female"
        in lines
    )
    assert (
        "National comparisons: council 886, 5 indicators mapped, "
        "neighbours: New_Statistical_Neighbour_Groupings_April_2021"
    ) in lines


def test_check_says_nothing_of_files_a_framework_does_not_have() -> None:
    result = runner.invoke(app, ["check", str(MINIMAL_FRAMEWORK)])
    assert "Equality report" not in result.stdout and "National comparisons" not in result.stdout


def test_check_reports_a_bad_equality_file_with_its_line(framework_dir: Path) -> None:
    (framework_dir / "equality.yaml").write_text(
        "measures:\n  - {indicator: NOPE, stage: s, wording: w, subject: s}\n"
    )
    result = runner.invoke(app, ["check", str(framework_dir)])
    assert result.exit_code == 1
    assert "equality.yaml:2: measures.0.indicator: unknown indicator 'NOPE'" in result.output


def test_missing_framework_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a framework folder" in result.output


def test_demo_builds_the_example_release(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "index.html").is_file()
    assert "July 2017 Release (June 2017 Data)" in (tmp_path / "demo" / "index.html").read_text()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"scorecards {__version__}"


def build_args(tmp_path: Path, *extra: str) -> list[str]:
    return [
        "build",
        "--framework",
        str(MINIMAL_FRAMEWORK),
        "--values",
        str(MINIMAL_VALUES),
        "--period",
        "2017-06",
        "--out",
        str(tmp_path / "r"),
        "--no-paper",
        *extra,
    ]


def test_build_takes_commentary_into_the_release(tmp_path: Path) -> None:
    commentary = tmp_path / "commentary.csv"
    commentary.write_text("indicator,geography,text,author\nEXCL,Testshire,Two academies.,Wendy Murray\n")
    result = runner.invoke(app, build_args(tmp_path, "--commentary", str(commentary)))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "commentary.csv").read_text() == (
        "indicator,geography,group,text,author,approved_by\nEXCL,E10000099,all,Two academies.,Wendy Murray,\n"
    )


def test_bad_commentary_gives_every_problem_and_builds_nothing(tmp_path: Path) -> None:
    commentary = tmp_path / "commentary.csv"
    commentary.write_text("indicator,geography,text,mood\nNOPE,Atlantis,,calm\n")
    result = runner.invoke(app, build_args(tmp_path, "--commentary", str(commentary)))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    output = " ".join(result.output.split())
    assert "commentary: 4 problems" in output
    assert "commentary.csv:1: mood: unknown column" in output
    assert "commentary.csv:2: geography: unknown geography Atlantis" in output
    assert "commentary.csv:2: indicator: unknown indicator NOPE (not in the framework)" in output
    assert "commentary.csv:2: text: text is empty: write the commentary" in output
    assert not (tmp_path / "r").exists()


def test_demo_takes_commentary(tmp_path: Path) -> None:
    commentary = tmp_path / "commentary.csv"
    commentary.write_text("indicator,geography,text\nEY2,Kent,Take-up rose in every district.\n")
    result = runner.invoke(
        app, ["demo", "--out", str(tmp_path / "demo"), "--no-paper", "--commentary", str(commentary)]
    )
    assert result.exit_code == 0, result.output
    written = (tmp_path / "demo" / "commentary.csv").read_text()
    assert "EY2,E10000016,all,Take-up rose in every district.,," in written
