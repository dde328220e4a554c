"""The user's answers to an AA plugin's questions: --answer-from reads one from the plugin's
own configuration (the generated README and CI take the example ticket id from default.cfg so),
in simulate and in verify; a missing option is bad usage, never a silent empty answer. And
simulate --no-watch runs the plugin in the calling process."""

from __future__ import annotations

import os

from support import TempCase, sps_dev, write_tree
from test_simulate import raw_plugin

ASKING_AA = (
    "class Plugin:\n"
    "    def __init__(self, configuration):\n        pass\n\n"
    "    def authenticate(self, key_value_pairs=None, **kwargs):\n"
    "        ticket = (key_value_pairs or {}).get('ticket_id')\n"
    "        if ticket is None:\n"
    "            return {'verdict': 'NEEDINFO', 'question': ['ticket_id', 'Ticket?', False]}\n"
    "        print('parent', os.getppid(), 'ticket', ticket)\n"
    "        return {'verdict': 'ACCEPT' if ticket == 'INC-7' else 'DENY'}\n\n"
    "    def authorize(self, **kwargs):\n        return {'verdict': 'ACCEPT'}\n\n"
    "    def session_ended(self, **kwargs):\n        return None\n"
)
CONFIG = "[ticket]\nexample = INC-7\nempty =\n"


class AnswerFrom(TempCase):
    def project(self) -> None:
        files = raw_plugin("aa", "import os\n\n\n" + ASKING_AA)
        files["default.cfg"] = CONFIG
        self.root = write_tree(self.tmp / "plugin", files)

    def test_simulate_answers_with_the_configured_value(self) -> None:
        self.project()
        ran = sps_dev(
            ["simulate", "--answer-from", "ticket_id=ticket.example", "--expect", "ACCEPT"],
            self.root,
        )
        self.assertEqual(ran.code, 0, ran)
        self.assertIn("ticket INC-7", ran.out)
        # --answer, given too, wins: it is the more specific.
        over = sps_dev(
            ["simulate", "--answer-from", "ticket_id=ticket.example", "--answer", "ticket_id=X"],
            self.root,
        )
        self.assertIn("ticket X", over.out)

    def test_a_missing_or_empty_option_is_bad_usage(self) -> None:
        self.project()
        for where in ("ticket.nothing", "nosection.example", "ticket.empty", "example"):
            with self.subTest(where):
                ran = sps_dev(["simulate", "--answer-from", f"ticket_id={where}"], self.root)
                self.assertEqual(ran.code, 2, ran)
                self.assertIn(f"--answer-from ticket_id={where}: the configuration has no", ran.err)

    def test_verify_reads_the_configuration_in_the_zip(self) -> None:
        self.project()
        ran = sps_dev(
            [
                *("verify", str(self.root), "--sps", "9.0"),
                *("--answer-from", "ticket_id=ticket.example", "--expect", "ACCEPT"),
            ],
            self.tmp,
        )
        self.assertEqual(ran.code, 0, ran)
        missing = sps_dev(
            ["verify", str(self.root), "--sps", "9.0", "--answer-from", "ticket_id=ticket.x"],
            self.tmp,
        )
        self.assertEqual(missing.code, 2, missing)
        self.assertIn("the configuration has no x in [ticket]", missing.both)


class NoWatch(TempCase):
    def test_the_plugin_runs_in_the_calling_process(self) -> None:
        files = raw_plugin("aa", "import os\n\n\n" + ASKING_AA)
        files["default.cfg"] = CONFIG
        root = write_tree(self.tmp / "plugin", files)
        args = ["simulate", "--answer", "ticket_id=INC-7"]
        # Both in processes of their own: the test is of which process the plugin runs in.
        watched = sps_dev(args, root, own_process=True)
        alone = sps_dev([*args, "--no-watch"], root)
        self.assertEqual((watched.code, alone.code), (0, 0), (watched, alone))
        # The plugin's parent: this test's process only when simulate did not start a child.
        self.assertIn(f"parent {os.getpid()} ", alone.out)
        self.assertNotIn(f"parent {os.getpid()} ", watched.out)
