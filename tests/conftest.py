"""Shared fixtures: the minimal framework and values every engine test uses."""

from __future__ import annotations

import os
import shutil
import subprocess
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


def need_poppler() -> None:
    """Skip a test that reads a PDF back where poppler is missing; in CI
    (SCORECARDS_REQUIRE_POPPLER) fail it instead."""
    if shutil.which("pdftotext") and shutil.which("pdftoppm"):
        return
    message = "pdftotext and pdftoppm are needed: install Debian's poppler-utils"
    if os.environ.get("SCORECARDS_REQUIRE_POPPLER"):
        pytest.fail(message)
    pytest.skip(message)


def pdf_text(pdf: Path) -> str:
    """A PDF's text as pdftotext reads it, white space folded."""
    need_poppler()
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())
