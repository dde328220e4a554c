"""The plugin's Python source as ``check`` reads it: the entry point, its ``Plugin`` class
(checked against the release table), every shipped module's syntax and imports. A module is
parsed once; nothing is imported or run."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Union

from sps_dev.build import layout
from sps_dev.check import archive as check_zip
from sps_dev.check import grammar
from sps_dev.check import imports as check_imports
from sps_dev.check import plugin_class as check_plugin
from sps_dev.check.source import (
    MAX_SOURCE_BYTES,
    Import,
    Parsed,
    PluginClass,
    Resolver,
    SourceError,
    imports_of,
    parse,
)
from sps_dev.contract import manifest, releases
from sps_dev.rules.findings import Finding, found

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
    # Findings left out by --ignore, [tool.sps-dev] or an inline comment.
    ignored: int = 0


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
                mib = MAX_SOURCE_BYTES // 1024 // 1024
                self._problem(name, f"is over {mib} MB, too large to be read as plugin source")
            except SourceError as problem:
                self._problem(name, str(problem))
        return self.parsed[name]

    def _problem(self, name: str, text: str) -> None:
        # A module that does not parse fails when SPS imports it.
        self.report.findings.append(found("S001", f"{self.files.label}{name}", None, reason=text))

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
        report.findings.append(found("P001", where, None, entry=entry))
        return
    tree = modules.tree(entry)
    head = modules.data.get(entry, b"").split(b"\n", 1)[0]
    if entry in modules.data and not _SHEBANG.fullmatch(head):
        shown = (
            " (it ends in a carriage return: save with LF line endings)"
            if head.endswith(b"\r")
            else ""
        )
        report.findings.append(found("P002", where, 1, detail=shown, shebang=SHEBANG))
    stem = entry[:-3] if entry.endswith(".py") else entry
    if tree is None:
        return
    plugin = Resolver(modules.load).plugin_class((stem, entry, tree))
    lines = meta.releases or list(releases.RELEASES[:1])
    if isinstance(plugin, PluginClass):
        report.plugin = plugin
        report.findings += check_plugin.check_plugin_class(plugin, meta.type, lines)
        if plugin.unread_bases:
            report.notes.append(
                f"Plugin derives from {', '.join(plugin.unread_bases)}, which check cannot read: "
                "hooks may come from there"
            )
    elif plugin is None:
        report.findings.append(found("P003", where, None))
    else:
        top = plugin.split(".")[0]
        shipped = _roots(files)
        if top in shipped or check_imports.provided_by_sps(plugin):
            report.notes.append(
                f"Plugin comes from {plugin}, outside the plugin's own code: not checked"
            )
        else:
            report.findings.append(found("P004", where, None, module=plugin))


def _roots(files: Files) -> set[str]:
    return {check_zip.module_root(n) for n in files.names()}


def _check_modules(
    modules: _Modules,
    meta: manifest.Manifest,
    report: Report,
    extra_roots: list[str],
    bundles_from: str,
) -> None:
    imported: dict[str, list[Import]] = {}
    # The modules that parse here, for the claimed Pythons to compile.
    sources: dict[str, bytes] = {}
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
        imported[f"{modules.files.label}{name}"] = list(imports_of(modules.data[name], name))
        sources[name] = modules.data[name]
    claimed = sorted({line.python for line in lines})
    for python, (failed, how) in zip(claimed, grammar.problems_on(sources, claimed, oldest)):
        pythons = ", ".join(
            f"SPS {line.name} runs {line.python[0]}.{line.python[1]}"
            for line in lines
            if line.python == python
        )
        for name, why in sorted(failed.items()):
            report.findings.append(
                found(
                    "S002",
                    f"{modules.files.label}{name}",
                    None,
                    python=f"{python[0]}.{python[1]}",
                    detail=why,
                    pythons=pythons,
                    how=how,
                )
            )
    own = [n for n in modules.names if check_zip.module_root(n) not in bundled]
    report.findings += check_imports.check(
        imported,
        _roots(modules.files) | set(extra_roots),
        bundles_from=bundles_from,
        own_files=own,
        lines=lines,
    )


def check_sources(
    files: Files, meta: manifest.Manifest, report: Report, extra_roots: list[str], bundles_from: str
) -> None:
    """The entry point and its Plugin, then every shipped module. ``extra_roots``: modules
    the build will bundle; ``bundles_from``: where the user lists them ("" for a ZIP)."""
    modules = _Modules(files, report)
    _check_entry_point(modules, meta, report)
    _check_modules(modules, meta, report, extra_roots, bundles_from)
