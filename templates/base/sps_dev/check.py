"""python -m sps_dev check [PATH]: a plugin folder or a built ZIP against SPS's rules.

Errors are what SPS refuses at upload or what must fail when SPS runs the plugin; warnings
are the Plugin SDK's conventions and our recommendations. The plugin's code is read, never
run (see source.py). Every input ends in findings, never in a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import check_config, check_zip, deps, layout, manifest, releases
from .check_sources import Files, FolderFiles, Report, check_sources
from .findings import error, warning


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
            error(
                f"{label}MANIFEST",
                None,
                f"is over {manifest.MAX_BYTES // 1024} KiB: not a MANIFEST",
                "write the dozen key: value lines SPS reads",
            )
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        report.findings.append(
            error(f"{label}MANIFEST", None, "is not UTF-8 text", "save it as UTF-8")
        )
        return None
    found, meta = manifest.check(text, f"{label}MANIFEST")
    report.findings += found
    report.notes += meta.notes
    report.manifest = meta
    return meta


def check_folder(project: Path) -> Report:
    report = Report()
    path = project / "MANIFEST"
    if not path.is_file():
        report.findings.append(
            error(
                "MANIFEST",
                None,
                "missing",
                "create it at the plugin's root (name, description, version, type, api, "
                "entry_point)",
            )
        )
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
        report.findings.append(
            error(
                ".",
                None,
                str(problem),
                "a plugin ZIP holds at most 20 MB: move data out of the project",
            )
        )
        return report
    for refused in selection.refused:
        report.findings.append(
            warning(
                refused.split(" ")[0],
                None,
                f"build refuses this: {refused}",
                "replace it with a regular file inside the project",
            )
        )
    dependencies = deps.read(project)
    for trouble in dependencies.problems:
        report.findings.append(
            warning(
                trouble.split(": ")[0],
                None,
                trouble.split(": ", 1)[-1],
                "fix the line, or build fails",
            )
        )
    for requirement, origin in zip(dependencies.requirements, dependencies.origins):
        if deps.is_sdk(requirement):
            report.findings.append(
                warning(
                    origin,
                    None,
                    "lists the Plugin SDK as a runtime dependency: SPS ships it, and build "
                    "refuses to bundle it",
                    "keep it in requirements-dev.txt or [dev-packages]",
                    source="SDK",
                )
            )
    extra = [deps.import_name(r) for r in dependencies.requirements]
    _check_common(
        FolderFiles(selection), meta, report, extra, "requirements.txt (or Pipfile [packages])"
    )
    return report


def check_zip_file(path: Path) -> Report:
    report = Report()
    found, files = check_zip.open_zip(path)
    report.findings += found
    if files is None or "MANIFEST" not in files.names():
        return report
    meta = _read_manifest(lambda: files.read("MANIFEST", manifest.MAX_BYTES), files.label, report)
    if meta is None:
        return report
    _check_common(files, meta, report, [], "")
    report.findings += check_zip.contents(files, meta.releases or list(releases.RELEASES[:1]))
    return report


def check_path(path: Path) -> Report:
    return check_folder(path) if path.is_dir() else check_zip_file(path)


def describe(meta: manifest.Manifest | None) -> tuple[str, str]:
    """(plugin, releases) for the summary line."""
    if meta is None or not meta.name:
        return "the plugin", "releases it does not say"
    names = ", ".join(line.name for line in meta.releases) or "no release it can upload to"
    return f"{meta.name} ({meta.type or 'no type'})", names
