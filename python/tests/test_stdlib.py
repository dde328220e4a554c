"""The per-Python standard library table check judges imports by: each list is re-derived from
its own interpreter (found as verify finds one); a missing
interpreter fails the test, never skips it."""

from __future__ import annotations

import json
import subprocess
import sys
import unittest

from support import ROOT, TOOL

SCRIPT = ROOT / "python" / "scripts" / "stdlib_names.py"
TABLE = json.loads((TOOL / "sps_dev" / "contract" / "stdlib.json").read_text(encoding="utf-8"))


def interpreter(version: str) -> list[str]:
    """That Python, found as verify finds it (pyenv, PATH, py, uv): a missing one fails."""
    from sps_dev.verify import interpreters

    major, minor = (int(part) for part in version.split("."))
    found = interpreters.find((major, minor), [])
    if found is None:
        raise AssertionError(
            f"Python {version} not found: {interpreters.how_to_get((major, minor))}"
        )
    return found


class StdlibTable(unittest.TestCase):
    def test_every_list_is_what_its_interpreter_says(self) -> None:
        self.assertEqual(
            sorted(TABLE["pythons"]),
            sorted(["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]),
        )
        for version, entry in TABLE["pythons"].items():
            with self.subTest(python=version):
                done = subprocess.run(
                    [*interpreter(version), "-I", str(SCRIPT)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                made = json.loads(done.stdout)
                self.assertEqual(
                    made["interpreter"].rsplit(".", 1)[0], entry["interpreter"].rsplit(".", 1)[0]
                )
                self.assertEqual(
                    sorted(made["names"]), sorted(set(TABLE["common"]) | set(entry["more"]))
                )

    def test_the_running_python_agrees_with_its_own_list(self) -> None:
        entry = TABLE["pythons"][f"{sys.version_info[0]}.{sys.version_info[1]}"]
        names = set(TABLE["common"]) | set(entry["more"])
        for module in ("json", "configparser", "logging", "ssl"):
            self.assertIn(module, names)
        for platform_only in ("msvcrt", "winreg", "_winapi"):
            self.assertNotIn(platform_only, names)
