"""Values the tests share."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CONFIGURATION = (PROJECT / "default.cfg").read_text(encoding="utf-8")
# A known value that must never show up in a log line.
SECRET = "pw-3f9a1c-never-logged"
# What tests/test_packaging.py passes to `sps_dev simulate` on the built ZIP.
SIMULATE_ARGUMENTS: list[str] = []
