"""A built ZIP as SPS receives it: its size, its entries, what is at its root, and what does
not belong in it (tests, this tool, files compiled for another Python or platform)."""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path, PurePosixPath
from typing import Sequence

from sps_dev.check import distributions
from sps_dev.check.distributions import Readable
from sps_dev.contract import releases
from sps_dev.rules.findings import Finding, found

MAX_ZIP_BYTES: int = releases.CONTRACT["zip"]["max_bytes"]
# A ZIP of 20 MB cannot hold more entries than this and be a plugin.
MAX_ENTRIES = 50_000
_EXTENSION_TAG = re.compile(r"\.cpython-(\d)(\d+)(?:-([A-Za-z0-9_]+)-([a-z]+)-([a-z]+))?\.so$")


class TooLarge(Exception):
    """A member is larger than the reader was allowed to read."""


class ZipFiles:
    """The regular files of an open ZIP, read with a size cap (a member may lie about its
    size, or inflate to gigabytes)."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, names: Sequence[str]) -> None:
        self.label = f"{path.name}:"
        self._archive = archive
        self._names = list(names)

    def names(self) -> list[str]:
        return list(self._names)

    def size(self, name: str) -> int:
        return self._archive.getinfo(name).file_size

    def read(self, name: str, limit: int) -> bytes:
        with self._archive.open(name) as member:
            data = member.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(name)
        return data


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "has an absolute path"
    if ".." in parts:
        return "climbs out of the plugin folder (..)"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link"
    return None


def open_zip(path: Path) -> tuple[list[Finding], ZipFiles | None]:
    """The ZIP's own findings, and its files when it can be read at all."""
    findings: list[Finding] = []
    size = path.stat().st_size
    if size > MAX_ZIP_BYTES:
        findings.append(found("Z001", path.name, None, size=size / 1e6))
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as problem:
        reason = str(problem) or type(problem).__name__
        return [*findings, found("Z002", path.name, None, reason=reason)], None
    if len(infos) > MAX_ENTRIES:
        return [*findings, found("Z003", path.name, None, count=len(infos))], None
    names: list[str] = []
    seen: dict[str, int] = {}
    for info in infos:
        unsafe = _unsafe(info)
        if unsafe:
            findings.append(found("Z004", f"{path.name}:{info.filename}", None, reason=unsafe))
        elif not info.is_dir():
            seen[info.filename] = seen.get(info.filename, 0) + 1
            names.append(info.filename)
    for name, count in seen.items():
        if count > 1:
            findings.append(found("Z005", f"{path.name}:{name}", None, count=count))
    files = ZipFiles(path, archive, sorted(set(names)))
    if "MANIFEST" not in seen:
        nested = sorted(
            {n.split("/")[0] for n in names if n.endswith("/MANIFEST") and n.count("/") == 1}
        )
        fix = (
            f"the plugin is inside the folder {nested[0]}/: zip that folder's contents, "
            "not the folder"
            if nested
            else "build it with sps-dev build"
        )
        findings.append(found("Z006", path.name, None, fix=fix))
    return findings, files


def module_root(name: str) -> str:
    """The top-level module of a path: pkg/mod.py -> pkg, six.py -> six."""
    top = name.split("/")[0]
    return top[:-3] if top.endswith(".py") else top


def bundled(files: Readable) -> set[str]:
    """Top-level names of the dependencies bundled in a ZIP (from their dist-info RECORD):
    what pip installed there is theirs (their code, their tests), not the plugin's."""
    found: set[str] = set()
    for name in files.names():
        if name.count("/") == 1 and name.endswith(".dist-info/RECORD"):
            try:
                record = files.read(name, 1024 * 1024).decode("utf-8", "replace")
            except TooLarge:
                continue
            for line in record.splitlines():
                top = line.split(",")[0].split("/")[0]
                if top and not top.endswith(".dist-info"):
                    found.add(module_root(top))
    return found


def contents(files: ZipFiles, lines: Sequence[releases.Release]) -> list[Finding]:
    """What should not be in an uploaded plugin."""
    findings: list[Finding] = []
    names = files.names()
    label = files.label
    # A bundled dependency's own tests came from its wheel: not the plugin's, no secrets.
    theirs = bundled(files)
    tests = sorted({n for n in names if is_test(n) and module_root(n) not in theirs})
    if tests:
        shown = ", ".join(tests[:5]) + (", ..." if len(tests) > 5 else "")
        findings.append(found("Z007", label.rstrip(":"), None, names=shown))
    if any(n.startswith("sps_dev/") for n in names):
        findings.append(found("Z008", label.rstrip(":"), None))
    findings += _compiled(files, lines)
    findings += distributions.check(files, lines)
    return findings


def is_test(name: str) -> bool:
    parts = name.split("/")
    return bool({"tests", "test"} & set(parts[:-1])) or parts[-1] == "conftest.py"


def _compiled(files: ZipFiles, lines: Sequence[releases.Release]) -> list[Finding]:
    findings: list[Finding] = []
    wanted = sorted({line.python for line in lines})
    for name in files.names():
        where = f"{files.label}{name}"
        if name.endswith((".pyc", ".pyo")):
            findings.append(found("Z009", where, None))
        elif name.endswith((".pyd", ".dylib", ".dll")) or re.search(
            r"-darwin\.so$|win_amd64|-arm64|aarch64", name
        ):
            findings.append(found("Z010", where, None))
        else:
            tag = _EXTENSION_TAG.search(name)
            if tag is None:
                continue
            python = (int(tag.group(1)), int(tag.group(2)))
            other = [v for v in wanted if v != python]
            arch = tag.group(3)
            on = f" on {arch}" if arch else ""
            if other or (arch and arch != "x86_64"):
                runs = ", ".join(
                    f"{line.name} runs {line.python[0]}.{line.python[1]}"
                    for line in lines
                    if line.python != python
                )
                findings.append(
                    found(
                        "Z011",
                        where,
                        None,
                        python=f"{python[0]}.{python[1]}",
                        arch=on,
                        runs=runs or "runs Linux x86_64",
                    )
                )
    # At most 20: a bundled dependency built for the wrong Python would list every module.
    return findings[:20]
