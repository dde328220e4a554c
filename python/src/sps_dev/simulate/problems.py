"""What a plugin reports about itself while simulate runs it: ERROR records from any of its
loggers and tracebacks it writes to stderr. On SPS both land in the system log and mean
something failed, even when the hook returned a result."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TextIO


class Problems(logging.Handler):
    """ERROR records from any logger of the plugin, and tracebacks it wrote to stderr: on SPS
    those are in the system log, and mean something failed even when the hook returned."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.seen: list[str] = []
        # True while a logger writes: a traceback it prints belongs to a record seen already.
        self.logging = False

    def emit(self, record: logging.LogRecord) -> None:
        where = f"{Path(record.pathname).name}:{record.lineno}"
        self.seen.append(f"logged at {record.levelname} ({where}): {record.getMessage()[:200]}")


class Stderr:
    """Passes the plugin's stderr through, noting every traceback it writes."""

    def __init__(self, real: TextIO, problems: Problems) -> None:
        self.real = real
        self.problems = problems

    def write(self, text: str) -> int:
        if "Traceback (most recent call last)" in text and not self.problems.logging:
            self.problems.seen.append("wrote a traceback to stderr")
        return self.real.write(text)

    def flush(self) -> None:
        self.real.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def watch_logging(problems: Problems) -> Any:
    """Sees every record a logger passes to its handlers, whether or not it propagates to the
    root (a plugin may set up its own handlers)."""
    original = logging.Logger.callHandlers

    def call_handlers(self: logging.Logger, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            problems.handle(record)
        problems.logging = True
        try:
            original(self, record)
        finally:
            problems.logging = False

    logging.Logger.callHandlers = call_handlers  # type: ignore[method-assign]
    return original
