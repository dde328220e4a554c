"""What check, build and simulate say must hold on SPS: an import the ZIP cannot satisfy is an
error, build leaves one ZIP and never drops a pluginv configuration, and simulate blames the
plugin only for what fails on SPS, at the plugin's own line."""

from __future__ import annotations

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
