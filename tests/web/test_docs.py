"""docs/web.md cannot rot: every environment variable the settings read and
every web command is documented there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
WEB = ROOT / "src" / "scorecards" / "web"


def variables() -> set[str]:
    found: set[str] = set()
    for path in (WEB / "settings.py", WEB / "server.py", ROOT / "src" / "scorecards" / "cli" / "app.py"):
        found.update(re.findall(r'"((?:SCORECARDS_|DATABASE_URL)[A-Z_]*)"', path.read_text(encoding="utf-8")))
    return found


def test_every_setting_is_documented() -> None:
    missing = sorted(v for v in variables() if f"`{v}`" not in DOC)
    assert not missing, f"document these in docs/web.md: {missing}"


def test_every_web_command_is_documented() -> None:
    for command in ("serve", "createadmin", "adduser", "draft"):
        assert f"`scorecards {command}" in DOC, command
