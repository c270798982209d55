"""A small county framework holding the records example's education and
early-help indicators, scorecards and national map, for tests that compute
them from the fixture records (tests/fixtures/samples/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import scorecards

RECORDS = Path(scorecards.__file__).parent / "examples" / "records" / "framework"
FILES = (
    "indicators/education.yaml",
    "indicators/early-help.yaml",
    "scorecards/education.yaml",
    "scorecards/early-help.yaml",
    "national.yaml",
)
FRAMEWORK_YAML = """\
name: Education test framework
version: "1"
organisation: Testshire County Council
"""
GEOGRAPHIES_YAML = """\
geographies:
  - {code: E10000099, name: Testshire, level: county}
  - {code: north, name: North Testshire, level: area, parent: E10000099}
  - {code: south, name: South Testshire, level: area, parent: E10000099}
  - {code: E07000901, name: Ashby, level: district, parent: north}
  - {code: E07000902, name: Brampton and Cole, level: district, parent: north, aliases: [Brampton & Cole]}
  - {code: E07000903, name: Cole, level: district, parent: south}
  - {code: E07000904, name: Dunmore, level: district, parent: south}
"""
COUNTY = "E10000099"


def education_framework(root: Path) -> Path:
    """Write the framework into `root` and return it."""
    for name in FILES:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RECORDS / name, target)
    (root / "framework.yaml").write_text(FRAMEWORK_YAML, encoding="utf-8")
    (root / "geographies").mkdir(exist_ok=True)
    (root / "geographies" / "testshire.yaml").write_text(GEOGRAPHIES_YAML, encoding="utf-8")
    return root
