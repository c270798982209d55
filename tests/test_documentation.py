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
MODELS = [
    m
    for m in vars(spec).values()
    if isinstance(m, type)
    and issubclass(m, BaseModel)
    and m not in (BaseModel, spec.Strict)
    and not m.__name__.endswith("File")
]


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
