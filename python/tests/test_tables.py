"""The release table that check and simulate share, the release range a MANIFEST claims,
the Pipfile reader, and how check finds Plugin through imports."""

from __future__ import annotations

import ast
import unittest

import support  # noqa: F401 - puts the tool on sys.path
from sps_dev.build import deps
from sps_dev.check import config as check_config
from sps_dev.check.source import Resolver
from sps_dev.contract import manifest, releases

# target_username is not here: SPS 6 before F5 passed it to AA hooks too [inferred].
CS_ONLY = {"gateway_username", "gateway_password", "target_host", "asset"}
AA_ONLY = {"gateway_user", "client_port", "key_value_pairs"}


class ReleaseTable(unittest.TestCase):
    def test_each_type_keeps_its_own_gateway_name(self) -> None:
        for line in releases.RELEASES:
            for hook, passed in line.hooks["aa"].items():
                with self.subTest(line=line.name, hook=hook):
                    self.assertFalse(passed.names & CS_ONLY)
            for hook, passed in line.hooks["credentialstore"].items():
                with self.subTest(line=line.name, hook=hook):
                    self.assertFalse(passed.names & AA_ONLY)
                    self.assertIn("session_id", passed.names)

    def test_only_documented_complete_lists_can_make_errors(self) -> None:
        seven = releases.release_named("7.0")
        nine = releases.release_named("9.0")
        assert seven is not None and nine is not None
        self.assertTrue(seven.hooks["credentialstore"]["get_password_list"].complete)
        # No SPS 9 guide page is stored: its credential-store names are inferred.
        self.assertFalse(nine.hooks["credentialstore"]["get_password_list"].complete)
        self.assertFalse(seven.hooks["credentialstore"]["authentication_completed"].complete)
        self.assertFalse(seven.hooks["credentialstore"]["get_remote_app_credentials"].complete)

    def test_lines_are_ordered_and_offer_rising_api(self) -> None:
        firsts = [line.first for line in releases.RELEASES]
        self.assertEqual(firsts, sorted(firsts))
        self.assertEqual(len(set(firsts)), len(firsts))
        self.assertEqual(
            [line.api_minor for line in releases.RELEASES], [1, 2, 3, 4, 5, 6, 7, 7, 8, 9]
        )

    def test_sps_6_lines_run_python_3_6_and_their_own_names(self) -> None:
        six, f5, f10 = (releases.release_named(n) for n in ("6.0", "6.5", "6.10"))
        assert six is not None and f5 is not None and f10 is not None
        self.assertEqual((six.python, f5.python, f10.python), ((3, 6), (3, 6), (3, 8)))
        before = six.hooks["credentialstore"]["get_password_list"]
        self.assertTrue(before.complete)
        self.assertNotIn("server_username", before.names)
        self.assertIn("target_host", before.names)
        self.assertIn("server_username", f5.hooks["credentialstore"]["get_password_list"].names)
        # The RemoteApp hook arrived with SDK 1.7 (6 F10).
        self.assertNotIn("get_remote_app_credentials", f5.hooks["credentialstore"])
        self.assertIn("get_remote_app_credentials", f10.hooks["credentialstore"])
        # Before F5 the AA lists are cut off in every stored page: never an error.
        self.assertFalse(six.hooks["aa"]["authenticate"].complete)
        self.assertIn("server_username", six.hooks["aa"]["authenticate"].maybe)


class Claimed(unittest.TestCase):
    def test_release_ranges(self) -> None:
        every = [line.name for line in releases.RELEASES]
        cases = [
            ((1, "", ""), every),
            ((1, "6.3.0", "6.5.0~"), ["6.3"]),
            ((4, "6.4.2", "6.7.0"), ["6.3", "6.5", "6.7"]),
            ((6, "6.8.0", "7.0.0~"), ["6.7", "6.10"]),
            ((7, "6.13.0", ""), ["6.10", "7.0", "8.0", "9.0"]),
            ((7, "", ""), ["6.10", "7.0", "8.0", "9.0"]),
            ((7, "7.0.0", "8.0.0~"), ["7.0"]),
            ((7, "", "8.0.0"), ["6.10", "7.0", "8.0"]),
            ((8, "", ""), ["8.0", "9.0"]),
            ((1, "8.1.0", ""), ["8.0", "9.0"]),
            ((9, "", ""), ["9.0"]),
            ((9, "", "8.0.0~"), []),
            ((1, "10.2.0", ""), ["9.0"]),
        ]
        for (api, low, high), expected in cases:
            with self.subTest(api=api, low=low, high=high):
                lines, _ = manifest.claimed(api, low, high)
                self.assertEqual([line.name for line in lines], expected)

    def test_simple_fields_read_what_simulate_needs_without_yaml(self) -> None:
        text = 'name: X\napi: "1.8"  # quoted\n# scb_min_version: 5.10.0\n  nested: no\n'
        self.assertEqual(manifest.simple_fields(text), {"name": "X", "api": "1.8"})


class Pipfile(unittest.TestCase):
    def test_packages_forms(self) -> None:
        found = deps.Dependencies()
        deps.read_pipfile(
            '[source]\nurl = "x"\n\n[packages]\nsix = "*"\n"duo-client" = "~=4.0"\n'
            'req = {version = ">=2", extras = ["socks"]}\n'
            'plain = {}\n\n[dev-packages]\npytest = "*"\n',
            found,
        )
        self.assertEqual(found.requirements, ["six", "duo-client~=4.0", "req[socks]>=2", "plain"])
        self.assertEqual(found.origins[1], "Pipfile:6")
        self.assertEqual(found.problems, [])

    def test_sdk_and_import_names(self) -> None:
        self.assertTrue(deps.is_sdk("OneIdentity_Safeguard.Sessions-Plugin-SDK~=1.7"))
        self.assertEqual(deps.import_name("PyYAML>=6"), "yaml")
        self.assertEqual(deps.import_name("duo-client"), "duo_client")


def resolve(modules: dict, entry: str = "main"):  # type: ignore[no-untyped-def]
    parsed = {name: (name, path, ast.parse(text)) for name, (path, text) in modules.items()}
    return Resolver(parsed.get).plugin_class(parsed[entry])


class FindingPlugin(unittest.TestCase):
    def test_through_packages_aliases_and_star_imports(self) -> None:
        found = resolve(
            {
                "main": ("main.py", "from pkg import *\n"),
                "pkg": ("pkg/__init__.py", "from .impl import Real as Plugin\n"),
                "pkg.impl": (
                    "pkg/impl.py",
                    "import pkg.base as b\nclass Real(b.Base):\n    def session_ended(self, **kw): pass\n",
                ),
                "pkg.base": (
                    "pkg/base.py",
                    "from safeguard.sessions.plugin import AAPlugin\nclass Base(AAPlugin):\n    def authorize(self): pass\n",
                ),
            }
        )
        self.assertNotIsInstance(found, (str, type(None)))
        assert found is not None and not isinstance(found, str)
        self.assertEqual(found.sdk_base, "AAPlugin")
        self.assertEqual(sorted(found.methods), ["authorize", "session_ended"])
        self.assertEqual(found.file, "pkg/impl.py")

    def test_a_cycle_of_bases_ends(self) -> None:
        found = resolve({"main": ("main.py", "class A(B): pass\nclass B(A): pass\nPlugin = A\n")})
        self.assertFalse(isinstance(found, str) or found is None)

    def test_outside_names_and_missing_plugin(self) -> None:
        self.assertEqual(
            resolve({"main": ("main.py", "from elsewhere import Plugin\n")}), "elsewhere.Plugin"
        )
        self.assertIsNone(resolve({"main": ("main.py", "x = 1\n")}))


class LiteralSecrets(unittest.TestCase):
    def test_only_names_that_hold_a_secret_are_flagged_and_values_never_shown(self) -> None:
        cases = {
            "password = hunter2-x": True,
            "vault_token = s.abcdef": True,
            "client-secret = abc123": True,
            "api_keys = k1": True,
            "token_url = https://login.example.com/token": False,
            "secrets_path = passwords": False,
            "password = $": False,
            "password = <the service password>": False,
            "; password = hunter2-x": False,
            "reuse_gateway_password = yes": False,
        }
        for line, flagged in cases.items():
            with self.subTest(line):
                found = check_config.check(f"[vault]\n{line}\n".encode())
                self.assertEqual(any("literal value" in str(f) for f in found), flagged, found)
                self.assertFalse(any("hunter2" in str(f) or "s.abcdef" in str(f) for f in found))


class ClaimedByAProject(unittest.TestCase):
    def test_a_generated_manifest_claims_7_on_and_an_sps_6_one_every_line(self) -> None:
        import tempfile
        from pathlib import Path

        from sps_dev import testing

        with tempfile.TemporaryDirectory() as folder:
            manifest_file = Path(folder) / "MANIFEST"
            manifest_file.write_text(
                "name: X\napi: '1.7'\nscb_min_version: 7.0.0\n", encoding="utf-8"
            )
            names = [line.name for line in testing.claimed_releases(Path(folder))]
            self.assertEqual(names, ["7.0", "8.0", "9.0"])
            manifest_file.write_text("name: X\napi: 1.1\n", encoding="utf-8")
            names = [line.name for line in testing.claimed_releases(Path(folder))]
            self.assertEqual(names, [line.name for line in releases.RELEASES])
