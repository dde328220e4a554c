"""Reads the few MANIFEST fields the tools need, with the standard library only.

The MANIFEST's top-level ``key: value`` lines are read as plain strings (quotes removed);
this is not a YAML parser.
"""

from __future__ import annotations

from pathlib import Path


def read_manifest(project: Path) -> dict[str, str]:
    """Top-level fields of ``project/MANIFEST``."""
    fields: dict[str, str] = {}
    for line in (project / "MANIFEST").read_text(encoding="utf-8").splitlines():
        if line.startswith((" ", "#")) or ":" not in line:
            continue
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip().strip("\"'")
    return fields
