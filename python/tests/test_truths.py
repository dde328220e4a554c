"""What check, build and simulate say must hold on SPS: an import the ZIP cannot satisfy is an
error, build leaves one ZIP and never drops a pluginv configuration, and simulate blames the
plugin only for what fails on SPS, at the plugin's own line."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path
from unittest import mock

from support import Files, TempCase, sps_dev, write_tree, zip_names
from test_simulate import ACCEPTING_AA, SDK_STAND_IN, raw_plugin

SHEBANG = "#!/usr/bin/env pluginwrapper3\n"
MANIFEST = (
    "name: Gate\ndescription: d\nversion: {version}\ntype: aa\napi: '1.7'\n"
    "entry_point: main.py\nscb_min_version: 7.0.0\n"
)
HOOKS = (
    "    def authenticate(self, **kwargs):\n        return {'verdict': 'ACCEPT'}\n\n"
    "    def authorize(self, **kwargs):\n        return {'verdict': 'ACCEPT'}\n\n"
    "    def session_ended(self, **kwargs):\n        return None\n"
)


def packaged(version: str = "1.0.0", **files: str) -> Files:
    """An AA plugin in a package gate/ whose plugin module may import what ``files`` says."""
    tree: Files = {
        "MANIFEST": MANIFEST.format(version=version),
        "main.py": SHEBANG + "from gate.plugin import Plugin\n\n__all__ = ['Plugin']\n",
        "gate/__init__.py": "",
        "gate/plugin.py": "class Plugin:\n    def __init__(self, configuration):\n"
        "        self.configuration = configuration\n\n" + HOOKS,
    }
    tree.update({name.replace("__", "/"): text for name, text in files.items()})
    return tree


class Imports(TempCase):
    def check(self, files: Files, *args: str) -> str:
        ran = sps_dev(["check", *args, str(write_tree(self.tmp / "p", files))], self.tmp)
        self.assertNoTraceback(ran)
        self.assertEqual(ran.code, 1, ran)
        return ran.err

    def test_a_missing_module_of_its_own_is_an_error_at_its_line(self) -> None:
        files = packaged()
        files["gate/plugin.py"] = "from .missing_helper import helper\n\n" + str(
            files["gate/plugin.py"]
        )
        err = self.check(files)
        self.assertIn("gate/plugin.py:1: error I002: imports gate.missing_helper", err)

    def test_main_taking_plugin_from_a_module_the_package_lacks_is_an_error(self) -> None:
        files = packaged()
        files["main.py"] = SHEBANG + "from gate.plugins import Plugin\n"
        self.assertIn("main.py:2: error I002: imports gate.plugins", self.check(files))

    def test_an_unbundled_third_party_import_is_an_error_in_a_folder_and_in_its_zip(self) -> None:
        files = packaged()
        files["gate/plugin.py"] = "import hvac\n\n" + str(files["gate/plugin.py"])
        self.assertIn("gate/plugin.py:1: error I001: imports hvac", self.check(files))

    def test_what_is_there_passes(self) -> None:
        files = packaged(**{"gate__helper.py": "HELP = 1\n", "gate__sub__mod.py": "X = 1\n"})
        files["gate/plugin.py"] = (
            "from . import helper\nfrom .helper import HELP\nfrom gate.sub.mod import X\n\n"
            + str(files["gate/plugin.py"])
        )
        ran = sps_dev(["check", "--strict", str(write_tree(self.tmp / "ok", files))], self.tmp)
        self.assertEqual(ran.code, 0, ran)


class Build(TempCase):
    def test_dist_holds_exactly_one_zip_of_the_plugin_and_nothing_else_goes(self) -> None:
        project = write_tree(self.tmp / "p", packaged("1.0.0"))
        first = sps_dev(["build", str(project)], self.tmp)
        self.assertEqual(first.code, 0, first)
        others = {"Gate_two-1.0.0.zip": b"another plugin", "notes.txt": b"mine", "Gate.zip": b"x"}
        for name, data in others.items():
            (project / "dist" / name).write_bytes(data)
        write_tree(project, {"MANIFEST": MANIFEST.format(version="1.1.0")})
        second = sps_dev(["build", str(project)], self.tmp)
        self.assertEqual(second.code, 0, second)
        self.assertIn("removed the older", second.err)
        listed = sorted(p.name for p in (project / "dist").iterdir())
        self.assertEqual(listed, sorted(["Gate-1.1.0.zip", *others]))
        # check dist/*.zip then sees one ZIP, as the README runs it.
        ran = sps_dev(["check", "dist/Gate-1.1.0.zip"], project)
        self.assertEqual(ran.code, 0, ran)

    def test_a_pluginv_configuration_is_shipped_as_default_cfg_and_said(self) -> None:
        project = write_tree(
            self.tmp / "p", packaged(**{"default.cfg.plugin": "[gate]\nenabled = yes\n"})
        )
        ran = sps_dev(["build", str(project)], self.tmp)
        self.assertEqual(ran.code, 0, ran)
        self.assertIn("default.cfg.plugin is shipped as default.cfg", ran.err)
        self.assertIn("SDK's common sections", ran.err)
        (built,) = (project / "dist").iterdir()
        self.assertIn("default.cfg", zip_names(built))
        self.assertNotIn("default.cfg.plugin", zip_names(built))


class SimulateBlames(TempCase):
    def simulate(self, files: Files, *args: str, sdk: Files | None = None) -> tuple[int, str]:
        project = write_tree(self.tmp / "plugin", files)
        extra = [write_tree(self.tmp / "sdk", sdk)] if sdk else []
        ran = sps_dev(["simulate", *args], project, extra_path=extra)
        self.assertNoTraceback(ran)
        self.assertNotIn("sps_dev/", ran.both)  # never a line of the tool itself
        return ran.code, ran.both

    def test_a_missing_module_of_its_own_is_the_plugins_failure(self) -> None:
        files = packaged()
        files["gate/plugin.py"] = "from .missing_helper import helper\n\n" + str(
            files["gate/plugin.py"]
        )
        code, out = self.simulate(files)
        self.assertEqual(code, 1, out)
        self.assertIn("imports gate.missing_helper, a module of its own that it does not have", out)

    def test_a_constructor_that_cannot_be_built_is_reported_at_its_def(self) -> None:
        body = ACCEPTING_AA.replace(
            "def __init__(self, configuration):", "def __init__(self, configuration, region):"
        )
        code, out = self.simulate(raw_plugin("aa", body))
        self.assertEqual(code, 1, out)
        self.assertIn("Plugin(configuration) raised TypeError", out)
        self.assertIn("at main.py:8", out)  # the def line: no line of it ran

    def test_an_sdk_without_a_name_the_plugin_imports_is_this_machines_problem(self) -> None:
        files: Files = {
            "MANIFEST": MANIFEST.format(version="1.0.0"),
            "main.py": SHEBANG + "from safeguard.sessions.plugin import AAPlugin, NoSuchThing\n\n\n"
            "class Plugin(AAPlugin):\n    pass\n",
        }
        code, out = self.simulate(files, sdk=SDK_STAND_IN)
        self.assertEqual(code, 2, out)
        self.assertIn("the Plugin SDK installed here", out)
        self.assertIn("NoSuchThing", out)
        self.assertNotIn("session would end", out)

    def test_a_question_without_an_answer_says_how_to_give_one(self) -> None:
        body = (
            "class Plugin:\n    def __init__(self, configuration):\n        pass\n\n"
            "    def authenticate(self, key_value_pairs=None, **kwargs):\n"
            "        if (key_value_pairs or {}).get('otp'):\n"
            "            return {'verdict': 'ACCEPT'}\n"
            "        return {'verdict': 'NEEDINFO', 'question': ('otp', 'Code: ', True)}\n\n"
            "    def authorize(self, **kwargs):\n        return {'verdict': 'ACCEPT'}\n\n"
            "    def session_ended(self, **kwargs):\n        return None\n"
        )
        code, out = self.simulate(raw_plugin("aa", body))
        self.assertEqual(code, 2, out)
        self.assertIn("give --answer otp=VALUE", out)
        self.assertNotIn("SPS would reject", out)
        code, out = self.simulate(raw_plugin("aa", body), "--answer", "otp=123456")
        self.assertEqual(code, 0, out)


class SdkHooks(TempCase):
    SDK_PLUGIN = (
        SHEBANG + "from safeguard.sessions.plugin import AAPlugin, AAResponse\n\n\n"
        "class Plugin(AAPlugin):\n"
        "    def do_authenticate(self, user):\n        return AAResponse.accept()\n\n"
        "    async def do_authorize(self):\n        return AAResponse.accept()\n\n"
        "    def do_sesion_ended(self):\n        return None\n\n"
        "    def do_helper(self, anything):\n        return anything\n"
    )

    def test_the_sdks_calling_rule_is_held(self) -> None:
        files: Files = {"MANIFEST": MANIFEST.format(version="1.0.0"), "main.py": self.SDK_PLUGIN}
        ran = sps_dev(["check", str(write_tree(self.tmp / "p", files))], self.tmp)
        self.assertEqual(ran.code, 1, ran)
        self.assertIn("main.py:6: error H009: do_authenticate() requires user", ran.err)
        self.assertIn("main.py:9: error H010: do_authorize() is async", ran.err)
        self.assertIn("main.py:12: warning H011: do_sesion_ended() is not a hook", ran.err)
        self.assertIn("did you mean do_session_ended()?", ran.err)
        # A helper of the plugin's own, far from any hook name, is not the SDK's business.
        self.assertNotIn("do_helper", ran.err)

    def test_a_raw_aa_plugin_without_authenticate_is_an_error(self) -> None:
        body = ACCEPTING_AA.replace(
            "    def authenticate(self, **kwargs):\n", "    def other(self, **kwargs):\n"
        )
        ran = sps_dev(["check", str(write_tree(self.tmp / "p", raw_plugin("aa", body)))], self.tmp)
        self.assertEqual(ran.code, 1, ran)
        self.assertIn("error H012: Plugin has no authenticate()", ran.err)


class TargetPython(TempCase):
    """Judged for the Python of each SPS release the MANIFEST claims, whichever Python runs
    check (this suite runs on 3.8, 3.11, 3.12 and 3.13, with the same expectations)."""

    def check(self, manifest_extra: str, code: str) -> tuple[int, str]:
        files = packaged()
        manifest = str(files["MANIFEST"]).replace("scb_min_version: 7.0.0\n", "")
        files["MANIFEST"] = manifest.replace("api: '1.7'\n", manifest_extra)
        files["gate/plugin.py"] = code + "\n\n" + str(files["gate/plugin.py"])
        ran = sps_dev(["check", str(write_tree(self.tmp / "p", files))], self.tmp)
        self.assertNoTraceback(ran)
        return ran.code, ran.err

    def test_a_module_the_oldest_python_lacks_is_an_error(self) -> None:
        code, err = self.check("api: '1.7'\nscb_min_version: 7.0.0\n", "import tomllib")
        self.assertEqual(code, 1, err)
        self.assertIn(
            "error I003: imports tomllib, which is not in the standard library of Python 3.8", err
        )
        self.assertIn("SPS 7.0 runs Python 3.8", err)

    def test_a_module_the_newest_python_removed_is_an_error(self) -> None:
        code, err = self.check("api: '1.9'\nscb_min_version: 9.0.0\n", "import imp")
        self.assertEqual(code, 1, err)
        self.assertIn(
            "error I003: imports imp, which is not in the standard library of Python 3.12", err
        )

    def test_a_module_every_claimed_python_has_passes(self) -> None:
        code, err = self.check("api: '1.9'\nscb_min_version: 9.0.0\n", "import tomllib, zoneinfo")
        self.assertEqual(code, 0, err)

    def test_a_guarded_import_passes(self) -> None:
        guarded = "try:\n    import tomllib\nexcept ImportError:\n    tomllib = None"
        code, err = self.check("api: '1.7'\n", guarded)
        self.assertEqual(code, 0, err)

    def test_grammar_ast_cannot_judge_is_compiled_by_the_plugins_python(self) -> None:
        # Relaxed decorators (3.9): ast's feature_version lets them through for 3.8.
        decorated = "handlers = [lambda f: f]\n\n\n@handlers[0]\ndef hook():\n    return 1"
        code, err = self.check("api: '1.7'\nscb_min_version: 7.0.0\n", decorated)
        self.assertEqual(code, 1, err)
        if sys.version_info >= (3, 9):
            self.assertIn("error S002: uses syntax Python 3.8 does not have", err)
            self.assertIn("compiled by Python 3.8 here", err)
        else:  # unreadable by the Python running check: an error as well
            self.assertIn("error S001", err)
        # For SPS 9 (Python 3.12) the same module compiles.
        code, err = self.check("api: '1.9'\nscb_min_version: 9.0.0\n", decorated)
        self.assertEqual(code, 0 if sys.version_info >= (3, 9) else 1, err)

    def test_the_compile_child_answers_in_any_locale_with_names_and_messages_whole(self) -> None:
        # Under the C locale Python 3.6 writes ASCII only: the child's answer must be ASCII
        # (a module's name, or 3.12's message naming the character, is not).
        from sps_dev.check import grammar

        name = "pakkë/módulo.py"
        sound = "pakkë/señal.py"  # compiles everywhere: it must come back without a problem
        with mock.patch.dict(os.environ, {"LC_ALL": "C", "LANG": "C"}):
            for python in [(3, 6), (3, 8), (3, 12)]:
                with self.subTest(python=python):
                    # Another source each time: grammar keeps what it found for the same modules.
                    sources = {
                        name: f"x = 1 \u20ac  # {python}\n".encode(),
                        sound: f"y = 'ñ'  # {python}\n".encode(),
                    }
                    found, how = grammar.problems(sources, python, best_effort=False)
                    self.assertEqual(how, f"compiled by Python {python[0]}.{python[1]} here")
                    self.assertEqual(list(found), [name])
                    self.assertTrue(found[name].startswith("line 1: invalid character"), found)
                    if python >= (3, 12):
                        self.assertIn("'\u20ac' (U+20AC)", found[name])

    def test_an_interpreter_that_reports_another_python_is_not_taken_for_it(self) -> None:
        # A pyenv build named 3.8 that is another Python (a link to 3.12): were its word taken,
        # it would compile a match statement for SPS 7. check asks each candidate which Python
        # it is and skips this one; ast then judges 3.8's grammar.
        from sps_dev.verify.interpreters import find

        real = find((3, 12), [])
        if real is None:
            self.fail("Python 3.12 not found: run scripts/python-tools.sh")
        impostor = self.tmp / "pyenv" / "versions" / "3.8.99" / "bin" / "python3.8"
        impostor.parent.mkdir(parents=True)
        impostor.symlink_to(real[0])
        files = packaged()
        files["MANIFEST"] = str(files["MANIFEST"]).replace("scb_min_version: 7.0.0\n", "")
        files["gate/plugin.py"] = "match 1:\n    case 1:\n        pass\n\n\n" + str(
            files["gate/plugin.py"]
        )
        project = write_tree(self.tmp / "p", files)
        only = {
            "PYENV_ROOT": str(self.tmp / "pyenv"),
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.tmp),
        }
        ran = sps_dev(["check", str(project)], self.tmp, env=only)
        self.assertNoTraceback(ran)
        self.assertEqual(ran.code, 1, ran)
        self.assertRegex(ran.err, r"gate/plugin.py(:\d+)?: error S00[12]: ")
        self.assertNotIn("compiled by Python 3.8 here", ran.err)

    def test_a_match_statement_for_sps_7_is_an_error(self) -> None:
        code, err = self.check("api: '1.7'\n", "match 1:\n    case 1:\n        pass")
        self.assertEqual(code, 1, err)
        self.assertRegex(err, r"gate/plugin.py(:\d+)?: error S00[12]: ")


class BundledDistributions(TempCase):
    def zip_with(self, metadata: str, wheel: str, claims: str = "") -> Path:
        files = packaged()
        files["MANIFEST"] = str(files["MANIFEST"]) + claims
        files["gate/plugin.py"] = "import newdep\n\n" + str(files["gate/plugin.py"])
        files["newdep/__init__.py"] = "VALUE = 1\n"
        files["newdep-1.0.dist-info/METADATA"] = (
            f"Metadata-Version: 2.1\nName: newdep\nVersion: 1.0\n{metadata}"
        )
        files["newdep-1.0.dist-info/WHEEL"] = f"Wheel-Version: 1.0\n{wheel}"
        files["newdep-1.0.dist-info/RECORD"] = "newdep/__init__.py,,\n"
        path = self.tmp / "gate.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in sorted(files.items()):
                archive.writestr(name, text)
        return path

    def check(self, path: Path) -> tuple[int, str]:
        ran = sps_dev(["check", str(path)], self.tmp)
        self.assertNoTraceback(ran)
        return ran.code, ran.err

    def test_a_dependency_that_needs_a_newer_python_is_an_error(self) -> None:
        code, err = self.check(self.zip_with("Requires-Python: >=3.10\n", "Tag: py3-none-any\n"))
        self.assertEqual(code, 1, err)
        self.assertIn("error D001: bundles newdep-1.0, which requires Python >=3.10: SPS 7.0", err)

    def test_a_dependency_built_for_another_platform_or_python_is_an_error(self) -> None:
        for tag, why in (
            ("cp38-cp38-win_amd64", "win_amd64, not Linux x86_64"),
            ("cp311-cp311-manylinux_2_17_x86_64", "cp311 (cp311), not CPython 3.8"),
        ):
            with self.subTest(tag=tag):
                code, err = self.check(self.zip_with("", f"Tag: {tag}\n"))
                self.assertEqual(code, 1, err)
                self.assertIn(f"error D002: bundles newdep-1.0, which is built for {why}", err)

    def test_a_dependency_for_the_plugins_python_passes(self) -> None:
        before_nine = "scb_max_version: 9.0.0~\n"  # SPS 7 and 8 only: Python 3.8
        for metadata, tag, claims in (
            ("Requires-Python: >=3.7,<4\n", "py3-none-any", ""),
            ("", "cp38-cp38-manylinux2014_x86_64", before_nine),
            ("", "cp37-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64", ""),
        ):
            with self.subTest(tag=tag):
                code, err = self.check(self.zip_with(metadata, f"Tag: {tag}\n", claims))
                self.assertEqual(code, 0, err)
        # The same cp38 wheel for a plugin that claims SPS 9 too (Python 3.12) does not load.
        code, err = self.check(self.zip_with("", "Tag: cp38-cp38-manylinux2014_x86_64\n"))
        self.assertIn("not CPython 3.12: SPS 9.0 runs CPython 3.12", err)

    def test_requires_python_is_read_as_pip_reads_it(self) -> None:
        from sps_dev.check import distributions  # after support put the wheel on sys.path

        cases = {
            ">=3.10": {(3, 8): False, (3, 12): True},
            ">=3.8,!=3.9.*": {(3, 8): True, (3, 9): False, (3, 12): True},
            "~=3.8": {(3, 8): True, (3, 12): True, (4, 0): False},
            "<3.12": {(3, 11): True, (3, 12): False},
            "==3.8.*": {(3, 8): True, (3, 9): False},
        }
        for specifier, expected in cases.items():
            for python, allowed in expected.items():
                with self.subTest(specifier=specifier, python=python):
                    self.assertIs(distributions.allows(specifier, python), allowed)
        self.assertIsNone(distributions.allows(">=three", (3, 8)))


class Release(TempCase):
    """sps-dev release --tag: the ZIP a release workflow publishes, its SHA-256 and what it
    bundles, only for the tag that names the MANIFEST's version."""

    def test_the_tag_must_name_the_manifest_version(self) -> None:
        project = write_tree(self.tmp / "p", raw_plugin("aa", ACCEPTING_AA))
        for tag in ("1.0.0", "v1.0.1", "v1.0", "release-1.0.0"):
            with self.subTest(tag):
                ran = sps_dev(["release", "--tag", tag], project)
                self.assertEqual(ran.code, 1, ran)
                self.assertIn(f"the tag {tag!r} is not the MANIFEST's version '1.0.0'", ran.err)
                self.assertFalse((project / "dist").exists())

    def test_it_writes_the_zip_its_checksum_and_its_bundled_list(self) -> None:
        import hashlib

        project = write_tree(self.tmp / "p", raw_plugin("aa", ACCEPTING_AA))
        ran = sps_dev(["release", "--tag", "v1.0.0"], project)
        self.assertEqual(ran.code, 0, ran)
        made = [project / line for line in ran.out.split()]
        self.assertEqual(
            [p.name for p in made],
            ["Raw-1.0.0.zip", "Raw-1.0.0.zip.sha256", "Raw-1.0.0.zip.bundled.txt"],
        )
        digest = hashlib.sha256(made[0].read_bytes()).hexdigest()
        self.assertEqual(made[1].read_text(encoding="utf-8"), f"{digest}  Raw-1.0.0.zip\n")
        self.assertEqual(made[2].read_text(encoding="utf-8"), "")

    def test_the_bundled_list_names_each_distribution_with_its_version(self) -> None:
        from sps_dev.build.release import bundled

        path = self.tmp / "p.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("main.py", "")
            archive.writestr(
                "six-1.16.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n",
            )
            archive.writestr(
                "Duo_Client-5.0.1.dist-info/METADATA", "Name: duo_client\nVersion: 5.0.1\n\nbody\n"
            )
            archive.writestr("pkg/x.dist-info/METADATA", "Name: nested\nVersion: 9\n")
        self.assertEqual(bundled(path), ["duo_client 5.0.1", "six 1.16.0"])
