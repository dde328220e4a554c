"""Finding the Python an SPS release runs, on this machine: ``--python PATH`` (each matched to
a release by the version it reports), else ``python3.X`` on PATH, pyenv's builds, ``py -3.X``
(Windows), uv's managed Pythons. A candidate counts only once it has run and reported 3.X:
pyenv's shims exist for every version and exit 127 for one that is not selected."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

_REPORT = "import sys; print('%d.%d' % sys.version_info[:2])"

# Python -> a command that reported that version here, for the life of this process: each
# probe starts an interpreter, and one verify asks twice (check's compile, inside its build,
# learns the same command its own run then needs). Only what a command reported is kept; a
# Python not found is asked again, so a compile that failed for another reason never hides
# an interpreter from verify.
FOUND: dict[tuple[int, int], list[str]] = {}


def reported(command: list[str]) -> tuple[int, int] | None:
    """The X.Y a Python command reports, or None when it does not run."""
    try:
        done = subprocess.run(  # noqa: S603 - a Python the user named or this machine holds
            [*command, "-I", "-c", _REPORT],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = done.stdout.strip()
    if done.returncode != 0 or "." not in text:
        return None
    major, _, minor = text.partition(".")
    return (int(major), int(minor)) if major.isdigit() and minor.isdigit() else None


def candidates(python: tuple[int, int]) -> list[list[str]]:
    name = f"python{python[0]}.{python[1]}"
    found: list[list[str]] = []
    # pyenv's own builds before PATH: PATH holds its shims, which start a shell script each
    # time and run only the selected version.
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    found += [
        [str(p)] for p in sorted((root / "versions").glob(f"{python[0]}.{python[1]}.*/bin/{name}"))
    ][::-1]
    on_path = shutil.which(name)
    if on_path and Path(on_path).parent != root / "shims":
        found.append([on_path])
    if sys.platform == "win32" and shutil.which("py"):
        found.append(["py", f"-{python[0]}.{python[1]}"])
    uv = Path(os.environ.get("UV_PYTHON_INSTALL_DIR") or Path.home() / ".local/share/uv/python")
    found += [[str(p)] for p in sorted(uv.glob(f"cpython-{python[0]}.{python[1]}.*/bin/{name}"))]
    return found


def find(python: tuple[int, int], given: list[str]) -> list[str] | None:
    """A command that runs CPython ``python``: from ``given`` (--python) first."""
    for path in given:
        if reported([path]) == python:
            return [path]
    if python in FOUND:
        return FOUND[python]
    for command in candidates(python):
        if reported(command) == python:
            FOUND[python] = command
            return command
    return None


def how_to_get(python: tuple[int, int]) -> str:
    version = f"{python[0]}.{python[1]}"
    return (
        f"install Python {version} (pyenv install {version}, uv python install {version}, or "
        f"your system's package) and pass --python /path/to/python{version} if it is not found "
        "on its own"
    )
