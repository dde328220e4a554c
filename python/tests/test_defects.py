"""Defects injected into four plugin shapes, each with the verdict check and verify must give:
the yardstick is what SPS runs, the built ZIP on each claimed release's Python. check runs in
this process; verify's own children are the only processes started.

Shapes (written for these tests, shaped like what users bring): a credential store and an AA
plugin as this generator lays them out (a package, raw hooks with **kwargs), an AA plugin
built on the Plugin SDK (against a stand-in SDK given with --sdk), and an SPS-6-style raw
credential store (api 1.1: SPS 6.0 on, so Python 3.6 too) whose hooks require SPS's
documented names and take no **kwargs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import unittest
from pathlib import Path
from typing import Callable, NamedTuple

import sdk_stand_in
from support import Files, TempCase, write_tree

SHEBANG = "#!/usr/bin/env pluginwrapper3\n"


def _manifest(kind: str, extra: str = "scb_min_version: 7.0.0\n", api: str = "1.7") -> str:
    return (
        f"name: Shape\ndescription: d\nversion: 1.0.0\ntype: {kind}\napi: '{api}'\n"
        f"entry_point: main.py\n{extra}"
    )


CS_HOOKS = (
    "    def get_password_list(self, server_username=None, **kwargs):\n"
    "        return {'passwords': []}\n\n"
    "    def get_private_key_list(self, **kwargs):\n        return {'private_keys': []}\n\n"
    "    def authentication_completed(self, **kwargs):\n        return None\n\n"
    "    def session_ended(self, **kwargs):\n        return None\n\n"
    "    def get_remote_app_credentials(self, **kwargs):\n        return {'passwords': []}\n"
)
AA_HOOKS = (
    "    def authenticate(self, gateway_user=None, **kwargs):\n"
    "        return {'verdict': 'ACCEPT'}\n\n"
    "    def authorize(self, **kwargs):\n        return {'verdict': 'ACCEPT'}\n\n"
    "    def session_ended(self, **kwargs):\n        return None\n"
)
INIT = "    def __init__(self, configuration):\n        self.configuration = configuration\n\n"


def generated(kind: str) -> Files:
    hooks = CS_HOOKS if kind == "credentialstore" else AA_HOOKS
    return {
        "MANIFEST": _manifest(kind),
        "main.py": SHEBANG + "from shape.plugin import Plugin\n\n__all__ = ['Plugin']\n",
        "shape/__init__.py": "",
        "shape/plugin.py": "class Plugin:\n" + INIT + hooks,
        "default.cfg": "[shape]\n; option = value\n",
    }


def sdk_aa() -> Files:
    return {
        "MANIFEST": _manifest("aa"),
        "main.py": SHEBANG + "from shape.plugin import Plugin\n",
        "shape/__init__.py": "",
        "shape/plugin.py": "from safeguard.sessions.plugin import AAPlugin, AAResponse\n\n\n"
        "class Plugin(AAPlugin):\n"
        "    def do_authenticate(self):\n        return AAResponse.accept()\n\n"
        "    def do_authorize(self):\n        return AAResponse.accept()\n",
    }


# What SPS 6.0 passes and every later release still does (the target_* names are deprecated
# from 6 F5 on, never dropped from the docs).
SPS6_NAMES = "session_id, cookie, session_cookie, target_username, target_host"


def sps6_cs() -> Files:
    return {
        "MANIFEST": _manifest("credentialstore", "scb_max_version: 9.0.0~\n", api="1.1"),
        "main.py": SHEBANG + "from lib.plugin import Plugin\n",
        "lib/__init__.py": "",
        "lib/plugin.py": "class Plugin(object):\n"
        + INIT
        + f"    def get_password_list(self, {SPS6_NAMES}):\n"
        "        return {'passwords': [], 'cookie': cookie}\n\n"
        "    def session_ended(self, session_id, cookie, session_cookie):\n        return None\n",
    }


SHAPES: dict[str, Callable[[], Files]] = {
    "cs": lambda: generated("credentialstore"),
    "aa": lambda: generated("aa"),
    "sdk-aa": sdk_aa,
    "sps6-cs": sps6_cs,
}
PLUGIN_FILE = {
    "cs": "shape/plugin.py",
    "aa": "shape/plugin.py",
    "sdk-aa": "shape/plugin.py",
    "sps6-cs": "lib/plugin.py",
}


class Defect(NamedTuple):
    shape: str
    name: str
    change: Callable[[Files, str], None]
    # The rule check must report as an error (None: check passes with no error).
    check: str | None
    # verify's exit code: 0 passes, 1 the plugin fails on SPS, None not run (check already
    # stops build, so there is no ZIP to run).
    verify: int | None
    said: str = ""


def top(code: str) -> Callable[[Files, str], None]:
    def change(files: Files, module: str) -> None:
        files[module] = code + "\n" + str(files[module])

    return change


def replace(old: str, new: str, file: str | None = None) -> Callable[[Files, str], None]:
    def change(files: Files, module: str) -> None:
        target = file or module
        text = str(files[target])
        if old not in text:
            raise AssertionError(f"{old!r} not in {target}")
        files[target] = text.replace(old, new, 1)

    return change


def put(name: str, content: object) -> Callable[[Files, str], None]:
    def change(files: Files, module: str) -> None:
        files[name] = content  # type: ignore[assignment]

    return change


def drop(name: str) -> Callable[[Files, str], None]:
    def change(files: Files, module: str) -> None:
        del files[name]

    return change


RAW = ("cs", "aa")
HOOK = {
    "cs": "get_password_list(self, server_username=None, **kwargs)",
    "aa": "authenticate(self, gateway_user=None, **kwargs)",
}
RETURN = {"cs": "return {'passwords': []}", "aa": "return {'verdict': 'ACCEPT'}"}


def in_hook(shape: str, statement: str) -> Callable[[Files, str], None]:
    return replace(
        f"{HOOK[shape]}:\n        {RETURN[shape]}",
        f"{HOOK[shape]}:\n        {statement}\n        {RETURN[shape]}",
    )


DEFECTS = [
    # Imports the ZIP cannot satisfy.
    *(
        Defect(
            s,
            "imports a missing module of its own",
            top("from .missing_helper import helper"),
            "I002",
            None,
        )
        for s in SHAPES
    ),
    *(
        Defect(s, "imports an unbundled third-party module", top("import hvac"), "I001", None)
        for s in SHAPES
    ),
    *(
        Defect(s, "imports tomllib, which 3.8 lacks", top("import tomllib"), "I003", None)
        for s in RAW
    ),
    Defect("sps6-cs", "imports zoneinfo, which 3.6 lacks", top("import zoneinfo"), "I003", None),
    Defect(
        "sps6-cs", "imports dataclasses (3.7+) for SPS 6", top("import dataclasses"), "I003", None
    ),
    Defect(
        "sps6-cs",
        "imports cryptography, which only SDK 1.8 pulls in",
        top("import cryptography"),
        "I001",
        None,
    ),
    # yaml is the SDK's own dependency on every release [inferred]: a warning from check;
    # verify's --sdk folder lacks it, which is this machine's problem (exit 2), not the plugin's.
    Defect("sps6-cs", "imports yaml, the SDK's dependency", top("import yaml"), None, 2),
    Defect(
        "cs",
        "main.py takes Plugin from a module the package lacks",
        replace("from shape.plugin import", "from shape.plugins import", "main.py"),
        "I002",
        None,
    ),
    # Syntax and methods the plugin's Python does not have.
    *(
        Defect(
            s,
            "a match statement for SPS 7",
            top("match 1:\n    case _:\n        pass"),
            "S00",
            None,
        )
        for s in RAW
    ),
    *(
        Defect(
            s,
            "str.removeprefix (3.9+) in a hook",
            in_hook(s, "'x-y'.removeprefix('x-')"),
            None,
            1,
            "AttributeError",
        )
        for s in RAW
    ),
    Defect(
        "sps6-cs",
        "a walrus for SPS 6 (Python 3.6)",
        replace(
            "        return {'passwords': [], 'cookie': cookie}",
            "        if (n := 1):\n            pass\n        return {'passwords': [], 'cookie': cookie}",
        ),
        "S00",
        None,
    ),
    Defect(
        "sps6-cs",
        "str.isascii (3.7+) in a hook, on SPS 6's Python",
        replace(
            "        return {'passwords': [], 'cookie': cookie}",
            "        'x'.isascii()\n        return {'passwords': [], 'cookie': cookie}",
        ),
        None,
        1,
        "SPS 6.0 on Python 3.6",
    ),
    Defect(
        "sps6-cs",
        "requires server_username, which SPS 6 before F5 never passes",
        replace("target_username, target_host", "server_username, target_host"),
        "H007",
        None,
    ),
    # Hooks SPS cannot call as written.
    Defect(
        "cs",
        "a hook requires a name SPS never passes",
        replace(HOOK["cs"], "get_password_list(self, gateway_user, **kwargs)"),
        "H007",
        None,
    ),
    Defect(
        "aa",
        "a hook requires a credential-store name",
        replace("def authorize(self, **kwargs)", "def authorize(self, gateway_username, **kwargs)"),
        "H007",
        None,
    ),
    Defect(
        "sps6-cs",
        "session_ended requires key_value_pairs",
        replace(
            "def session_ended(self, session_id, cookie, session_cookie)",
            "def session_ended(self, session_id, key_value_pairs)",
        ),
        "H007",
        None,
    ),
    *(
        Defect(
            s,
            "a hook takes parameters positionally only",
            replace(HOOK[s], HOOK[s].replace(", **kwargs", ", /, **kwargs")),
            "H003",
            None,
        )
        for s in RAW
    ),
    *(
        Defect(s, "an async hook", replace(f"def {HOOK[s]}", f"async def {HOOK[s]}"), "H002", None)
        for s in RAW
    ),
    Defect(
        "aa",
        "no authenticate",
        replace(
            "def authenticate(self, gateway_user=None, **kwargs)",
            "def other(self, gateway_user=None, **kwargs)",
        ),
        "H012",
        None,
    ),
    Defect(
        "sdk-aa",
        "an SDK hook with a required parameter",
        replace("def do_authenticate(self)", "def do_authenticate(self, user)"),
        "H009",
        None,
    ),
    Defect(
        "sdk-aa",
        "an async SDK hook",
        replace("def do_authorize(self)", "async def do_authorize(self)"),
        "H010",
        None,
    ),
    Defect(
        "sdk-aa",
        "a misspelled SDK hook (a warning)",
        replace("def do_authorize(self)", "def do_authorise(self)"),
        None,
        0,
    ),
    # The Plugin SPS builds.
    *(
        Defect(
            s,
            "Plugin.__init__ requires a second argument",
            replace(
                "def __init__(self, configuration)", "def __init__(self, configuration, region)"
            ),
            "P005",
            None,
        )
        for s in ("cs", "aa", "sps6-cs")
    ),
    Defect(
        "cs",
        "no class Plugin",
        replace(
            "from shape.plugin import Plugin\n\n__all__ = ['Plugin']\n",
            "import shape.plugin\n",
            "main.py",
        ),
        "P003",
        None,
    ),
    Defect(
        "aa",
        "no pluginwrapper3 shebang",
        replace(SHEBANG, "#!/usr/bin/env python3\n", "main.py"),
        "P002",
        None,
    ),
    Defect("sps6-cs", "the entry point is missing", drop("main.py"), "P001", None),
    # The MANIFEST and default.cfg.
    Defect(
        "cs",
        "a name SPS refuses",
        replace("name: Shape", "name: my-shape", "MANIFEST"),
        "M004",
        None,
    ),
    Defect("aa", "an unknown type", replace("type: aa", "type: mfa", "MANIFEST"), "M006", None),
    Defect("sps6-cs", "api 2.0", replace("api: '1.1'", "api: '2.0'", "MANIFEST"), "M017", None),
    Defect(
        "cs",
        "api newer than the oldest release offers",
        replace("api: '1.7'", "api: '1.9'", "MANIFEST"),
        "M012",
        None,
    ),
    Defect("aa", "no entry_point", replace("entry_point: main.py\n", "", "MANIFEST"), "M007", None),
    Defect(
        "cs", "default.cfg is not UTF-8", put("default.cfg", b"[shape]\n; caf\xe9\n"), "C002", None
    ),
    Defect(
        "aa",
        "default.cfg over 10 KiB",
        put("default.cfg", "[shape]\n" + "; comment\n" * 1200),
        "C001",
        None,
    ),
    # What only running it shows.
    *(
        Defect(
            s,
            "a hook raises",
            in_hook(s, "raise RuntimeError('vault down')"),
            None,
            1,
            "RuntimeError: vault down",
        )
        for s in RAW
    ),
    Defect(
        "cs",
        "a hook returns something JSON cannot hold",
        replace(
            "return {'passwords': []}\n\n    def get_private",
            "return {'passwords': [], 'cookie': {'seen': {1, 2}}}\n\n    def get_private",
        ),
        None,
        1,
        "JSON",
    ),
    Defect(
        "aa",
        "a verdict in lower case",
        replace(
            "return {'verdict': 'ACCEPT'}\n\n    def authorize",
            "return {'verdict': 'accept'}\n\n    def authorize",
        ),
        None,
        1,
        "verdict 'accept'",
    ),
    Defect(
        "cs",
        "passwords that are not a list",
        replace(
            "return {'passwords': []}\n\n    def get_private",
            "return {'passwords': 'secret'}\n\n    def get_private",
        ),
        None,
        1,
        "list under 'passwords'",
    ),
    *(
        Defect(
            s,
            "the module raises at import",
            top("raise ImportError('configured wrong')"),
            None,
            1,
            "configured wrong",
        )
        for s in RAW
    ),
    Defect(
        "sps6-cs",
        "a hook that hangs",
        replace(
            "        return {'passwords': [], 'cookie': cookie}",
            "        import time\n        time.sleep(60)\n        return {'passwords': [], 'cookie': cookie}",
        ),
        None,
        1,
        "did not return within",
    ),
    Defect(
        "aa",
        "a hook that ends the process",
        in_hook("aa", "import os; os._exit(3)"),
        None,
        1,
        "exit code 3",
    ),
    # Sound plugins: no error, and they run.
    *(Defect(s, "no defect", lambda files, module: None, None, 0) for s in SHAPES),
]


def _verify(project: Path, sdk: Path, legacy: Path) -> tuple[int, str]:
    from sps_dev.verify import command

    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    given = ["--sdk", f"3.6={legacy}", "--sdk", str(sdk), "--timeout", "3"]
    args = parser.parse_args([str(project), *given])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = command.run(args)
    return code, out.getvalue()


class DefectTable(TempCase):
    def test_the_table_is_large_enough(self) -> None:
        self.assertGreaterEqual(len(DEFECTS), 40)
        self.assertEqual({d.shape for d in DEFECTS}, set(SHAPES))

    def test_check_and_verify_give_each_defect_its_verdict(self) -> None:
        from sps_dev.check.checker import check_folder
        from sps_dev.rules.findings import errors

        sdk = write_tree(self.tmp / "sdk", sdk_stand_in.STRICT)
        legacy = write_tree(self.tmp / "sdk-1.1", sdk_stand_in.LEGACY)
        for number, defect in enumerate(DEFECTS):
            with self.subTest(shape=defect.shape, defect=defect.name):
                files = SHAPES[defect.shape]()
                defect.change(files, PLUGIN_FILE[defect.shape])
                project = write_tree(self.tmp / f"{number}-{defect.shape}", files)
                failed = errors(check_folder(project).findings)
                codes = sorted(f.code for f in failed)
                if defect.check is None:
                    self.assertEqual(codes, [], [str(f) for f in failed])
                else:
                    self.assertTrue(any(c.startswith(defect.check) for c in codes), codes)
                if defect.verify is None:
                    continue
                code, out = _verify(project, sdk, legacy)
                self.assertEqual(code, defect.verify, out)
                if defect.said:
                    self.assertIn(defect.said, out)


if __name__ == "__main__":
    unittest.main()
