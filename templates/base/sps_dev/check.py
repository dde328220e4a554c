"""python -m sps_dev check [ZIP]: what SPS checks at upload, and what breaks at run time.

Every problem names the file, the line where there is one, the rule and the fix. The MANIFEST
is read with PyYAML's safe_load, as SPS's own validator reads it, so the check sees what SPS
will see (an unquoted ``api: 1.10`` is the number 1.1).
"""

from __future__ import annotations

import configparser
import contextlib
import importlib
import inspect
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from . import rules


@dataclass(frozen=True)
class Problem:
    """One thing SPS would refuse, or that would break a session."""

    file: str
    line: int | None
    rule: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.rule}; fix: {self.fix}"


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def check_manifest(text: str, file: str = "MANIFEST") -> tuple[list[Problem], dict[str, Any]]:
    """The MANIFEST's problems, and its fields as SPS reads them."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return [Problem(file, line, "not valid YAML", "fix the syntax SPS's parser reports")], {}
    if not isinstance(data, dict):
        return [
            Problem(file, None, "must be a YAML mapping of fields", "write key: value lines")
        ], {}
    problems: list[Problem] = []

    def bad(key: str, rule: str, fix: str) -> None:
        problems.append(Problem(file, _line_of(text, key), f"{key}: {rule}", fix))

    fields = {key: value for key, value in data.items() if value is not None}
    for key in ("name", "description", "version", "type", "api", "entry_point"):
        if str(fields.get(key, "")).strip() == "":
            bad(key, "is required and must not be empty", f"add a {key} line")
    name = str(fields.get("name", ""))
    if name and not rules.NAME.fullmatch(name):
        bad(
            "name",
            f"{name!r} must start with a letter, then letters, digits or _",
            "e.g. AcmeVault",
        )
    version = str(fields.get("version", ""))
    if version and not version[0].isdigit():
        bad("version", f"{version!r} must start with a digit", "e.g. 1.0.0, not v1.0.0")
    kind = str(fields.get("type", ""))
    if kind and kind not in rules.TYPES:
        bad("type", f"{kind!r} is not a plugin type SPS knows", "aa or credentialstore")
    api_line = _line_of(text, "api")
    written = (
        text.splitlines()[api_line - 1].partition(":")[2].split("#")[0].strip() if api_line else ""
    )
    api_minor = _check_api(fields.get("api"), written, bad)
    entry_point = str(fields.get("entry_point", ""))
    if entry_point and not rules.ENTRY_POINT.fullmatch(entry_point):
        bad("entry_point", f"{entry_point!r} may hold only letters, digits, . _ -", "main.py")
    email = str(fields.get("author_email", ""))
    if email and not rules.EMAIL.fullmatch(email):
        bad("author_email", f"{email!r} is not an address SPS accepts", "e.g. jane@example.com")
    minimum = str(fields.get("scb_min_version", ""))
    if minimum:
        offered = rules.api_offered_by(minimum)
        if not rules.RELEASE.fullmatch(minimum):
            bad("scb_min_version", f"{minimum!r} is not a release number", "e.g. 7.0.0")
        elif offered is not None and api_minor is not None and api_minor > offered:
            bad(
                "api",
                f"1.{api_minor} is newer than SPS {minimum} offers (1.{offered}): the upload "
                "would be refused there",
                f'api: "1.{offered}", or a higher scb_min_version',
            )
    return problems, fields


def _check_api(api: object, written: str, bad: Any) -> int | None:
    if api is None:
        return None
    if isinstance(api, float) and str(api) != written:
        bad("api", f"{written} is read by YAML as the number {api}", f'quote it: api: "{written}"')
        return None
    match = rules.VERSION.fullmatch(str(api))
    if match is None:
        bad("api", f"{api!r} is not a version", 'e.g. api: "1.7"')
        return None
    if match.group(1) != "1":
        bad("api", f"{api!r} has major {match.group(1)}; SPS's plugin API is 1.x", 'e.g. "1.7"')
        return None
    return int(match.group(2) or 0)


@contextlib.contextmanager
def _isolated_imports(project: Path) -> Iterator[None]:
    """Imports from ``project`` without disturbing (or reusing) modules already loaded."""
    local = {"main", *(p.parent.name for p in project.glob("*/__init__.py"))}
    saved_modules, saved_path = dict(sys.modules), list(sys.path)
    for name in list(sys.modules):
        if name.split(".")[0] in local:
            del sys.modules[name]
    sys.path.insert(0, str(project))
    try:
        yield
    finally:
        sys.path[:] = saved_path
        for name in list(sys.modules):
            if name not in saved_modules:
                del sys.modules[name]
        sys.modules.update(saved_modules)


def check_hooks(project: Path, kind: str, entry_point: str) -> list[Problem]:
    """main.py's shebang, its Plugin class, and each hook's signature."""
    main = project / entry_point
    if not main.is_file():
        return [Problem(entry_point, None, "the entry point does not exist", "create it")]
    first = main.read_text(encoding="utf-8").splitlines()[:1]
    problems = []
    if first != [rules.SHEBANG]:
        problems.append(
            Problem(entry_point, 1, "must start with the Python 3 shebang", rules.SHEBANG)
        )
    with _isolated_imports(project):
        try:
            module = importlib.import_module(Path(entry_point).stem)
        except Exception as error:  # noqa: BLE001 - any import failure is the finding
            return [*problems, Problem(entry_point, None, f"import fails: {error!r}", "fix it")]
        plugin = getattr(module, "Plugin", None)
        if not inspect.isclass(plugin):
            return [*problems, Problem(entry_point, None, "has no class Plugin", "export it")]
        for hook in rules.HOOKS.get(kind, ()):
            problems += _check_hook(entry_point, plugin, hook)
    return problems


def _check_hook(file: str, plugin: type, hook: str) -> list[Problem]:
    method = getattr(plugin, hook, None)
    if not callable(method):
        return [Problem(file, None, f"Plugin has no {hook}()", f"add def {hook}(self, **kwargs)")]
    parameters = list(inspect.signature(method).parameters.values())[1:]
    problems = []
    kinds = {p.kind for p in parameters}
    if inspect.Parameter.POSITIONAL_ONLY in kinds:
        problems.append(
            Problem(
                file,
                None,
                f"{hook}() has positional-only parameters",
                "SPS passes names: drop the /",
            )
        )
    if inspect.Parameter.VAR_KEYWORD not in kinds:
        problems.append(
            Problem(file, None, f"{hook}() has no **kwargs", "a newer SPS may pass more names")
        )
    required = [
        p.name
        for p in parameters
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    ]
    if required:
        problems.append(
            Problem(
                file,
                None,
                f"{hook}() requires {', '.join(required)}",
                "give them = None: SPS may leave them out",
            )
        )
    return problems


_DOLLAR_OPTION = re.compile(r"^\s*[;#]?\s*([^=:\s][^=:]*?)\s*[=:]\s*\$\s*$")
_SECTION = re.compile(r"^\s*\[([^\]]+)\]")


def check_default_cfg(text: str, file: str = "default.cfg") -> list[Problem]:
    """configparser can read it; sections with "$" values can be credential-store hosts."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error as error:
        line = getattr(error, "lineno", None)
        return [
            Problem(
                file,
                line,
                f"configparser cannot read it: {type(error).__name__}",
                "fix the INI syntax",
            )
        ]
    problems = []
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _SECTION.match(line)
        if header:
            section = header.group(1)
        elif _DOLLAR_OPTION.match(line) and "_" in section:
            # Commented-out options count too: an admin will switch them on.
            problems.append(
                Problem(
                    file,
                    number,
                    f'[{section}] uses "$" but its name has "_", which a credential-store Host '
                    "cannot hold",
                    f"rename it [{section.replace('_', '-')}]",
                )
            )
    return problems


def check_project(project: Path) -> list[Problem]:
    """Everything above, for the project folder."""
    manifest_file = project / "MANIFEST"
    if not manifest_file.is_file():
        return [Problem("MANIFEST", None, "missing", "create it at the project root")]
    problems, fields = check_manifest(manifest_file.read_text(encoding="utf-8"))
    entry_point = str(fields.get("entry_point", "main.py"))
    problems += check_hooks(project, str(fields.get("type", "")), entry_point)
    cfg = project / "default.cfg"
    if cfg.is_file():
        problems += check_default_cfg(cfg.read_text(encoding="utf-8"))
    return problems


def check_zip(path: Path) -> list[Problem]:
    """A built ZIP: size, layout at the root, and its MANIFEST."""
    file = path.name
    if path.stat().st_size > rules.MAX_ZIP_BYTES:
        return [
            Problem(file, None, "is over SPS's 20 MB limit", "leave out what SPS does not need")
        ]
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if "MANIFEST" not in names:
            return [
                Problem(file, None, "has no MANIFEST at its root", "build it with sps_dev build")
            ]
        problems, fields = check_manifest(
            archive.read("MANIFEST").decode("utf-8"), f"{file}:MANIFEST"
        )
    entry_point = str(fields.get("entry_point", "main.py"))
    if entry_point not in names:
        problems.append(
            Problem(file, None, f"has no {entry_point} at its root", "build it with sps_dev build")
        )
    stray = sorted(
        {
            n.split("/")[0]
            for n in names
            if n.split("/")[0] in ("tests", "sps_dev") or "__pycache__" in n
        }
    )
    if stray:
        problems.append(
            Problem(file, None, f"holds {', '.join(stray)}", "SPS needs only the plugin: rebuild")
        )
    return problems


def main(target: str | None) -> int:
    path = Path(target) if target else Path.cwd()
    problems = check_zip(path) if path.is_file() else check_project(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} problem(s): SPS would refuse this plugin, or a session would fail",
            file=sys.stderr,
        )
        return 1
    print(f"ok: {path.name or path} passes SPS's checks")
    return 0
