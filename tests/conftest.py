"""Shared fixtures: the minimal framework and values every engine test uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL_FRAMEWORK = FIXTURES / "frameworks" / "minimal"
MINIMAL_VALUES = FIXTURES / "values" / "minimal.csv"


@pytest.fixture
def framework_dir(tmp_path: Path) -> Path:
    """A writable copy of the minimal framework, for tests that break it."""
    target = tmp_path / "framework"
    shutil.copytree(MINIMAL_FRAMEWORK, target)
    return target


@pytest.fixture
def values_file(tmp_path: Path) -> Path:
    target = tmp_path / "values.csv"
    shutil.copy(MINIMAL_VALUES, target)
    return target
