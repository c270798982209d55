"""Bad framework files: each error names the file, the line and what is wrong.

The messages asserted here are exactly what a user sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecards.errors import ScorecardsError, ValidationFailed
from scorecards.framework.load import load_framework


def problems(framework_dir: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as failure:
        load_framework(framework_dir)
    return [str(issue) for issue in failure.value.issues]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def test_the_minimal_framework_loads(framework_dir: Path) -> None:
    framework = load_framework(framework_dir)
    assert set(framework.indicators) == {"GOOD", "EXCL", "GLD"}
    assert framework.ancestors("E07000901") == ["north", "E10000099"]


def test_a_folder_without_framework_yaml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScorecardsError, match="not a framework folder"):
        load_framework(tmp_path)


def test_unknown_field_names_file_line_and_field(framework_dir: Path) -> None:
    append(framework_dir / "indicators" / "education.yaml", "    polarty: H\n")
    assert problems(framework_dir) == [
        "indicators/education.yaml:30: indicators.2.polarty: unknown field "
        "(check the spelling; see docs/framework-format.md)"
    ]


def test_bad_polarity_is_reported_at_its_line(framework_dir: Path) -> None:
    path = framework_dir / "indicators" / "education.yaml"
    path.write_text(path.read_text().replace("polarity: L", "polarity: X"))
    assert problems(framework_dir) == [
        "indicators/education.yaml:14: indicators.1.polarity: Input should be 'H', 'L' or 'T'"
    ]


def test_floor_on_the_better_side_of_the_target_is_refused(framework_dir: Path) -> None:
    path = framework_dir / "indicators" / "education.yaml"
    path.write_text(
        path.read_text().replace(
            "    targets: {2016-17: 92, 2017-18: 94}",
            "    targets: {2016-17: 92, 2017-18: 94}\n    rag: {floor: 95}",
        )
    )
    assert problems(framework_dir) == [
        "indicators/education.yaml:2: GOOD: rag.floor 95 is above the 2016-17 target 92 for polarity H"
        " — a floor must be on the worse side",
        "indicators/education.yaml:2: GOOD: rag.floor 95 is above the 2017-18 target 94 for polarity H"
        " — a floor must be on the worse side",
    ]


def test_threshold_target_against_polarity_is_refused(framework_dir: Path) -> None:
    path = framework_dir / "indicators" / "education.yaml"
    path.write_text(path.read_text().replace("{2016-17: 92, 2017-18: 94}", "{2016-17: '<92'}"))
    assert problems(framework_dir) == [
        "indicators/education.yaml:2: GOOD: target <92 for 2016-17 points the other way from polarity H"
    ]


def test_malformed_target_says_how_to_write_one(framework_dir: Path) -> None:
    path = framework_dir / "indicators" / "education.yaml"
    path.write_text(path.read_text().replace("{2016-17: 92, 2017-18: 94}", "{2016-17: 'about 92'}"))
    assert problems(framework_dir) == [
        "indicators/education.yaml:11: indicators.0.targets: 2016-17: 'about 92' is not a target: "
        "write 92, >80, >=80, <10 or <=10"
    ]


def test_duplicate_indicator_code_names_both_files(framework_dir: Path) -> None:
    (framework_dir / "indicators" / "more.yaml").write_text(
        "indicators:\n  - {code: GOOD, title: Again, frequency: M, unit: count, data_period: snapshot}\n"
    )
    assert problems(framework_dir) == [
        "indicators/more.yaml:2: code: indicator GOOD is defined twice (also in indicators/education.yaml)"
    ]


def test_unknown_parent_and_missing_parent(framework_dir: Path) -> None:
    append(
        framework_dir / "geographies" / "testshire.yaml",
        "  - {code: E07000903, name: Cole, level: district, parent: south}\n"
        "  - {code: west, name: West, level: area}\n",
    )
    assert problems(framework_dir) == [
        "geographies/testshire.yaml:6: parent: unknown geography 'south'",
        "geographies/testshire.yaml:7: parent: west needs a parent (only the county has none)",
    ]


def test_scorecard_naming_an_unknown_indicator(framework_dir: Path) -> None:
    path = framework_dir / "scorecards" / "main.yaml"
    path.write_text(path.read_text().replace("[GOOD, EXCL]", "[GOOD, EXCLUSIONS]"))
    assert problems(framework_dir) == ["scorecards/main.yaml:9: indicators: unknown indicator 'EXCLUSIONS'"]


def test_yaml_syntax_error_shows_the_line_in_context(framework_dir: Path) -> None:
    path = framework_dir / "scorecards" / "main.yaml"
    path.write_text(path.read_text().replace("cadence: quarterly", "cadence: [quarterly"))
    [message] = problems(framework_dir)
    assert message.startswith("scorecards/main.yaml:4: YAML syntax error:")
    assert ">    3 | cadence: [quarterly" in message or ">    4 |" in message


def test_every_problem_in_every_file_is_reported_at_once(framework_dir: Path) -> None:
    path = framework_dir / "indicators" / "education.yaml"
    path.write_text(
        path.read_text().replace("polarity: L", "polarity: X").replace("unit: count", "unit: pupils")
    )
    append(framework_dir / "geographies" / "testshire.yaml", "  - {code: E07000903, name: Cole}\n")
    assert problems(framework_dir) == [
        "geographies/testshire.yaml:6: geographies.4.level: required field is missing",
        "indicators/education.yaml:14: indicators.1.polarity: Input should be 'H', 'L' or 'T'",
        "indicators/education.yaml:16: indicators.1.unit: Input should be 'percent', 'count', "
        "'rate_per_10000', 'average' or 'score'",
    ]


def test_cross_references_are_checked_once_every_file_parses(framework_dir: Path) -> None:
    # Checking references against files that failed to parse would report
    # spurious unknown codes, so they are checked in a second pass.
    append(
        framework_dir / "geographies" / "testshire.yaml",
        "  - {code: E07000903, name: Cole, level: district, parent: south}\n",
    )
    path = framework_dir / "scorecards" / "main.yaml"
    path.write_text(path.read_text().replace("[GOOD, EXCL]", "[GOOD, EXCLUSIONS]"))
    assert problems(framework_dir) == [
        "geographies/testshire.yaml:6: parent: unknown geography 'south'",
        "scorecards/main.yaml:9: indicators: unknown indicator 'EXCLUSIONS'",
    ]


# --- equality.yaml and national.yaml, loaded and checked with the other files ---------------------

EQUALITY_YAML = """\
measures:
  - {indicator: GLD, stage: Early Years, wording: achieved a good level of development, subject: EYFS}
vulnerable_groups:
  Free school meals: [fsm, {group: sen, against: non-sen}]
gender: {group: male, against: female}
names: {fsm: FSM pupils}
"""
NATIONAL_YAML = """\
council: "886"
neighbours: SN_2021
indicators:
  GLD:
    source_file: bds_long_0
    groups:
      all: {measure: FSP_NEW_GOODDEV}
      fsm: {measure: FSP_Gooddev_FSM, filters: {breakdown: fsm}}
"""


def write_equality_and_national(framework_dir: Path, equality: str, national: str) -> None:
    (framework_dir / "equality.yaml").write_text(equality)
    (framework_dir / "national.yaml").write_text(national)


def test_equality_and_national_files_are_part_of_the_model(framework_dir: Path) -> None:
    write_equality_and_national(framework_dir, EQUALITY_YAML, NATIONAL_YAML)
    framework = load_framework(framework_dir)
    assert framework.equality is not None and framework.national is not None
    assert [m.indicator for m in framework.equality.measures] == ["GLD"]
    [fsm, sen] = framework.equality.vulnerable_groups["Free school meals"]
    assert (fsm.group, fsm.against, sen.group, sen.against) == ("fsm", None, "sen", "non-sen")
    assert framework.equality.name("fsm") == "FSM pupils" and framework.equality.name("sen") == "sen"
    measure = framework.national.measure("GLD", "fsm")
    assert measure is not None
    assert (measure.source_file, measure.measure, measure.filters) == (
        "bds_long_0",
        "FSP_Gooddev_FSM",
        (("breakdown", "fsm"),),
    )


def test_a_framework_without_them_has_neither(framework_dir: Path) -> None:
    framework = load_framework(framework_dir)
    assert (framework.equality, framework.national) == (None, None)


def test_unknown_keys_in_equality_and_national_files(framework_dir: Path) -> None:
    write_equality_and_national(
        framework_dir,
        EQUALITY_YAML + "colour: red\n",
        NATIONAL_YAML.replace("{measure: FSP_NEW_GOODDEV}", "{measure: FSP_NEW_GOODDEV, colour: red}"),
    )
    assert problems(framework_dir) == [
        "equality.yaml:7: colour: unknown field (check the spelling; see docs/framework-format.md)",
        "national.yaml:7: indicators.GLD.groups.all.colour: unknown field "
        "(check the spelling; see docs/framework-format.md)",
    ]


def test_unknown_indicators_in_equality_and_national_files(framework_dir: Path) -> None:
    write_equality_and_national(
        framework_dir,
        EQUALITY_YAML.replace("indicator: GLD", "indicator: KS2"),
        NATIONAL_YAML + "  NOPE:\n    source_file: x\n    groups:\n      all: {measure: m}\n",
    )
    assert problems(framework_dir) == [
        "equality.yaml:2: measures.0.indicator: unknown indicator 'KS2'",
        "national.yaml:9: indicators.NOPE: unknown indicator 'NOPE'",
    ]


def test_wrong_types_in_equality_and_national_files(framework_dir: Path) -> None:
    write_equality_and_national(
        framework_dir,
        EQUALITY_YAML.replace("gender: {group: male, against: female}", "gender: [male, female]"),
        NATIONAL_YAML.replace("filters: {breakdown: fsm}", "filters: [fsm]"),
    )
    assert problems(framework_dir) == [
        "equality.yaml:5: gender: Input should be a valid dictionary or instance of EqualityGroupSpec",
        "national.yaml:8: indicators.GLD.groups.fsm.filters: Input should be a valid dictionary",
    ]


def test_yaml_syntax_errors_in_equality_and_national_files(framework_dir: Path) -> None:
    write_equality_and_national(
        framework_dir,
        EQUALITY_YAML.replace("[fsm, {group", "[fsm {group"),
        NATIONAL_YAML.replace('council: "886"', 'council: "886'),
    )
    [equality, national] = problems(framework_dir)
    assert equality.startswith("equality.yaml:4: YAML syntax error: did not find expected ',' or ']'\n")
    assert ">    4 |   Free school meals: [fsm {group: sen, against: non-sen}]" in equality
    assert national.startswith("national.yaml:9: YAML syntax error: found unexpected end of stream\n")


def test_a_group_with_no_source_file_is_refused(framework_dir: Path) -> None:
    write_equality_and_national(
        framework_dir, EQUALITY_YAML, NATIONAL_YAML.replace("    source_file: bds_long_0\n", "")
    )
    assert problems(framework_dir) == [
        "national.yaml:6: indicators.GLD.groups.all: no source_file: give one for the group or the indicator",
        "national.yaml:7: indicators.GLD.groups.fsm: no source_file: give one for the group or the indicator",
    ]


def test_their_problems_are_reported_with_every_other_file_s(framework_dir: Path) -> None:
    write_equality_and_national(framework_dir, "measures: []\n", "neighbours: SN_2021\n")
    path = framework_dir / "indicators" / "education.yaml"
    path.write_text(path.read_text().replace("polarity: L", "polarity: X"))
    assert problems(framework_dir) == [
        "equality.yaml:1: measures: List should have at least 1 item after validation, not 0",
        "indicators/education.yaml:14: indicators.1.polarity: Input should be 'H', 'L' or 'T'",
        "national.yaml:1: council: required field is missing",
    ]
