"""python -m sps_dev build [PATH]: the ZIP uploaded to SPS, in ``dist/`` (or ``--out``).

It runs ``check`` first (errors stop it), ships what layout.py selects, and bundles the
runtime dependencies (requirements.txt, Pipfile [packages]) installed for SPS, not for this
machine: CPython of the oldest release the MANIFEST claims, Linux x86_64, wheels only. Two
builds of the same tree are byte-identical (fixed timestamps, sorted entries), and the ZIP is
written beside its final name and renamed into place, so a failed build leaves nothing.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from sps_dev.build import deps, layout
from sps_dev.check import archive as check_zip
from sps_dev.check import checker as check
from sps_dev.contract import releases
from sps_dev.rules import settings
from sps_dev.rules.findings import Finding, errors

# The earliest time a ZIP can record: the same for every build.
_EPOCH = (1980, 1, 1, 0, 0, 0)
# [inferred] SPS's glibc is not documented; manylinux2014 (glibc 2.17) wheels run on any
# Linux of the last decade, so they are the safe choice.
_PLATFORMS = (
    "manylinux2014_x86_64",
    "manylinux_2_17_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
)


class BuildError(Exception):
    """The ZIP cannot be built as SPS needs it."""


def _refuse(findings: list[Finding]) -> None:
    failed = errors(findings)
    if failed:
        listed = "\n".join(str(f) for f in failed)
        raise BuildError(f"check found {len(failed)} error(s); SPS would refuse the ZIP:\n{listed}")


def _pip() -> list[str]:
    """This interpreter's pip; in a virtual environment made without one (the generated
    README's set-up: ``venv --without-pip``, then the outer pip's ``--python``), the pip of the
    Python it was made from. Either does: it installs for SPS's Python and platform into a
    folder of its own, not into an environment."""
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip"]
    base = getattr(sys, "_base_executable", "") or ""
    for python in (base, str(Path(sys.base_prefix, "bin", "python3"))):
        if python and Path(python).is_file() and python != sys.executable:
            found = subprocess.run(  # noqa: S603 - the Python this environment was made from
                [python, "-c", "import pip"], capture_output=True, check=False
            )
            if found.returncode == 0:
                return [python, "-m", "pip"]
    raise BuildError(
        f"build installs the runtime dependencies with pip, and neither {sys.executable} nor "
        "the Python its environment was made from has it: run python3 -m pip --python "
        f"{sys.executable} install pip, or build with a Python that has pip"
    )


def pip_command(target: Path, requirements: Path, python: tuple[int, int]) -> list[str]:
    """pip, told to install for SPS's interpreter and platform instead of this machine's."""
    version = f"{python[0]}.{python[1]}"
    command = [*_pip(), "install", "--quiet", "--no-compile"]
    command += ["--disable-pip-version-check", "--target", str(target)]
    command += ["--only-binary=:all:", "--implementation", "cp", "--python-version", version]
    command += ["--abi", f"cp{python[0]}{python[1]}"]
    for platform in _PLATFORMS:
        command += ["--platform", platform]
    return [*command, "-r", str(requirements)]


def _install(wanted: list[str], scratch: Path, python: tuple[int, int]) -> dict[str, Path]:
    listing = scratch / "requirements.txt"
    listing.write_text("\n".join(wanted) + "\n", encoding="utf-8")
    target = scratch / "site"
    # This machine's own pip, with the project's own requirements: nothing untrusted.
    result = subprocess.run(  # noqa: S603
        pip_command(target, listing, python), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BuildError(
            f"pip could not install the runtime dependencies for SPS (CPython {python[0]}."
            f"{python[1]}, Linux x86_64, wheels only): a dependency without such a wheel cannot "
            f"be bundled; pick a version that publishes one.\n{result.stderr.strip()[-2000:]}"
        )
    files: dict[str, Path] = {}
    for folder, dirs, names in os.walk(target):
        dirs[:] = sorted(
            d for d in dirs if d != "__pycache__" and not (folder == str(target) and d == "bin")
        )
        for name in names:
            path = Path(folder, name)
            if not name.endswith((".pyc", ".pyo")) and not path.is_symlink():
                files[path.relative_to(target).as_posix()] = path
    return files


def _snapshot_version(version: str) -> str:
    # SOURCE_DATE_EPOCH keeps snapshot builds reproducible when a build system sets it.
    when = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    return f"{version}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime(when))}"


def _out_dir(project: Path, out: Path | None) -> Path:
    folder = out if out is not None else project / "dist"
    if out is None and folder.is_symlink():
        raise BuildError(f"{folder} is a link; build writes only into the project's own dist/")
    if folder.exists() and not folder.is_dir():
        raise BuildError(f"{folder} is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write_zip(
    handle: zipfile.ZipFile, files: dict[str, Path], entry_point: str, manifest_version: str | None
) -> None:
    for name in sorted(files):
        data = files[name].read_bytes()
        if name == "MANIFEST" and manifest_version is not None:
            data = re.sub(
                rb"(?m)^version:.*$", f"version: {manifest_version}".encode(), data, count=1
            )
        info = zipfile.ZipInfo(name, date_time=_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        mode = 0o755 if name == entry_point else 0o644
        info.external_attr = (0o100000 | mode) << 16
        handle.writestr(info, data)


def build(
    project: Path,
    out: Path | None = None,
    *,
    snapshot: bool = False,
    ignore: frozenset[str] = frozenset(),
    notes: list[str] | None = None,
) -> tuple[Path, list[Finding]]:
    """Writes ``<out>/<name>-<version>.zip``; returns its path and check's warnings. The
    rules ``ignore`` and the project's ``[tool.sps-dev]`` name are left out, as in check.
    Older ZIPs of this plugin in that folder are removed once the new one is in place, so
    it holds exactly one; ``notes`` gets what the user should know."""
    ignore = ignore | settings.from_pyproject(project)
    report = check.check_folder(project, ignore)
    _refuse(report.findings)
    meta = report.manifest
    if meta is None:  # check_folder has reported an error then; this keeps mypy informed
        raise BuildError("no MANIFEST")
    selection = layout.select(project, meta.entry_point)
    if selection.refused:
        raise BuildError("build refuses to follow these:\n" + "\n".join(selection.refused))
    dependencies = deps.read(project)
    if dependencies.problems:
        raise BuildError("\n".join(dependencies.problems))
    for requirement, origin in zip(dependencies.requirements, dependencies.origins):
        if deps.is_sdk(requirement):
            raise BuildError(
                f"{origin}: lists the Plugin SDK as a runtime dependency: SPS ships it, and a "
                "bundled copy is refused; keep it in requirements-dev.txt or [dev-packages]"
            )
    version = _snapshot_version(meta.version) if snapshot else meta.version
    folder = _out_dir(project, out)
    target = folder / f"{meta.name}-{re.sub(r'[^A-Za-z0-9._+-]', '_', version)}.zip"
    python = min(line.python for line in (meta.releases or releases.RELEASES[:1]))
    files = dict(selection.files)
    with tempfile.TemporaryDirectory() as scratch:
        if dependencies.requirements:
            for name, path in _install(dependencies.requirements, Path(scratch), python).items():
                files.setdefault(name, path)
        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w") as archive:
                _write_zip(archive, files, meta.entry_point, version if snapshot else None)
            _refuse_if_too_big(Path(partial))
            zipped = check.check_zip_file(Path(partial), ignore)
            _refuse(zipped.findings)
            os.chmod(partial, 0o644)
            os.replace(partial, target)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
    said = notes if notes is not None else []
    said += report.notes
    said += [f"removed the older {old}" for old in _remove_older(folder, meta.name, target)]
    return target, [f for f in report.findings if f not in errors(report.findings)]


def _remove_older(folder: Path, name: str, kept: Path) -> list[Path]:
    """This plugin's other ZIPs in ``folder`` (``<name>-<version>.zip``; a MANIFEST name has no
    ``-``, so no other plugin's name matches), removed: nothing else is touched."""
    own = re.compile(rf"{re.escape(name)}-\d[A-Za-z0-9._+-]*\.zip")
    removed = []
    for path in sorted(folder.iterdir()):
        if path != kept and own.fullmatch(path.name) and path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(path)
    return removed


def _refuse_if_too_big(path: Path) -> None:
    size = path.stat().st_size
    if size <= check_zip.MAX_ZIP_BYTES:
        return
    with zipfile.ZipFile(path) as archive:
        biggest = sorted(archive.infolist(), key=lambda info: info.compress_size, reverse=True)
    listed = ", ".join(f"{i.filename} ({i.compress_size / 1e6:.1f} MB)" for i in biggest[:5])
    raise BuildError(
        f"the ZIP would be {size / 1e6:.1f} MB; SPS accepts at most 20 MB. Biggest: {listed}"
    )
