"""The standard library's top-level module names for each Python an SPS release runs, from
stdlib.json (made by each interpreter itself: python/scripts/stdlib_table.py), so that an
import is judged for the plugin's Python, not for the one running the tool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_TABLE: dict[str, Any] = json.loads(
    Path(__file__).with_name("stdlib.json").read_text(encoding="utf-8")
)
_COMMON = frozenset(_TABLE["common"])


def names(python: tuple[int, int]) -> frozenset[str] | None:
    """The standard library of CPython ``python`` on Linux; None for a Python not in the table."""
    entry = _TABLE["pythons"].get(f"{python[0]}.{python[1]}")
    return None if entry is None else _COMMON | frozenset(entry["more"])


def interpreter(python: tuple[int, int]) -> str:
    """Which interpreter the list of ``python`` was made by, e.g. CPython 3.8.18."""
    entry = _TABLE["pythons"].get(f"{python[0]}.{python[1]}")
    return str(entry["interpreter"]) if entry else "this Python"


def anywhere() -> frozenset[str]:
    """Names that are standard library in at least one Python of the table."""
    found = set(_COMMON)
    for entry in _TABLE["pythons"].values():
        found |= set(entry["more"])
    return frozenset(found)
