"""verify runs the built ZIP on the Python of each SPS release it claims, with nothing but the
ZIP importable, and tells the plugin's failures (exit 1) from this machine's (exit 2)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from support import Files, TempCase, sps_dev, write_tree
from test_simulate import SDK_STAND_IN
from test_truths import packaged

SHEBANG = "#!/usr/bin/env pluginwrapper3\n"


def with_plugin_code(code: str, hooks: str = "", **files: str) -> Files:
    """The packaged AA plugin with ``code`` at the top of its plugin module and ``hooks`` in
    place of its authenticate."""
    tree = packaged(**files)
    module = str(tree["gate/plugin.py"])
    if hooks:
        start = module.index("    def authenticate")
        end = module.index("    def authorize")
        module = module[:start] + hooks + module[end:]
    tree["gate/plugin.py"] = code + "\n\n" + module
    return tree


class Verify(TempCase):
    def verify(
        self, files: Files, *args: str, env: dict[str, str] | None = None
    ) -> tuple[int, str]:
        project = write_tree(self.tmp / "gate", files)
        ran = sps_dev(["verify", str(project), "--timeout", "10", *args], self.tmp, env=env)
        self.assertNoTraceback(ran)
        return ran.code, ran.both

    def test_a_plugin_that_works_passes_on_every_claimed_python(self) -> None:
        code, out = self.verify(packaged())
        self.assertEqual(code, 0, out)
        for line in (
            "SPS 7.0, SPS 8.0 run Python 3.8",
            "SPS 9.0 runs Python 3.12",
            "ok: SPS 9.0 on Python 3.12",
        ):
            self.assertIn(line, out)
        self.assertIn("AA verdict ACCEPT", out)
        # Only the ZIP and the standard library: no site-packages on the printed sys.path.
        paths = [line for line in out.splitlines() if line.strip().startswith("sys.path:")]
        self.assertEqual(len(paths), 2, out)
        for line in paths:
            self.assertNotIn("site-packages", line)

    def test_the_interpreters_site_packages_are_not_importable(self) -> None:
        # pyenv's interpreters have setuptools installed; SPS's plugin environment does not.
        probe = (
            "try:\n    import setuptools  # noqa: F401\n    FOUND = True\n"
            "except ImportError:\n    FOUND = False"
        )
        hooks = (
            "    def authenticate(self, **kwargs):\n"
            "        return {'verdict': 'DENY' if FOUND else 'ACCEPT'}\n\n"
        )
        code, out = self.verify(with_plugin_code(probe, hooks), "--expect", "ACCEPT")
        self.assertEqual(code, 0, out)
        self.assertEqual(out.count("AA verdict ACCEPT"), 3, out)

    def test_a_method_newer_than_the_python_fails_there_at_the_plugins_line(self) -> None:
        hooks = (
            "    def authenticate(self, gateway_user=None, **kwargs):\n"
            "        name = 'user-alice'.removeprefix('user-')\n"
            "        return {'verdict': 'ACCEPT', 'cookie': {'name': name}}\n\n"
        )
        code, out = self.verify(with_plugin_code("", hooks))
        self.assertEqual(code, 1, out)
        self.assertIn(
            "failed: SPS 7.0 on Python 3.8: Gate (aa): authenticate() raised AttributeError", out
        )
        self.assertIn("at gate/plugin.py:", out)
        self.assertIn("ok: SPS 9.0 on Python 3.12", out)
        code, out = self.verify(with_plugin_code("", hooks), "--sps", "9.0")
        self.assertEqual(code, 0, out)

    def test_a_hook_that_hangs_exits_or_forks_is_reported_and_never_hangs_verify(self) -> None:
        cases = {
            "hangs": ("import time", "time.sleep(60)", "did not return within 2 s"),
            "exits": ("import os", "os._exit(3)", "ended the plugin's process (exit code 3)"),
        }
        for name, (imports, statement, said) in cases.items():
            with self.subTest(name):
                hooks = (
                    f"    def authenticate(self, **kwargs):\n        {statement}\n"
                    "        return {'verdict': 'ACCEPT'}\n\n"
                )
                project = write_tree(self.tmp / name, with_plugin_code(imports, hooks))
                ran = sps_dev(["verify", str(project), "--timeout", "2", "--sps", "9.0"], self.tmp)
                self.assertEqual(ran.code, 1, ran)
                self.assertIn(said, ran.out)
        forks = (
            "    def authenticate(self, **kwargs):\n        os.fork()\n"
            "        return {'verdict': 'ACCEPT'}\n\n"
        )
        code, out = self.verify(with_plugin_code("import os", forks), "--sps", "9.0")
        self.assertEqual(code, 0, out)
        self.assertEqual(out.count("ok: SPS 9.0 on Python 3.12"), 1, out)

    def test_a_bundled_dependency_that_needs_a_newer_python_fails_on_the_older(self) -> None:
        def zipped(requires: str, source: str) -> Path:
            files = with_plugin_code("import newdep")
            files["newdep/__init__.py"] = source
            files["newdep-1.0.dist-info/METADATA"] = (
                f"Metadata-Version: 2.1\nName: newdep\nVersion: 1.0\n{requires}"
            )
            files["newdep-1.0.dist-info/WHEEL"] = "Wheel-Version: 1.0\nTag: py3-none-any\n"
            files["newdep-1.0.dist-info/RECORD"] = "newdep/__init__.py,,\n"
            path = self.tmp / f"gate-{len(source)}.zip"
            with zipfile.ZipFile(path, "w") as archive:
                for name, text in sorted(files.items()):
                    archive.writestr(name, text)
            return path

        newer = zipped(
            "Requires-Python: >=3.10\n",
            "def kind(x):\n    match x:\n        case _:\n            return 1\n",
        )
        ran = sps_dev(["verify", str(newer)], self.tmp)
        self.assertEqual(ran.code, 1, ran)
        self.assertIn(
            "SPS 7.0, SPS 8.0 run Python 3.8: bundles newdep-1.0, which requires Python >=3.10",
            ran.out,
        )
        self.assertIn("importing newdep raised SyntaxError", ran.out)
        self.assertIn("ok: SPS 9.0 on Python 3.12", ran.out)
        fine = zipped("Requires-Python: >=3.6\n", "VALUE = 1\n")
        ran = sps_dev(["verify", str(fine)], self.tmp)
        self.assertEqual(ran.code, 0, ran)

    def test_what_this_machine_lacks_is_exit_2(self) -> None:
        sdk_plugin: Files = {
            "MANIFEST": str(packaged()["MANIFEST"]),
            "main.py": SHEBANG + "from safeguard.sessions.plugin import AAPlugin\n\n\n"
            "class Plugin(AAPlugin):\n    pass\n",
        }
        code, out = self.verify(sdk_plugin)
        self.assertEqual(code, 2, out)
        self.assertIn("which SPS provides but this run does not: give --sdk DIR", out)
        sdk = write_tree(self.tmp / "sdk", SDK_STAND_IN)
        code, out = self.verify(sdk_plugin, "--sdk", str(sdk))
        self.assertEqual(code, 0, out)
        self.assertIn(str(sdk), out)  # on the printed sys.path
        nowhere = {
            "PATH": "/usr/bin:/bin",
            "PYENV_ROOT": str(self.tmp / "no-pyenv"),
            "HOME": str(self.tmp),
        }
        code, out = self.verify(packaged(), env=nowhere)
        self.assertEqual(code, 2, out)
        self.assertIn("Python 3.8, which is not found here", out)
        self.assertIn("--python", out)

    def test_each_python_is_asked_which_it_is_once_a_run(self) -> None:
        # verify builds (and so checks, compiling on 3.8 with the command that reports 3.8):
        # its own run then starts on that command without asking it again. A wrapper that
        # logs each start stands for pyenv's 3.8.
        from sps_dev.verify.interpreters import find

        real = find((3, 8), [])
        if real is None:
            self.fail("Python 3.8 not found: run scripts/python-tools.sh")
        log = self.tmp / "starts.log"
        wrapper = self.tmp / "pyenv" / "versions" / "3.8.99" / "bin" / "python3.8"
        wrapper.parent.mkdir(parents=True)
        wrapper.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real[0]} "$@"\n')
        wrapper.chmod(0o755)
        only = {"PATH": "/usr/bin:/bin", "PYENV_ROOT": str(self.tmp / "pyenv")}
        code, out = self.verify(packaged(), "--sps", "7.0", env=only)
        self.assertEqual(code, 0, out)
        self.assertIn("ok: SPS 7.0 on Python 3.8", out)
        starts = log.read_text().splitlines()
        compiles = [s for s in starts if s.startswith("-I -S -c")]
        executors = [s for s in starts if s.startswith("-I -S /")]
        probes = [s for s in starts if s.startswith("-I -c")]
        # The folder's check and the ZIP's hold the same modules: one compile.
        self.assertEqual((len(compiles), len(executors), probes), (1, 1, []), starts)

    def test_a_python_checks_compile_gave_up_on_is_still_found_by_verify(self) -> None:
        # check's list of Pythons it found no compiler for is its own: a compile that failed
        # for another reason (a timeout, a damaged answer) must not make verify say "not
        # found". Module state of the tool in this process, put back after.
        from sps_dev.check import grammar
        from sps_dev.verify import interpreters

        known, missing = dict(interpreters.FOUND), set(grammar._missing)
        self.addCleanup(interpreters.FOUND.update, known)
        self.addCleanup(grammar._missing.intersection_update, missing)
        interpreters.FOUND.clear()
        grammar._missing.add((3, 8))
        found = interpreters.find((3, 8), [])
        self.assertIsNotNone(found)
        self.assertEqual(interpreters.reported(found or []), (3, 8))
        self.assertEqual(interpreters.FOUND.get((3, 8)), found)

    def test_a_release_the_manifest_does_not_claim_is_bad_usage(self) -> None:
        files = packaged()
        files["MANIFEST"] = str(files["MANIFEST"]) + "scb_max_version: 9.0.0~\n"
        code, out = self.verify(files, "--sps", "9.0")
        self.assertEqual(code, 2, out)
        self.assertIn("--sps 9.0: the MANIFEST does not claim SPS 9.0 (it claims 7.0, 8.0)", out)

    def test_an_aa_plugin_and_a_credential_store_run_in_one_connection(self) -> None:
        from test_defects import generated

        store = write_tree(self.tmp / "store", generated("credentialstore"))
        code, out = self.verify(packaged(), "--with", str(store), "--sps", "9.0")
        self.assertEqual(code, 0, out)
        # authenticate, authorize, then the store's three calls, then session_ended.
        self.assertIn("ok: SPS 9.0 on Python 3.12: 6 hook calls", out)
        self.assertEqual(out.count("sys.path:"), 2, out)  # one child per plugin
        code, out = self.verify(packaged(), "--with", str(write_tree(self.tmp / "aa2", packaged())))
        self.assertEqual(code, 2, out)
        self.assertIn("both plugins are of type 'aa'", out)

    def test_the_expected_verdict_is_held(self) -> None:
        code, out = self.verify(packaged(), "--sps", "9.0", "--expect", "DENY")
        self.assertEqual(code, 1, out)
        self.assertIn("the connection ended in ACCEPT, not DENY", out)


class ExecutorOnPython36(TempCase):
    """SPS 6.x runs Python 3.6: the child verify starts there must run on it."""

    def test_the_child_runs_on_3_6(self) -> None:
        from sps_dev.verify import child, interpreters

        python = interpreters.find((3, 6), [])
        if python is None:
            raise AssertionError("Python 3.6 is not found here: " + interpreters.how_to_get((3, 6)))
        root = write_tree(self.tmp / "plugin", {"helper.py": "VALUE = 6\n"})
        running = child.Child(python, root, [], 20)
        try:
            self.assertEqual(running.hello["version"][:2], [3, 6])
            self.assertTrue(running.request({"op": "import", "module": "helper"}, "import")["ok"])
            missing = running.request({"op": "import", "module": "absent"}, "import")
            self.assertEqual(missing["error"], "ModuleNotFoundError")
        finally:
            running.close()
