"""simulate runs the plugin in a process of its own, watched by this one: a hook that sleeps,
ends the process (``os._exit``) or is killed no longer takes the report with it. The watched
process is this same command, run again with the same arguments; this one waits for it under
``--timeout`` and, if it ends without its report, says what happened (exit 1, as on SPS the
session would end). A hook that forks is held in hooks.py: the copy exits silently, so one
connection gives one verdict.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

WATCHED = "SPS_DEV_SIMULATE_WATCHED"
# What simulate itself exits with: 0 passed, 1 the plugin failed, 2 this machine or usage.
_OWN_CODES = (0, 1, 2, 130)


def watched() -> bool:
    """Whether this process is the watched one (it runs the connection)."""
    return os.environ.get(WATCHED) == "1"


def run_watched(argv: list[str], timeout: float) -> int:
    """Runs ``python -m sps_dev *argv`` with the connection in it; its output is shown as it
    comes. Returns its exit code, or 1 with a message when it hung or ended abnormally."""
    env = {**os.environ, WATCHED: "1"}
    # The same interpreter with the same flags (-s, -I, -X ...), as multiprocessing does.
    flags: list[str] = subprocess._args_from_interpreter_flags()  # type: ignore[attr-defined]
    command = [sys.executable, *flags, "-m", "sps_dev", *argv]
    process = subprocess.Popen(command, env=env, start_new_session=True)  # noqa: S603
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        print(
            f"simulate: failed: the connection did not end within {timeout:g} s (--timeout): a "
            "hook or the plugin's import hangs; on SPS the session would end",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        _kill(process)
        raise
    finally:
        # Whatever the plugin started (a forked copy, a child) goes with it.
        _kill(process)
    if code in _OWN_CODES:
        return code
    how = f"signal {-code}" if code < 0 else f"exit code {code}"
    print(
        f"simulate: failed: the plugin ended the process ({how}) before the connection ended; "
        "on SPS the session would end",
        file=sys.stderr,
    )
    return 1


def _kill(process: subprocess.Popen[bytes]) -> None:
    # Gone already (its group with it), or not ours to signal: nothing left to stop.
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
