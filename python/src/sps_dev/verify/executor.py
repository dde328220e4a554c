"""The child of ``sps-dev verify``: runs in the Python an SPS release runs (3.6 and newer, so
Python 3.6 syntax), started as ``python -I -S executor.py ROOT [SDK]``: no site-packages, no
user site, no PYTHON* variables, and nothing of sps_dev. It imports the plugin's modules and
makes the hook calls the parent sends, one JSON object per line, and answers each with one
line; every judgement stays in the parent. The plugin's own output goes to stderr: the
protocol owns the real stdout."""

import importlib
import importlib.util
import inspect
import json
import os
import sys
import traceback

PID = os.getpid()


def _where(error, root):
    """file:line of the innermost frame inside the plugin (relative), or None."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if os.path.abspath(f.filename).startswith(root + os.sep)]
    if inside:
        frame = inside[-1]
        return f"{os.path.relpath(frame.filename, root)}:{frame.lineno}"
    if isinstance(error, SyntaxError) and error.filename:
        name = os.path.abspath(error.filename)
        if name.startswith(root + os.sep):
            return f"{os.path.relpath(name, root)}:{error.lineno}"
    return None


def _defined(function, root):
    target = function.__init__ if inspect.isclass(function) else function
    code = getattr(getattr(target, "__func__", target), "__code__", None)
    if code is None or not os.path.abspath(code.co_filename).startswith(root + os.sep):
        return None
    return f"{os.path.relpath(code.co_filename, root)}:{code.co_firstlineno}"


def _failure(error, root, fallback=None):
    missing = getattr(error, "name", None) if isinstance(error, ImportError) else None
    return {
        "ok": False,
        "error": type(error).__name__,
        "message": str(error)[:2000],
        "where": _where(error, root) or fallback,
        "missing": missing,
    }


class Executor:
    def __init__(self, root):
        self.root = root
        self.plugin_class = None
        self.instance = None

    def do_import(self, message):
        importlib.import_module(message["module"])
        return {"ok": True}

    def do_load(self, message):
        path = os.path.join(self.root, message["entry"])
        spec = importlib.util.spec_from_file_location("sps_dev_verify_entry", path)
        if spec is None or spec.loader is None:
            return {"ok": False, "error": "NotPython", "message": path, "where": None}
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        plugin = getattr(module, "Plugin", None)
        if not inspect.isclass(plugin):
            return {
                "ok": False,
                "error": "NoPlugin",
                "message": "the entry point has no class Plugin",
                "where": None,
            }
        self.plugin_class = plugin
        return {"ok": True}

    def do_new(self, message):
        self.instance = None
        if self.plugin_class is None:
            return {"ok": False, "error": "NoPlugin", "message": "not loaded", "where": None}
        try:
            self.instance = self.plugin_class(message["config"])
        except Exception as error:  # noqa: BLE001 - reported to the parent
            return _failure(error, self.root, _defined(self.plugin_class, self.root))
        return {"ok": True}

    def do_signature(self, message):
        method = getattr(self.instance, message["hook"], None)
        if not callable(method):
            return {"ok": True, "exists": False}
        try:
            parameters = list(inspect.signature(method).parameters.values())
        except (TypeError, ValueError):
            return {"ok": True, "exists": True, "names": None, "required": [], "where": None}
        kinds = inspect.Parameter
        named = (kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)
        return {
            "ok": True,
            "exists": True,
            "names": None
            if any(p.kind is kinds.VAR_KEYWORD for p in parameters)
            else [p.name for p in parameters if p.kind in named],
            "required": [
                p.name for p in parameters if p.kind in named and p.default is kinds.empty
            ],
            "where": _defined(method, self.root),
        }

    def do_call(self, message):
        method = getattr(self.instance, message["hook"])
        try:
            result = method(**message["kwargs"])
        except Exception as error:  # noqa: BLE001 - reported to the parent
            result, failed = None, _failure(error, self.root, _defined(method, self.root))
        else:
            failed = None
        if os.getpid() != PID:
            # A copy the hook forked: only the process the parent started answers.
            os._exit(0)
        if failed:
            return failed
        try:
            text = json.dumps(result)
        except (TypeError, ValueError) as error:
            return {
                "ok": False,
                "error": "NotJSON",
                "message": f"the result is not JSON-serialisable: {error}",
                "where": None,
            }
        return {"ok": True, "result": json.loads(text)}


def main():
    root = os.path.abspath(sys.argv[1])
    sys.path[:0] = [root] + [os.path.abspath(p) for p in sys.argv[2:]]
    # The protocol keeps the real stdout; whatever the plugin prints goes to stderr.
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    executor = Executor(root)

    def reply(answer):
        protocol.write(json.dumps(answer) + "\n")
        protocol.flush()

    version = list(sys.version_info[:3])
    reply(
        {
            "ok": True,
            "hello": True,
            "version": version,
            "executable": sys.executable,
            "sys_path": list(sys.path),
        }
    )
    for line in sys.stdin:
        message = json.loads(line)
        try:
            answer = getattr(executor, "do_" + message["op"])(message)
        except BaseException as error:  # noqa: BLE001 - the parent decides; SystemExit included
            answer = _failure(error, root)
        reply(answer)


if __name__ == "__main__":
    main()
