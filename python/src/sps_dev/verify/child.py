"""The executor child seen from the parent: one JSON request, one JSON answer, each under a
time limit. A child that hangs is killed; one that ends (``os._exit``, a crash) is reported
with its exit code; what it prints besides the protocol is kept for the report."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

EXECUTOR = Path(__file__).with_name("executor.py")


class ChildGone(Exception):
    """The plugin's process hung or ended: no answer will come."""

    # simulate's connection lets it through instead of reporting it as a hook's exception.
    stops_run = True


class Child:
    def __init__(self, python: list[str], root: Path, extra: list[Path], timeout: float) -> None:
        self.timeout = timeout
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the child
        self.process = subprocess.Popen(  # noqa: S603 - a Python found by verify, our executor
            [*python, "-I", "-S", str(EXECUTOR), str(root), *(str(p) for p in extra)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=str(root),
            # No PYTHON* variable of this environment may reach the plugin's interpreter.
            env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")},
        )
        self._buffer = b""
        self.hello = self._answer("starting")

    def request(self, message: dict[str, Any], what: str) -> dict[str, Any]:
        assert self.process.stdin is not None  # noqa: S101 - set by Popen above
        try:
            self.process.stdin.write((json.dumps(message) + "\n").encode("utf-8"))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._gone(what) from None
        return self._answer(what)

    def _answer(self, what: str) -> dict[str, Any]:
        assert self.process.stdout is not None  # noqa: S101 - set by Popen above
        deadline = time.monotonic() + self.timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    self.close()
                    raise ChildGone(f"{what} did not return within {self.timeout:g} s")
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    raise self._gone(what)
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            answer = json.loads(line.decode("utf-8"))
        except ValueError:
            self.close()
            raise ChildGone(f"{what}: the plugin's process wrote over the protocol") from None
        return dict(answer)

    def _gone(self, what: str) -> ChildGone:
        code = self.process.wait(timeout=5)
        gone = ChildGone(f"{what} ended the plugin's process (exit code {code}){self._tail()}")
        self.close()
        return gone

    def _tail(self) -> str:
        self._stderr.seek(0)
        text = self._stderr.read()[-600:].decode("utf-8", "replace").strip()
        return f"; it wrote: {text}" if text else ""

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self._stderr.close()
