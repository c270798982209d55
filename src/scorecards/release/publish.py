"""Atomic publishing: a release folder appears whole or not at all.

Everything is written into a staging folder beside the target; only when
every format has been written is it renamed into place. A failure leaves
the previous release (if any) exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from scorecards.errors import ScorecardsError


def publish_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(staging)` and move the staging folder to `target`."""
    target = target.resolve()
    if target.exists() and not target.is_dir():
        raise ScorecardsError(f"{target}: exists and is not a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    except OSError as exc:
        raise ScorecardsError(f"{target}: cannot write here: {exc.strerror}") from exc
    try:
        write(staging)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap_into_place(staging: Path, target: Path) -> None:
    staging.chmod(0o755)
    if not target.exists():
        staging.rename(target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.previous-", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    try:
        staging.rename(target)
    except OSError:
        retired.rename(target)
        raise
    shutil.rmtree(retired, ignore_errors=True)
