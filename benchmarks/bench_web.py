"""Benchmark: the web application under load (target: p95 under 150 ms, no errors).

Starts `scorecards serve --demo` on loopback (its own data folder), then 20
concurrent clients request the example county's CYPE scorecard for Kent as
the public does, each request on a new connection, for a bounded number of
requests. Then the same page's HTML, saved to a file, is served as a static
file by Python's threading HTTP server and measured the same way. Prints
latency percentiles, throughput and errors for both; record them in
docs/BENCHMARKS.md.

Traffic goes only to 127.0.0.1; both servers are stopped at the end.
"""

from __future__ import annotations

import http.client
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.web import live

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))  # per client
TIME_LIMIT = float(os.environ.get("BENCH_SECONDS", "120"))
PAGE = "/releases/2017-06/scorecards/cype-e10000016/"


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    size: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def fetch(port: int, path: str, cookie: str = "") -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def client(port: int, path: str, run: Run, deadline: float, cookie: str) -> None:
    for _ in range(REQUESTS):
        if time.monotonic() > deadline:
            return
        start = time.perf_counter()
        try:
            status, _size = fetch(port, path, cookie)
            problem = "" if status == 200 else f"HTTP {status}"
        except OSError as exc:
            problem = f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - start
        with run.lock:
            run.latencies.append(elapsed)
            if problem:
                run.errors.append(problem)


def load(port: int, path: str, cookie: str = "") -> Run:
    run = Run()
    for _ in range(20):
        _status, run.size = fetch(port, path, cookie)  # warm up: caches, connections, code paths
    deadline = time.monotonic() + TIME_LIMIT
    threads = [
        threading.Thread(target=client, args=(port, path, run, deadline, cookie)) for _ in range(CLIENTS)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - start
    return run


def sign_in(port: int, email: str) -> str:
    """The cookies of a signed-in person (a form post with its CSRF token). The
    cookies are Secure, so they are carried by hand over plain loopback HTTP."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/sign-in/")
    response = connection.getresponse()
    form = response.read().decode()
    cookies = _cookies(response.headers.get_all("Set-Cookie") or [])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    body = urllib.parse.urlencode(
        {"email": email, "password": live.PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    headers = {"Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/sign-in/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 302, response.status
    return _cookies(response.headers.get_all("Set-Cookie") or [])


def _cookies(headers: list[str]) -> str:
    return "; ".join(header.split(";", 1)[0] for header in headers)


def static_server(html: bytes) -> tuple[subprocess.Popen[bytes], int, Path]:
    folder = Path(tempfile.mkdtemp(prefix="scorecards-static-"))
    (folder / "page.html").write_bytes(html)
    port = live.free_port()
    command = [
        sys.executable,
        "-m",
        "http.server",
        str(port),
        "--bind",
        "127.0.0.1",
        "--directory",
        str(folder),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            fetch(port, "/page.html")
            break
        except OSError:
            time.sleep(0.1)
    return process, port, folder


def report(name: str, run: Run) -> None:
    count = len(run.latencies)
    print(
        f"{name}: {count} requests ({run.size:,} bytes each), {len(run.errors)} errors, "
        f"{count / run.seconds:.0f} requests/s; "
        f"latency ms: median {statistics.median(run.latencies) * 1000:.1f}, "
        f"p95 {run.percentile(95):.1f}, p99 {run.percentile(99):.1f}, max {max(run.latencies) * 1000:.1f}"
    )
    if run.errors:
        print("  first errors:", sorted(set(run.errors))[:5])


def main() -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{CLIENTS} concurrent clients x {REQUESTS} requests, a new connection per request, loopback")
    server = live.start(draft=False)
    try:
        port = int(server.url.rsplit(":", 1)[1])
        with urllib.request.urlopen(server.url + PAGE) as response:
            html = response.read()
        report(f"scorecards serve, the public, {PAGE}", load(port, PAGE))
        cookie = sign_in(port, "alice@kent.example")
        report("scorecards serve, signed in (no whole-page cache)", load(port, PAGE, cookie))
        report(
            "scorecards serve, signed in, filtered RED, sorted",
            load(port, PAGE + "?rag=RED&sort=rag", cookie),
        )
    finally:
        server.stop()
    process, port, folder = static_server(html)
    try:
        report("the same HTML as a static file (python -m http.server)", load(port, "/page.html"))
    finally:
        process.terminate()
        process.wait()
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
