"""Which files of a project go into the plugin ZIP, the rules ``build`` and ``check`` share.

At the ZIP root: MANIFEST, the entry point, default.cfg, the plugin's packages (folders with
``__init__.py``, as the vendor's pluginv finds them with find_packages) and any other module
or folder the shipped code imports. Never shipped, at any depth: tests (``tests/``, ``test/``,
``conftest.py``), caches and compiled files, virtual environments, VCS and editor folders;
at the root also ``dist``, ``build`` and this tool, ``sps_dev``. A link is followed only when
it stays inside the project and points at a file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from sps_dev.check import source

NEVER_DIRS = frozenset(
    {
        "tests",
        "test",
        "__pycache__",
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".idea",
        ".vscode",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "node_modules",
    }
)
NEVER_AT_ROOT = frozenset({"dist", "build", "sps_dev"})
NEVER_FILES = frozenset({"conftest.py", ".DS_Store", "Thumbs.db"})
NEVER_SUFFIXES = (".pyc", ".pyo", ".swp", "~")
ROOT_FILES = ("MANIFEST", "default.cfg")
PLUGINV_CONFIG = "default.cfg.plugin"
# A project larger than this is not a plugin (SPS takes at most 20 MB): stop walking.
MAX_FILES = 20_000


def left_out(name: str, *, is_dir: bool, at_root: bool) -> bool:
    """Whether a file or folder of this name is never shipped."""
    if is_dir:
        return (
            name in NEVER_DIRS or name.endswith(".egg-info") or (at_root and name in NEVER_AT_ROOT)
        )
    return name in NEVER_FILES or name.endswith(NEVER_SUFFIXES)


@dataclass
class Selection:
    """ZIP name -> file on disk, and what was refused (links out of the project, ...)."""

    files: dict[str, Path] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    # What the user should know about the selection (a file shipped under another name).
    notes: list[str] = field(default_factory=list)


class _Walker:
    def __init__(self, project: Path) -> None:
        self.root = project.resolve()
        self.selection = Selection()
        self.count = 0

    def add_file(self, path: Path, name: str) -> None:
        try:
            mode = path.lstat().st_mode
        except OSError:
            return
        if stat.S_ISLNK(mode):
            if not self._link_ok(path, name):
                return
            mode = path.stat().st_mode
        if stat.S_ISREG(mode):
            self.selection.files[name] = path
        else:
            self.selection.refused.append(f"{name} is not a regular file")

    def _link_ok(self, path: Path, name: str) -> bool:
        target = Path(os.path.realpath(path))
        if not (target == self.root or self.root in target.parents):
            self.selection.refused.append(
                f"{name} is a link to {target}, outside the project; copy the file in instead"
            )
            return False
        if not target.exists():
            self.selection.refused.append(f"{name} is a link to nothing ({target})")
            return False
        if target.is_dir():
            self.selection.refused.append(
                f"{name} is a link to a folder; build does not follow links to folders"
            )
            return False
        return True

    def add_tree(self, folder: Path, prefix: str) -> None:
        if folder.is_symlink():
            self._link_ok(folder, prefix.rstrip("/"))  # a folder link: always refused
            return
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            self.selection.refused.append(f"{prefix or '.'} cannot be read: {error.strerror}")
            return
        for entry in entries:
            self.count += 1
            if self.count > MAX_FILES:
                raise TooManyFiles(f"the project holds more than {MAX_FILES} files")
            is_dir = entry.is_dir(follow_symlinks=False)
            if left_out(entry.name, is_dir=is_dir, at_root=False):
                continue
            if is_dir:
                self.add_tree(Path(entry.path), f"{prefix}{entry.name}/")
            else:
                self.add_file(Path(entry.path), f"{prefix}{entry.name}")


class TooManyFiles(Exception):
    """The project is too large to be a plugin."""


def root_modules(project: Path) -> dict[str, Path]:
    """Top-level module name -> its file or folder at the project root, for everything that
    could be imported from there (and is not left out)."""
    found: dict[str, Path] = {}
    try:
        entries = sorted(os.scandir(project), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries[:MAX_FILES]:
        is_dir = entry.is_dir()
        if entry.name.startswith(".") or left_out(entry.name, is_dir=is_dir, at_root=True):
            continue
        if is_dir and entry.name.isidentifier():
            found[entry.name] = Path(entry.path)
        elif entry.name.endswith(".py") and entry.name[:-3].isidentifier():
            found.setdefault(entry.name[:-3], Path(entry.path))
    return found


def select(project: Path, entry_point: str) -> Selection:
    """What ``build`` puts into the ZIP for ``project``."""
    walker = _Walker(project)
    for name in (*ROOT_FILES, entry_point):
        if (project / name).exists() or (project / name).is_symlink():
            walker.add_file(project / name, name)
    template = project / PLUGINV_CONFIG
    if "default.cfg" not in walker.selection.files and template.is_file():
        # pluginv's convention: the configuration template is default.cfg.plugin, which it
        # ships as default.cfg after adding the SDK's common sections. Never dropped silently.
        walker.add_file(template, "default.cfg")
        walker.selection.notes.append(
            f"{PLUGINV_CONFIG} is shipped as default.cfg; pluginv would also add the Plugin "
            "SDK's common sections ([logging] and the credential store settings), which only "
            "the SDK holds: add those you need to it"
        )
    candidates = root_modules(project)
    shipped: set[str] = set()
    wanted = [n for n, p in candidates.items() if p.is_dir() and (p / "__init__.py").is_file()]
    scanned: set[str] = set()
    while True:
        for name in wanted:
            if name not in shipped and name in candidates and name != Path(entry_point).stem:
                shipped.add(name)
                path = candidates[name]
                if path.is_dir():
                    walker.add_tree(path, f"{name}/")
                else:
                    walker.add_file(path, path.name)
        wanted = sorted(_imported_roots(walker.selection.files, scanned) - shipped)
        if not [n for n in wanted if n in candidates and n != Path(entry_point).stem]:
            return walker.selection


def _imported_roots(files: dict[str, Path], scanned: set[str]) -> set[str]:
    """Top-level names the shipped Python files import (each file read once)."""
    roots: set[str] = set()
    for name, path in files.items():
        if not name.endswith(".py") or name in scanned:
            continue
        scanned.add(name)
        try:
            found = source.imports_of(path.read_bytes(), name)
        except (OSError, source.SourceError):
            continue
        roots.update(i.module.split(".")[0] for i in found)
    return roots
