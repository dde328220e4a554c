"""Every rule ``check`` applies, in one table: its code, severity, source, message and fix.

Codes are stable: a rule that is retired keeps its code here as ``retired`` and the code is
never given to another rule (python/tests/codes.txt holds every code ever issued, and a test
holds this table to it). Messages and fixes are templates filled in where a rule fires.

Severity: an **error** is what SPS refuses at upload or what fails when SPS runs the plugin;
a **warning** is a Plugin SDK convention or our advice (``--strict`` fails those too).
Source: where the rule comes from, as the generator's notes tag each fact.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

SPS_DOCS = "SPS docs"
INFERRED = "inferred"
SDK = "SDK"
ADVICE = "advice"
SOURCES: dict[str, str] = {
    SPS_DOCS: "SPS's documentation, or what SPS's own upload check does",
    INFERRED: "not stated by SPS's documentation; inferred from the SDK, the vendor's plugins or "
    "partial pages, and decided on the side that keeps real plugins working",
    SDK: "a convention of the One Identity Plugin SDK, not of SPS itself",
    ADVICE: "this tool's recommendation: the plugin uploads and runs without it",
}


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    source: str
    # A few words: what the rule is about (the README's table, --explain's heading).
    title: str
    # Templates filled with the values where the rule fires.
    message: str
    fix: str
    retired: bool = False


def _rules(*rules: Rule) -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for rule in rules:
        assert rule.code not in table, rule.code  # noqa: S101 - a typo in this table
        table[rule.code] = rule
    return table


_E, _W = ERROR, WARNING
# Rules about the SDK's own documented behaviour (not a convention: it is what the SDK does).
SDK_DOCS_SOURCE = SPS_DOCS
RULES: dict[str, Rule] = _rules(
    # MANIFEST: read with PyYAML's safe_load and held to the validator SPS (and the SDK) runs.
    Rule(
        "M001",
        _E,
        SPS_DOCS,
        "MANIFEST is not YAML SPS reads",
        "{reason}",
        "fix the MANIFEST's YAML",
    ),
    Rule(
        "M002",
        _E,
        SPS_DOCS,
        "MANIFEST is not a mapping",
        "must be a YAML mapping of fields",
        "write key: value lines",
    ),
    Rule(
        "M003",
        _E,
        SPS_DOCS,
        "required field missing",
        "{key}: is required and must not be empty",
        "add a {key} line",
    ),
    Rule(
        "M004",
        _E,
        SPS_DOCS,
        "name SPS refuses",
        "name: {value!r} must start with a letter, then letters, digits or _",
        "e.g. AcmeVault",
    ),
    Rule(
        "M005",
        _E,
        SPS_DOCS,
        "version SPS refuses",
        "version: {value!r} must start with a digit",
        "e.g. 1.0.0, not v1.0.0",
    ),
    Rule(
        "M006",
        _E,
        SPS_DOCS,
        "unknown plugin type",
        "type: {value!r} is not a plugin type SPS knows",
        "aa or credentialstore",
    ),
    Rule(
        "M007",
        _E,
        SPS_DOCS,
        "no entry_point",
        "entry_point: is missing: SPS then runs the plugin as a legacy Python 2 plugin",
        "add entry_point: main.py (a file starting with #!/usr/bin/env pluginwrapper3)",
    ),
    Rule(
        "M008",
        _E,
        SPS_DOCS,
        "entry_point SPS refuses",
        "entry_point: {value!r} may hold only letters, digits, . _ - (a file at the ZIP root)",
        "main.py",
    ),
    Rule(
        "M009",
        _E,
        SPS_DOCS,
        "author_email SPS refuses",
        "author_email: {value!r} is not an address SPS accepts",
        "e.g. jane@example.com",
    ),
    Rule(
        "M010",
        _W,
        SPS_DOCS,
        "not a release number",
        "{key}: {value!r} is not a release number",
        "e.g. 7.0.0, or 8.0.0~ for 'below 8.0.0'",
    ),
    Rule("M011", _W, ADVICE, "unknown MANIFEST field", "{key}: unknown field", "{hint}"),
    Rule(
        "M012",
        _E,
        SPS_DOCS,
        "api newer than the oldest release offers",
        "api: 1.{minor} is "
        "newer than SPS {release} offers (1.{offered}): the upload would be refused there",
        'api: "1.{offered}", or a higher scb_min_version',
    ),
    Rule(
        "M013",
        _W,
        ADVICE,
        "release range before the modelled ones",
        "scb_max_version {value} "
        "ends before SPS {oldest}, the oldest release this tool models: it is checked as "
        "{oldest}",
        "raise scb_max_version if the plugin runs on newer SPS",
    ),
    Rule(
        "M014",
        _E,
        SPS_DOCS,
        "no release accepts the plugin",
        "api 1.{minor} with "
        "scb_max_version {value} fits no SPS release: every one would refuse the upload",
        "lower api, or raise scb_max_version",
    ),
    Rule(
        "M015",
        _W,
        SPS_DOCS,
        "api read as a number",
        "api: {written} is read by YAML as the number {number}",
        'quote it: api: "{written}"',
    ),
    Rule(
        "M016",
        _E,
        SPS_DOCS,
        "api is not a version",
        "api: {value!r} is not a version",
        'e.g. api: "1.7"',
    ),
    Rule(
        "M017",
        _E,
        SPS_DOCS,
        "api major is not 1",
        "api: {value!r} has major {major}; SPS's plugin API is 1.x",
        'e.g. "1.7"',
    ),
    Rule(
        "M018",
        _W,
        ADVICE,
        "api newer than any known release",
        "api: 1.{minor} is newer than any release this tool knows (SPS {newest}: 1.{offered})",
        "check the api your SPS offers",
    ),
    Rule(
        "M019",
        _E,
        SPS_DOCS,
        "MANIFEST too large",
        "is over {kib} KiB: not a MANIFEST",
        "write the dozen key: value lines SPS reads",
    ),
    Rule("M020", _E, SPS_DOCS, "MANIFEST not UTF-8", "is not UTF-8 text", "save it as UTF-8"),
    Rule(
        "M021",
        _E,
        SPS_DOCS,
        "no MANIFEST",
        "missing",
        "create it at the plugin's root (name, description, version, type, api, entry_point)",
    ),
    # The entry point and the Plugin class SPS builds from it.
    Rule(
        "P001",
        _E,
        SPS_DOCS,
        "entry point missing",
        "the entry point the MANIFEST names does not exist",
        "create {entry}, or fix entry_point",
    ),
    Rule(
        "P002",
        _E,
        SPS_DOCS,
        "no Python 3 shebang",
        "must start with the Python 3 shebang{detail}: without it SPS runs the plugin as Python 2",
        "{shebang}",
    ),
    Rule(
        "P003",
        _E,
        SPS_DOCS,
        "no class Plugin",
        "defines or imports no class Plugin, which SPS looks up in the entry point",
        "from <your package>.plugin import Plugin",
    ),
    Rule(
        "P004",
        _E,
        SPS_DOCS,
        "Plugin from a module the plugin lacks",
        "takes Plugin from {module}, which is not in the plugin: the import fails on SPS",
        "ship that module with the plugin, or correct the import line",
    ),
    Rule(
        "P005",
        _E,
        SPS_DOCS,
        "Plugin cannot be built",
        "Plugin.__init__ must accept exactly "
        "one positional argument, the configuration text: SPS builds the plugin as "
        "Plugin(configuration)",
        "def __init__(self, configuration, ...): give every other parameter a default",
    ),
    # Hooks against what each release passes (contract.json).
    Rule(
        "H001",
        _W,
        ADVICE,
        "hook missing",
        "Plugin has no {hook}(), which SPS {releases} calls for this plugin type",
        "add def {hook}(self, **kwargs) returning the neutral result",
    ),
    Rule(
        "H002",
        _E,
        SPS_DOCS,
        "async hook",
        "{hook}() is async: SPS calls it and never awaits it",
        "def {hook}(...), not async def",
    ),
    Rule(
        "H003",
        _E,
        SPS_DOCS,
        "positional-only parameters",
        "{hook}() takes {names} "
        "positionally only; SPS passes every argument by name, so the call fails",
        "drop the / from the parameter list",
    ),
    Rule(
        "H004",
        _W,
        ADVICE,
        "parameter SPS never passes",
        "{hook}() takes {name}, which SPS never passes to this hook: it is always its default",
        "{hint}",
    ),
    Rule(
        "H005",
        _W,
        ADVICE,
        "no **kwargs",
        "{hook}() has no **kwargs: a plugin keeps working "
        "when a newer SPS passes more names only if it accepts them",
        "end the parameter list of {hook}() with **kwargs",
    ),
    Rule(
        "H006",
        _W,
        ADVICE,
        "deprecated target_* name alone",
        "{hook}() reads {old} but not "
        "{new}: the target_* names are deprecated since SPS 6 F5, and no SPS 9 page says they "
        "are still passed",
        "take {first} too, and fall back to {old}",
    ),
    Rule(
        "H007",
        _E,
        SPS_DOCS,
        "required name SPS never passes",
        "{hook}() requires {name}, which "
        "SPS {releases} never passes to this hook: the call fails with TypeError and the "
        "session ends",
        "{hint}give {name} a default (= None), or read it from **kwargs",
    ),
    Rule(
        "H008",
        _W,
        INFERRED,
        "required name SPS may not pass",
        "{hook}() requires {name}, which "
        "SPS {releases} is not documented to pass to this hook: if it does not, the session "
        "ends",
        "{hint}give {name} a default (= None), or read it from **kwargs",
    ),
    Rule(
        "H009",
        _E,
        SDK_DOCS_SOURCE,
        "SDK hook with a required parameter",
        "{hook}() requires {names}: the Plugin SDK calls its do_* hooks with no arguments, so "
        "every call fails with TypeError and the session ends",
        "def {hook}(self): read the connection from the plugin's attributes (self.connection, "
        "self.account, ...), or give {names} a default",
    ),
    Rule(
        "H010",
        _E,
        SDK_DOCS_SOURCE,
        "async SDK hook",
        "{hook}() is async: the Plugin SDK calls it and never awaits it",
        "def {hook}(self), not async def",
    ),
    Rule(
        "H011",
        _W,
        SDK,
        "misspelled SDK hook",
        "{hook}() is not a hook the Plugin SDK calls; did you mean {known}()?",
        "rename it {known}",
    ),
    Rule(
        "H012",
        _E,
        SPS_DOCS,
        "AA plugin without authenticate",
        "Plugin has no authenticate(), which an AA plugin must implement: SPS calls it for every "
        "connection",
        "add def authenticate(self, **kwargs) returning a verdict",
    ),
    # Python source.
    Rule(
        "S001",
        _E,
        SPS_DOCS,
        "module SPS cannot import",
        "{reason}: importing it fails on SPS",
        "fix the file, or leave it out of the plugin",
    ),
    Rule(
        "S002",
        _E,
        INFERRED,
        "syntax newer than the plugin's Python",
        "uses syntax Python {python} does not have ({detail}): {pythons}, so importing it fails "
        "there ({how})",
        "write it for the oldest Python the plugin claims, or raise scb_min_version",
    ),
    Rule(
        "I001",
        _E,
        SPS_DOCS,
        "import SPS cannot satisfy",
        "imports {module}, which is neither in "
        "the standard library, nor in the plugin, nor installed on SPS: the import fails there",
        "{fix}",
    ),
    Rule(
        "I002",
        _E,
        SPS_DOCS,
        "import of an own module that is not there",
        "imports {module}, a module of the plugin's own that it does not have: the import fails "
        "on SPS",
        "create the module, or correct the import (its name, or the dots of a relative import)",
    ),
    Rule(
        "I003",
        _E,
        INFERRED,
        "module the plugin's Python lacks",
        "imports {module}, which is not in the standard library of Python {pythons}: {runs}, "
        "so the import fails there",
        "import it only where it exists (try/except ImportError), bundle a backport, or claim "
        "only releases whose Python has it (scb_min_version)",
    ),
    Rule(
        "I004",
        _W,
        INFERRED,
        "import of a module SPS has only as the SDK's dependency",
        "imports {module}, which SPS has only because the Plugin SDK imports it (SDK API "
        "1.{since} and later): nothing documents it for plugins",
        "bundle it (list it in {bundles_from}), or keep it only if you accept that an SPS release "
        "whose SDK drops it breaks the plugin",
    ),
    # Distributions bundled in the ZIP.
    Rule(
        "D001",
        _E,
        SPS_DOCS,
        "bundled distribution needs a newer Python",
        "bundles {distribution}, which requires Python {requires}: {runs} runs Python {python}, "
        "where it does not install and may not import",
        "pin a release of it that supports Python {python} (build installs for the oldest "
        "Python the plugin claims), or raise scb_min_version",
    ),
    Rule(
        "D002",
        _E,
        SPS_DOCS,
        "bundled distribution built for another Python or platform",
        "bundles {distribution}, which {why}: {runs} runs CPython {python} on Linux x86_64, "
        "where it does not load",
        "rebuild with sps-dev build, which installs wheels for SPS's Python and platform",
    ),
    # default.cfg.
    Rule(
        "C001",
        _E,
        SPS_DOCS,
        "default.cfg too large",
        "is {size:,} bytes; SPS accepts at most 10 KiB ({limit:,} bytes)",
        "shorten the comments, or move long documentation into the README",
    ),
    Rule(
        "C002",
        _E,
        SPS_DOCS,
        "default.cfg not UTF-8",
        "is not UTF-8 text, which SPS requires",
        "save it as UTF-8",
    ),
    Rule(
        "C003",
        _W,
        SDK,
        "default.cfg is not INI",
        "configparser cannot read it ({reason}): the "
        "SDK and the generated code read the configuration as INI",
        "fix the INI syntax",
    ),
    Rule(
        "C004",
        _W,
        SDK,
        "$ in a section with _",
        '[{section}] has an option set to "$", but the '
        'section name has "_", which a credential-store Host field cannot hold',
        "rename it [{renamed}]",
    ),
    Rule(
        "C005",
        _W,
        ADVICE,
        "literal secret",
        "[{section}] {name} holds a literal value: every "
        "admin who opens the configuration sees it, and it travels with every copy of the ZIP",
        "leave it empty for the admin (; {name} = <value>), or use $ and a local credential "
        "store (SDK)",
    ),
    # The project's files and dependencies, as build selects them.
    Rule(
        "L001",
        _E,
        SPS_DOCS,
        "project too large",
        "{reason}",
        "a plugin ZIP holds at most 20 MB: move data out of the project",
    ),
    Rule(
        "L002",
        _W,
        ADVICE,
        "file build refuses",
        "build refuses this: {reason}",
        "replace it with a regular file inside the project",
    ),
    Rule(
        "L003",
        _W,
        ADVICE,
        "dependency line build cannot read",
        "{reason}",
        "fix the line, or build fails",
    ),
    Rule(
        "L004",
        _W,
        SDK,
        "SDK listed as a runtime dependency",
        "lists the Plugin SDK as a "
        "runtime dependency: SPS ships it, and build refuses to bundle it",
        "keep it in requirements-dev.txt or [dev-packages]",
    ),
    # Dependencies kept in pyproject.toml (generated projects): the files pip reads follow it.
    Rule(
        "L005",
        _W,
        ADVICE,
        "requirements file not produced from pyproject.toml",
        "is not what pyproject.toml makes of it: {reason}",
        "run `python -m sps_dev requirements` (build also adds what pyproject.toml adds)",
    ),
    Rule(
        "L006",
        _W,
        ADVICE,
        "pyproject.toml version differs from the MANIFEST's",
        "[project] version is {project}, the MANIFEST's version is {manifest}",
        "make them equal: the ZIP and the release tag (v{manifest}) take the MANIFEST's",
    ),
    # A built ZIP.
    Rule(
        "Z001",
        _E,
        SPS_DOCS,
        "ZIP too large",
        "is {size:.1f} MB; SPS accepts at most 20 MB",
        "leave out what SPS does not need",
    ),
    Rule(
        "Z002",
        _E,
        SPS_DOCS,
        "not a ZIP",
        "is not a ZIP file SPS can read ({reason})",
        "build it with sps-dev build",
    ),
    Rule(
        "Z003",
        _E,
        SPS_DOCS,
        "too many ZIP entries",
        "holds {count:,} entries; no plugin has that many",
        "rebuild it",
    ),
    Rule(
        "Z004",
        _E,
        SPS_DOCS,
        "unsafe ZIP entry",
        "this entry {reason}: SPS refuses or mis-unpacks such ZIPs",
        "rebuild with sps-dev build",
    ),
    Rule(
        "Z005",
        _W,
        ADVICE,
        "duplicate ZIP entry",
        "is in the ZIP {count} times; which copy SPS unpacks is undefined",
        "rebuild it",
    ),
    Rule(
        "Z006", _E, SPS_DOCS, "no MANIFEST at the ZIP root", "has no MANIFEST at its root", "{fix}"
    ),
    Rule(
        "Z007",
        _W,
        ADVICE,
        "tests in the ZIP",
        "holds tests or test data ({names}): SPS never "
        "runs them, and test data often holds secrets",
        "rebuild with sps-dev build, which leaves them out",
    ),
    Rule(
        "Z008",
        _W,
        ADVICE,
        "sps_dev in the ZIP",
        "holds sps_dev, a development tool SPS does not need",
        "rebuild with sps-dev build",
    ),
    Rule(
        "Z009",
        _W,
        ADVICE,
        "bytecode in the ZIP",
        "is compiled Python: SPS's interpreter "
        "compiles the sources itself, and ignores or refuses bytecode of another Python",
        "rebuild with sps-dev build",
    ),
    Rule(
        "Z010",
        _W,
        INFERRED,
        "compiled for another platform",
        "is compiled for another platform: SPS runs on Linux x86_64",
        "rebuild with sps-dev build, which bundles wheels for SPS",
    ),
    Rule(
        "Z011",
        _W,
        INFERRED,
        "extension for another Python",
        "is built for CPython {python}{arch}: SPS {runs}; it will not load there",
        "rebuild with sps-dev build, which installs wheels for SPS's Python",
    ),
)

CODES: tuple[str, ...] = tuple(RULES)
