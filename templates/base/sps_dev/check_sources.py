"""The plugin's Python source as ``check`` reads it: the entry point, its ``Plugin`` class
(checked against the release table), every shipped module's syntax and imports. A module is
parsed once; nothing is imported or run."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Union

from . import check_imports, check_plugin, check_zip, layout, manifest, releases
from .findings import Finding, error, warning
from .source import (
    MAX_SOURCE_BYTES,
    Import,
    Parsed,
    PluginClass,
    Resolver,
    SourceError,
    imports,
    newer_syntax,
    parse,
)

SHEBANG = "#!/usr/bin/env pluginwrapper3"
_SHEBANG = re.compile(rb"#! ?/usr/bin/env[ \t]+pluginwrapper3[ \t]*")


class FolderFiles:
    """The files ``build`` would ship from a project folder."""

    label = ""

    def __init__(self, selection: layout.Selection) -> None:
        self._files = selection.files

    def names(self) -> list[str]:
        return sorted(self._files)

    def size(self, name: str) -> int:
        return self._files[name].stat().st_size

    def read(self, name: str, limit: int) -> bytes:
        with open(self._files[name], "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise check_zip.TooLarge(name)
        return data


Files = Union[FolderFiles, check_zip.ZipFiles]


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    manifest: manifest.Manifest | None = None
    plugin: PluginClass | None = None
    notes: list[str] = field(default_factory=list)


class _Modules:
    """The plugin's Python modules, parsed once each, by dotted name."""

    def __init__(self, files: Files, report: Report) -> None:
        self.files = files
        self.report = report
        self.names = set(files.names())
        self.parsed: dict[str, ast.Module | None] = {}
        self.data: dict[str, bytes] = {}

    def tree(self, name: str) -> ast.Module | None:
        if name not in self.parsed:
            self.parsed[name] = None
            try:
                data = self.files.read(name, MAX_SOURCE_BYTES)
                self.data[name] = data
                self.parsed[name] = parse(data, name)
            except check_zip.TooLarge:
                self._problem(
                    name,
                    f"is over {MAX_SOURCE_BYTES // 1024 // 1024} MB, too large to be read as "
                    "plugin source",
                )
            except SourceError as problem:
                self._problem(name, str(problem))
        return self.parsed[name]

    def _problem(self, name: str, text: str) -> None:
        # A module that does not parse fails when SPS imports it.
        self.report.findings.append(
            error(
                f"{self.files.label}{name}",
                None,
                f"{text}: importing it fails on SPS",
                "fix the file, or leave it out of the plugin",
            )
        )

    def load(self, dotted: str) -> Parsed | None:
        base = dotted.replace(".", "/")
        for name in (f"{base}.py", f"{base}/__init__.py"):
            if name in self.names:
                tree = self.tree(name)
                return None if tree is None else (dotted, name, tree)
        return None


def _check_entry_point(modules: _Modules, meta: manifest.Manifest, report: Report) -> None:
    files, entry = modules.files, meta.entry_point
    where = f"{files.label}{entry}"
    if entry not in modules.names:
        report.findings.append(
            error(
                where,
                None,
                "the entry point the MANIFEST names does not exist",
                f"create {entry}, or fix entry_point",
            )
        )
        return
    tree = modules.tree(entry)
    head = modules.data.get(entry, b"").split(b"\n", 1)[0]
    if entry in modules.data and not _SHEBANG.fullmatch(head):
        shown = (
            " (it ends in a carriage return: save with LF line endings)"
            if head.endswith(b"\r")
            else ""
        )
        report.findings.append(
            error(
                where,
                1,
                f"must start with the Python 3 shebang{shown}: without it SPS runs the plugin as "
                "Python 2",
                SHEBANG,
            )
        )
    stem = entry[:-3] if entry.endswith(".py") else entry
    if tree is None:
        return
    found = Resolver(modules.load).plugin_class((stem, entry, tree))
    lines = meta.releases or list(releases.RELEASES[:1])
    if isinstance(found, PluginClass):
        report.plugin = found
        report.findings += check_plugin.check_plugin_class(found, meta.type, lines)
        if found.unread_bases:
            report.notes.append(
                f"Plugin derives from {', '.join(found.unread_bases)}, which check cannot read: "
                "hooks may come from there"
            )
    elif found is None:
        report.findings.append(
            error(
                where,
                None,
                "defines or imports no class Plugin, which SPS looks up in the entry point",
                "from <your package>.plugin import Plugin",
            )
        )
    else:
        top = found.split(".")[0]
        shipped = _roots(files)
        if top in shipped or check_imports.provided_by_sps(found):
            report.notes.append(
                f"Plugin comes from {found}, outside the plugin's own code: not checked"
            )
        else:
            report.findings.append(
                error(
                    where,
                    None,
                    f"takes Plugin from {found}, which is not in the plugin: the import fails on "
                    "SPS",
                    "ship that module with the plugin, or correct the import line",
                )
            )


def _roots(files: Files) -> set[str]:
    return {check_zip.module_root(n) for n in files.names()}


def _check_modules(
    modules: _Modules,
    meta: manifest.Manifest,
    report: Report,
    extra_roots: list[str],
    bundles_from: str,
) -> None:
    found: dict[str, list[Import]] = {}
    lines = meta.releases or list(releases.RELEASES[:1])
    oldest = min(line.python for line in lines)
    bundled = check_zip.bundled(modules.files)
    for name in sorted(modules.names):
        if not name.endswith(".py") or check_zip.is_test(name) or name.startswith("sps_dev/"):
            continue
        if check_zip.module_root(name) in bundled:
            continue
        tree = modules.tree(name)
        if tree is None:
            continue
        dotted = name[:-3].replace("/", ".")
        is_package = dotted.endswith(".__init__") or dotted == "__init__"
        dotted = dotted[: -len(".__init__")] if dotted.endswith(".__init__") else dotted
        found[f"{modules.files.label}{name}"] = imports(tree, dotted, is_package)
        newer = newer_syntax(modules.data[name], oldest)
        if newer:
            pythons = ", ".join(
                f"SPS {line.name} runs {line.python[0]}.{line.python[1]}"
                for line in lines
                if line.python == oldest
            )
            report.findings.append(
                warning(
                    f"{modules.files.label}{name}",
                    None,
                    f"uses syntax Python {oldest[0]}.{oldest[1]} does not have ({newer}); "
                    f"{pythons} [inferred]",
                    "write it for the oldest Python the plugin claims, or raise scb_min_version",
                )
            )
    report.findings += check_imports.check(
        found, _roots(modules.files) | set(extra_roots), bundles_from=bundles_from
    )


def check_sources(
    files: Files, meta: manifest.Manifest, report: Report, extra_roots: list[str], bundles_from: str
) -> None:
    """The entry point and its Plugin, then every shipped module. ``extra_roots``: modules
    the build will bundle; ``bundles_from``: where the user lists them ("" for a ZIP)."""
    modules = _Modules(files, report)
    _check_entry_point(modules, meta, report)
    _check_modules(modules, meta, report, extra_roots, bundles_from)
