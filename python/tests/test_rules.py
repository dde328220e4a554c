"""The rule registry and what users do with it: stable codes, the README's table, --explain,
--ignore, [tool.sps-dev], inline comments, and the json and github formats."""

from __future__ import annotations

import json
import re
import unittest
from pathlib import Path
from typing import ClassVar

import support  # noqa: F401 - puts the tool on sys.path (run alone, this module needs it)
from sps_dev import testing
from sps_dev.rules import output, toml_subset
from sps_dev.rules.registry import ERROR, RULES, SOURCES, WARNING
from support import ROOT, TOOL, TempCase, sps_dev, write_tree

HERE = Path(__file__).resolve().parent
SHEBANG = "#!/usr/bin/env pluginwrapper3\n"
MANIFEST = (
    "name: Sample\ndescription: d\nversion: 1.0.0\ntype: credentialstore\napi: '1.7'\n"
    "entry_point: main.py\nscb_min_version: 7.0.0\n"
)
# A credential store whose hook has no **kwargs (H005, a warning) and that reads
# gateway_username, which is passed (no finding for that).
PLUGIN = (
    "class Plugin:\n"
    "    def __init__(self, configuration):\n"
    "        self.configuration = configuration\n\n"
    "    def get_password_list(self, gateway_username=None):{comment}\n"
    "        return {{'passwords': []}}\n\n"
    "    def get_private_key_list(self, **kwargs):\n        return {{'private_keys': []}}\n\n"
    "    def authentication_completed(self, **kwargs):\n        return None\n\n"
    "    def session_ended(self, **kwargs):\n        return None\n\n"
    "    def get_remote_app_credentials(self, **kwargs):\n        return {{'passwords': []}}\n"
)


def plugin(root: Path, comment: str = "", pyproject: str | None = None) -> Path:
    files = {
        "MANIFEST": MANIFEST,
        "main.py": SHEBANG + PLUGIN.format(comment=comment),
    }
    if pyproject is not None:
        files["pyproject.toml"] = pyproject
    return write_tree(root, files)


class Registry(unittest.TestCase):
    def test_codes_are_stable(self) -> None:
        issued = [
            line.strip()
            for line in (HERE / "codes.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        # Every code ever issued is still in the registry (retired ones too), and nothing is
        # in the registry that the list does not hold: a new code is added here on purpose.
        self.assertEqual(sorted(issued), sorted(RULES))
        self.assertEqual(len(issued), len(set(issued)))

    def test_every_rule_is_complete(self) -> None:
        for rule in RULES.values():
            with self.subTest(code=rule.code):
                self.assertRegex(rule.code, r"^[A-Z]\d{3}$")
                self.assertIn(rule.severity, (ERROR, WARNING))
                self.assertIn(rule.source, SOURCES)
                self.assertTrue(rule.title and rule.message and rule.fix)

    def test_every_live_rule_is_reported_somewhere_and_every_code_used_is_registered(self) -> None:
        package = TOOL / "sps_dev"
        used = set()
        for path in package.rglob("*.py"):
            used |= set(
                re.findall(r'(?:found|bad)\(\s*"([A-Z]\d{3})"', path.read_text(encoding="utf-8"))
            )
        self.assertEqual(used - set(RULES), set())
        live = {code for code, rule in RULES.items() if not rule.retired}
        self.assertEqual(live - used, set(), "a live rule no code reports")

    def test_the_readme_table_is_made_from_the_registry(self) -> None:
        readme = (ROOT / "python" / "README.md").read_text(encoding="utf-8")
        table = re.search(r"<!-- rules:begin[^>]*-->\n(.*?)\n<!-- rules:end -->", readme, re.S)
        assert table is not None, "python/README.md has no rules:begin/end markers"
        self.assertEqual(
            table.group(1), output.markdown_table(), "run: node scripts/rules-table.mjs"
        )
        ran = sps_dev(["rules", "--markdown"], HERE)
        self.assertEqual(ran.out.strip(), output.markdown_table())


class Explain(TempCase):
    def test_a_code_is_explained(self) -> None:
        ran = sps_dev(["check", "--explain", "h005"], self.tmp)
        self.assertEqual(ran.code, 0, ran)
        self.assertIn("H005: no **kwargs", ran.out)
        self.assertIn("source: advice", ran.out)
        self.assertIn("# sps-dev: ignore[H005]", ran.out)

    def test_an_unknown_code_is_bad_usage(self) -> None:
        for args in (["check", "--explain", "X999"], ["check", "--ignore", "H005,Q123", "."]):
            with self.subTest(args=args):
                ran = sps_dev(args, self.tmp)
                self.assertEqual(ran.code, 2, ran)
                self.assertIn("not a rule code", ran.err)
                self.assertNoTraceback(ran)


class Ignore(TempCase):
    def codes(self, ran_out: str) -> list[str]:
        return sorted(f["code"] for f in json.loads(ran_out)["findings"])

    def test_the_warning_is_reported_without_settings(self) -> None:
        ran = sps_dev(["check", "--format", "json", str(plugin(self.tmp))], self.tmp)
        self.assertEqual(self.codes(ran.out), ["H005"])

    def test_flag_pyproject_and_inline_comment_each_silence_it(self) -> None:
        cases = {
            "flag": (plugin(self.tmp / "a"), ["--ignore", "H005"]),
            "pyproject": (
                plugin(self.tmp / "b", pyproject='[tool.sps-dev]\nignore = [\n  "H005",\n]\n'),
                [],
            ),
            "inline": (plugin(self.tmp / "c", comment="  # sps-dev: ignore[H005]"), []),
        }
        for name, (project, flags) in cases.items():
            with self.subTest(name):
                ran = sps_dev(
                    ["check", "--strict", "--format", "json", *flags, str(project)], self.tmp
                )
                self.assertEqual(ran.code, 0, ran)
                report = json.loads(ran.out)
                self.assertEqual(report["findings"], [])
                self.assertEqual(report["ignored"], 1)

    def test_an_inline_comment_for_another_code_silences_nothing(self) -> None:
        project = plugin(self.tmp, comment="  # sps-dev: ignore[H004]")
        ran = sps_dev(["check", "--format", "json", str(project)], self.tmp)
        self.assertEqual(self.codes(ran.out), ["H005"])

    def test_bad_settings_are_bad_usage(self) -> None:
        cases = {
            "unknown code": '[tool.sps-dev]\nignore = ["H999"]\n',
            "unknown key": "[tool.sps-dev]\nstrict = true\n",
            "not a list": '[tool.sps-dev]\nignore = "H005"\n',
            "not TOML": "[tool.sps-dev]\nignore = [\n",
        }
        for name, text in cases.items():
            with self.subTest(name):
                project = plugin(self.tmp / name.replace(" ", "_"), pyproject=text)
                ran = sps_dev(["check", str(project)], self.tmp)
                self.assertEqual(ran.code, 2, ran)
                self.assertIn("[tool.sps-dev]" if name != "not TOML" else "pyproject.toml", ran.err)
                self.assertNoTraceback(ran)


class Formats(TempCase):
    def test_json_is_one_versioned_object_and_nothing_else(self) -> None:
        ran = sps_dev(["check", "--format", "json", str(plugin(self.tmp))], self.tmp)
        report = json.loads(ran.out)  # fails on anything else on stdout
        self.assertEqual(report["format"], output.JSON_FORMAT_VERSION)
        self.assertEqual(report["verdict"], "passes")
        self.assertEqual(report["plugin"]["name"], "Sample")
        (finding,) = report["findings"]
        self.assertEqual(
            {k: finding[k] for k in ("code", "severity", "file", "line", "source")},
            {
                "code": "H005",
                "severity": "warning",
                "file": "main.py",
                "line": 6,
                "source": "advice",
            },
        )
        self.assertEqual(ran.err, "")

    def test_json_exit_code_follows_the_verdict(self) -> None:
        ran = sps_dev(["check", "--strict", "--format", "json", str(plugin(self.tmp))], self.tmp)
        self.assertEqual(ran.code, 1)
        self.assertEqual(json.loads(ran.out)["verdict"], "fails")

    def test_github_annotations_name_the_file_from_where_ci_runs(self) -> None:
        plugin(self.tmp / "plugin")
        ran = sps_dev(["check", "--format", "github", "plugin"], self.tmp)
        self.assertEqual(ran.code, 0, ran)
        self.assertIn("::warning file=plugin/main.py,line=6,title=sps-dev H005::", ran.out)

    def test_github_escapes_what_would_end_an_annotation(self) -> None:
        finding = testing.Finding("M004", "error", "a,b:c", 1, "x\ny%", "SPS docs", "fix")
        line = output.github_annotation(finding, "a,b:c")
        self.assertEqual(line.count("\n"), 0)
        self.assertIn("file=a%2Cb%3Ac", line)
        self.assertIn("x%0Ay%25", line)


class TomlSubset(unittest.TestCase):
    CASES: ClassVar[dict[str, dict[str, object]]] = {
        "[tool.sps-dev]\nignore = [\"H005\", 'C005']  # two\n": {"ignore": ["H005", "C005"]},
        '[tool.other]\nignore = [1]\n[tool.sps-dev]\nignore = [\n  "A",\n  # c\n  "B",\n]\n': {
            "ignore": ["A", "B"]
        },
        '[project]\nname = "x"\n': {},
        '[ tool.sps-dev ]\nflag = true\nn = -3\ns = "a\\"b"\n': {"flag": True, "n": -3, "s": 'a"b'},
    }

    def test_the_subset_reads_what_tomllib_reads(self) -> None:
        for text, expected in self.CASES.items():
            with self.subTest(text=text):
                self.assertEqual(toml_subset._read_subset(text), expected)
                try:
                    import tomllib  # type: ignore[import-not-found,unused-ignore]
                except ImportError:
                    continue
                self.assertEqual(tomllib.loads(text).get("tool", {}).get("sps-dev", {}), expected)

    def test_what_the_subset_cannot_read_is_an_error(self) -> None:
        for text in (
            "[tool.sps-dev]\nignore = [\n",
            "[tool.sps-dev]\nx = {a = 1}\n",
            "[tool.sps-dev]\nx\n",
        ):
            with self.subTest(text=text), self.assertRaises(toml_subset.TomlError):
                toml_subset._read_subset(text)


class PublicApi(unittest.TestCase):
    # The names generated projects' tests may import; removing or renaming one is a breaking
    # change for every project (add here on purpose, never remove).
    PUBLIC: ClassVar[set[str]] = {
        "DEFAULT_CONNECTION",
        "RELEASES",
        "BuildError",
        "Call",
        "ContractError",
        "Finding",
        "HookRaised",
        "NoAnswer",
        "Outcome",
        "PluginUnderTest",
        "Release",
        "build",
        "check_folder",
        "check_zip_file",
        "claimed_releases",
        "hooks_of",
        "main",
        "manifest_fields",
        "pyproject_table",
        "release_named",
        "requirements_drift",
        "run_aa_session",
        "run_connection",
        "run_credential_store_session",
        "shipped_files",
    }

    def test_the_public_names_are_there(self) -> None:
        self.assertEqual(set(testing.__all__), self.PUBLIC)
        for name in self.PUBLIC:
            self.assertTrue(hasattr(testing, name), name)

    def test_generated_projects_import_only_the_public_api(self) -> None:
        imports = re.compile(r"^\s*(?:from|import)\s+(sps_dev[\w.]*)", re.M)
        for path in (ROOT / "templates").rglob("*"):
            if path.is_file():
                for module in imports.findall(path.read_text(encoding="utf-8", errors="replace")):
                    with self.subTest(file=str(path.relative_to(ROOT)), module=module):
                        self.assertEqual(module, "sps_dev.testing")
