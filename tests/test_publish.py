"""Atomic publishing: one-step swap, and no leftovers from killed builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scorecards.release import publish
from scorecards.release.publish import exchange, publish_atomically, remove_stale_staging


def write_marker(text: str) -> object:
    return lambda folder: (folder / "marker.txt").write_text(text)


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    return int(child.stdout)


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "which").write_text("first")
    (second / "which").write_text("second")
    if not exchange(first, second):
        if sys.platform == "linux":  # glibc and tmpfs/ext4 have it: the one-step swap must work here
            pytest.fail("renameat2 RENAME_EXCHANGE is not available")
        pytest.skip("no renameat2 exchange on this platform")
    assert (first / "which").read_text() == "second"
    assert (second / "which").read_text() == "first"


def test_a_rebuild_replaces_the_release_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "release"
    publish_atomically(target, write_marker("one"))  # type: ignore[arg-type]
    publish_atomically(target, write_marker("two"))  # type: ignore[arg-type]
    assert (target / "marker.txt").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_without_the_one_step_swap_a_rebuild_still_replaces_the_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    target = tmp_path / "release"
    publish_atomically(target, write_marker("one"))  # type: ignore[arg-type]
    publish_atomically(target, write_marker("two"))  # type: ignore[arg-type]
    assert (target / "marker.txt").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_the_next_build_removes_what_killed_builds_left(tmp_path: Path) -> None:
    target = tmp_path / "release"
    killed = tmp_path / f".release.building-{dead_pid()}-x1"
    old_style = tmp_path / ".release.building-abc123"  # named before builds carried their id
    retired = tmp_path / f".release.previous-{dead_pid()}-y2"
    running = tmp_path / f".release.building-{os.getpid()}-z3"  # a build still going
    other = tmp_path / f".other.building-{dead_pid()}-q4"  # another release's
    for folder in (killed, old_style, retired, running, other):
        folder.mkdir()
    publish_atomically(target, write_marker("new"))  # type: ignore[arg-type]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["release", running.name, other.name])


def test_removing_stale_staging_names_what_it_removed(tmp_path: Path) -> None:
    stale = tmp_path / f".release.building-{dead_pid()}-x1"
    stale.mkdir()
    assert remove_stale_staging(tmp_path / "release") == [stale]
