"""What ``check`` reports: one finding per problem, each made from a rule of the registry
(its code, severity, source and fix), and the exit code they add up to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sps_dev.rules.registry import ERROR, RULES, WARNING

__all__ = ["ERROR", "WARNING", "Finding", "errors", "exit_code", "found", "summary"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    file: str
    line: int | None
    message: str
    source: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.severity} {self.code}: {self.message} [{self.source}]; fix: {self.fix}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "source": self.source,
            "fix": self.fix,
        }


def found(code: str, file: str, line: int | None, **values: Any) -> Finding:
    """The finding of rule ``code`` at ``file``:``line``, its templates filled with ``values``."""
    rule = RULES[code]
    return Finding(
        code,
        rule.severity,
        file,
        line,
        rule.message.format(**values),
        rule.source,
        rule.fix.format(**values),
    )


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


def exit_code(findings: Iterable[Finding], *, strict: bool) -> int:
    """1 when SPS would refuse the plugin or a session would fail (or, with --strict, when
    there is any warning); 0 otherwise."""
    listed = list(findings)
    return 1 if errors(listed) or (strict and listed) else 0


def summary(findings: Iterable[Finding]) -> str:
    listed = list(findings)
    failed, warned = len(errors(listed)), len(listed) - len(errors(listed))
    return f"{failed} error(s), {warned} warning(s)"
