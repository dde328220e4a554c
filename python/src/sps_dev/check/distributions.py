"""Distributions bundled in a ZIP (their ``*.dist-info``), against the Python of every SPS
release the plugin claims: ``Requires-Python`` from METADATA, and the interpreter, ABI and
platform of each wheel tag from WHEEL. SPS runs CPython on Linux x86_64; its glibc level is not
documented, so a manylinux level is never an error."""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from sps_dev.contract import releases
from sps_dev.rules.findings import Finding, found

_SPECIFIER = re.compile(r"\s*(~=|==|!=|<=|>=|<|>)\s*([0-9][0-9.*]*)\s*")
_TAG = re.compile(r"^Tag:\s*(\S+)-(\S+)-(\S+)\s*$", re.M)


class Readable(Protocol):
    def names(self) -> list[str]: ...

    def read(self, name: str, limit: int) -> bytes: ...


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def _pad(version: tuple[int, ...], size: int) -> tuple[int, ...]:
    return version + (0,) * (size - len(version))


def allows(specifier: str, python: tuple[int, int]) -> bool | None:
    """Whether ``Requires-Python: specifier`` admits CPython ``python`` (x.y at its first
    release, x.y.0, as pip judges a target given as --python-version x.y); None when the
    specifier cannot be read (never an error then)."""
    here = (python[0], python[1], 0)
    for clause in specifier.split(","):
        if not clause.strip():
            continue
        match = _SPECIFIER.fullmatch(clause)
        if match is None:
            return None
        operator, written = match.groups()
        if written.endswith(".*"):
            prefix = _version(written[:-2])
            same = here[: len(prefix)] == prefix
            if (operator == "==") != same:
                return False
            continue
        wanted = _version(written)
        size = max(len(wanted), 3)
        a, b = _pad(here, size), _pad(wanted, size)
        ok = {
            "==": a == b,
            "!=": a != b,
            "<=": a <= b,
            ">=": a >= b,
            "<": a < b,
            ">": a > b,
            "~=": a >= b and a[: len(wanted) - 1] == b[: len(wanted) - 1],
        }[operator]
        if not ok:
            return False
    return True


def _tag_problem(interpreter: str, abi: str, platform: str, python: tuple[int, int]) -> str | None:
    """Why a wheel tag cannot load on CPython ``python`` on Linux x86_64 (None: it can)."""
    platforms = platform.split(".")
    if not any(p == "any" or (p.endswith("x86_64") and "linux" in p) for p in platforms):
        return f"is built for {platform}, not Linux x86_64"
    pythons = interpreter.split(".")
    ok = False
    for tag in pythons:
        digits = re.fullmatch(r"(?:py|cp)(\d)(\d*)", tag)
        if digits is None:
            continue
        major, minor = int(digits.group(1)), int(digits.group(2) or -1)
        if major != python[0]:
            continue
        if (tag.startswith("py") and (minor == -1 or minor <= python[1])) or (
            tag.startswith("cp") and (minor == python[1] or (abi == "abi3" and minor <= python[1]))
        ):
            ok = True
    if not ok:
        return f"is built for {interpreter} ({abi}), not CPython {python[0]}.{python[1]}"
    return None


def check(files: Readable, lines: Sequence[releases.Release]) -> list[Finding]:
    findings: list[Finding] = []
    label = getattr(files, "label", "")
    pythons = sorted({line.python for line in lines})
    for name in files.names():
        if not (name.count("/") == 1 and ".dist-info/" in name):
            continue
        folder, member = name.split("/")
        if member not in ("METADATA", "WHEEL"):
            continue
        try:
            text = files.read(name, 1024 * 1024).decode("utf-8", "replace")
        except Exception:  # noqa: BLE001, S112 - too large or unreadable: nothing to judge
            continue
        distribution = folder[: -len(".dist-info")]
        for python in pythons:
            runs = ", ".join(f"SPS {r.name}" for r in lines if r.python == python)
            where = f"{label}{name}"
            if member == "METADATA":
                required = re.search(r"^Requires-Python:\s*(.+?)\s*$", text, re.M)
                if required and allows(required.group(1), python) is False:
                    findings.append(
                        found(
                            "D001",
                            where,
                            None,
                            distribution=distribution,
                            requires=required.group(1),
                            python=f"{python[0]}.{python[1]}",
                            runs=runs,
                        )
                    )
            else:
                problems = [
                    _tag_problem(interpreter, abi, platform, python)
                    for interpreter, abi, platform in _TAG.findall(text)
                ]
                if problems and all(problems):
                    findings.append(
                        found(
                            "D002",
                            where,
                            None,
                            distribution=distribution,
                            why=problems[0],
                            python=f"{python[0]}.{python[1]}",
                            runs=runs,
                        )
                    )
    return findings
