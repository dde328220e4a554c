"""One table of a pyproject.toml (``[tool.sps-dev]``, ``[project]``, ``[dependency-groups]``),
on every Python the package supports: ``tomllib`` from 3.11 on, before that this reader of the
small part of TOML those tables use in a plugin project (strings, booleans, integers and arrays
of them, arrays over several lines, comments). Anything else in the table is an error that says
so, never a silent misreading. (sps_dev installs with no dependency, and tomli has no wheel for
every Python it runs on.)"""

from __future__ import annotations

import re
from typing import Any

TABLE = "tool.sps-dev"
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=\s*(.*)$", re.S)
_TOKEN = re.compile(
    r'\s*(?:"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|(true|false)|([+-]?\d+)|(\[)|(\])|(,)|(#[^\n]*))'
)


class TomlError(ValueError):
    """The table holds something this reader (and so the tool) does not read."""


def read_table(text: str, name: str = TABLE) -> dict[str, Any]:
    """The table ``name`` (dotted: ``tool.sps-dev``) of ``text``, empty when there is none."""
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _read_subset(text, name)
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise TomlError(str(problem)) from None
    for part in name.split("."):
        data = data.get(part, {}) if isinstance(data, dict) else None
    if not isinstance(data, dict):
        raise TomlError(f"[{name}] must be a table")
    return data


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def _value(source: str, number: int) -> Any:
    stack: list[list[Any]] = []
    result: Any = None
    done = False
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            if source[position:].strip() == "":
                break
            raise TomlError(f"line {number}: cannot read {source[position:].strip()!r}")
        position = match.end()
        double, single, boolean, integer, opening, closing, _comma, comment = match.groups()
        if comment is not None or _comma is not None:
            continue
        if opening is not None:
            stack.append([])
            continue
        if closing is not None:
            if not stack:
                raise TomlError(f"line {number}: ] without [")
            finished = stack.pop()
            if stack:
                stack[-1].append(finished)
            else:
                result, done = finished, True
            continue
        if double is not None:
            item: Any = _unescape(double)
        elif single is not None:
            item = single
        elif boolean is not None:
            item = boolean == "true"
        else:
            item = int(integer)
        if stack:
            stack[-1].append(item)
        else:
            result, done = item, True
    if stack:
        raise _Unfinished
    if not done:
        raise TomlError(f"line {number}: a key without a value")
    return result


class _Unfinished(Exception):
    """An array that goes on on the next line."""


def _read_subset(text: str, name: str = TABLE) -> dict[str, Any]:
    table: dict[str, Any] = {}
    inside = False
    pending = ""
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if pending:
            pending += "\n" + line
        else:
            header = _HEADER.match(line)
            if header:
                inside = header.group(1).replace(" ", "").replace('"', "") == name
                continue
            if not inside or not line.strip() or line.lstrip().startswith("#"):
                continue
            pending, start = line, number
        match = _KEY.match(pending)
        if match is None:
            raise TomlError(f"line {start}: expected key = value in [{name}]")
        try:
            value = _value(match.group(2), start)
        except _Unfinished:
            continue
        table[match.group(1).strip('"')] = value
        pending = ""
    if pending:
        raise TomlError(f"line {start}: an array that is never closed")
    return table
