"""python -m sps_dev check | simulate | build: the command line, a thin layer over the tools.

Exit codes: 0 done, 1 the plugin has problems (or a hook failed), 2 bad usage or a missing
tool, 130 interrupted. No traceback reaches the user, whatever the input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .findings import exit_code, summary
from .manifest import NeedsPyYAML
from .version import VERSION


def _check(args: argparse.Namespace) -> int:
    from .check import check_path, describe

    path = Path(args.path)
    if not path.exists():
        print(f"sps_dev check: {path}: no such file or folder", file=sys.stderr)
        return 2
    report = check_path(path)
    for finding in report.findings:
        print(finding, file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    plugin, lines = describe(report.manifest)
    code = exit_code(report.findings, strict=args.strict)
    verdict = "fails" if code else "passes"
    print(f"{verdict}: {plugin} for SPS {lines}: {summary(report.findings)}")
    return code


def _build(args: argparse.Namespace) -> int:
    from .build import BuildError, build

    project = Path(args.path)
    if not project.is_dir():
        print(f"sps_dev build: {project}: not a plugin folder", file=sys.stderr)
        return 2
    try:
        target, warnings = build(
            project, Path(args.out) if args.out else None, snapshot=args.snapshot
        )
    except BuildError as problem:
        print(f"build failed: {problem}", file=sys.stderr)
        return 1
    for finding in warnings:
        print(finding, file=sys.stderr)
    if args.strict and warnings:
        target.unlink()
        print(f"build failed: {len(warnings)} warning(s) and --strict", file=sys.stderr)
        return 1
    print(target)
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from .simulate import run

    return run(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m sps_dev", description=__doc__.splitlines()[0])
    top.add_argument("--version", action="version", version=f"sps_dev {VERSION}")
    commands = top.add_subparsers(dest="command", required=True, metavar="check|simulate|build")
    chk = commands.add_parser("check", help="a plugin folder or built ZIP against SPS's rules")
    chk.add_argument("path", nargs="?", default=".", help="plugin folder or ZIP (default: .)")
    chk.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    chk.set_defaults(run=_check)
    out = commands.add_parser("build", help="check, then build dist/<name>-<version>.zip")
    out.add_argument("path", nargs="?", default=".", help="plugin folder (default: .)")
    out.add_argument("--out", help="output folder (default: PATH/dist)")
    out.add_argument("--snapshot", action="store_true", help="append a timestamp to the version")
    out.add_argument("--strict", action="store_true", help="warnings fail the build too")
    out.set_defaults(run=_build)
    from .simulate import add_arguments

    add_arguments(commands.add_parser("simulate", help="run one connection the way SPS does"))
    commands.choices["simulate"].set_defaults(run=_simulate)
    return top


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        return int(args.run(args))
    except NeedsPyYAML:
        print(
            "sps_dev: check reads the MANIFEST with PyYAML, as SPS does, and it is not installed "
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
            f"sps_dev: internal error ({type(problem).__name__}: {problem}); please report it",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
