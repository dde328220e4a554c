"""The public API: what a plugin's own tests use to run it the way SPS does and to check and
build it. Everything here keeps its name and meaning across minor releases; every other
module of sps_dev is internal.

- Connections: ``run_aa_session``, ``run_credential_store_session`` (and ``run_connection``
  for both plugins in one connection), with the facts of ``DEFAULT_CONNECTION`` and the SPS
  release lines of ``RELEASES`` (``claimed_releases`` those a project's MANIFEST claims;
  ``hooks_of`` lists a plugin type's hooks). A result SPS
  would reject raises ``ContractError``; a question the test does not answer, ``NoAnswer``.
- The plugin as shipped: ``check_folder``, ``check_zip_file``, ``build``, ``shipped_files``
  (what ``build`` puts into the ZIP), ``manifest_fields`` (the MANIFEST's plain fields),
  ``requirements_drift`` (how requirements.txt and requirements-dev.txt differ from what
  pyproject.toml makes of them) and ``pyproject_table``.
- ``main``: the command line, as ``sps-dev`` runs it.
"""

from __future__ import annotations

from pathlib import Path

from sps_dev.build.builder import BuildError, build
from sps_dev.build.layout import select
from sps_dev.build.requirements import drift as requirements_drift
from sps_dev.check.checker import check_folder, check_zip_file
from sps_dev.cli import main
from sps_dev.contract import manifest
from sps_dev.contract.facts import DEFAULT_CONNECTION
from sps_dev.contract.manifest import simple_fields as manifest_fields
from sps_dev.contract.releases import RELEASES, Release, hooks_of, release_named
from sps_dev.rules.findings import Finding
from sps_dev.rules.toml_subset import read_table
from sps_dev.simulate.aa import NoAnswer, Outcome
from sps_dev.simulate.hooks import Call, ContractError, HookRaised, PluginUnderTest
from sps_dev.simulate.session import run_aa_session, run_connection, run_credential_store_session

__all__ = [
    "DEFAULT_CONNECTION",
    "RELEASES",
    "BuildError",
    "Call",
    "ContractError",
    "Finding",
    "HookRaised",
    "NoAnswer",
    "Outcome",
    "PluginUnderTest",
    "Release",
    "build",
    "check_folder",
    "check_zip_file",
    "claimed_releases",
    "hooks_of",
    "main",
    "manifest_fields",
    "pyproject_table",
    "release_named",
    "requirements_drift",
    "run_aa_session",
    "run_connection",
    "run_credential_store_session",
    "shipped_files",
]


def shipped_files(project: Path, entry_point: str = "main.py") -> dict[str, Path]:
    """ZIP name -> file on disk: what ``build`` ships from ``project``."""
    return dict(select(project, entry_point).files)


def claimed_releases(project: Path) -> tuple[Release, ...]:
    """The release lines the MANIFEST in ``project`` claims (its ``api`` and
    ``scb_min_version``/``scb_max_version``), oldest first: what a test runs the hooks for."""
    fields = manifest_fields((Path(project) / "MANIFEST").read_text(encoding="utf-8"))
    return tuple(manifest.claimed_by(fields)[0])


def pyproject_table(project: Path, name: str) -> dict[str, object]:
    """One table of the project's pyproject.toml (``project``, ``tool.sps-dev``), on every
    Python sps_dev runs on (tomllib arrived in 3.11)."""
    return read_table((Path(project) / "pyproject.toml").read_text(encoding="utf-8"), name)
