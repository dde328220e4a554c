"""Where each module the plugin imports comes from on SPS: the standard library, the plugin
itself (its own modules and what ``build`` bundles), SPS (releases.PROVIDED_BY_SPS), or
nowhere, which fails at run time unless the import is guarded."""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path
from typing import Collection

from sps_dev.check.source import Import
from sps_dev.contract import releases
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


def check(
    imports: dict[str, list[Import]], shipped: Collection[str], *, bundles_from: str
) -> list[Finding]:
    """``imports``: file -> its imports; ``shipped``: top-level names the ZIP holds (the
    plugin's modules and its bundled dependencies)."""
    stdlib = stdlib_names() | {"__future__"}
    missing: dict[str, tuple[str, int]] = {}
    for file, listed in sorted(imports.items()):
        for item in listed:
            top = item.module.split(".")[0]
            if item.guarded or top in stdlib or top in shipped or provided_by_sps(item.module):
                continue
            missing.setdefault(top, (file, item.line))
    fix = (
        f"list it in {bundles_from} so that build bundles it into the ZIP"
        if bundles_from
        else "rebuild the ZIP with the dependency bundled"
    )
    return [
        found("I001", file, line, module=name, fix=fix)
        for name, (file, line) in sorted(missing.items())
    ]
