"""``requirements.txt`` and ``requirements-dev.txt`` produced from ``pyproject.toml``: the one
place a generated project lists its dependencies (``[project] dependencies``, bundled into the
ZIP; ``[dependency-groups] dev``, the tools). The two files stay because plain pip, CI and
``pip install -r requirements-dev.txt`` read them; pip reads ``--group`` only from 25.1 on.

Only a project whose ``[project]`` table has a ``dependencies`` key is read this way: the
vendor's plugins and projects made by older versions keep their hand-written files.

A produced file starts with ``HEADER``. A file without it was written by hand and is never
overwritten (its lines would be lost); build never removes a line either, because after an
``update`` a merged ``requirements.txt`` may hold requirements that pyproject.toml does not list
yet. Only the ``requirements`` command, asked for explicitly, removes lines.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from sps_dev.rules.toml_subset import TomlError, read_table

COMMAND = "python -m sps_dev requirements"
HEADER = f"# Produced from pyproject.toml by `{COMMAND}`: edit pyproject.toml, not this file."
RUNTIME = "requirements.txt"
DEV = "requirements-dev.txt"


class RequirementsError(ValueError):
    """pyproject.toml cannot be read, or a file would lose lines nobody asked to remove."""


@dataclass(frozen=True)
class Declared:
    """What pyproject.toml declares."""

    runtime: tuple[str, ...]
    # None when pyproject.toml has no [dependency-groups] dev (then requirements-dev.txt is
    # left alone).
    dev: tuple[str, ...] | None
    find_links: tuple[str, ...]
    version: str | None


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RequirementsError(f"pyproject.toml: {where} must be a list of strings")
    return tuple(item.strip() for item in value)


def declared(project: Path) -> Declared | None:
    """pyproject.toml's dependencies, or None when the project does not keep them there."""
    path = project / "pyproject.toml"
    if not path.is_file() or path.is_symlink():
        return None
    try:
        text = path.read_bytes()[: 1024 * 1024].decode("utf-8")
    except UnicodeDecodeError:
        raise RequirementsError("pyproject.toml: is not UTF-8 text") from None
    return _declared_in(text)


@functools.lru_cache(maxsize=16)
def _declared_in(text: str) -> Declared | None:
    # Remembered: check, build and the requirements files each ask, several times a run.
    try:
        table = read_table(text, "project")
        if "dependencies" not in table:
            return None
        groups = read_table(text, "dependency-groups")
        uv = read_table(text, "tool.uv")
    except TomlError as problem:
        raise RequirementsError(f"pyproject.toml: {problem}") from None
    version = table.get("version")
    return Declared(
        runtime=_strings(table["dependencies"], "[project] dependencies"),
        dev=_strings(groups["dev"], "[dependency-groups] dev") if "dev" in groups else None,
        find_links=_strings(uv.get("find-links", []), "[tool.uv] find-links"),
        version=version if isinstance(version, str) else None,
    )


def render_runtime(requirements: tuple[str, ...]) -> str:
    return "\n".join(
        [
            HEADER,
            "# The plugin's runtime dependencies ([project] dependencies): sps_dev build installs",
            "# them into the ZIP, next to main.py. SPS installs nothing itself, and ships the",
            "# Plugin SDK: never list it.",
            *requirements,
            "",
        ]
    )


def render_dev(requirements: tuple[str, ...], find_links: tuple[str, ...]) -> str:
    return "\n".join(
        [
            HEADER,
            "# The development tools ([dependency-groups] dev), and the runtime dependencies so",
            "# that the tests can import them. Nothing here goes into the plugin ZIP.",
            f"-r {RUNTIME}",
            *(f"--find-links {folder}" for folder in find_links),
            *requirements,
            "",
        ]
    )


def produced(project: Path) -> dict[str, str] | None:
    """Each produced file's name and the text pyproject.toml makes of it."""
    wanted = declared(project)
    if wanted is None:
        return None
    files = {RUNTIME: render_runtime(wanted.runtime)}
    if wanted.dev is not None:
        files[DEV] = render_dev(wanted.dev, wanted.find_links)
    return files


def _current(path: Path) -> str | None:
    if path.is_symlink():
        raise RequirementsError(f"{path.name}: is a symbolic link; it is never written through")
    if not path.is_file():
        return None
    try:
        return path.read_bytes()[: 1024 * 1024].decode("utf-8")
    except UnicodeDecodeError:
        raise RequirementsError(f"{path.name}: is not UTF-8 text") from None


def _lines(text: str) -> list[str]:
    return [
        line.split(" #", 1)[0].strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def drift(project: Path) -> list[str]:
    """One message per produced file that is not what pyproject.toml makes of it."""
    files = produced(project)
    if files is None:
        return []
    messages = []
    for name, text in files.items():
        try:
            current = _current(project / name)
        except RequirementsError as problem:
            messages.append(str(problem))
            continue
        if current != text:
            messages.append(f"{name}: {_difference(current, text)}")
    return messages


def _difference(current: str | None, text: str) -> str:
    if current is None:
        return "missing"
    have, want = _lines(current), _lines(text)
    added = [line for line in want if line not in have]
    removed = [line for line in have if line not in want]
    parts = [f"lacks {', '.join(added)}"] if added else []
    parts += [f"lists {', '.join(removed)}, which pyproject.toml does not"] if removed else []
    return "; ".join(parts) or "its comments or order differ"


def write(project: Path, remove: bool) -> list[str]:
    """Writes each produced file that differs; a line for each one written. Without
    ``remove``, a file that would lose a requirement is refused (RequirementsError), as is one
    written by hand."""
    files = produced(project)
    if files is None:
        raise RequirementsError(
            "pyproject.toml has no [project] dependencies: this project lists its "
            "dependencies in requirements.txt itself"
        )
    plan = []
    for name, text in files.items():
        path = project / name
        current = _current(path)
        if current == text:
            continue
        if current is not None and HEADER not in current.splitlines()[:1]:
            raise RequirementsError(
                f"{name}: was written by hand (its first line is not the produced header): "
                f"move its requirements into pyproject.toml, delete it, then run `{COMMAND}`"
            )
        lost = [line for line in _lines(current or "") if line not in _lines(text)]
        if lost and not remove:
            raise RequirementsError(
                f"{name}: lists {', '.join(lost)}, which pyproject.toml does not: add "
                f"{'them' if len(lost) > 1 else 'it'} there, or run `{COMMAND}` to remove "
                f"{'them' if len(lost) > 1 else 'it'} (build never removes a requirement)"
            )
        plan.append((path, text, _difference(current, text)))
    for path, text, _ in plan:
        # Whole or not at all: a run killed while writing leaves the old file.
        scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, path)
    return [f"{path.name}: written from pyproject.toml ({what})" for path, _, what in plan]


HELP = "write requirements.txt and requirements-dev.txt from pyproject.toml"


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("path", nargs="?", default=".", help="plugin folder (default: .)")
    command.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a file is out of date"
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = Path(args.path)
    try:
        if args.check:
            if produced(project) is None:
                raise RequirementsError("pyproject.toml has no [project] dependencies")
            stale = drift(project)
            for message in stale:
                print(f"{message}: run `{COMMAND}`", file=sys.stderr)
            return 1 if stale else 0
        for line in write(project, remove=True):
            print(line)
    except (RequirementsError, OSError) as problem:
        print(f"sps-dev requirements: {problem}", file=sys.stderr)
        return 2
    return 0


def before_build(project: Path) -> list[str]:
    """What build says it wrote; build adds, never removes (RequirementsError then)."""
    return write(project, remove=False) if produced(project) is not None else []
