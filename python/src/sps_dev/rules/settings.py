"""Which rules a run leaves out: ``--ignore``, ``[tool.sps-dev] ignore`` in the plugin's
pyproject.toml, and ``# sps-dev: ignore[CODE, ...]`` on the line a finding names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, Optional

from sps_dev.rules.findings import Finding
from sps_dev.rules.registry import RULES
from sps_dev.rules.toml_subset import TomlError, read_table

_INLINE = re.compile(r"#\s*sps-dev:\s*ignore\[([A-Za-z0-9_,\s]+)\]")
# A pyproject.toml is a few kilobytes; a larger one is not read whole.
_MAX_PYPROJECT = 1024 * 1024


class SettingsError(ValueError):
    """A code or a setting the tool does not know: bad usage, exit 2."""


def codes(values: Iterable[str], where: str) -> frozenset[str]:
    """Codes from ``--ignore`` values (repeatable, comma-separated), each one the registry has."""
    found = set()
    for value in values:
        for code in (part.strip().upper() for part in value.split(",")):
            if not code:
                continue
            if code not in RULES:
                raise SettingsError(
                    f"{where}: {code} is not a rule code (sps-dev rules lists them all)"
                )
            found.add(code)
    return frozenset(found)


def from_pyproject(folder: Path) -> frozenset[str]:
    """``ignore`` of ``[tool.sps-dev]`` in ``folder/pyproject.toml``; none when it is absent."""
    path = folder / "pyproject.toml"
    if not path.is_file():
        return frozenset()
    where = f"{path} [tool.sps-dev]"
    try:
        with open(path, "rb") as handle:
            text = handle.read(_MAX_PYPROJECT).decode("utf-8")
        table = read_table(text)
    except (OSError, UnicodeDecodeError, TomlError) as problem:
        raise SettingsError(f"{path}: cannot be read: {problem}") from None
    unknown = sorted(set(table) - {"ignore"})
    if unknown:
        raise SettingsError(f"{where}: unknown setting {unknown[0]!r} (sps-dev knows: ignore)")
    ignored = table.get("ignore", [])
    if not (isinstance(ignored, list) and all(isinstance(c, str) for c in ignored)):
        raise SettingsError(f'{where}: ignore must be a list of codes, e.g. ignore = ["H005"]')
    return codes(ignored, f"{where} ignore")


def inline_codes(line: str) -> frozenset[str]:
    """The codes a ``# sps-dev: ignore[...]`` comment on ``line`` names."""
    match = _INLINE.search(line)
    if match is None:
        return frozenset()
    return frozenset(c.strip().upper() for c in match.group(1).split(",") if c.strip())


LineReader = Callable[[str, int], Optional[str]]


def apply(
    findings: list[Finding], ignored: frozenset[str], line_of: LineReader
) -> tuple[list[Finding], int]:
    """The findings that stay, and how many were left out."""
    kept = []
    for finding in findings:
        if finding.code in ignored:
            continue
        if finding.line is not None:
            text = line_of(finding.file, finding.line)
            if text is not None and finding.code in inline_codes(text):
                continue
        kept.append(finding)
    return kept, len(findings) - len(kept)
