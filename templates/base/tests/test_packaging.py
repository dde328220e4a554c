"""The entry point and the ZIP, as SPS receives them."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sps_dev.build import build, plugin_files
from sps_dev.check import check_zip
from sps_dev.manifest import read_manifest

PROJECT = Path(__file__).resolve().parent.parent


def _packages() -> set[str]:
    return {p.parent.name for p in PROJECT.glob("*/__init__.py")} - {"tests", "sps_dev"}


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
    (package,) = _packages()
    shipped = {p.relative_to(PROJECT).as_posix() for p in (PROJECT / package).rglob("*.py")}
    with zipfile.ZipFile(first) as archive:
        assert set(archive.namelist()) == {"MANIFEST", "main.py", "default.cfg", *shipped}
        main_mode = archive.getinfo("main.py").external_attr >> 16
    assert stat.S_IMODE(main_mode) == 0o755
    assert check_zip(first) == []


def test_a_snapshot_build_stamps_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = build(PROJECT, tmp_path, snapshot=True)
    version = read_manifest(PROJECT)["version"]
    assert built.name.endswith(f"-{version}-20231114T221320.zip")
    with zipfile.ZipFile(built) as archive:
        assert f"version: {version}-20231114T221320" in archive.read("MANIFEST").decode()


def test_the_unpacked_zip_runs_a_connection(tmp_path: Path) -> None:
    # The plugin comes from the ZIP's contents alone; sps_dev (not in the ZIP) drives it.
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(build(PROJECT, tmp_path / "dist")) as archive:
        archive.extractall(unpacked)
    script = (
        "import sys, main\n"
        "module = main.Plugin.__module__\n"
        "print('plugin from', module, sys.modules[module].__file__)\n"
        "from sps_dev.__main__ import main as sps_dev\n"
        "sys.exit(sps_dev(['simulate', '--answer', 'ticket_id=CHG-1042']))\n"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script],
        cwd=unpacked,
        env={**os.environ, "PYTHONPATH": f"{unpacked}{os.pathsep}{PROJECT}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"plugin from {next(iter(_packages()))}.plugin {unpacked}" in result.stdout
    assert "each result as SPS accepts it" in result.stdout


def test_plugin_files_leave_out_caches_tests_and_tools() -> None:
    names = plugin_files(PROJECT)
    assert not [n for n in names if n.startswith(("tests/", "sps_dev/")) or "__pycache__" in n]


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
