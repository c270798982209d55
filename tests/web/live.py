"""A real `scorecards serve --demo` on loopback, for the browser tests and the
load benchmark: its own data folder, the named people, stopped at exit."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "a long browser password 1"
PEOPLE = (
    ("alice@kent.example", "analyst", (), None),
    ("bob@kent.example", "editor", ("EH", "Family Support"), None),
    ("priya@porchlight.example", "provider", (), "Porchlight"),
    ("ada@kent.example", "administrator", (), None),
)
SETUP = """
from scorecards.demo.county import DATA_MONTH, example_framework, example_values
from scorecards.web import server
server.setup()
server.load_demo()
for email, role, services, provider in {people!r}:
    server.create_person(email, role, {password!r}, tuple(services), provider)
if {draft!r}:
    server.build_draft(example_framework(), example_values(), DATA_MONTH, False)
"""


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    folder: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(folder: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SCORECARDS_", "DJANGO_", "DATABASE_URL"))
    }
    env["SCORECARDS_DATA_DIR"] = str(folder)
    return env


def start(people: bool = True, threads: int = 8, draft: bool = True) -> LiveServer:
    """Serve the example release (and, with `draft`, a draft correction of it)."""
    folder = Path(tempfile.mkdtemp(prefix="scorecards-live-"))
    env = environment(folder)
    code = SETUP.format(people=PEOPLE if people else (), password=PASSWORD, draft=draft)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=300)
    port = free_port()
    scorecards = Path(sys.executable).parent / "scorecards"
    command = [str(scorecards), "serve", "--demo", "--port", str(port), "--threads", str(threads)]
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = LiveServer(f"http://127.0.0.1:{port}", process, folder)
    _wait_until_up(server)
    return server


def _wait_until_up(server: LiveServer) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError((server.folder / "server.log").read_text())
        try:
            with urllib.request.urlopen(server.url + "/releases/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("the server did not start within 60 seconds")


_shared: LiveServer | None = None


def shared() -> LiveServer:
    """One server for every browser test module in this process."""
    global _shared
    if _shared is None:
        _shared = start()
        atexit.register(_shared.stop)
    return _shared
