"""Builds the ZIP that is uploaded to SPS: python -m sps_dev build [--snapshot].

Layout (what SPS expects at the ZIP root): MANIFEST, main.py (executable), default.cfg, the
plugin package, and the runtime dependencies listed in requirements.txt (installed with
pip --target, next to main.py). Never tests, these tools, caches or VCS files. Two builds of
the same tree are byte-identical: fixed timestamps and a sorted file order.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from . import rules
from .manifest import read_manifest

# The earliest time a ZIP can record: the same for every build.
_EPOCH = (1980, 1, 1, 0, 0, 0)
_NOT_SHIPPED = {"sps_dev", "tests", "dist", "build"}
_SKIPPED_PARTS = {"__pycache__", ".git", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


class BuildError(Exception):
    """The ZIP cannot be built as SPS needs it."""


def _files_below(root: Path) -> dict[str, Path]:
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not _SKIPPED_PARTS & set(path.parts) and path.suffix != ".pyc"
    }


def plugin_files(project: Path) -> dict[str, Path]:
    """ZIP name -> file, for the plugin itself (without dependencies)."""
    files = {name: project / name for name in ("MANIFEST", "main.py", "default.cfg")}
    files = {name: path for name, path in files.items() if path.is_file()}
    for package in sorted(project.glob("*/__init__.py")):
        if package.parent.name in _NOT_SHIPPED:
            continue
        for name, path in _files_below(package.parent).items():
            files[f"{package.parent.name}/{name}"] = path
    return files


def requirements(project: Path) -> list[str]:
    """The runtime dependencies in requirements.txt (comments and blank lines left out)."""
    path = project / "requirements.txt"
    if not path.is_file():
        return []
    lines = [
        line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
    ]
    wanted = [line for line in lines if line]
    for line in wanted:
        name = re.split(r"[\s<>=!~;\[@]", line, maxsplit=1)[0]
        if rules.normalise_distribution(name) == rules.SDK_DISTRIBUTION:
            raise BuildError(
                "requirements.txt lists the Plugin SDK: SPS ships it, and a bundled copy is "
                "refused; remove the line (keep it in requirements-dev.txt for local work)"
            )
    return wanted


def _install(wanted: list[str], target: Path) -> dict[str, Path]:
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-compile"]
    command += ["--disable-pip-version-check", "--target", str(target), *wanted]
    # This interpreter's own pip, with the project's own requirements: nothing untrusted.
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BuildError(f"pip could not install requirements.txt:\n{result.stderr.strip()}")
    return {
        name: path for name, path in _files_below(target).items() if not name.startswith("bin/")
    }


def _snapshot_version(version: str) -> str:
    # SOURCE_DATE_EPOCH keeps snapshot builds reproducible when a build system sets it.
    when = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    return f"{version}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime(when))}"


def build(project: Path, out_dir: Path, *, snapshot: bool = False) -> Path:
    """Writes ``out_dir/<name>-<version>.zip`` and returns its path."""
    manifest = read_manifest(project)
    version = _snapshot_version(manifest["version"]) if snapshot else manifest["version"]
    target = out_dir / f"{manifest['name']}-{version}.zip"
    with tempfile.TemporaryDirectory() as scratch:
        files = plugin_files(project)
        wanted = requirements(project)
        if wanted:
            for name, path in _install(wanted, Path(scratch)).items():
                files.setdefault(name, path)
        out_dir.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(files):
                data = files[name].read_bytes()
                if name == "MANIFEST" and snapshot:
                    data = re.sub(
                        rb"(?m)^version:.*$", f"version: {version}".encode(), data, count=1
                    )
                info = zipfile.ZipInfo(name, date_time=_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o100000 | (0o755 if name == "main.py" else 0o644)) << 16
                archive.writestr(info, data)
    _refuse_if_too_big(target)
    return target


def _refuse_if_too_big(target: Path) -> None:
    size = target.stat().st_size
    if size <= rules.MAX_ZIP_BYTES:
        return
    with zipfile.ZipFile(target) as archive:
        biggest = sorted(archive.infolist(), key=lambda info: info.compress_size, reverse=True)[:5]
    target.unlink()
    listed = ", ".join(f"{info.filename} ({info.compress_size / 1e6:.1f} MB)" for info in biggest)
    raise BuildError(
        f"the ZIP would be {size / 1e6:.1f} MB; SPS accepts at most 20 MB. Biggest: {listed}"
    )
