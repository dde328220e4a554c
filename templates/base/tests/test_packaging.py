"""The entry point and the ZIP, as SPS receives them."""

from __future__ import annotations

import ast
import stat
import sys
import zipfile
from pathlib import Path

from sps_dev.build import build
from sps_dev.manifest import read_manifest

PROJECT = Path(__file__).resolve().parent.parent


def test_main_py_starts_with_the_python_3_shebang_and_exposes_plugin() -> None:
    first_line = (PROJECT / "main.py").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "#!/usr/bin/env pluginwrapper3"

    import main

    assert callable(main.Plugin)


def test_the_zip_holds_exactly_the_plugin_and_is_reproducible(tmp_path: Path) -> None:
    first = build(PROJECT, tmp_path / "one")
    second = build(PROJECT, tmp_path / "two")

    manifest = read_manifest(PROJECT)
    assert first.name == f"{manifest['name']}-{manifest['version']}.zip"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        main_mode = archive.getinfo("main.py").external_attr >> 16
    assert {"MANIFEST", "main.py", "default.cfg"} <= set(names)
    assert not [n for n in names if n.startswith(("tests/", "sps_dev/")) or "__pycache__" in n]
    assert all(n.count("/") <= 1 or n.split("/")[0] in _packages() for n in names)
    assert stat.S_IMODE(main_mode) == 0o755


def _packages() -> set[str]:
    return {p.parent.name for p in PROJECT.glob("*/__init__.py")} - {"tests", "sps_dev"}


def test_shipped_code_imports_only_the_standard_library() -> None:
    # SPS installs nothing for a plugin: a third-party import would fail on the appliance.
    shipped = [PROJECT / "main.py"]
    for package in _packages():
        shipped += sorted((PROJECT / package).rglob("*.py"))
    allowed = set(sys.stdlib_module_names) | _packages() | {"__future__"}
    for path in shipped:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
