"""Helpers for sps_dev's own tests: run the tool as a user does (``python -m sps_dev``, or
its stand-in in this process: in_process.py), build projects from fixture tables, and prove
what a run wrote.

Standard library only, so that the suite runs under pytest on the development Python and
under ``python -m unittest`` on the Pythons SPS runs (3.8, 3.12), where pytest is not at hand.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path
from typing import Dict, Sequence, Union

import in_process

ROOT = Path(__file__).resolve().parents[2]
# The tool under test: the wheel built from this working tree, installed (pip --target) into
# this folder by scripts/test-sps-dev.sh. Never the sources, never an installed copy.
_SITE = os.environ.get("SPS_DEV_SITE")
if not _SITE or not (Path(_SITE) / "sps_dev" / "__init__.py").is_file():
    raise RuntimeError(
        "SPS_DEV_SITE must name a folder the wheel is installed into: run scripts/test-sps-dev.sh"
    )
TOOL = Path(_SITE).resolve()
# PyYAML for Pythons whose index has no wheel: its pure-Python half, set up by
# scripts/python-tools.sh (check reads the MANIFEST with it, as SPS does).
PURE_YAML = ROOT / ".tools" / "pyyaml"
TIMEOUT = 60

if str(TOOL) not in sys.path:
    sys.path.insert(0, str(TOOL))
# Tests that run check in this process read MANIFESTs with PyYAML too.
if PURE_YAML.is_dir() and str(PURE_YAML) not in sys.path:
    sys.path.append(str(PURE_YAML))

Files = Dict[str, Union[str, bytes]]


class Ran:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def both(self) -> str:
        return self.out + self.err

    def __repr__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def python_path(*extra: Path, yaml: bool = True) -> str:
    paths = [str(TOOL), *(str(p) for p in extra)]
    if yaml and PURE_YAML.is_dir():
        paths.append(str(PURE_YAML))
    return os.pathsep.join(paths)


def sps_dev(
    args: Sequence[str],
    cwd: Path,
    *,
    extra_path: Sequence[Path] = (),
    yaml: bool = True,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    own_process: bool = False,
) -> Ran:
    """python -m sps_dev ARGS in ``cwd``, with only the tool (and PyYAML) importable. A run
    that does not end within TIMEOUT seconds fails the test.

    Played in this process (in_process.py) unless the run needs one of its own: another
    sys.path (``extra_path``, PyYAML left out), an input, ``simulate --no-watch`` (the
    plugin runs in the calling process), an environment of its own (sps_dev remembers for
    the life of its process which interpreter runs each Python, found through PATH and
    PYENV_ROOT: runs here share one environment, as a project's tests that call
    sps_dev.testing do), or ``own_process`` (a test of the process tree)."""
    alone = own_process or env or extra_path or not yaml or stdin is not None
    run_env = environment(env, extra_path, yaml)
    if not (alone or "--no-watch" in args):
        return Ran(*in_process.run(args, cwd, run_env, TIMEOUT))
    return in_own_process(args, cwd, run_env, stdin)


def environment(
    given: dict[str, str] | None = None, extra_path: Sequence[Path] = (), yaml: bool = True
) -> dict[str, str]:
    """A run's whole environment: this one's without PYTHON*, ``given``, the tool's path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(given or {})
    env.update(PYTHONPATH=python_path(*extra_path, yaml=yaml), PYTHONDONTWRITEBYTECODE="1")
    env.update(PIP_RETRIES="0", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def in_own_process(
    args: Sequence[str], cwd: Path, env: dict[str, str], stdin: str | None = None
) -> Ran:
    # -s: no user site-packages; -S: no site-packages at all, so that PyYAML is there only
    # when this helper puts it there.
    command = [sys.executable, "-s", "-S", "-m", "sps_dev", *args]
    try:
        done = subprocess.run(
            command,
            cwd=str(cwd),
            env=env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"sps_dev {' '.join(args)} did not end within {TIMEOUT} s") from None
    return Ran(done.returncode, done.stdout, done.stderr)


def write_tree(root: Path, files: Files) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


# Above this size a file is told by its stat instead of its digest (see snapshot).
_HASHED_UP_TO = 1 << 20


def snapshot(root: Path) -> dict[str, str]:
    """Every file and link below ``root`` with a digest of what it holds. A file over a MiB
    (the hostile cases' 100 MB inputs) is told by its size, inode and change times instead:
    any write to it moves its ctime, which utime cannot set, and hashing those files before
    and after each run cost about a second of CPU a test process."""
    found: dict[str, str] = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder, name)
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[key] = "link:" + os.readlink(path)
            elif path.is_file():
                status = path.stat()
                if status.st_size > _HASHED_UP_TO:
                    found[key] = (
                        f"stat:{status.st_size}:{status.st_ino}:{status.st_mtime_ns}"
                        f":{status.st_ctime_ns}"
                    )
                else:
                    found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                found[key] = "dir"
            else:
                found[key] = "special"
    return found


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


class TempCase(unittest.TestCase):
    """A test with its own temporary folder, removed afterwards."""

    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="sps-dev-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def assertNoTraceback(self, ran: Ran) -> None:
        self.assertNotIn("Traceback (most recent call last)", ran.both, ran)
        self.assertNotIn("internal error", ran.both, ran)
