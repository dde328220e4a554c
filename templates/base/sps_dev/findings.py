"""What ``check`` reports: one finding per problem, with its severity and where its rule
comes from, and the exit code they add up to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"
# Where a rule comes from: SPS itself (its upload check, or what fails when SPS runs the
# plugin), the Plugin SDK's conventions, or this tool's recommendation.
SPS = "SPS"
SDK = "SDK"
ADVICE = "recommendation"


@dataclass(frozen=True)
class Finding:
    severity: str
    file: str
    line: int | None
    rule: str
    source: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.rule} [{self.source}]; fix: {self.fix}"


def error(file: str, line: int | None, rule: str, fix: str, source: str = SPS) -> Finding:
    """Something SPS refuses at upload, or that fails when SPS runs the plugin."""
    return Finding(ERROR, file, line, rule, source, fix)


def warning(file: str, line: int | None, rule: str, fix: str, source: str = ADVICE) -> Finding:
    """A recommendation, or an SDK convention: the plugin still uploads and runs."""
    return Finding(WARNING, file, line, rule, source, fix)


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
