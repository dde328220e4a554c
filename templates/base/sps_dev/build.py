"""Builds the ZIP that is uploaded to SPS.

Layout (what SPS expects at the ZIP root): MANIFEST, main.py (executable), default.cfg and
the plugin package. Never tests, these tools, caches or VCS files. Two builds of the same
tree are byte-identical: fixed timestamps and a sorted file order.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .manifest import read_manifest

# The earliest time a ZIP can record: the same for every build.
_EPOCH = (1980, 1, 1, 0, 0, 0)
_NOT_SHIPPED = {"sps_dev", "tests", "dist", "build"}


def plugin_files(project: Path) -> list[Path]:
    """Project-relative paths of everything the ZIP holds, sorted."""
    files = [Path(name) for name in ("MANIFEST", "main.py", "default.cfg")]
    files = [name for name in files if (project / name).is_file()]
    for package in sorted(project.glob("*/__init__.py")):
        if package.parent.name in _NOT_SHIPPED:
            continue
        for path in sorted(package.parent.rglob("*.py")):
            if "__pycache__" not in path.parts:
                files.append(path.relative_to(project))
    return sorted(files, key=lambda path: path.as_posix())


def build(project: Path, out_dir: Path) -> Path:
    """Writes ``out_dir/<name>-<version>.zip`` and returns its path."""
    manifest = read_manifest(project)
    target = out_dir / f"{manifest['name']}-{manifest['version']}.zip"
    out_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for relative in plugin_files(project):
            info = zipfile.ZipInfo(relative.as_posix(), date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = 0o755 if relative.name == "main.py" else 0o644
            info.external_attr = (0o100000 | mode) << 16
            archive.writestr(info, (project / relative).read_bytes())
    return target
