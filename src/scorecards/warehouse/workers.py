"""Worker processes for reading files while the warehouse loads others.

Each worker is `python -m scorecards.warehouse.workers`, fed pickled calls
(a module-level function or a bound method, and its arguments) on its
standard input, answering each with the pickled result or exception on its
standard output. Not `multiprocessing`: its "spawn" start imports the
caller's main script again in every worker (running any unguarded code in
it), and "fork" copies a process whose DuckDB database is open.

`Workers.submit` returns a future; a thread per worker feeds it one call at
a time, waiting on the pipe with the GIL released.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any, TypeVar

T = TypeVar("T")


class Workers:
    def __init__(self, count: int) -> None:
        self._threads = ThreadPoolExecutor(count, thread_name_prefix="scorecards-worker")
        self._local = threading.local()
        self._started: list[subprocess.Popen[bytes]] = []
        self._lock = threading.Lock()

    def submit(self, function: Callable[..., T], *arguments: Any) -> Future[T]:
        return self._threads.submit(self._call, function, arguments)

    def close(self) -> None:
        """Wait for the calls running, drop those not started, and end the workers."""
        self._threads.shutdown(wait=True, cancel_futures=True)
        for process in self._started:
            assert process.stdin is not None
            process.stdin.close()
            process.wait()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, function: Callable[..., T], arguments: tuple[Any, ...]) -> T:
        process = self._worker()
        assert process.stdin is not None and process.stdout is not None
        pickle.dump((function, arguments), process.stdin)
        process.stdin.flush()
        try:
            succeeded, value = pickle.load(process.stdout)  # noqa: S301 - our own worker's pipe
        except EOFError:
            raise RuntimeError(f"a worker process ended (exit code {process.wait()})") from None
        if succeeded:
            return value  # type: ignore[no-any-return]
        raise value

    def _worker(self) -> subprocess.Popen[bytes]:
        process: subprocess.Popen[bytes] | None = getattr(self._local, "process", None)
        if process is None:
            command = [sys.executable, "-m", "scorecards.warehouse.workers"]
            # The worker imports what this process imports, wherever that came from.
            environment = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
            process = subprocess.Popen(  # noqa: S603
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment
            )
            self._local.process = process
            with self._lock:
                self._started.append(process)
        return process


def serve(calls: IO[bytes], answers: IO[bytes]) -> None:
    """Answer pickled calls until the input ends."""
    while True:
        try:
            function, arguments = pickle.load(calls)  # noqa: S301 - the pipe from the process that started us
        except EOFError:
            return
        try:
            answer = (True, function(*arguments))
        except Exception as exc:
            answer = (False, exc)
        pickle.dump(answer, answers)
        answers.flush()


if __name__ == "__main__":
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed must not corrupt the answers
    serve(sys.stdin.buffer, channel)
    os._exit(0)  # every answer is flushed: skip freeing what the calls left, object by object
