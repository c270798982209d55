"""Field typing in `records.typed`: what a value in a file is read as."""

from __future__ import annotations

import duckdb
import pytest

from scorecards.warehouse.records import FALSE_WORDS, TRUE_WORDS, Field, typed

FLAG = Field("flag", kind="boolean")


def read_as_boolean(text: str) -> bool | None:
    with duckdb.connect() as con:
        row = con.execute(f"SELECT {typed(FLAG)} FROM (SELECT ? AS flag)", [text]).fetchone()
    assert row is not None
    return None if row[0] is None else bool(row[0])


@pytest.mark.parametrize("word", [*TRUE_WORDS, *(w.upper() for w in TRUE_WORDS), "Yes", " y "])
def test_true_words_in_any_case_are_true(word: str) -> None:
    assert read_as_boolean(word) is True


@pytest.mark.parametrize("word", [*FALSE_WORDS, *(w.upper() for w in FALSE_WORDS), "No", " n "])
def test_false_words_in_any_case_are_false(word: str) -> None:
    assert read_as_boolean(word) is False


@pytest.mark.parametrize("text", ["", "  ", "maybe", "2", "01", "on", "off", "yess", "-1"])
def test_anything_else_is_not_a_boolean(text: str) -> None:
    assert read_as_boolean(text) is None
