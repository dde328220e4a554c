"""python -m sps_dev simulate | build: run the plugin the way SPS does, or build its ZIP."""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from .build import build
from .hooks import Call, ContractError
from .manifest import read_manifest

_SECRET_KEY = re.compile(r"pass|pwd|secret|token|key|otp|credential|private", re.IGNORECASE)


def masked(value: Any) -> Any:
    """``value`` with everything under a secret-looking key replaced by ***."""
    if isinstance(value, dict):
        return {k: hidden(v) if _SECRET_KEY.search(str(k)) else masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    return value


def hidden(value: Any) -> Any:
    """*** in place of a secret; a list keeps its length, so a count is still visible."""
    return ["***"] * len(value) if isinstance(value, list) else "***"


def show(call: Call) -> None:
    print(f"-> {call.hook}({json.dumps(masked(call.arguments), sort_keys=True)})")
    print(f"<- {json.dumps(masked(call.result), sort_keys=True)}")


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


def simulate(args: argparse.Namespace, project: Path) -> int:
    sys.path.insert(0, str(project))
    plugin_class = importlib.import_module("main").Plugin
    secrets = DictSecrets(dict(args.secret)) if args.secret else None

    def factory(configuration: str) -> Any:
        if secrets is None:
            return plugin_class(configuration)
        return plugin_class(configuration, secrets=secrets)

    flow = importlib.import_module(f"sps_dev.{read_manifest(project)['type']}")
    connection = dict(flow.DEFAULT_CONNECTION)
    for key in ("protocol", "server_username", "server_hostname", "gateway_username"):
        if getattr(args, key) is not None:
            connection[key] = getattr(args, key)
    configuration = Path(args.config).read_text(encoding="utf-8")
    try:
        calls = flow.run_session(
            factory,
            configuration,
            connection,
            use_keys=args.use_keys,
            login_succeeds=not args.login_fails,
        )
    except ContractError as error:
        print(f"SPS would reject this: {error}", file=sys.stderr)
        return 1
    for call in calls:
        show(call)
    print(f"ok: {len(calls)} hook calls, each result as SPS accepts it")
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
    sim.add_argument("--protocol")
    sim.add_argument("--server-username")
    sim.add_argument("--server-hostname")
    sim.add_argument("--gateway-username")
    sim.add_argument("--use-keys", action="store_true", help="ask for SSH keys first")
    sim.add_argument("--login-fails", action="store_true", help="the server login fails")
    out = commands.add_parser("build", help="build dist/<name>-<version>.zip for upload")
    out.add_argument("--out", default="dist", help="output folder")
    args = parser.parse_args(argv)
    project = Path.cwd()
    if args.command == "simulate":
        return simulate(args, project)
    print(build(project, Path(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
