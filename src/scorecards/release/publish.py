"""Atomic publishing: a release folder appears whole or not at all.

Everything is written into a staging folder beside the target, named with
the building process's id (`.NAME.building-<pid>-…`); only when every
format has been written does it take the target's place. A failure leaves
the previous release (if any) exactly as it was, and a build that was
killed leaves a staging folder that the next build of the same target
removes (its process is gone).

The swap is one step where the platform has one: on Linux, `renameat2`
with `RENAME_EXCHANGE` exchanges the two folders atomically, so the
release folder is never absent. Elsewhere (or on a file system without
it) the previous release is renamed aside and the new one renamed into
place: two renames, between which the folder is briefly absent.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from scorecards.errors import ScorecardsError

AT_FDCWD = -100
RENAME_EXCHANGE = 2
STAGING = re.compile(r"\.(?P<name>.+)\.(?:building|previous)-(?:(?P<pid>\d+)-)?[^/]*$")


def publish_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(staging)` and move the staging folder to `target`."""
    target = target.resolve()
    if target.exists() and not target.is_dir():
        raise ScorecardsError(f"{target}: exists and is not a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-{os.getpid()}-", dir=target.parent))
    except OSError as exc:
        raise ScorecardsError(f"{target}: cannot write here: {exc.strerror}") from exc
    try:
        write(staging)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def remove_stale_staging(target: Path) -> list[Path]:
    """Remove the staging folders that killed builds of `target` left; return them."""
    removed = []
    for folder in target.parent.glob(f".{target.name}.*-*"):
        found = STAGING.match(folder.name)
        if found and found["name"] == target.name and folder.is_dir() and not _alive(found["pid"]):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: str | None) -> bool:
    """Whether the process that named a staging folder still runs (no id: an old build's)."""
    if pid is None:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _swap_into_place(staging: Path, target: Path) -> None:
    staging.chmod(0o755)
    if not target.exists():
        staging.rename(target)
        return
    if exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous release
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.previous-{os.getpid()}-", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    try:
        staging.rename(target)
    except OSError:
        retired.rename(target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Exchange two folders in one atomic step; False where the platform cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # an old kernel, or a file system without it
    raise OSError(code, os.strerror(code), str(second))


@cache
def _renameat2() -> Callable[..., int] | None:
    library = ctypes.util.find_library("c")
    if library is None:
        return None
    function = getattr(ctypes.CDLL(library, use_errno=True), "renameat2", None)
    if function is None:
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]
