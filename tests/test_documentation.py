"""Docs that cannot rot: every framework field and every command is documented."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from pydantic import BaseModel

from scorecards.cli.app import app
from scorecards.framework import spec

ROOT = Path(__file__).parents[1]
FORMAT_DOC = (ROOT / "docs" / "framework-format.md").read_text()
README = (ROOT / "README.md").read_text()


def spec_models(base: type[BaseModel] = spec.Strict) -> list[type[BaseModel]]:
    """Every model of a framework file, at any depth below the shared base."""
    found = []
    for model in base.__subclasses__():
        found += [model, *spec_models(model)]
    return found


# A `…File` model only holds a list whose items are documented.
MODELS = [m for m in spec_models() if not m.__name__.endswith("File")]


def test_the_optional_files_models_are_checked_too() -> None:
    names = {m.__name__ for m in MODELS}
    assert {"EqualitySpec", "EqualityMeasureSpec", "EqualityGroupSpec", "NationalSpec"} <= names
    assert {"PublishedIndicatorSpec", "PublishedGroupSpec"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_framework_field_is_documented(model: type[BaseModel]) -> None:
    missing = [name for name in model.model_fields if f"`{name}`" not in FORMAT_DOC]
    assert not missing, f"{model.__name__}: document {missing} in docs/framework-format.md"


def test_every_column_kind_is_documented() -> None:
    kinds = list(get_args(spec.ColumnKey))
    assert kinds
    missing = [k for k in kinds if f"`{k}`" not in FORMAT_DOC]
    assert not missing, f"document column kinds {missing}"


def test_every_command_is_in_the_readme() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    missing = [n for n in names if f"scorecards {n}" not in README]
    assert not missing, f"document commands {missing} in README.md"
