"""python -m sps_dev simulate | build: run the plugin the way SPS does, or build its ZIP."""

from __future__ import annotations

import argparse
import getpass
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

from .aa import NoAnswer
from .build import BuildError, build
from .facts import DEFAULT_CONNECTION
from .hooks import Arguments, Call, ContractError, PluginUnderTest
from .manifest import read_manifest
from .session import run_connection

_SECRET_KEY = re.compile(
    r"pass|pwd|secret|token|credential|private|(^|_)(otp|pin|key)s?$", re.IGNORECASE
)


def hidden(value: Any) -> Any:
    """*** in place of a secret; a list keeps its length, so a count is still visible."""
    return ["***"] * len(value) if isinstance(value, list) else "***"


def masked(value: Any, secret_keys: set[str]) -> Any:
    """``value`` with everything under a secret-looking key (or one of ``secret_keys``, the
    answers the user typed without echo) replaced by ***."""
    if isinstance(value, dict):
        return {
            k: hidden(v)
            if _SECRET_KEY.search(str(k)) or k in secret_keys
            else masked(v, secret_keys)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [masked(item, secret_keys) for item in value]
    return value


def show(call: Call, secret_keys: set[str]) -> None:
    arguments = json.dumps(masked(call.arguments, secret_keys), sort_keys=True)
    print(f"-> [{call.plugin}] {call.hook}({arguments})")
    print(f"<- {json.dumps(masked(call.result, secret_keys), sort_keys=True)}")


class DictSecrets:
    """Secrets given with --secret, in place of SPS's local credential store."""

    def __init__(self, values: dict[tuple[str, str], str]) -> None:
        self._values = values

    def secret(self, section: str, option: str) -> str | None:
        return self._values.get((section, option))


def parse_secret(text: str) -> tuple[tuple[str, str], str]:
    location, sep, value = text.partition("=")
    section, slash, option = location.partition("/")
    if not (sep and slash and section and option):
        raise argparse.ArgumentTypeError(f"expected SECTION/OPTION=VALUE, got {text!r}")
    return (section, option), value


def parse_answer(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not (sep and key):
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def load_plugin(project: Path, configuration: Path, secrets: DictSecrets | None) -> PluginUnderTest:
    """The Plugin class of the project in ``project``, as SPS would load it from main.py."""
    sys.path.insert(0, str(project))
    spec = importlib.util.spec_from_file_location(
        f"sps_dev_main_{len(sys.path)}", project / "main.py"
    )
    if spec is None or spec.loader is None:
        raise ContractError(f"{project}: no main.py to load")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plugin_class = module.Plugin
    manifest = read_manifest(project)

    def factory(text: str) -> Any:
        return plugin_class(text) if secrets is None else plugin_class(text, secrets=secrets)

    return PluginUnderTest(
        f"{manifest['name']} ({manifest['type']})",
        factory,
        configuration.read_text(encoding="utf-8"),
    )


def simulate(args: argparse.Namespace) -> int:
    secrets = DictSecrets(dict(args.secret)) if args.secret else None
    plugins: dict[str, PluginUnderTest | None] = {"aa": None, "credentialstore": None}
    projects = [(Path.cwd(), Path(args.config))]
    if args.with_project:
        other = Path(args.with_project)
        projects.append(
            (other, Path(args.with_config) if args.with_config else other / "default.cfg")
        )
    for project, configuration in projects:
        kind = read_manifest(project)["type"]
        if kind not in plugins or plugins[kind] is not None:
            print(f"cannot simulate {project}: type {kind!r} twice or unknown", file=sys.stderr)
            return 2
        plugins[kind] = load_plugin(project, configuration, secrets)

    answers: Arguments = json.loads(Path(args.answers).read_text()) if args.answers else {}
    answers.update(dict(args.answer or []))

    secret_keys: set[str] = set()

    def answer(key: str, prompt: str, disable_echo: bool) -> str | None:
        if disable_echo:
            secret_keys.add(key)
        if key in answers:
            return str(answers[key])
        if not sys.stdin.isatty():
            return None
        return getpass.getpass(f"{prompt} ") if disable_echo else input(f"{prompt} ")

    facts = dict(DEFAULT_CONNECTION)
    for key in ("protocol", "server_username", "server_hostname", "gateway_user"):
        if getattr(args, key) is not None:
            facts[key] = getattr(args, key)
    try:
        connection, outcome = run_connection(
            plugins["aa"],
            plugins["credentialstore"],
            facts,
            answer=answer,
            use_keys=args.use_keys,
            login_succeeds=not args.login_fails,
        )
    except (ContractError, NoAnswer) as error:
        print(
            f"SPS would reject this: {error}" if isinstance(error, ContractError) else str(error),
            file=sys.stderr,
        )
        return 1
    for call in connection.calls:
        show(call, secret_keys)
    verdict = f"; AA verdict {outcome.verdict}" if outcome else ""
    reason = f" ({outcome.reason})" if outcome and outcome.reason else ""
    print(f"ok: {len(connection.calls)} hook calls, each result as SPS accepts it{verdict}{reason}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sps_dev")
    commands = parser.add_subparsers(dest="command", required=True)
    sim = commands.add_parser("simulate", help="run one connection through the plugin")
    sim.add_argument("--config", default="default.cfg", help="configuration text to pass")
    sim.add_argument(
        "--secret",
        action="append",
        type=parse_secret,
        metavar="SECTION/OPTION=VALUE",
        help='the value behind a "$" option (stands in for the local credential store)',
    )
    sim.add_argument(
        "--answer",
        action="append",
        type=parse_answer,
        metavar="KEY=VALUE",
        help="the user's answer to an AA plugin's question",
    )
    sim.add_argument("--answers", metavar="FILE", help="answers as a JSON object {key: answer}")
    sim.add_argument("--with", dest="with_project", metavar="DIR", help="another plugin project")
    sim.add_argument("--with-config", metavar="FILE", help="its configuration (default.cfg)")
    sim.add_argument("--protocol")
    sim.add_argument("--server-username")
    sim.add_argument("--server-hostname")
    sim.add_argument("--gateway-user")
    sim.add_argument("--use-keys", action="store_true", help="ask for SSH keys first")
    sim.add_argument("--login-fails", action="store_true", help="the server login fails")
    out = commands.add_parser("build", help="build dist/<name>-<version>.zip for upload")
    out.add_argument("--out", default="dist", help="output folder")
    out.add_argument("--snapshot", action="store_true", help="append a timestamp to the version")
    chk = commands.add_parser(
        "check", help="check the project (or a built ZIP) against SPS's rules"
    )
    chk.add_argument("zip", nargs="?", help="a built ZIP to check instead of the project")
    args = parser.parse_args(argv)
    if args.command == "simulate":
        return simulate(args)
    if args.command == "check":
        # PyYAML, a development dependency, reads the MANIFEST as SPS does: only check needs it.
        from .check import main as check

        return check(args.zip)
    try:
        print(build(Path.cwd(), Path(args.out), snapshot=args.snapshot))
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
