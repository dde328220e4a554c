"""simulate calls hooks the way SPS does, release by release, for plugins shaped like the
vendor's, and reports what went wrong in a way an author can act on."""

from __future__ import annotations

import re
import time

import sdk_stand_in
from support import Files, Ran, TempCase, sps_dev, write_tree
from vendor_shapes import SHAPES

SHEBANG = "#!/usr/bin/env pluginwrapper3\n"
RELEASES = ("7.0", "8.0", "9.0")

# The Plugin SDK's stand-in of API 1.5 and later: every raw hook name required, no **kwargs.
SDK_STAND_IN: Files = sdk_stand_in.STRICT

SDK_AA: Files = {
    "MANIFEST": "name: SdkGate\ndescription: x\nversion: 1.0.0\ntype: aa\napi: 1.1\n"
    "entry_point: main.py\n",
    "main.py": SHEBANG + "from plugin.plugin import Plugin  # noqa: F401\n",
    "plugin/__init__.py": "",
    "plugin/plugin.py": (
        "from safeguard.sessions.plugin import AAPlugin, AAResponse\n\n\n"
        "class Plugin(AAPlugin):\n"
        "    def do_authenticate(self):\n"
        "        if 'token' not in self.key_value_pairs:\n"
        "            return AAResponse.need_info('Token?', 'token', disable_echo=True)\n"
        "        self.cookie['seen'] = True\n"
        "        return AAResponse.accept('token given')\n"
    ),
    "default.cfg": "[logging]\n; log_level=info\n",
}

# A credential store written for SPS 6, without the SDK: required target_* names, no
# **kwargs on its late hooks, no session_ended at all.
SPS6_STORE: Files = {
    "MANIFEST": "name: OldStore\ndescription: x\nversion: 1.0.0\ntype: credentialstore\n"
    "api: 1.1\nentry_point: main.py\n",
    "main.py": SHEBANG + "from lib.plugin import Plugin  # noqa: F401\n",
    "lib/__init__.py": "",
    "lib/plugin.py": (
        "class Plugin:\n"
        "    def __init__(self, configuration):\n        self.configuration = configuration\n\n"
        "    def get_password_list(self, session_id, session_cookie, cookie, protocol,\n"
        "                          client_ip, gateway_username, gateway_password,\n"
        "                          target_username, target_host, **kwargs):\n"
        "        found = ['pw-for-' + target_username + '@' + target_host]\n"
        "        return {'passwords': found, 'cookie': {'calls': 1}}\n\n"
        "    def authentication_completed(self, session_id, cookie):\n"
        "        return None\n"
    ),
}


def raw_plugin(kind: str, body: str, api: str = '"1.7"') -> Files:
    return {
        "MANIFEST": f"name: Raw\ndescription: x\nversion: 1.0.0\ntype: {kind}\napi: {api}\n"
        "entry_point: main.py\n",
        "main.py": SHEBANG + "import logging\nimport sys\nimport traceback\n\n\n" + body,
    }


ACCEPTING_AA = (
    "class Plugin:\n"
    "    def __init__(self, configuration):\n        pass\n\n"
    "    def authenticate(self, **kwargs):\n"
    "        return {'verdict': 'ACCEPT', 'cookie': {'names': sorted(kwargs)}}\n\n"
    "    def authorize(self, cookie, session_cookie):\n"
    "        return {'verdict': 'ACCEPT'}\n\n"
    "    def session_ended(self, session_id):\n        return None\n"
)


class Simulate(TempCase):
    def run_in(
        self, files: Files, args: list[str], sdk: bool = False, plugin_traceback: bool = False
    ) -> Ran:
        project = write_tree(self.tmp / "plugin", files)
        extra = [write_tree(self.tmp / "sdk", SDK_STAND_IN)] if sdk else []
        ran = sps_dev(["simulate", *args], project, extra_path=extra)
        if plugin_traceback:  # the plugin prints its own; sps_dev must still add none
            self.assertNotIn("internal error", ran.both)
            self.assertEqual(ran.both.count("Traceback (most recent call last)"), 1, ran)
        else:
            self.assertNoTraceback(ran)
        return ran

    def test_an_sdk_based_aa_plugin_runs_a_whole_connection_on_every_release(self) -> None:
        for release in RELEASES:
            with self.subTest(release):
                ran = self.run_in(SDK_AA, ["--sps", release, "--answer", "token=483920"], sdk=True)
                self.assertEqual(ran.code, 0, ran)
                self.assertIn(f"simulating SPS {release}", ran.out)
                self.assertIn(
                    "ok: 4 hook calls, each result as SPS accepts it; AA verdict ACCEPT", ran.out
                )
                # The answer was typed without echo: the trace hides it.
                self.assertNotIn("483920", ran.both)
                self.assertIn('key_value_pairs={"token": "***"}', ran.out)

    def test_without_the_sdk_it_says_to_install_it_in_one_line(self) -> None:
        ran = self.run_in(SDK_AA, ["--answer", "token=1"])
        self.assertEqual(ran.code, 2, ran)
        self.assertEqual(len(ran.err.strip().splitlines()), 1, ran)
        self.assertIn("Plugin SDK (safeguard.sessions.plugin)", ran.err)
        # The pin follows the MANIFEST's api (1.1 here).
        self.assertIn("pip install 'oneidentity-safeguard-sessions-plugin-sdk~=1.1.0'", ran.err)

    def test_an_sps6_style_credential_store_runs_on_every_release(self) -> None:
        for release in RELEASES:
            with self.subTest(release):
                ran = self.run_in(SPS6_STORE, ["--sps", release, "--server-username", "oracle"])
                self.assertEqual(ran.code, 0, ran)
                self.assertIn('<- {"cookie": {"calls": 1}, "passwords": ["***"]}', ran.out)
                self.assertIn(
                    "skipped: OldStore (credentialstore) defines no session_ended", ran.out
                )
                # Only the names it declares: authentication_completed(session_id, cookie).
                self.assertRegex(
                    ran.out, r"authentication_completed\(cookie=\{.*\}, session_id=\"[^\"]+\"\)\n"
                )

    def test_the_documented_examples_run_a_connection(self) -> None:
        for release in RELEASES:
            with self.subTest(release):
                ran = self.run_in(
                    SHAPES["docs-raw-aa"].files, ["--sps", release, "--answer", "token=77"]
                )
                self.assertEqual(ran.code, 0, ran)
                # authenticate(self) gets no argument; the two-item question is answered.
                self.assertIn("] authenticate()\n", ran.out)
                self.assertIn('"question": ["token", "Enter token number: "]', ran.out)
                self.assertIn("AA verdict ACCEPT", ran.out)

    def test_the_release_comes_from_the_manifest(self) -> None:
        cases = {
            '"1.8"': "simulating SPS 8.0",
            "1.9": "simulating SPS 9.0",
            "1.1": "simulating SPS 6.0",
            "1.7": "simulating SPS 6.10",
        }
        for api, expected in cases.items():
            with self.subTest(api):
                ran = self.run_in(raw_plugin("aa", ACCEPTING_AA, api), [])
                self.assertIn(expected, ran.out)
                self.assertEqual(ran.code, 0, ran)
        older = self.run_in(raw_plugin("aa", ACCEPTING_AA, "1.1"), [])
        self.assertIn("note: releases before SPS 6.0 are not modelled", older.out)

    def test_a_hook_gets_exactly_the_names_it_declares_or_all_with_kwargs(self) -> None:
        ran = self.run_in(raw_plugin("aa", ACCEPTING_AA), ["--future-args", "--verbose"])
        self.assertEqual(ran.code, 0, ran)
        names = re.search(r'"names": \[([^\]]*)\]', ran.out)
        self.assertIsNotNone(names, ran)
        listed = names.group(1) if names else ""
        self.assertIn('"sps_dev_future_argument"', listed)
        self.assertIn('"gateway_user"', listed)
        self.assertNotIn('"gateway_username"', listed)
        self.assertRegex(ran.out, r"\] authorize\(\{\"cookie\": .*, \"session_cookie\": \{\}\}\)\n")
        self.assertRegex(ran.out, r"\] session_ended\(\{\"session_id\": \"[^\"]+\"\}\)\n")

    def test_a_raising_hook_is_reported_with_message_place_and_calls_before(self) -> None:
        body = ACCEPTING_AA.replace(
            "        return {'verdict': 'ACCEPT'}\n",
            "        raise ValueError('no ticket for ' + str(cookie))\n",
        )
        ran = self.run_in(raw_plugin("aa", body), [])
        self.assertEqual(ran.code, 1, ran)
        self.assertIn("authorize() raised ValueError: no ticket for {", ran.err)
        # raw_plugin puts 6 lines before the body.
        line = (
            body.splitlines().index("        raise ValueError('no ticket for ' + str(cookie))") + 7
        )
        self.assertIn(f" at main.py:{line}: on SPS this ends the user's session", ran.err)
        self.assertIn("calls that returned before it: authenticate", ran.out)
        # The failing call was traced before it ran.
        self.assertIn("] authorize(", ran.out)

    def test_an_error_logged_inside_a_guarded_hook_fails_unless_allowed(self) -> None:
        body = ACCEPTING_AA.replace(
            "        return {'verdict': 'ACCEPT'}\n",
            "        try:\n            {}['missing']\n        except KeyError:\n"
            "            logging.getLogger('raw').exception('lookup failed')\n"
            "        return {'verdict': 'ACCEPT'}\n",
        )
        ran = self.run_in(raw_plugin("aa", body), [], plugin_traceback=True)
        self.assertEqual(ran.code, 1, ran)
        self.assertIn("problem: the plugin logged at ERROR (main.py:18): lookup failed", ran.out)
        self.assertIn("reported 1 error(s)", ran.out)
        allowed = self.run_in(raw_plugin("aa", body), ["--allow-errors"], plugin_traceback=True)
        self.assertEqual(allowed.code, 0, allowed)
        self.assertIn("ok: 3 hook calls", allowed.out)

    def test_a_traceback_printed_to_stderr_is_a_problem(self) -> None:
        body = ACCEPTING_AA.replace(
            "    def session_ended(self, session_id):\n        return None\n",
            "    def session_ended(self, session_id):\n"
            "        try:\n            1 / 0\n        except ZeroDivisionError:\n"
            "            traceback.print_exc()\n",
        )
        ran = self.run_in(raw_plugin("aa", body), [], plugin_traceback=True)
        self.assertEqual(ran.code, 1, ran.both)
        self.assertIn("problem: the plugin wrote a traceback to stderr", ran.out)

    def test_a_wrong_verdict_is_what_sps_would_reject(self) -> None:
        ran = self.run_in(
            raw_plugin(
                "aa",
                ACCEPTING_AA.replace("'verdict': 'ACCEPT', 'cookie'", "'verdict': 'OK', 'cookie'"),
            ),
            [],
        )
        self.assertEqual(ran.code, 1, ran)
        self.assertIn(
            "SPS would reject this: authenticate() returned verdict 'OK'; SPS understands only ACCEPT, DENY, NEEDINFO",
            ran.err,
        )

    def test_a_hook_that_requires_a_name_sps_does_not_pass(self) -> None:
        body = ACCEPTING_AA.replace(
            "def authorize(self, cookie, session_cookie)",
            "def authorize(self, cookie, gateway_username)",
        )
        ran = self.run_in(raw_plugin("aa", body), [])
        self.assertEqual(ran.code, 1, ran)
        self.assertIn(
            "authorize() at main.py:14 requires gateway_username, which SPS does not pass to this hook",
            ran.err,
        )

    def test_remote_app_requests_reach_the_hook_with_their_asset(self) -> None:
        body = (
            "class Plugin:\n"
            "    def __init__(self, configuration):\n        pass\n\n"
            "    def get_password_list(self, **kwargs):\n        return {'passwords': []}\n\n"
            "    def get_remote_app_credentials(self, asset, cookie, **kwargs):\n"
            "        seen = cookie.get('assets', []) + [asset]\n"
            "        return {'passwords': ['app-secret'], 'cookie': {'assets': seen}}\n\n"
            "    def session_ended(self, cookie):\n"
            "        print('ended after', cookie['assets'])\n"
        )
        ran = self.run_in(
            raw_plugin("credentialstore", body), ["--remote-app", "payroll", "--remote-app", "crm"]
        )
        self.assertEqual(ran.code, 0, ran)
        self.assertEqual(ran.out.count("] get_remote_app_credentials(asset="), 2, ran)
        self.assertIn("ended after ['payroll', 'crm']", ran.out)
        self.assertNotIn("app-secret", ran.out)

    def test_no_default_cfg_means_an_empty_configuration(self) -> None:
        body = ACCEPTING_AA.replace(
            "    def __init__(self, configuration):\n        pass\n",
            "    def __init__(self, configuration):\n        assert configuration == ''\n",
        )
        ran = self.run_in(raw_plugin("aa", body), [])
        self.assertEqual(ran.code, 0, ran)

    def test_a_plugin_without_secrets_parameter_ignores_secret_with_a_note(self) -> None:
        ran = self.run_in(raw_plugin("aa", ACCEPTING_AA), ["--secret", "vault/root=pw"])
        self.assertEqual(ran.code, 0, ran)
        self.assertIn("note: Raw: Plugin takes no secrets=, so --secret is not used", ran.out)

    def test_the_gateway_password_is_never_printed_even_verbose(self) -> None:
        store = raw_plugin(
            "credentialstore",
            "class Plugin:\n    def __init__(self, c):\n        pass\n\n    def get_password_list(self, **kwargs):\n        return {'passwords': []}\n",
        )
        for args in ([], ["--verbose"]):
            with self.subTest(args):
                ran = self.run_in(store, args)
                self.assertEqual(ran.code, 0, ran)
                self.assertIn(
                    '"gateway_password": "***"' if args else 'gateway_password="***"', ran.out
                )
                self.assertNotIn("gateway-password-never-logged", ran.both)

    def test_a_plugin_that_fails_at_import_is_reported_where_it_failed(self) -> None:
        ran = self.run_in(raw_plugin("aa", "raise RuntimeError('config missing')\n"), [])
        self.assertEqual(ran.code, 1, ran)
        self.assertIn(
            "importing the plugin raised RuntimeError: config missing at main.py:7", ran.err
        )

    def test_a_folder_that_is_not_a_plugin(self) -> None:
        empty = self.tmp / "empty"
        empty.mkdir()
        ran = sps_dev(["simulate"], empty)
        self.assertNoTraceback(ran)
        self.assertEqual(ran.code, 2, ran)
        self.assertIn("no MANIFEST, so this is not a plugin folder", ran.err)


class SimulateSurvivesThePlugin(TempCase):
    """The plugin runs in a watched process: what it does to that process never takes the
    report with it, never hangs simulate, and never gives two verdicts."""

    def hostile(self, statement: str, where: str = "authenticate") -> str:
        return ACCEPTING_AA.replace(
            "    def authorize(self, cookie, session_cookie):\n",
            "    def authorize(self, cookie, session_cookie):\n"
            + (f"        {statement}\n" if where == "authorize" else ""),
        ).replace(
            "    def authenticate(self, **kwargs):\n",
            "    def authenticate(self, **kwargs):\n"
            + (f"        {statement}\n" if where == "authenticate" else ""),
        )

    def test_a_hook_that_sleeps_fails_within_the_timeout(self) -> None:
        for where in ("authenticate", "authorize"):
            with self.subTest(where):
                project = write_tree(
                    self.tmp / f"sleep-{where}",
                    raw_plugin("aa", "import time\n" + self.hostile("time.sleep(600)", where)),
                )
                started = time.monotonic()
                ran = sps_dev(["simulate", "--timeout", "3"], project)
                self.assertLess(time.monotonic() - started, 60)
                self.assertEqual(ran.code, 1, ran)
                self.assertIn("did not end within 3 s (--timeout): a hook or the plugin's", ran.err)
                self.assertNoTraceback(ran)

    def test_a_hook_that_ends_the_process_is_reported(self) -> None:
        for statement, said in (
            ("import os; os._exit(3)", "exit code 3"),
            ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", "signal 9"),
        ):
            with self.subTest(statement):
                project = write_tree(
                    self.tmp / said.replace(" ", "-"), raw_plugin("aa", self.hostile(statement))
                )
                ran = sps_dev(["simulate"], project)
                self.assertEqual(ran.code, 1, ran)
                self.assertIn(
                    f"the plugin ended the process ({said}) before the connection ended", ran.err
                )

    def test_a_hook_that_forks_gives_one_verdict(self) -> None:
        project = write_tree(
            self.tmp / "fork", raw_plugin("aa", self.hostile("import os; os.fork()"))
        )
        ran = sps_dev(["simulate"], project)
        self.assertEqual(ran.code, 0, ran)
        self.assertEqual(ran.out.count("ok: "), 1, ran)
