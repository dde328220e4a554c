"""sps-dev verify [ZIP]: the built ZIP, run on the Python of each SPS release it claims, with
nothing but the ZIP (and, with --sdk, what SPS installs beside it) importable. It imports every
module of the plugin and each bundled distribution, then runs one connection per release the
way simulate does, each step in a child process under a time limit (verify/executor.py).

Exit codes: 0 every claimed release passed, 1 the plugin fails on one, 2 this machine lacks
what verify needs (a Python, the SDK, an answer), or bad usage.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sps_dev.check import archive, distributions
from sps_dev.check.source import module_name
from sps_dev.contract import manifest, releases
from sps_dev.contract.facts import DEFAULT_CONNECTION
from sps_dev.rules.findings import errors
from sps_dev.simulate.aa import NoAnswer, answers_from
from sps_dev.simulate.answers import add_answer_arguments, parse_answers
from sps_dev.simulate.hooks import Connection, ContractError, PluginUnderTest
from sps_dev.simulate.load import LoadError
from sps_dev.simulate.session import run_connection
from sps_dev.verify import interpreters, remote
from sps_dev.verify.child import Child, ChildGone

VERDICTS = ("ACCEPT", "DENY", "NEEDINFO", "NONE")


def _sdk_folder(text: str) -> tuple[tuple[int, int] | None, str]:
    """--sdk DIR or --sdk X.Y=DIR: (the Python it is for, or None for every one; the folder)."""
    python, equals, folder = text.partition("=")
    version = re.fullmatch(r"(\d+)\.(\d+)", python)
    if equals and version and folder:
        return (int(version.group(1)), int(version.group(2))), folder
    return None, text


def _sdk_for(python: tuple[int, int], given: list[tuple[tuple[int, int] | None, str]]) -> str:
    """The --sdk folder for the releases that run ``python``: its own, else the general one."""
    own = [folder for version, folder in given if version == python]
    general = [folder for version, folder in given if version is None]
    found = own or general
    return found[-1] if found else ""


class VerifyError(Exception):
    """Stops the run with an exit code: 2 for this machine, 1 for the plugin."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "target", nargs="?", default=".", help="a built ZIP, or a plugin folder to build first"
    )
    parser.add_argument(
        "--sps",
        action="append",
        choices=releases.RELEASE_NAMES,
        help="verify for this release only (repeatable; default: every release it claims)",
    )
    parser.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="PATH",
        help="a Python to use, matched to releases by the version it reports (repeatable)",
    )
    parser.add_argument(
        "--sdk",
        action="append",
        default=[],
        type=_sdk_folder,
        metavar="[X.Y=]DIR",
        help="what SPS installs for plugins (pip install --target DIR the Plugin SDK); "
        "X.Y=DIR for the releases that run Python X.Y only, as each SPS has its own SDK "
        "(repeatable)",
    )
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds each import and hook call may take"
    )
    parser.add_argument(
        "--config", help="configuration text to pass (default: the ZIP's default.cfg)"
    )
    add_answer_arguments(parser)
    parser.add_argument(
        "--with",
        dest="with_target",
        metavar="ZIP",
        help="the other plugin of the connection (a ZIP, or a folder to build first)",
    )
    parser.add_argument("--with-config", metavar="FILE", help="its configuration")
    parser.add_argument("--use-keys", action="store_true", help="ask for SSH keys first")
    parser.add_argument(
        "--remote-app", action="append", default=[], metavar="ASSET", help="RemoteApp assets"
    )
    parser.add_argument(
        "--expect", choices=VERDICTS, help="the AA verdict the connection must end in"
    )


def _unpack(zip_path: Path, into: Path) -> tuple[archive.ZipFiles, Path]:
    found, files = archive.open_zip(zip_path)
    failed = errors(found)
    if files is None or failed:
        raise VerifyError("\n".join(str(f) for f in failed) or f"{zip_path}: not a ZIP", 1)
    root = into / "unpacked"
    with zipfile.ZipFile(zip_path) as source:
        for name in files.names():
            # open_zip refused absolute paths, .. and links: names stay inside root.
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read(name))
    return files, root


@dataclass
class Unpacked:
    """A plugin ZIP unpacked for a run: its folder, its files and its MANIFEST's fields."""

    root: Path
    files: archive.ZipFiles
    fields: dict[str, str]

    @property
    def entry(self) -> str:
        return self.fields.get("entry_point") or "main.py"

    @property
    def kind(self) -> str:
        return self.fields.get("type", "")


def _prepare(target: Path, scratch: Path) -> Unpacked:
    """``target`` as a ZIP unpacked below ``scratch``: built first when it is a folder."""
    from sps_dev.build.builder import build

    if target.is_dir():
        zip_path, _ = build(target, scratch / "dist")
        print(f"built {zip_path.name}")
    elif target.is_file():
        zip_path = target
    else:
        raise VerifyError(f"{target}: no such ZIP or plugin folder", 2)
    files, root = _unpack(zip_path, scratch)
    text = (root / "MANIFEST").read_bytes()[: manifest.MAX_BYTES].decode("utf-8", "replace")
    return Unpacked(root, files, manifest.simple_fields(text))


def _modules(files: archive.ZipFiles, entry: str) -> list[str]:
    """The plugin's own modules (every .py outside tests and bundled distributions), then each
    bundled distribution's top-level names (not their optional submodules)."""
    theirs = archive.bundled(files)
    own = []
    for name in files.names():
        root = archive.module_root(name)
        if not name.endswith(".py") or archive.is_test(name) or root in theirs or name == entry:
            continue
        own.append(module_name(name)[0])
    return sorted(own) + sorted(theirs)


def _claimed(fields: dict[str, str], wanted: list[str] | None) -> list[releases.Release]:
    lines, _ = manifest.claimed_by(fields)
    if not lines:
        raise VerifyError("the MANIFEST claims no SPS release this tool models (see check)", 2)
    if wanted:
        unclaimed = sorted(set(wanted) - {line.name for line in lines})
        if unclaimed:
            raise VerifyError(
                f"--sps {unclaimed[0]}: the MANIFEST does not claim SPS {unclaimed[0]} "
                f"(it claims {', '.join(line.name for line in lines)})",
                2,
            )
        lines = [line for line in lines if line.name in wanted]
    return lines


def _needs_sdk(answer: dict[str, Any], sdk: str | None) -> VerifyError | None:
    missing = str(answer.get("missing") or "")
    provided = any(
        missing == p or missing.startswith(f"{p}.") or p.startswith(f"{missing}.")
        for p in releases.PROVIDED_BY_SPS
    ) or any(missing.split(".")[0] in entry.modules for entry in releases.SDK_DEPENDENCIES)
    if not provided:
        return None
    where = f"--sdk {sdk} lacks it" if sdk else "give --sdk DIR"
    return VerifyError(
        f"the plugin imports {missing}, which SPS provides but this run does not: {where} "
        f"(pip install --target DIR '{releases.SDK_DISTRIBUTION}~=1.N.0' and what SPS installs "
        "beside it)",
        2,
    )


def _imported(answer: dict[str, Any], what: str, sdk: str | None) -> bool:
    """Whether an import in the child went through; says why when not (a module SPS provides
    that this run lacks is this machine's problem: exit 2)."""
    if answer.get("ok"):
        return True
    problem = _needs_sdk(answer, sdk)
    if problem:
        raise problem
    where = f" at {answer['where']}" if answer.get("where") else ""
    print(f"failed: {what} raised {answer['error']}: {answer['message']}{where}")
    return False


def _verify_on(
    python: tuple[int, int],
    lines: list[releases.Release],
    command: list[str],
    plugins: list[Unpacked],
    args: argparse.Namespace,
) -> bool:
    label = ", ".join(f"SPS {line.name}" for line in lines)
    runs = f"{label} run{'s' if len(lines) == 1 else ''} Python {python[0]}.{python[1]}"
    sdk_folder = _sdk_for(python, args.sdk)
    sdk = [Path(sdk_folder)] if sdk_folder else []
    ok = True
    children: list[Child] = []
    try:
        for plugin in plugins:
            for finding in distributions.check(plugin.files, lines):
                print(f"failed: {runs}: {finding.message} ({finding.file})")
                ok = False
            child = Child(command, plugin.root, sdk, args.timeout)
            children.append(child)
            hello = child.hello
            print(f"{runs}: {hello['executable']} ({'.'.join(map(str, hello['version']))})")
            print(f"  sys.path: {hello['sys_path']}")
            for module in _modules(plugin.files, plugin.entry):
                answer = child.request({"op": "import", "module": module}, f"import {module}")
                ok = _imported(answer, f"{runs}: importing {module}", sdk_folder) and ok
            loaded = child.request({"op": "load", "entry": plugin.entry}, f"import {plugin.entry}")
            if not _imported(loaded, f"{runs}: {plugin.entry}", sdk_folder):
                return False
        for line in lines:
            ok = _connection(line, list(zip(children, plugins)), args, python) and ok
    except ChildGone as gone:
        print(f"failed: {runs}: {gone}")
        return False
    finally:
        for child in children:
            child.close()
    return ok


def _connection(
    line: releases.Release,
    plugins: list[tuple[Child, Unpacked]],
    args: argparse.Namespace,
    python: tuple[int, int],
) -> bool:
    """One connection through the plugin (and the one --with names), as SPS ``line`` runs it."""
    running: dict[str, PluginUnderTest] = {}
    for index, (child, plugin) in enumerate(plugins):
        if plugin.kind not in releases.PLUGIN_TYPES:
            print(
                f"  SPS {line.name}: type {plugin.kind!r}: no connection to run (no public hooks)"
            )
            return True
        given = args.config if index == 0 else args.with_config
        config = Path(given) if given else plugin.root / "default.cfg"
        text = config.read_text(encoding="utf-8") if config.is_file() else ""
        name = f"{plugin.fields.get('name') or 'plugin'} ({plugin.kind})"
        running[plugin.kind] = PluginUnderTest(
            name, remote.factory(child), text, plugin.kind, str(plugin.root)
        )
    connection = Connection()
    what = f"SPS {line.name} on Python {python[0]}.{python[1]}"
    aa = running.get("aa")
    try:
        answers = answers_from(parse_answers(args, aa.configuration if aa else ""))
    except LoadError as problem:
        raise VerifyError(str(problem), 2) from None
    try:
        _, outcome = run_connection(
            running.get("aa"),
            running.get("credentialstore"),
            dict(DEFAULT_CONNECTION),
            answer=answers,
            use_keys=args.use_keys,
            remote_apps=args.remote_app,
            release=line,
            connection=connection,
        )
    except NoAnswer as error:
        raise VerifyError(f"{error} (or --answers FILE)", 2) from None
    except ContractError as error:
        print(f"failed: {what}: {error}")
        return False
    verdict = outcome.verdict if outcome else None
    if args.expect and verdict != args.expect:
        print(f"failed: {what}: the connection ended in {verdict}, not {args.expect}")
        return False
    said = f"; AA verdict {verdict}" if verdict else ""
    print(f"  ok: {what}: {len(connection.calls)} hook calls, each result as SPS accepts it{said}")
    return True


def run(args: argparse.Namespace) -> int:
    from sps_dev.build.builder import BuildError

    with tempfile.TemporaryDirectory(prefix="sps-dev-verify-") as scratch:
        try:
            plugins = [_prepare(Path(args.target), Path(scratch) / "plugin")]
            if args.with_target:
                plugins.append(_prepare(Path(args.with_target), Path(scratch) / "with"))
                if plugins[0].kind == plugins[1].kind:
                    raise VerifyError(
                        f"--with {args.with_target}: both plugins are of type "
                        f"{plugins[0].kind!r}; a connection has one AA plugin and one credential "
                        "store",
                        2,
                    )
            lines = _claimed(plugins[0].fields, args.sps)
            by_python: dict[tuple[int, int], list[releases.Release]] = {}
            for line in lines:
                by_python.setdefault(line.python, []).append(line)
            commands = {}
            for python in by_python:
                command = interpreters.find(python, args.python)
                if command is None:
                    names = ", ".join(f"SPS {line.name}" for line in by_python[python])
                    raise VerifyError(
                        f"{names} run{'s' if len(by_python[python]) == 1 else ''} Python "
                        f"{python[0]}.{python[1]}, which is not found here: "
                        f"{interpreters.how_to_get(python)}",
                        2,
                    )
                commands[python] = command
            # Every Python is verified, also after one fails: a list, not a short-circuit.
            results = [
                _verify_on(python, found, commands[python], plugins, args)
                for python, found in sorted(by_python.items())
            ]
            passed = all(results)
        except BuildError as problem:
            print(f"verify: build failed: {problem}")
            return 1
        except VerifyError as problem:
            print(f"verify: {problem}")
            return problem.code
    print("verified: every claimed release passed" if passed else "verify failed")
    return 0 if passed else 1
