"""The plugin's runtime dependencies: pyproject.toml's ``[project] dependencies`` where a
project keeps them there (generated projects do; see requirements.py), else ``requirements.txt``;
and a Pipfile's ``[packages]`` (the vendor's plugins use Pipfile; its ``[dev-packages]`` are never
bundled).

The Pipfile is TOML, and the plugin's oldest Python (3.8) has no TOML reader in its standard
library, so the few forms a ``[packages]`` entry takes are read here: ``name = "spec"`` and
``name = {version = "spec", extras = [...]}``. Anything else (git, path, editable) cannot be
bundled for SPS and is reported as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sps_dev.build import requirements as produced
from sps_dev.contract import releases

_KEY = r'(?:"([^"]+)"|\'([^\']+)\'|([A-Za-z0-9_.-]+))'
_ENTRY = re.compile(rf"^{_KEY}\s*=\s*(.+?)\s*$")
_TABLE = re.compile(r"^\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")
_STRING = re.compile(r'^"([^"]*)"$|^\'([^\']*)\'$')
_INLINE_VALUE = re.compile(r'([A-Za-z_]+)\s*=\s*("([^"]*)"|\'([^\']*)\'|\[[^\]]*\]|true|false)')
# Distribution names whose import name differs (the common ones in SPS plugins).
_IMPORT_NAMES = {
    "pyyaml": "yaml",
    "python-ldap": "ldap",
    "pyopenssl": "OpenSSL",
    "pyjwt": "jwt",
    "python-dateutil": "dateutil",
    "beautifulsoup4": "bs4",
    "pycryptodome": "Crypto",
    "dnspython": "dns",
}


@dataclass
class Dependencies:
    requirements: list[str] = field(default_factory=list)
    # Where each came from, for messages: "requirements.txt:3", "Pipfile:5".
    origins: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, requirement: str, origin: str) -> None:
        self.requirements.append(requirement)
        self.origins.append(origin)


def normalise(name: str) -> str:
    """PEP 503: how pip compares distribution names."""
    return re.sub(r"[-_.]+", "-", name).lower()


def distribution(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[@(]", requirement.strip(), maxsplit=1)[0]


def import_name(requirement: str) -> str:
    """The top-level module a distribution most likely installs."""
    name = normalise(distribution(requirement))
    return _IMPORT_NAMES.get(name, name.replace("-", "_"))


def is_sdk(requirement: str) -> bool:
    return normalise(distribution(requirement)) == releases.SDK_DISTRIBUTION


def _unquote(value: str) -> str | None:
    match = _STRING.match(value)
    return (
        None
        if match is None
        else (match.group(1) if match.group(1) is not None else match.group(2))
    )


def _pipfile_requirement(name: str, value: str) -> str | None:
    plain = _unquote(value)
    if plain is not None:
        return name if plain.strip() in ("", "*") else f"{name}{plain.strip()}"
    if not (value.startswith("{") and value.endswith("}")):
        return None
    options = {m.group(1): m.group(2) for m in _INLINE_VALUE.finditer(value[1:-1])}
    if set(options) & {"git", "path", "file", "hg", "svn", "editable", "ref"}:
        return None
    spec = _unquote(options.get("version", '"*"')) or "*"
    extras = re.findall(r'"([^"]+)"|\'([^\']+)\'', options.get("extras", ""))
    listed = ",".join(a or b for a, b in extras)
    marker = _unquote(options.get("markers", "")) if "markers" in options else None
    return (
        name
        + (f"[{listed}]" if listed else "")
        + ("" if spec.strip() in ("", "*") else spec.strip())
        + (f"; {marker}" if marker else "")
    )


def read_pipfile(text: str, deps: Dependencies) -> None:
    section = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        table = _TABLE.match(line)
        if table:
            section = table.group(1)
            continue
        if section != "packages":
            continue
        entry = _ENTRY.match(line.split(" #", 1)[0].strip())
        if entry is None:
            deps.problems.append(f"Pipfile:{number}: cannot read this [packages] line")
            continue
        name = next(g for g in entry.groups()[:3] if g)
        requirement = _pipfile_requirement(name, entry.group(4))
        if requirement is None:
            deps.problems.append(
                f"Pipfile:{number}: {name} is not a plain version requirement (git, path or "
                "editable): build installs from an index only; publish it as a wheel, or list "
                "it in requirements.txt as pip understands it"
            )
        else:
            deps.add(requirement, f"Pipfile:{number}")


def read_requirements(text: str, deps: Dependencies) -> None:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if line.startswith("#"):
            continue
        if line.startswith("-"):
            deps.problems.append(
                f"requirements.txt:{number}: pip options ({line.split()[0]}) are not read by "
                "build; list plain requirements, one per line"
            )
        elif line:
            deps.add(line, f"requirements.txt:{number}")


def read(project: Path) -> Dependencies:
    """The project's runtime dependencies, from each file that lists them."""
    deps = Dependencies()
    try:
        declared = produced.declared(project)
    except produced.RequirementsError as problem:
        deps.problems.append(str(problem))
        declared = None
    readers = [("Pipfile", read_pipfile)]
    if declared is None:
        readers.insert(0, ("requirements.txt", read_requirements))
    else:
        for requirement in declared.runtime:
            deps.add(requirement, "pyproject.toml:[project] dependencies")
    for name, reader in readers:
        path = project / name
        if path.is_file() and not path.is_symlink():
            try:
                text = path.read_bytes()[: 1024 * 1024].decode("utf-8")
            except UnicodeDecodeError:
                deps.problems.append(f"{name}: is not UTF-8 text")
                continue
            reader(text, deps)
    return deps
