"""Whether the plugin's modules compile on the Python of each SPS release it claims: by that
interpreter itself when this machine has it (one child per Python compiles them all, and says
which Python it is, so that finding the interpreter costs no start of its own), else by ast's
feature_version, which is best effort (it misses some grammar, and cannot see syntax a newer
Python removed)."""

from __future__ import annotations

import ast
import hashlib
import marshal
import subprocess
import threading

from sps_dev.check.source import newer_syntax
from sps_dev.verify import interpreters

# Python 3.6 syntax: it runs on the plugin's interpreter. It reads {name: source bytes} in
# marshal's version 2, which every Python 3 reads, and answers with ascii() of what failed, a
# literal the parent reads with ast.literal_eval (never marshal: the child's output is only as
# sound as the interpreter the machine has). marshal is built in, where json and base64 are
# imported: a child's start took about 50 ms of CPU with them and about 25 without.
_COMPILE = """
import marshal, sys
failed = {}
sys.stdout.write("%d.%d\\n" % sys.version_info[:2])
for name, data in marshal.loads(sys.stdin.buffer.read()).items():
    try:
        compile(data, name, "exec", dont_inherit=True)
    except SyntaxError as error:
        failed[name] = "line %s: %s" % (error.lineno, error.msg)
    except (ValueError, RecursionError, MemoryError):
        pass
sys.stdout.write(ascii(failed))
"""

# Pythons no command of this machine compiled for (the commands that did are in
# interpreters.FOUND, shared with verify).
_missing: set[tuple[int, int]] = set()
# (Python, the modules' digest) -> what its compile found: build checks the folder, then the
# ZIP made of the same modules, and a project's tests build several times in one process.
_compiled_before: dict[tuple[tuple[int, int], str], dict[str, str]] = {}


def _compiled(command: list[str], payload: bytes) -> tuple[str, dict[str, str] | None]:
    """(the X.Y the command reports, what it found), or ("", None) when it did not run."""
    try:
        done = subprocess.run(  # noqa: S603 - this machine's Python of that version
            [*command, "-I", "-S", "-c", _COMPILE],
            input=payload,
            capture_output=True,
            timeout=120,
            check=False,
        )
        version, _, found = done.stdout.decode("ascii", "replace").partition("\n")
        answer = ast.literal_eval(found) if done.returncode == 0 else None
    except (
        OSError,
        subprocess.TimeoutExpired,
        ValueError,
        SyntaxError,
        RecursionError,
        MemoryError,
    ):
        return "", None
    if not isinstance(answer, dict):
        return "", None
    return version, {str(k): str(v) for k, v in answer.items()}


def _compile_on(python: tuple[int, int], sources: dict[str, bytes]) -> dict[str, str] | None:
    """What the Python ``python`` of this machine finds, or None when it has none."""
    payload = marshal.dumps(dict(sources), 2)
    wanted = f"{python[0]}.{python[1]}"
    known = interpreters.FOUND.get(python)
    tried = [known] if known else [] if python in _missing else interpreters.candidates(python)
    for command in tried:
        version, found = _compiled(command, payload)
        if version == wanted and found is not None:
            interpreters.FOUND[python] = command
            return found
    if not known:
        _missing.add(python)
    return None


def problems(
    sources: dict[str, bytes], python: tuple[int, int], best_effort: bool
) -> tuple[dict[str, str], str]:
    """Module -> why it does not compile on ``python``, and how that was judged. Without the
    interpreter only ``best_effort`` Pythons (the oldest claimed) are judged, by ast."""
    if sources:
        digest = hashlib.sha256()
        for name in sorted(sources):
            digest.update(name.encode("utf-8") + b"\0" + sources[name] + b"\0")
        key = (python, digest.hexdigest())
        found = _compiled_before[key] if key in _compiled_before else _compile_on(python, sources)
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


def problems_on(
    sources: dict[str, bytes], pythons: list[tuple[int, int]], oldest: tuple[int, int]
) -> list[tuple[dict[str, str], str]]:
    """``problems`` for each Python, their interpreters run side by side (a check of a plugin
    claiming SPS 7 to 9 starts two, each mostly waiting)."""
    results: list[tuple[dict[str, str], str]] = [({}, "")] * len(pythons)

    def judge(index: int) -> None:
        results[index] = problems(sources, pythons[index], best_effort=pythons[index] == oldest)

    workers = [threading.Thread(target=judge, args=(i,)) for i in range(1, len(pythons))]
    for worker in workers:
        worker.start()
    if pythons:
        judge(0)
    for worker in workers:
        worker.join()
    return results
