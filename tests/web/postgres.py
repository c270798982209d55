"""A throwaway PostgreSQL cluster on loopback, for running the suite on PostgreSQL.

initdb into a temporary folder, listen on 127.0.0.1 at a free port (and a
socket in the same folder), trust local connections, no fsync; `stop()`
shuts it down and deletes the folder. PostgreSQL refuses to run as root, so
as root the server runs as the `postgres` user through runuser.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "scorecards"


def binaries() -> Path | None:
    configured = os.environ.get("SCORECARDS_PG_BIN")
    candidates = (
        [Path(configured)] if configured else sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    )
    return next((c for c in candidates if (c / "initdb").is_file()), None)


def _as_server_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    bin: Path
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/scorecards"

    def run(self, *args: str) -> None:
        subprocess.run([*_as_server_user(), *args], check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self.run(
                str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop"
            )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Cluster:
    found = binaries()
    if found is None:
        raise FileNotFoundError("PostgreSQL's initdb was not found (set SCORECARDS_PG_BIN)")
    folder = Path(tempfile.mkdtemp(prefix="scorecards-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    cluster = Cluster(found, folder, _free_port())
    try:
        data = str(folder / "data")
        cluster.run(str(found / "initdb"), "-D", data, "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync")
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={cluster.port} -c unix_socket_directories={folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        cluster.run(
            str(found / "pg_ctl"), "-D", data, "-o", options, "-l", str(folder / "log"), "-w", "start"
        )
        cluster.run(
            str(found / "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", USER, "scorecards"
        )
    except BaseException:
        cluster.stop()
        raise
    return cluster
