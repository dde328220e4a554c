"""Whether the plugin's modules compile on the Python of each SPS release it claims: by that
interpreter itself when this machine has it (one child per Python compiles them all), else by
ast's feature_version, which is best effort (it misses some grammar, and cannot see syntax a
newer Python removed)."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess

from sps_dev.check.source import newer_syntax
from sps_dev.verify import interpreters

# Python 3.6 syntax: it runs on the plugin's interpreter, reading {name: base64 source}.
_COMPILE = """
import base64, json, sys
failed = {}
for name, data in json.load(sys.stdin).items():
    try:
        compile(base64.b64decode(data), name, "exec", dont_inherit=True)
    except SyntaxError as error:
        failed[name] = "line %s: %s" % (error.lineno, error.msg)
    except (ValueError, RecursionError, MemoryError):
        pass
sys.stdout.write(json.dumps(failed))
"""

_found: dict[tuple[int, int], list[str] | None] = {}
# (Python, the modules' digest) -> what its compile found: build checks the folder, then the
# ZIP made of the same modules, and a project's tests build several times in one process.
_compiled_before: dict[tuple[tuple[int, int], str], dict[str, str]] = {}


def _interpreter(python: tuple[int, int]) -> list[str] | None:
    if python not in _found:
        _found[python] = interpreters.find(python, [])
    return _found[python]


def _compiled(command: list[str], sources: dict[str, bytes]) -> dict[str, str] | None:
    payload = {name: base64.b64encode(data).decode("ascii") for name, data in sources.items()}
    try:
        done = subprocess.run(  # noqa: S603 - this machine's Python of that version
            [*command, "-I", "-S", "-c", _COMPILE],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        answer = json.loads(done.stdout) if done.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return None
    return {str(k): str(v) for k, v in answer.items()} if isinstance(answer, dict) else None


def problems(
    sources: dict[str, bytes], python: tuple[int, int], best_effort: bool
) -> tuple[dict[str, str], str]:
    """Module -> why it does not compile on ``python``, and how that was judged. Without the
    interpreter only ``best_effort`` Pythons (the oldest claimed) are judged, by ast."""
    command = _interpreter(python) if sources else None
    if command is not None:
        digest = hashlib.sha256()
        for name in sorted(sources):
            digest.update(name.encode("utf-8") + b"\0" + sources[name] + b"\0")
        key = (python, digest.hexdigest())
        found = _compiled_before[key] if key in _compiled_before else _compiled(command, sources)
        if found is not None:
            _compiled_before[key] = found
            return found, f"compiled by Python {python[0]}.{python[1]} here"
    if not best_effort:
        return {}, ""
    found = {}
    for name, data in sources.items():
        why = newer_syntax(data, python)
        if why:
            found[name] = why
    return found, "found by ast's feature_version: best effort, it misses some grammar"
