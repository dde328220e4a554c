"""python -m sps_dev check: the fresh project passes, and a broken one is caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sps_dev.check import check_default_cfg, check_manifest, check_project

PROJECT = Path(__file__).resolve().parent.parent


def test_the_project_passes_the_check() -> None:
    assert [str(p) for p in check_project(PROJECT)] == []


def _manifest(**changes: str) -> str:
    lines = (PROJECT / "MANIFEST").read_text(encoding="utf-8").splitlines()
    for key, value in changes.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
        if not any(line.startswith(f"{key}:") for line in lines):
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "my-plugin"}, "name: 'my-plugin' must start with a letter"),
        ({"version": "v1"}, "version: 'v1' must start with a digit"),
        ({"type": "vault"}, "type: 'vault' is not a plugin type SPS knows"),
        ({"api": '"2.0"'}, "SPS's plugin API is 1.x"),
        ({"api": "1.10"}, "api: 1.10 is read by YAML as the number 1.1"),
        ({"api": '"1.9"', "scb_min_version": "7.0.0"}, "1.9 is newer than SPS 7.0.0 offers (1.7)"),
        ({"entry_point": "plugin/main.py"}, "entry_point: 'plugin/main.py' may hold only"),
        ({"author_email": "jane@"}, "author_email: 'jane@' is not an address"),
        ({"description": '""'}, "description: is required"),
    ],
)
def test_manifest_rules(changes: dict[str, str], message: str) -> None:
    problems, _ = check_manifest(_manifest(**changes))
    assert message in "\n".join(str(p) for p in problems)


def test_an_underscored_section_with_dollar_values_is_refused() -> None:
    problems = check_default_cfg("[my_vault]\n; password = $\n")
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "rename it [my-vault]" in str(problems[0])


def test_a_hook_with_positional_only_parameters_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns("__pycache__", ".*cache"))
    (project / "main.py").write_text(
        "#!/usr/bin/env pluginwrapper3\n"
        "class Plugin:\n"
        "    def __init__(self, configuration): ...\n"
        "    def session_ended(self, session_id, /, cookie=None): ...\n",
        encoding="utf-8",
    )
    messages = "\n".join(str(p) for p in check_project(project))
    assert "session_ended() has positional-only parameters" in messages
    assert "session_ended() has no **kwargs" in messages
    assert "session_ended() requires session_id" in messages
    assert "Plugin has no" in messages
