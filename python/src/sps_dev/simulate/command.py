"""python -m sps_dev simulate: one connection through the plugin, called the way SPS calls it,
with a one-line trace per call as it happens and a report an author can act on."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path
from typing import TextIO

from sps_dev.contract import manifest, releases
from sps_dev.contract.facts import DEFAULT_CONNECTION
from sps_dev.simulate.aa import NoAnswer
from sps_dev.simulate.answers import add_answer_arguments, pairs, parse_answers
from sps_dev.simulate.hooks import Connection, ContractError, HookRaised, PluginUnderTest, raised_at
from sps_dev.simulate.load import LoadError, Secrets, load
from sps_dev.simulate.problems import Problems, Stderr, watch_logging
from sps_dev.simulate.session import run_connection
from sps_dev.simulate.trace import Trace


def parse_secret(text: str) -> tuple[tuple[str, str], str]:
    location, value = pairs(text, "SECTION/OPTION=VALUE")
    section, slash, option = location.partition("/")
    if not (slash and section and option):
        raise argparse.ArgumentTypeError(f"expected SECTION/OPTION=VALUE, got {text!r}")
    return (section, option), value


def add_arguments(sim: argparse.ArgumentParser) -> None:
    sim.add_argument("path", nargs="?", default=".", help="plugin folder (default: .)")
    sim.add_argument(
        "--sps",
        choices=releases.RELEASE_NAMES,
        help="the SPS release to act as (default: the oldest the MANIFEST claims)",
    )
    sim.add_argument(
        "--config", help="configuration text to pass (default: PATH/default.cfg, or empty)"
    )
    sim.add_argument(
        "--secret",
        action="append",
        type=parse_secret,
        metavar="SECTION/OPTION=VALUE",
        help='the value behind a "$" option (stands in for the local credential store)',
    )
    add_answer_arguments(sim)
    sim.add_argument(
        "--with", dest="with_project", metavar="DIR", help="another plugin in the same connection"
    )
    sim.add_argument(
        "--with-config", metavar="FILE", help="its configuration (default: DIR/default.cfg)"
    )
    for name in ("protocol", "server-username", "server-hostname", "gateway-user"):
        sim.add_argument(f"--{name}", help=f"the connection's {name.replace('-', ' ')}")
    sim.add_argument(
        "--use-keys", action="store_true", help="ask the credential store for SSH keys first"
    )
    sim.add_argument("--login-fails", action="store_true", help="the server login fails")
    sim.add_argument(
        "--remote-app",
        action="append",
        default=[],
        metavar="ASSET",
        help="the RemoteApp Launcher asks for ASSET's credentials (repeatable)",
    )
    sim.add_argument(
        "--future-args",
        action="store_true",
        help="pass hooks with **kwargs a name no SPS passes yet",
    )
    sim.add_argument(
        "--allow-errors",
        action="store_true",
        help="ERROR logs and tracebacks on stderr do not fail the run",
    )
    sim.add_argument("--verbose", action="store_true", help="show arguments and results whole")
    sim.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="seconds the whole connection may take (default 60); a hook that hangs fails",
    )
    sim.add_argument(
        "--no-watch",
        action="store_true",
        help="run the plugin in this process, not a watched one: no --timeout, and a hook that "
        "ends the process takes the report with it (for a test that runs simulate itself)",
    )
    sim.add_argument(
        "--expect",
        choices=("ACCEPT", "DENY", "NEEDINFO", "NONE"),
        help="the AA verdict the connection must end in (exit 1 otherwise)",
    )


def choose_release(meta: dict[str, str], wanted: str | None) -> tuple[releases.Release, list[str]]:
    """--sps, or the oldest release line the MANIFEST claims."""
    if wanted:
        chosen = releases.release_named(wanted)
        if chosen is None:  # argparse allows only known names
            raise LoadError(f"--sps {wanted}: not a release this tool models")
        return chosen, []
    lines, notes = manifest.claimed_by(meta)
    if not lines:
        return releases.RELEASES[0], [
            f"the MANIFEST claims no release this tool models: acting as SPS "
            f"{releases.RELEASES[0].name}"
        ]
    return lines[0], notes


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    problems = Problems()
    original = watch_logging(problems)
    real_stderr = sys.stderr
    sys.stderr = Stderr(real_stderr, problems)
    try:
        return _run(args, out, problems)
    except LoadError as problem:
        print(f"simulate: {problem}", file=real_stderr)
        return problem.code
    finally:
        sys.stderr = real_stderr
        logging.Logger.callHandlers = original  # type: ignore[method-assign]


def _load_all(
    args: argparse.Namespace,
) -> tuple[dict[str, PluginUnderTest | None], dict[str, str], list[str]]:
    secrets = Secrets(dict(args.secret)) if args.secret else None
    plugins: dict[str, PluginUnderTest | None] = {"aa": None, "credentialstore": None}
    projects = [(Path(args.path), Path(args.config) if args.config else None)]
    if args.with_project:
        projects.append(
            (Path(args.with_project), Path(args.with_config) if args.with_config else None)
        )
    first: dict[str, str] = {}
    notes: list[str] = []
    for project, configuration in projects:
        try:
            plugin, meta, note = load(project, configuration, secrets)
        except LoadError:
            raise
        except Exception as error:  # noqa: BLE001 - the module failed at import, as it would on SPS
            where = raised_at(error, str(project.resolve()))
            raise LoadError(
                f"{project}: importing the plugin raised {type(error).__name__}: {error}"
                f"{' at ' + where if where else ''}: on SPS the session would end",
                code=1,
            ) from None
        if plugin.kind not in plugins or plugins[plugin.kind] is not None:
            raise LoadError(
                f"{project}: type {plugin.kind!r} is not aa or credentialstore, or given twice"
            )
        plugins[plugin.kind] = plugin
        first = first or meta
        notes += [note] if note else []
    return plugins, first, notes


def _run(args: argparse.Namespace, out: TextIO, problems: Problems) -> int:
    plugins, meta, notes = _load_all(args)
    release, release_notes = choose_release(meta, args.sps)
    notes += release_notes
    aa = plugins["aa"]
    answers = parse_answers(args, aa.configuration if aa is not None else "")
    trace = Trace(out, args.verbose)

    def answer(key: str, prompt: str, disable_echo: bool) -> str | None:
        if disable_echo:
            trace.secret_keys.add(key)
        if key in answers:
            return str(answers[key])
        if not sys.stdin.isatty():
            return None
        return getpass.getpass(f"{prompt} ") if disable_echo else input(f"{prompt} ")

    facts = dict(DEFAULT_CONNECTION)
    for key in ("protocol", "server_username", "server_hostname", "gateway_user"):
        if getattr(args, key) is not None:
            facts[key] = getattr(args, key)
    print(
        f"simulating SPS {release.name} "
        f"(plugin Python {release.python[0]}.{release.python[1]} on SPS)",
        file=out,
    )
    for note in notes:
        print(f"note: {note}", file=out)
    connection = Connection(future_args=args.future_args, on_call=trace)
    warnings: list[str] = []
    try:
        _, outcome = run_connection(
            plugins["aa"],
            plugins["credentialstore"],
            facts,
            answer=answer,
            use_keys=args.use_keys,
            login_succeeds=not args.login_fails,
            remote_apps=args.remote_app,
            release=release,
            connection=connection,
            warnings=warnings,
        )
    except NoAnswer as error:
        # Not the plugin's fault: the simulation lacks what a user would type (exit 2).
        print(
            f"simulate: {error} (or --answers FILE, or run it in a terminal to type it)",
            file=sys.stderr,
        )
        _calls_before(connection, out)
        return 2
    except ContractError as error:
        kind = "failed" if isinstance(error, HookRaised) else "SPS would reject this"
        print(f"{kind}: {error}", file=sys.stderr)
        _calls_before(connection, out)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=out)
    for name, hooks in sorted(connection.skipped.items()):
        print(f"skipped: {name} defines no {', '.join(hooks)}", file=out)
    verdict = f"; AA verdict {outcome.verdict}" if outcome else ""
    reason = f" ({outcome.reason})" if outcome and outcome.reason else ""
    if problems.seen:
        for seen in problems.seen:
            print(f"problem: the plugin {seen}", file=out)
        if not args.allow_errors:
            print(
                f"failed: {len(connection.calls)} hook calls returned, but the plugin reported "
                f"{len(problems.seen)} error(s) (--allow-errors to accept)",
                file=out,
            )
            return 1
    if args.expect and (outcome.verdict if outcome else None) != args.expect:
        ended = outcome.verdict if outcome else "no AA verdict"
        print(f"failed: the connection ended in {ended}{reason}, not {args.expect}", file=out)
        return 1
    print(
        f"ok: {len(connection.calls)} hook calls, each result as SPS accepts it{verdict}{reason}",
        file=out,
    )
    return 0


def _calls_before(connection: Connection, out: TextIO) -> None:
    done = ", ".join(f"{c.hook}" for c in connection.calls) or "none"
    print(f"calls that returned before it: {done}", file=out)
