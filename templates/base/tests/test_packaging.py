"""The plugin as SPS receives it: it passes SPS's checks, and its ZIP holds exactly the plugin
and runs a connection on its own."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sps_dev.testing import (
    build,
    check_folder,
    check_zip_file,
    manifest_fields,
    pyproject_table,
    requirements_drift,
    shipped_files,
)

from .conftest import SIMULATE_ARGUMENTS

PROJECT = Path(__file__).resolve().parent.parent
MANIFEST = manifest_fields((PROJECT / "MANIFEST").read_text(encoding="utf-8"))


def _packages() -> set[str]:
    return {p.parent.name for p in PROJECT.glob("*/__init__.py")} - {"tests"}


def _python_path() -> list[str]:
    return [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ZIP, built once for the tests of this file."""
    zip_path, warnings = build(PROJECT, tmp_path_factory.mktemp("dist"))
    assert warnings == []
    return zip_path


def test_the_project_passes_sps_dev_check_without_a_warning() -> None:
    # Warnings included: an import that is neither standard library nor bundled through
    # pyproject.toml, a hook SPS offers that the plugin lacks, a literal secret, requirements
    # files behind pyproject.toml, a version other than the MANIFEST's.
    assert [str(finding) for finding in check_folder(PROJECT).findings] == []


def test_the_zip_holds_exactly_the_plugin_and_is_reproducible(built: Path, tmp_path: Path) -> None:
    first = built
    second, _ = build(PROJECT, tmp_path)

    assert first.name == f"{MANIFEST['name']}-{MANIFEST['version']}.zip"
    assert first.read_bytes() == second.read_bytes()
    shipped = {
        p.relative_to(PROJECT).as_posix()
        for pkg in _packages()
        for p in (PROJECT / pkg).rglob("*.py")
    }
    with zipfile.ZipFile(first) as archive:
        names = set(archive.namelist())
        main_mode = archive.getinfo("main.py").external_attr >> 16
    bundled = names - {"MANIFEST", "main.py", "default.cfg", *shipped}
    # Anything else comes from requirements.txt, installed next to main.py.
    assert all(not name.startswith(("tests/", "sps_dev/")) for name in bundled)
    assert shipped <= names
    assert stat.S_IMODE(main_mode) == 0o755
    assert check_zip_file(first).findings == []


def test_the_unpacked_zip_runs_a_connection(built: Path, tmp_path: Path) -> None:
    # The plugin comes from the ZIP's contents alone; the installed sps_dev drives it.
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(built) as archive:
        archive.extractall(unpacked)
    script = (
        "import sys, main\n"
        "module = main.Plugin.__module__\n"
        "print('plugin from', module, sys.modules[module].__file__)\n"
        "from sps_dev.testing import main as sps_dev\n"
        f"sys.exit(sps_dev(['simulate', '.', '--no-watch', *{SIMULATE_ARGUMENTS!r}]))\n"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script],
        cwd=unpacked,
        # The unpacked ZIP first; the rest of the caller's PYTHONPATH (where sps_dev may come
        # from), never pytest's sys.path, which holds this project.
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(unpacked), *_python_path()])},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"plugin from {next(iter(_packages()))}.plugin {unpacked}" in result.stdout
    assert "each result as SPS accepts it" in result.stdout


def test_the_build_leaves_out_caches_tests_and_tools() -> None:
    names = shipped_files(PROJECT)
    assert not [n for n in names if n.startswith(("tests/", "tools/")) or "__pycache__" in n]


def test_requirements_files_are_produced_from_pyproject_toml() -> None:
    # pyproject.toml is where dependencies are listed; pip, CI and the README read the files.
    assert requirements_drift(PROJECT) == [], "run: python -m sps_dev requirements"


def test_the_project_version_is_the_manifests() -> None:
    assert pyproject_table(PROJECT, "project").get("version") == MANIFEST["version"]
