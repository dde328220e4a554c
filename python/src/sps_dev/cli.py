"""sps-dev check | simulate | build | verify | release | requirements | rules: the command
line, a thin layer over the tools. Exit codes: 0 done, 1 the plugin has problems (or a hook
failed), 2 bad usage or a missing tool, 130 interrupted. No traceback reaches the user."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sps_dev.contract.manifest import NeedsPyYAML
from sps_dev.rules import output, settings
from sps_dev.rules.findings import exit_code, summary
from sps_dev.rules.registry import RULES
from sps_dev.version import VERSION


def _ignored(args: argparse.Namespace) -> frozenset[str]:
    return settings.codes(args.ignore or [], "--ignore")


def _explain(code: str) -> int:
    rule = RULES.get(code.strip().upper())
    if rule is None:
        print(
            f"sps-dev: --explain {code}: not a rule code (sps-dev rules lists them all)",
            file=sys.stderr,
        )
        return 2
    output.explain(rule, sys.stdout)
    return 0


def _check(args: argparse.Namespace) -> int:
    from sps_dev.check.checker import check_path, describe

    if args.explain:
        return _explain(args.explain)
    path = Path(args.path)
    if not path.exists():
        print(f"sps-dev check: {path}: no such file or folder", file=sys.stderr)
        return 2
    # A ZIP is checked with the settings of the project it is checked from.
    ignore = _ignored(args) | (settings.from_pyproject(Path.cwd()) if path.is_file() else set())
    report = check_path(path, frozenset(ignore))
    plugin, lines = describe(report.manifest)
    code = exit_code(report.findings, strict=args.strict)
    verdict = "fails" if code else "passes"
    if args.format == "json":
        described = {"name": report.manifest.name if report.manifest else "", "releases": lines}
        print(
            output.as_json(
                str(path),
                report.findings,
                report.notes,
                plugin=described,
                code=code,
                ignored=report.ignored,
            )
        )
        return code
    for finding in report.findings:
        if args.format == "github":
            print(output.github_annotation(finding, _repository_path(path, finding.file)))
        else:
            print(finding, file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    left_out = f", {report.ignored} ignored" if report.ignored else ""
    print(f"{verdict}: {plugin} for SPS {lines}: {summary(report.findings)}{left_out}")
    return code


def _repository_path(checked: Path, file: str) -> str | None:
    """A finding's file as GitHub names it (from the work tree's root, which is where CI runs
    the command), or None for a member of a ZIP."""
    if checked.is_file():
        return None
    return os.path.normpath(os.path.join(os.path.relpath(checked), file)).replace(os.sep, "/")


def _rules(args: argparse.Namespace) -> int:
    if args.markdown:
        print(output.markdown_table())
        return 0
    for rule in RULES.values():
        if not rule.retired:
            print(f"{rule.code}  {rule.severity:<7}  {rule.source:<8}  {rule.title}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from sps_dev.build import requirements
    from sps_dev.build.builder import BuildError, build

    project = Path(args.path)
    if not project.is_dir():
        print(f"sps-dev build: {project}: not a plugin folder", file=sys.stderr)
        return 2
    notes: list[str] = []
    try:
        for line in requirements.before_build(project):
            print(line, file=sys.stderr)
    except requirements.RequirementsError as problem:
        print(f"build failed: {problem}", file=sys.stderr)
        return 2
    try:
        target, warnings = build(
            project,
            Path(args.out) if args.out else None,
            snapshot=args.snapshot,
            ignore=_ignored(args),
            notes=notes,
        )
    except BuildError as problem:
        print(f"build failed: {problem}", file=sys.stderr)
        return 1
    for finding in warnings:
        print(finding, file=sys.stderr)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.strict and warnings:
        target.unlink()
        print(f"build failed: {len(warnings)} warning(s) and --strict", file=sys.stderr)
        return 1
    print(target)
    return 0


def _release(args: argparse.Namespace) -> int:
    from sps_dev.build.builder import BuildError
    from sps_dev.build.release import release

    notes: list[str] = []
    try:
        made = release(Path(args.path), args.tag, notes)
    except BuildError as problem:
        print(f"release failed: {problem}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    for path in made:
        print(path)
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from sps_dev.simulate import watch
    from sps_dev.simulate.command import run

    if args.no_watch or watch.watched() or os.name != "posix":
        return run(args)
    return watch.run_watched(args.argv, args.timeout)


def _ignore_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--ignore",
        action="append",
        metavar="CODE",
        help="leave out this rule (repeatable, or CODE,CODE); see sps-dev rules",
    )


def parser(given: list[str]) -> argparse.ArgumentParser:
    # The modules of simulate's and verify's arguments (a third of a run's start-up) are
    # imported for that command only; the others list them with their help alone.
    chosen = next((arg for arg in given if not arg.startswith("-")), "")
    top = argparse.ArgumentParser(prog="sps-dev", description=__doc__.split(":")[0])
    top.add_argument("--version", action="version", version=f"sps_dev {VERSION}")
    commands = top.add_subparsers(
        dest="command",
        required=True,
        metavar="check|simulate|build|verify|release|requirements|rules",
    )
    chk = commands.add_parser("check", help="a plugin folder or built ZIP against SPS's rules")
    chk.add_argument("path", nargs="?", default=".", help="plugin folder or ZIP (default: .)")
    chk.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    chk.add_argument(
        "--format",
        choices=output.FORMATS,
        default="text",
        help="text (default); json: one object on stdout; github: workflow annotations",
    )
    chk.add_argument("--explain", metavar="CODE", help="what a rule means, and how to fix it")
    _ignore_option(chk)
    chk.set_defaults(run=_check)
    out = commands.add_parser("build", help="check, then build dist/<name>-<version>.zip")
    out.add_argument("path", nargs="?", default=".", help="plugin folder (default: .)")
    out.add_argument("--out", help="output folder (default: PATH/dist)")
    out.add_argument("--snapshot", action="store_true", help="append a timestamp to the version")
    out.add_argument("--strict", action="store_true", help="warnings fail the build too")
    _ignore_option(out)
    out.set_defaults(run=_build)
    rel = commands.add_parser(
        "release", help="for a tag vX.Y.Z: build the ZIP, its .sha256 and its bundled list"
    )
    rel.add_argument("path", nargs="?", default=".", help="plugin folder (default: .)")
    rel.add_argument("--tag", required=True, help="the release tag: v + the MANIFEST's version")
    rel.set_defaults(run=_release)
    sim = commands.add_parser("simulate", help="run one connection the way SPS does")
    if chosen == "simulate":
        from sps_dev.simulate.command import add_arguments

        add_arguments(sim)
        sim.set_defaults(run=_simulate)
    ver = commands.add_parser("verify", help="run the built ZIP on the Python of each SPS release")
    if chosen == "verify":
        from sps_dev.verify.command import add_arguments as verify_arguments
        from sps_dev.verify.command import run as verify

        verify_arguments(ver)
        ver.set_defaults(run=verify)
    from sps_dev.build import requirements

    requirements.add_arguments(commands.add_parser("requirements", help=requirements.HELP))
    listing = commands.add_parser("rules", help="every rule check applies, with its code")
    listing.add_argument("--markdown", action="store_true", help="as the README's table")
    listing.set_defaults(run=_rules)
    return top


def main(argv: list[str] | None = None) -> int:
    try:
        given = sys.argv[1:] if argv is None else list(argv)
        args = parser(given).parse_args(given)
        args.argv = given
        return int(args.run(args))
    except settings.SettingsError as problem:
        print(f"sps-dev: {problem}", file=sys.stderr)
        return 2
    except NeedsPyYAML:
        print(
            "sps-dev: check reads the MANIFEST with PyYAML, as SPS does, and it is not installed "
            f"for {sys.executable}: run {Path(sys.executable).name} -m pip install pyyaml (it is "
            "in requirements-dev.txt)",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as problem:  # noqa: BLE001 - the promise: one line, never a traceback
        print(
            f"sps-dev: internal error ({type(problem).__name__}: {problem}); please report it",
            file=sys.stderr,
        )
        return 1
