"""Writes src/sps_dev/contract/stdlib.json: the standard library's top-level module names for
each Python an SPS release runs (3.6 to 3.13), each list made by that interpreter itself
(scripts/stdlib_names.py), so that check judges an import for the plugin's Python whatever
Python runs check. tests/test_stdlib.py re-derives every list and fails when one differs.

    python3 python/scripts/stdlib_table.py        (finds the interpreters through pyenv)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = HERE.parent / "src" / "sps_dev" / "contract" / "stdlib.json"
VERSIONS = ("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13")


def interpreter(version: str) -> list[str]:
    """That Python, found as ``sps-dev verify`` finds one (pyenv's builds first)."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from sps_dev.verify import interpreters

    major, minor = (int(part) for part in version.split("."))
    found = interpreters.find((major, minor), [])
    if found is None:
        raise SystemExit(f"stdlib_table: {interpreters.how_to_get((major, minor))}")
    return found


def names_of(version: str) -> dict[str, object]:
    done = subprocess.run(  # noqa: S603 - a local interpreter and our own script
        [*interpreter(version), "-I", str(HERE / "stdlib_names.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def table() -> dict[str, object]:
    lists = {version: names_of(version) for version in VERSIONS}
    common = set.intersection(*(set(entry["names"]) for entry in lists.values()))  # type: ignore[arg-type]
    return {
        "$comment": "Made by python/scripts/stdlib_table.py: the standard library's top-level "
        "modules per Python (common to all, plus each one's own), Windows- and macOS-only and "
        "test-only modules left out. Re-derived by tests/test_stdlib.py.",
        "common": sorted(common),
        "pythons": {
            version: {
                "interpreter": entry["interpreter"],
                "more": sorted(set(entry["names"]) - common),  # type: ignore[arg-type]
            }
            for version, entry in lists.items()
        },
    }


if __name__ == "__main__":
    TABLE.write_text(json.dumps(table(), indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(f"{TABLE}\n")
