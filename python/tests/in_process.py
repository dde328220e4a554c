"""One run of ``python -s -S -m sps_dev ARGS`` played in the test's own process: ``main()``
with the run's working folder, environment and standard streams (at the descriptor level, so
that what simulate's and verify's children print is caught too), its exit code taken as
``python -m`` gives it.

Why: a fresh interpreter for each of the suite's ~270 runs (start-up and imports) was half of
the suite's CPU time on each of the four Pythons it runs on. ``test_entry.py`` holds this
stand-in to the real command: the same runs both ways give the same exit code and output.
What depends on being a process (stdin, another sys.path, PyYAML absent, signals, the
process tree) stays a subprocess: ``support.sps_dev`` decides.

A run here must leave the test process as it found it. The plugin's code never runs in it
(simulate runs it in a child); a run that imported a module from outside the tool, PyYAML and
the standard library, or changed sys.path, fails the test: run it in a process of its own.
"""

from __future__ import annotations

import io
import locale
import os
import signal
import subprocess
import sys
import sysconfig
import tempfile
import traceback
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator, Sequence
from unittest import mock

# The tool's own modules, PyYAML's, and the standard library's may be imported by a run.
_ALLOWED_PACKAGES = ("sps_dev", "yaml", "_yaml")
_STDLIB = tuple(
    str(Path(p).resolve())
    for p in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]}
)


# The environment of the first run here. sps_dev remembers machine facts found through the
# environment (which interpreter runs each Python) for the life of its process, so every run
# here must have the same one; support.sps_dev gives a run with another a process of its own.
_ENVIRONMENT: dict[str, str] = {}


class _TimedOut(BaseException):
    """Raised by the alarm: a BaseException, so that main()'s last-resort handler (which
    turns any Exception into "internal error") does not swallow it."""


def run(
    args: Sequence[str], cwd: Path, env: dict[str, str], timeout: float
) -> tuple[int, str, str]:
    """``main(args)`` in ``cwd`` with ``env`` as the whole environment and stdin empty;
    returns (exit code, stdout, stderr) decoded as ``subprocess.run(text=True)`` decodes."""
    from sps_dev.cli import main

    # pytest names the running test in the environment; sps_dev never reads it.
    same = {k: v for k, v in env.items() if k != "PYTEST_CURRENT_TEST"}
    if not _ENVIRONMENT:
        _ENVIRONMENT.update(same)
    if same != _ENVIRONMENT:
        changed = sorted(k for k in {*same, *_ENVIRONMENT} if same.get(k) != _ENVIRONMENT.get(k))
        raise AssertionError(f"a run in the test's process with another environment ({changed})")

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with ExitStack() as stack:
            for context in (
                _streams(out, err),
                # The run's whole environment: cleared, then env, put back after.
                mock.patch.dict(os.environ, env, clear=True),
                _working_folder(cwd),
                _flags(),
                _left_as_found(),
                _alarm(timeout, args),
            ):
                stack.enter_context(context)
            code = _exit_code(main, list(args))
        return code, _decoded(out), _decoded(err)


def _exit_code(main: Callable[[list[str]], int], args: list[str]) -> int:
    try:
        return int(main(args))
    except SystemExit as ended:  # argparse: usage errors, --help, --version
        if ended.code is None:
            return 0
        if isinstance(ended.code, int):
            return ended.code
        print(ended.code, file=sys.stderr)
        return 1
    except _TimedOut:
        raise
    except BaseException:  # noqa: BLE001 - as the interpreter does: a traceback, exit 1
        traceback.print_exc()
        return 1


def _decoded(file: IO[bytes]) -> str:
    # As subprocess.run(text=True) reads a pipe: the locale's encoding, universal newlines.
    file.seek(0)
    text = io.TextIOWrapper(file, encoding=locale.getpreferredencoding(False))
    try:
        return text.read()
    finally:
        text.detach()


@contextmanager
def _streams(out: IO[bytes], err: IO[bytes]) -> Iterator[None]:
    """Descriptors 0, 1 and 2 point at an empty input and the two files for the run, and
    sys.std* are fresh text streams over them, as a new interpreter makes them."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    saved = [os.dup(fd) for fd in (0, 1, 2)]
    streams = sys.stdin, sys.stdout, sys.stderr
    empty = os.open(os.devnull, os.O_RDONLY)
    try:
        os.dup2(empty, 0)
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
        # As a new interpreter writing to a file: stdout by block, stderr by line.
        sys.stdout = _text_over(1, sys.__stdout__, by_line=False)
        sys.stderr = _text_over(2, sys.__stderr__, by_line=True)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        for fd, copy in enumerate(saved):
            os.dup2(copy, fd)
            os.close(copy)
        os.close(empty)


def _text_over(fd: int, like: object, *, by_line: bool) -> io.TextIOWrapper:
    encoding = getattr(like, "encoding", None) or locale.getpreferredencoding(False)
    errors = getattr(like, "errors", None) or "strict"
    raw = io.FileIO(fd, "w", closefd=False)
    return io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=by_line
    )


@contextmanager
def _working_folder(cwd: Path) -> Iterator[None]:
    here = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(here)


@contextmanager
def _flags() -> Iterator[None]:
    """simulate starts its watched child with the flags this interpreter was started with
    (``subprocess._args_from_interpreter_flags``, as multiprocessing does). The run stands
    for ``python -s -S -m sps_dev``: those are the flags it must hand on, not the test
    runner's (pytest's site-packages would otherwise be importable in the child)."""
    real = subprocess._args_from_interpreter_flags  # type: ignore[attr-defined]
    subprocess._args_from_interpreter_flags = lambda: ["-s", "-S"]  # type: ignore[attr-defined]
    try:
        yield
    finally:
        subprocess._args_from_interpreter_flags = real  # type: ignore[attr-defined]


@contextmanager
def _left_as_found() -> Iterator[None]:
    path = list(sys.path)
    modules = set(sys.modules)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD)}
    try:
        yield
    finally:
        # Put back whether the run ended or timed out; judged only when it ended.
        for number, handler in handlers.items():
            signal.signal(number, handler)
        changed = sys.path != path
        sys.path[:] = path
        strangers = sorted(name for name in set(sys.modules) - modules if not _may_import(name))
        for name in strangers:
            del sys.modules[name]
    if changed or strangers:
        raise AssertionError(
            "a run in the test's process changed sys.path or imported "
            f"{', '.join(strangers) or 'nothing else'}: give it a process of its own"
        )


def _may_import(name: str) -> bool:
    if name.split(".")[0] in _ALLOWED_PACKAGES:
        return True
    where = getattr(sys.modules.get(name), "__file__", None)
    if where is None:  # built in, or frozen
        return True
    resolved = str(Path(where).resolve())
    return resolved.startswith(_STDLIB) and "site-packages" not in Path(resolved).parts


@contextmanager
def _alarm(timeout: float, args: Sequence[str]) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise _TimedOut()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    except _TimedOut:
        raise AssertionError(f"sps_dev {' '.join(args)} did not end within {timeout:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
