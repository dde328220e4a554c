"""The MANIFEST: read as SPS reads it, held to SPS's rules, and the releases it claims.

SPS's upload check (mirrored by the Plugin SDK's validator) reads the MANIFEST with PyYAML's
safe_load, so ``check`` does too: an unquoted ``api: 1.10`` is the number 1.1 there. The
simulator only needs a few plain fields and runs without PyYAML (``simple_fields``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sps_dev.contract import releases
from sps_dev.rules.findings import Finding, found

_RULES = releases.CONTRACT["manifest"]
# A MANIFEST is a dozen short lines; anything far larger is not one.
MAX_BYTES: int = _RULES["max_bytes"]
FILE = "MANIFEST"

NAME = re.compile(_RULES["name"])
ENTRY_POINT = re.compile(_RULES["entry_point"])
EMAIL = re.compile(_RULES["author_email"])
# The validator parses api as a partial semantic version: x, x.y or x.y.z.
API = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?")
# scb_min_version / scb_max_version: a release; a trailing ~ means "below, not including".
RELEASE = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?(~?)")
REQUIRED = tuple(_RULES["required"])
KNOWN_ALL = (*REQUIRED, *_RULES["optional"])


class ManifestError(Exception):
    """The MANIFEST cannot be read at all."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line


class NeedsPyYAML(Exception):
    """check reads YAML as SPS does, with PyYAML, which is not installed here."""


@dataclass
class Manifest:
    """The fields the tools use, as SPS reads them."""

    name: str = ""
    version: str = ""
    type: str = ""
    entry_point: str = "main.py"
    api_minor: int | None = None
    scb_min_version: str = ""
    scb_max_version: str = ""
    # The release lines (see releases.RELEASES) the plugin claims, oldest first.
    releases: list[releases.Release] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def simple_fields(text: str) -> dict[str, str]:
    """Top-level ``key: value`` lines as plain strings (quotes and comments removed): enough
    for the simulator, which must run without PyYAML."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith((" ", "\t", "#")) or ":" not in line:
            continue
        key, _, value = line.partition(":")
        value = value.split(" #", 1)[0].strip()
        fields[key.strip()] = value.strip("\"'")
    return fields


def load_yaml(text: str) -> Any:
    """safe_load, refusing aliases: no MANIFEST needs one, and an alias bomb would expand to
    gigabytes."""
    try:
        import yaml
    except ImportError:
        raise NeedsPyYAML from None
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise ManifestError(mark.line + 1, "uses a YAML alias (*name); write the value")
        return yaml.safe_load(text)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        reason = getattr(problem, "problem", None) or "not valid YAML"
        raise ManifestError(
            mark.line + 1 if mark else None, f"is not valid YAML: {reason}"
        ) from None
    except RecursionError:
        raise ManifestError(None, "is nested too deeply to be YAML SPS reads") from None


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def release_tuple(text: str) -> tuple[tuple[int, int, int], bool] | None:
    """("8.0.0~") -> ((8, 0, 0), True): the version and whether it is exclusive."""
    match = RELEASE.fullmatch(text)
    if match is None:
        return None
    major, minor, patch, tilde = match.groups()
    return (int(major), int(minor), int(patch or 0)), bool(tilde)


def claimed_by(fields: dict[str, str]) -> tuple[list[releases.Release], list[str]]:
    """``claimed`` for a MANIFEST's plain fields (api, scb_min_version, scb_max_version)."""
    api = API.fullmatch(fields.get("api", ""))
    minor = int(api.group(2) or 0) if api else None
    return claimed(minor, fields.get("scb_min_version", ""), fields.get("scb_max_version", ""))


def claimed(
    api_minor: int | None, minimum: str, maximum: str
) -> tuple[list[releases.Release], list[str]]:
    """The known release lines a plugin with these MANIFEST values uploads to."""
    low = release_tuple(minimum)
    high = release_tuple(maximum)
    lines = []
    for index, line in enumerate(releases.RELEASES):
        first = line.first
        following = releases.RELEASES[index + 1] if index + 1 < len(releases.RELEASES) else None
        if api_minor is not None and api_minor > line.api_minor:
            continue
        if low and following and low[0] >= following.first:
            continue
        if high and (high[0] <= first if high[1] else high[0] < first):
            continue
        lines.append(line)
    notes = []
    oldest = releases.RELEASES[0]
    if (low is None or low[0] < oldest.first) and lines and lines[0] is oldest:
        notes.append(
            f"releases before SPS {oldest.name} are not modelled: they are checked as {oldest.name}"
        )
    return lines, notes


def check(text: str, file: str = FILE) -> tuple[list[Finding], Manifest]:
    """The MANIFEST's findings, and its fields as SPS reads them."""
    manifest = Manifest()
    try:
        data = load_yaml(text)
    except ManifestError as problem:
        return [found("M001", file, problem.line, reason=str(problem))], manifest
    if not isinstance(data, dict):
        return [found("M002", file, None)], manifest
    findings: list[Finding] = []

    def bad(code: str, key: str, **values: Any) -> None:
        findings.append(found(code, file, _line_of(text, key), key=key, **values))

    fields = {str(k): v for k, v in data.items() if v is not None}
    for key in REQUIRED:
        if str(fields.get(key, "")).strip() == "":
            bad("M003", key)
    manifest.name = str(fields.get("name", ""))
    if manifest.name and not NAME.fullmatch(manifest.name):
        bad("M004", "name", value=manifest.name)
    manifest.version = str(fields.get("version", ""))
    if manifest.version and not manifest.version[0].isdigit():
        bad("M005", "version", value=manifest.version)
    manifest.type = str(fields.get("type", ""))
    if manifest.type and manifest.type not in releases.PLUGIN_TYPES + releases.OTHER_TYPES:
        bad("M006", "type", value=manifest.type)
    manifest.api_minor = _api(fields.get("api"), text, file, findings)
    if "entry_point" not in fields:
        bad("M007", "entry_point")
    else:
        entry_point = str(fields["entry_point"])
        if ENTRY_POINT.fullmatch(entry_point):
            manifest.entry_point = entry_point
        else:
            bad("M008", "entry_point", value=entry_point)
    email = str(fields.get("author_email", ""))
    if email and not EMAIL.fullmatch(email):
        bad("M009", "author_email", value=email)
    for key in ("scb_min_version", "scb_max_version"):
        value = str(fields.get(key, ""))
        if value and release_tuple(value) is None:
            bad("M010", key, value=value)
        setattr(manifest, key, value if release_tuple(value) else "")
    for key in fields:
        if key not in KNOWN_ALL:
            close = [k for k in KNOWN_ALL if _similar(k, key)]
            bad(
                "M011",
                key,
                hint=f"did you mean {close[0]}?" if close else "SPS knows no such field",
            )
    manifest.releases, manifest.notes = claimed(
        manifest.api_minor, manifest.scb_min_version, manifest.scb_max_version
    )
    findings += _range_findings(text, file, manifest)
    return findings, manifest


def line_of(version: tuple[int, int, int]) -> releases.Release | None:
    """The modelled release line a version belongs to (the newest line for anything later)."""
    found = None
    for line in releases.RELEASES:
        if version >= line.first:
            found = line
    return found


def _range_findings(text: str, file: str, manifest: Manifest) -> list[Finding]:
    if manifest.api_minor is None:
        return []
    low = release_tuple(manifest.scb_min_version)
    first = line_of(low[0]) if low else None
    if first is not None and manifest.api_minor > first.api_minor:
        return [
            found(
                "M012",
                file,
                _line_of(text, "api"),
                minor=manifest.api_minor,
                release=manifest.scb_min_version,
                offered=first.api_minor,
            )
        ]
    if manifest.releases:
        return []
    high = release_tuple(manifest.scb_max_version)
    oldest = releases.RELEASES[0]
    if high and high[0] <= oldest.first:
        where = _line_of(text, "scb_max_version")
        return [found("M013", file, where, value=manifest.scb_max_version, oldest=oldest.name)]
    return [
        found(
            "M014",
            file,
            _line_of(text, "api"),
            minor=manifest.api_minor,
            value=manifest.scb_max_version,
        )
    ]


def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _similar(a: str, b: str) -> bool:
    return _squash(a) == _squash(b)


def _api(api: Any, text: str, file: str, findings: list[Finding]) -> int | None:
    if api is None or str(api).strip() == "":
        return None
    line = _line_of(text, "api")
    written = text.splitlines()[line - 1].partition(":")[2].split("#")[0].strip() if line else ""
    if isinstance(api, float) and str(api) != written:
        findings.append(found("M015", file, line, written=written, number=api))
    match = API.fullmatch(str(api))
    if match is None:
        findings.append(found("M016", file, line, value=api))
        return None
    if match.group(1) != "1":
        findings.append(found("M017", file, line, value=api, major=match.group(1)))
        return None
    minor = int(match.group(2) or 0)
    newest = releases.RELEASES[-1]
    if minor > newest.api_minor:
        findings.append(
            found("M018", file, line, minor=minor, newest=newest.name, offered=newest.api_minor)
        )
    return minor
