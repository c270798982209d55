"""Editors' sentences, kept with the release: the seed's Kent summary is the
generated one with two sentences reworded by an editor and the rest removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorecards.errors import ValidationFailed
from scorecards.release.narrative.overrides import (
    Entry,
    Narrative,
    apply_narrative,
    load_narrative,
    save_narrative,
    with_entry,
)
from scorecards.release.narrative.summary import Sentence

SEED_SUMMARY = (
    (Path(__file__).parent / "fixtures" / "seed" / "directorate_summary.txt").read_text().splitlines()
)
GENERATED = {
    "SISE34": SEED_SUMMARY[0],
    "EH43": SEED_SUMMARY[1],
    "EH44": "The number of secondary school age permanent exclusions has risen by 8 from 43 in the previous "
    "quarter to 51, which does not meet the 2016-17 target of 40.",
    "SEND11": "The percentage of Education, Health and Care Plans (EHCPs) issued within 20 weeks has fallen to "
    "74.0% from 80.2% in the previous quarter. This is below the 2016-17 target of 90%.",
    "EH16": "The percentage of cases closed by Early Help Units with outcomes achieved has fallen to 76.4% from "
    "79.6% in the previous quarter. This is below the 2016-17 target of 86%.",
}


def generated() -> list[Sentence]:
    return [
        Sentence("CYPE", "E10000016", code, text=text, generated=text) for code, text in GENERATED.items()
    ]


def entry(indicator: str, text: str, **more: str) -> Entry:
    return Entry(
        scorecard="CYPE", geography="E10000016", indicator=indicator, kind="summary", text=text, **more
    )


def test_the_seed_summary_is_the_generated_one_as_an_editor_left_it() -> None:
    narrative = Narrative(
        entries=(
            entry("EH44", SEED_SUMMARY[2], edited_by="Wendy Murray"),
            entry("SEND11", ""),
            entry("EH16", SEED_SUMMARY[3], replaces=GENERATED["EH16"]),
        )
    )
    summary = apply_narrative(generated(), narrative, "CYPE", "E10000016")
    assert [s.text for s in summary] == SEED_SUMMARY
    assert [s.edited for s in summary] == [False, False, True, True]
    assert summary[2].edited_by == "Wendy Murray"
    assert not any(s.stale for s in summary)


def test_an_edit_of_a_sentence_the_numbers_no_longer_give_is_marked_stale() -> None:
    narrative = Narrative(entries=(entry("EH16", SEED_SUMMARY[3], replaces="…an older sentence…"),))
    summary = apply_narrative(generated(), narrative, "CYPE", "E10000016")
    assert [s.indicator for s in summary if s.stale] == ["EH16"]


def test_an_editor_can_add_a_sentence_for_an_indicator_not_summarised() -> None:
    narrative = Narrative(entries=(entry("EY8", "Early years settings stay above their target."),))
    summary = apply_narrative(generated(), narrative, "CYPE", "E10000016")
    assert summary[-1].text == "Early years settings stay above their target."
    assert summary[-1].edited and summary[-1].generated == ""


def test_entries_for_another_page_or_for_commentary_leave_the_summary_alone() -> None:
    other_page = Entry(scorecard="CYPE", geography="E07000105", indicator="EH44", kind="summary", text="x")
    commentary = entry("EH44", "Commentary on exclusions.").model_copy(update={"kind": "commentary"})
    summary = apply_narrative(generated(), Narrative(entries=(other_page, commentary)), "CYPE", "E10000016")
    assert [s.text for s in summary] == list(GENERATED.values())


def test_saved_entries_load_back_and_a_new_edit_replaces_the_old(tmp_path: Path) -> None:
    path = tmp_path / "inputs" / "narrative.json"
    first = with_entry(Narrative(), entry("EH44", "First wording."))
    save_narrative(
        path, with_entry(first, entry("EH44", "Second wording.", edited_at="2017-07-21T10:15:00+01:00"))
    )
    loaded = load_narrative(path)
    assert [(e.indicator, e.text, e.edited_at) for e in loaded.entries] == [
        ("EH44", "Second wording.", "2017-07-21T10:15:00+01:00")
    ]
    assert json.loads(path.read_text())["format"] == 1


def test_a_release_without_a_narrative_file_has_no_entries(tmp_path: Path) -> None:
    assert load_narrative(tmp_path / "narrative.json").entries == ()


def test_an_unknown_key_or_kind_is_reported_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "narrative.json"
    bad = {"format": 1, "entries": [{**entry("EH44", "x").model_dump(), "kind": "headline", "colour": "red"}]}
    path.write_text(json.dumps(bad))
    with pytest.raises(ValidationFailed) as failed:
        load_narrative(path)
    message = str(failed.value)
    assert f"{path}: entries[0].kind" in message
    assert f"{path}: entries[0].colour" in message


def test_two_entries_for_the_same_sentence_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "narrative.json"
    twice = [entry("EH44", "One.").model_dump(), entry("EH44", "Two.").model_dump()]
    path.write_text(json.dumps({"format": 1, "entries": twice}))
    with pytest.raises(
        ValidationFailed, match=r"entries\[1\]: a second summary entry for CYPE/E10000016/EH44"
    ):
        load_narrative(path)
