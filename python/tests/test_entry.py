"""The suite plays most runs of sps_dev in its own process (in_process.py). Here the same
runs are made both ways, ``python -s -S -m sps_dev`` and in this process, and must give the
same exit code and the same output (verify's temporary folder's random name aside): every
command, usage errors, findings in each format, a build, simulate with the plugin's own
output (non-ASCII, a carriage return) and verify. And the stand-in refuses what would make it
lie: plugin code imported into the test's process, a run that does not end, a run with
another environment."""

from __future__ import annotations

import re
import sys

import in_process
from support import TIMEOUT, Files, Ran, TempCase, environment, in_own_process, write_tree
from test_simulate import ACCEPTING_AA, raw_plugin
from test_truths import packaged

# A hook that writes to both streams with what text mode must carry (non-ASCII, a CR), and
# says whether it can see site-packages.
NOISY_AA = ACCEPTING_AA.replace(
    "    def authorize(self, cookie, session_cookie):\n",
    "    def authorize(self, cookie, session_cookie):\n"
    "        print('résumé ✓\\r\\nzwei\\rdrei')\n"
    "        sys.stderr.write('ärger ⚠\\n')\n"
    # python -s -S: the watched child must not see site-packages either.
    "        print('site-packages:', any('site-packages' in p for p in sys.path))\n",
)
FAILING_AA = ACCEPTING_AA.replace(
    "        return {'verdict': 'ACCEPT'}\n", "        raise KeyError('ticket')\n"
)


def _unnamed(text: str) -> str:
    # verify unpacks the ZIP into a temporary folder of its own and prints sys.path in it.
    return re.sub(r"sps-dev-verify-[^/'\"]+", "sps-dev-verify-*", text)


class BothWays(TempCase):
    def both(self, args: list[str], files: Files | None = None) -> Ran:
        """The run both ways in the same folder; asserts they agree and returns one."""
        root = write_tree(self.tmp / "plugin", files) if files else self.tmp
        env = environment()
        alone = in_own_process(args, root, env)
        here = Ran(*in_process.run(args, root, env, TIMEOUT))
        self.assertEqual(
            (here.code, _unnamed(here.out), _unnamed(here.err)),
            (alone.code, _unnamed(alone.out), _unnamed(alone.err)),
        )
        return here

    def test_the_listings_and_usage_errors(self) -> None:
        self.assertIn("S002", self.both(["rules"]).out)
        self.assertEqual(self.both(["--version"]).code, 0)
        self.assertEqual(self.both(["rules", "--markdown"]).code, 0)
        usage = self.both(["check", "--format", "yaml"])
        self.assertEqual(usage.code, 2, usage)
        self.assertIn("invalid choice", usage.err)
        self.assertEqual(self.both([]).code, 2)
        self.assertEqual(self.both(["check", "no-such-folder"]).code, 2)
        self.assertEqual(self.both(["check", "--explain", "S002"]).code, 0)
        self.assertEqual(self.both(["check", "--explain", "NOPE"]).code, 2)

    def test_check_in_each_format_passing_and_failing(self) -> None:
        for form in ("text", "json", "github"):
            with self.subTest(form):
                passed = self.both(["check", "--format", form], packaged())
                self.assertEqual(passed.code, 0, passed)
        failing = packaged(**{"gate__naïve.py": "match 1:\n    case 1:\n        pass\n"})
        failing["main.py"] = str(failing["main.py"]).replace(
            "\n\n__all__", "\nimport gate.naïve\n\n__all__"
        )
        for form in ("text", "json", "github"):
            with self.subTest(form):
                failed = self.both(["check", "--format", form], failing)
                self.assertEqual(failed.code, 1, failed)
                # S002 where the tool runs on a Python that parses it, S001 where not (3.8).
                self.assertRegex(failed.both, "S00[12]")
                self.assertRegex(failed.both, "na(\u00ef|\\\\u00ef)ve")

    def test_build_then_verify(self) -> None:
        built = self.both(["build"], packaged())
        self.assertEqual(built.code, 0, built)
        self.assertTrue(built.out.strip().endswith(".zip"), built)
        verified = self.both(["verify", ".", "--timeout", "10"], packaged())
        self.assertEqual(verified.code, 0, verified)
        self.assertIn("ok: SPS 9.0 on Python 3.12", verified.out)

    def test_simulate_with_the_plugins_own_output_and_a_failing_hook(self) -> None:
        ran = self.both(["simulate"], raw_plugin("aa", NOISY_AA))
        self.assertEqual(ran.code, 0, ran)
        self.assertIn("résumé ✓\nzwei\ndrei", ran.both)
        self.assertIn("ärger ⚠", ran.both)
        self.assertIn("site-packages: False", ran.out)
        failed = self.both(["simulate"], raw_plugin("aa", FAILING_AA))
        self.assertEqual(failed.code, 1, failed)
        self.assertIn("KeyError", failed.both)


class StandInRefuses(TempCase):
    def test_plugin_code_imported_into_the_tests_process(self) -> None:
        # simulate --no-watch runs the plugin in the calling process: here, this one.
        root = write_tree(self.tmp / "plugin", raw_plugin("aa", ACCEPTING_AA))
        before = list(sys.path)
        with self.assertRaisesRegex(AssertionError, "give it a process of its own"):
            in_process.run(["simulate", "--no-watch"], root, environment(), TIMEOUT)
        self.assertEqual(sys.path, before)

    def test_a_run_that_does_not_end(self) -> None:
        sleeper = ACCEPTING_AA.replace(
            "        return {'verdict': 'ACCEPT'}\n",
            "        import time\n        time.sleep(60)\n",
        )
        root = write_tree(self.tmp / "plugin", raw_plugin("aa", sleeper))
        with self.assertRaisesRegex(AssertionError, "did not end within 2 s"):
            in_process.run(["simulate", "--timeout", "30"], root, environment(), 2)

    def test_a_run_with_another_environment(self) -> None:
        in_process.run(["rules"], self.tmp, environment(), TIMEOUT)
        with self.assertRaisesRegex(AssertionError, "another environment .*SOURCE_DATE_EPOCH"):
            in_process.run(["rules"], self.tmp, environment({"SOURCE_DATE_EPOCH": "1"}), TIMEOUT)
