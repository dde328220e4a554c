"""How findings reach the user: text for people (stderr, with a verdict line on stdout), one
JSON object for CI and editors, GitHub workflow annotations; and the registry itself, as
--explain and as the README's table."""

from __future__ import annotations

import json
from typing import Any, TextIO

from sps_dev.rules.findings import Finding
from sps_dev.rules.registry import RULES, SOURCES, Rule
from sps_dev.version import VERSION

# Raised when the JSON object's shape changes in a way a reader would notice.
JSON_FORMAT_VERSION = 1
FORMATS = ("text", "json", "github")


def as_json(
    path: str,
    findings: list[Finding],
    notes: list[str],
    *,
    plugin: dict[str, Any],
    code: int,
    ignored: int,
) -> str:
    return json.dumps(
        {
            "format": JSON_FORMAT_VERSION,
            "tool": f"sps-dev {VERSION}",
            "path": path,
            "plugin": plugin,
            "verdict": "fails" if code else "passes",
            "exit_code": code,
            "findings": [f.as_json() for f in findings],
            "notes": notes,
            "ignored": ignored,
        },
        indent=2,
        sort_keys=True,
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding, file: str | None) -> str:
    """``::error file=...,line=...,title=CODE::message``: GitHub shows it on the line.
    ``file`` is the path from the repository root, or None for a ZIP's member."""
    properties = []
    if file:
        properties.append(f"file={_escape_property(file)}")
        if finding.line:
            properties.append(f"line={finding.line}")
    properties.append(f"title={_escape_property(f'sps-dev {finding.code}')}")
    text = f"{finding.message} [{finding.source}]; fix: {finding.fix}"
    if not file:
        text = f"{finding.file}: {text}"
    return f"::{finding.severity} {','.join(properties)}::{_escape_data(text)}"


def explain(rule: Rule, out: TextIO) -> None:
    state = " (retired: never reported)" if rule.retired else ""
    print(f"{rule.code}: {rule.title}{state}", file=out)
    print(f"severity: {rule.severity}", file=out)
    print(f"source: {rule.source}: {SOURCES[rule.source]}", file=out)
    print(f"reports: {rule.message}", file=out)
    print(f"fix: {rule.fix}", file=out)
    print(
        f'silence it: --ignore {rule.code}, ignore = ["{rule.code}"] under [tool.sps-dev] in '
        f"pyproject.toml, or # sps-dev: ignore[{rule.code}] on the line",
        file=out,
    )


def markdown_table() -> str:
    """The README's rule table, one row per live rule."""
    rows = ["| code | severity | source | rule |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        if not rule.retired:
            rows.append(f"| {rule.code} | {rule.severity} | {rule.source} | {rule.title} |")
    return "\n".join(rows)
