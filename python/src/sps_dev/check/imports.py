"""Where each module the plugin imports comes from on SPS: the standard library, the plugin
itself (its own modules and what ``build`` bundles), SPS (releases.PROVIDED_BY_SPS), or
nowhere, which fails at run time unless the import is guarded."""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path
from typing import Collection, Sequence

from sps_dev.check.source import Import
from sps_dev.contract import releases, stdlib
from sps_dev.rules.findings import Finding, found


def stdlib_names() -> frozenset[str]:
    """Top-level names of the standard library of the Python running this tool."""
    names = getattr(sys, "stdlib_module_names", None)
    if names is not None:
        return frozenset(names)
    # Python before 3.10 has no list: read the standard library's folder.
    found = set(sys.builtin_module_names)
    folder = Path(sysconfig.get_paths()["stdlib"])
    for path in [*folder.iterdir(), *(folder / "lib-dynload").glob("*")]:
        if path.name in ("site-packages", "dist-packages"):
            continue
        found.add(path.name.split(".")[0])
    return frozenset(found)


def provided_by_sps(module: str) -> bool:
    return any(module == p or module.startswith(f"{p}.") for p in releases.PROVIDED_BY_SPS) or (
        module in ("safeguard", "safeguard.sessions")
    )


def resolves(module: str, files: Collection[str]) -> bool:
    """Whether the dotted ``module`` is a module or package among ``files`` (paths in the
    plugin): ``a/b.py``, ``a/b/__init__.py``, a folder of a namespace package, or an
    extension module (``a/b.cpython-38-x86_64-linux-gnu.so``)."""
    path = module.replace(".", "/")
    return any(
        name in (f"{path}.py", f"{path}/__init__.py")
        or name.startswith(f"{path}/")
        or (name.startswith(f"{path}.") and name.endswith((".so", ".pyd")))
        for name in files
    )


def _targets(lines: Sequence[releases.Release]) -> dict[tuple[int, int], frozenset[str]]:
    """Each plugin Python the releases run, with its standard library (the running Python's
    for one the table does not know: best effort)."""
    found = {line.python: stdlib.names(line.python) or stdlib_names() for line in lines}
    return found or {(sys.version_info[0], sys.version_info[1]): stdlib_names()}


def check(
    imports: dict[str, list[Import]],
    shipped: Collection[str],
    *,
    bundles_from: str,
    own_files: Collection[str] = (),
    lines: Sequence[releases.Release] = (),
) -> list[Finding]:
    """``imports``: file -> its imports; ``shipped``: top-level names the ZIP holds (the
    plugin's modules and its bundled dependencies); ``own_files``: the plugin's own files,
    against which an import of its own modules is resolved; ``lines``: the SPS releases the
    plugin claims, whose Pythons' standard libraries an import is judged by."""
    targets = _targets(lines)
    known_stdlib = stdlib.anywhere() | stdlib_names()
    own_roots = {name.split("/")[0].split(".")[0] for name in own_files}
    missing: dict[str, tuple[str, int]] = {}
    sdk_only: dict[str, tuple[str, int, int]] = {}
    findings: list[Finding] = []
    newer: dict[str, tuple[str, int, list[tuple[int, int]]]] = {}
    for file, listed in sorted(imports.items()):
        for item in listed:
            top = item.module.split(".")[0]
            if item.guarded or provided_by_sps(item.module):
                continue
            if top in own_roots and not resolves(item.module, own_files):
                # One of the plugin's own modules that is not there: ImportError on SPS.
                findings.append(found("I002", file, item.line, module=item.module))
                continue
            if top in shipped or top == "__future__":
                continue
            lacking = [python for python, names in targets.items() if top not in names]
            if not lacking:
                continue
            if top in known_stdlib:
                # Standard library elsewhere, but not on the Python of a release it claims.
                newer.setdefault(top, (file, item.line, lacking))
                continue
            # What the SDK itself imports is on SPS wherever that SDK is [inferred]: a
            # warning, not an error, on every line the plugin claims; else it is missing.
            provided = [releases.sdk_dependency(top, line) for line in lines]
            if lines and all(provided):
                since = max(p.since_api_minor for p in provided if p is not None)
                sdk_only.setdefault(top, (file, item.line, since))
            else:
                missing.setdefault(top, (file, item.line))
    fix = (
        f"list it in {bundles_from} so that build bundles it into the ZIP"
        if bundles_from
        else "rebuild the ZIP with the dependency bundled"
    )
    for name, (file, line, lacking) in sorted(newer.items()):
        runs = ", ".join(
            f"SPS {r.name} runs Python {r.python[0]}.{r.python[1]}"
            for r in lines
            if r.python in lacking
        )
        pythons = ", ".join(f"{p[0]}.{p[1]} ({stdlib.interpreter(p)})" for p in sorted(lacking))
        findings.append(found("I003", file, line, module=name, runs=runs, pythons=pythons))
    findings += [
        found(
            "I004",
            file,
            line,
            module=name,
            since=since,
            bundles_from=bundles_from or "the plugin's requirements",
        )
        for name, (file, line, since) in sorted(sdk_only.items())
    ]
    return findings + [
        found("I001", file, line, module=name, fix=fix)
        for name, (file, line) in sorted(missing.items())
    ]
