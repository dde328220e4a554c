"""python -m sps_dev check [PATH]: a plugin folder or a built ZIP against SPS's rules.

Errors are what SPS refuses at upload or what must fail when SPS runs the plugin; warnings
are the Plugin SDK's conventions and our recommendations. The plugin's code is read, never
run (see source.py). Every input ends in findings, never in a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from sps_dev.build import deps, layout, requirements
from sps_dev.check import archive as check_zip
from sps_dev.check import config as check_config
from sps_dev.check.sources import Files, FolderFiles, Report, check_sources
from sps_dev.contract import manifest, releases
from sps_dev.rules import settings
from sps_dev.rules.findings import Finding, found


def _check_common(
    files: Files, meta: manifest.Manifest, report: Report, extra_roots: list[str], bundles_from: str
) -> None:
    check_sources(files, meta, report, extra_roots, bundles_from)
    if "default.cfg" in files.names():
        try:
            data: bytes | None = files.read("default.cfg", check_config.MAX_BYTES)
        except check_zip.TooLarge:
            data = None
        report.findings += check_config.check(
            data, f"{files.label}default.cfg", size=files.size("default.cfg")
        )


def _read_manifest(
    read: Callable[[], bytes], label: str, report: Report
) -> manifest.Manifest | None:
    try:
        data = read()
    except check_zip.TooLarge:
        report.findings.append(
            found("M019", f"{label}MANIFEST", None, kib=manifest.MAX_BYTES // 1024)
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        report.findings.append(found("M020", f"{label}MANIFEST", None))
        return None
    results, meta = manifest.check(text, f"{label}MANIFEST")
    report.findings += results
    report.notes += meta.notes
    report.manifest = meta
    return meta


def check_folder(project: Path, ignore: frozenset[str] = frozenset()) -> Report:
    """``project`` against SPS's rules, less the rules ``ignore`` and the project's
    ``[tool.sps-dev]`` name (a SettingsError when those name an unknown rule)."""
    ignored = ignore | settings.from_pyproject(project)
    report = _check_folder(project)

    def line_of(file: str, line: int) -> str | None:
        return _line(lambda: (project / file).read_bytes(), line)

    report.findings, report.ignored = settings.apply(report.findings, ignored, line_of)
    return report


def _line(read: Callable[[], bytes], line: int) -> str | None:
    """Line ``line`` of a file, for an inline ``# sps-dev: ignore[...]``."""
    try:
        lines = read()[: 4 * 1024 * 1024].decode("utf-8", "replace").splitlines()
    except (OSError, KeyError, ValueError, check_zip.TooLarge):
        return None
    return lines[line - 1] if 0 < line <= len(lines) else None


def _check_folder(project: Path) -> Report:
    report = Report()
    path = project / "MANIFEST"
    if not path.is_file():
        report.findings.append(found("M021", "MANIFEST", None))
        return report

    def read() -> bytes:
        with open(path, "rb") as handle:
            data = handle.read(manifest.MAX_BYTES + 1)
        if len(data) > manifest.MAX_BYTES:
            raise check_zip.TooLarge("MANIFEST")
        return data

    meta = _read_manifest(read, "", report)
    if meta is None:
        return report
    try:
        selection = layout.select(project, meta.entry_point)
    except layout.TooManyFiles as problem:
        report.findings.append(found("L001", ".", None, reason=str(problem)))
        return report
    report.notes += selection.notes
    for refused in selection.refused:
        report.findings.append(found("L002", refused.split(" ")[0], None, reason=refused))
    dependencies = deps.read(project)
    for trouble in dependencies.problems:
        where, _, reason = trouble.partition(": ")
        report.findings.append(found("L003", where, None, reason=reason or trouble))
    for requirement, origin in zip(dependencies.requirements, dependencies.origins):
        if deps.is_sdk(requirement):
            report.findings.append(found("L004", origin, None))
    try:
        declared = requirements.declared(project)
    except requirements.RequirementsError:
        declared = None  # already L003, from deps.read
    if declared is not None:
        report.findings += _produced_files(project, meta, declared)
    bundles_from = (
        "pyproject.toml's [project] dependencies"
        if declared is not None
        else "requirements.txt (or Pipfile [packages])"
    )
    extra = [deps.import_name(r) for r in dependencies.requirements]
    _check_common(FolderFiles(selection), meta, report, extra, bundles_from)
    return report


def _produced_files(
    project: Path, meta: manifest.Manifest, declared: requirements.Declared
) -> list[Finding]:
    """L005/L006: a project that keeps its dependencies in pyproject.toml."""
    findings = [
        found("L005", file, None, reason=reason)
        for file, _, reason in (message.partition(": ") for message in requirements.drift(project))
    ]
    if declared.version and meta.version and declared.version != meta.version:
        findings.append(
            found("L006", "pyproject.toml", None, project=declared.version, manifest=meta.version)
        )
    return findings


def check_zip_file(path: Path, ignore: frozenset[str] = frozenset()) -> Report:
    """A built ZIP against SPS's rules, less the rules ``ignore`` names."""
    report = Report()
    problems, files = check_zip.open_zip(path)
    report.findings += problems
    if files is not None and "MANIFEST" in files.names():
        _check_zip_contents(files, report)
    label = files.label if files is not None else ""

    def line_of(file: str, line: int) -> str | None:
        if files is None or not file.startswith(label):
            return None
        member = file[len(label) :]
        return _line(lambda: files.read(member, 4 * 1024 * 1024), line)

    report.findings, report.ignored = settings.apply(report.findings, ignore, line_of)
    return report


def _check_zip_contents(files: check_zip.ZipFiles, report: Report) -> None:
    meta = _read_manifest(lambda: files.read("MANIFEST", manifest.MAX_BYTES), files.label, report)
    if meta is None:
        return
    _check_common(files, meta, report, [], "")
    report.findings += check_zip.contents(files, meta.releases or list(releases.RELEASES[:1]))


def check_path(path: Path, ignore: frozenset[str] = frozenset()) -> Report:
    """A folder (with its own [tool.sps-dev] settings) or a ZIP."""
    return check_folder(path, ignore) if path.is_dir() else check_zip_file(path, ignore)


def describe(meta: manifest.Manifest | None) -> tuple[str, str]:
    """(plugin, releases) for the summary line."""
    if meta is None or not meta.name:
        return "the plugin", "releases it does not say"
    names = ", ".join(line.name for line in meta.releases) or "no release it can upload to"
    return f"{meta.name} ({meta.type or 'no type'})", names
