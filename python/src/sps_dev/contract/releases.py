"""What each SPS release line offers a plugin: its plugin API, its Python, its hooks, and the
keyword names it passes to each hook. Read from contract.json, the one table that ``check``,
``simulate`` and the create-sps-plugin generator share; each fact there carries its source.

Only a documented list that is complete can make ``check`` report an error ("SPS never passes
this name"); an inferred list gives warnings, so that a real plugin is never refused on a
guess.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTRACT_FILE = Path(__file__).with_name("contract.json")
CONTRACT: dict[str, Any] = json.loads(CONTRACT_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Passed:
    """The names SPS passes to one hook in one release line."""

    documented: frozenset[str]
    inferred: frozenset[str] = frozenset()
    # True when the documented list is the whole list: a name outside it is never passed.
    complete: bool = False
    # Names SPS may or may not pass [uncertain]: never an error, never simulated.
    maybe: frozenset[str] = frozenset()
    source: str = ""

    @property
    def names(self) -> frozenset[str]:
        """Every name the simulator passes (to a hook with ``**kwargs``)."""
        return self.documented | self.inferred


@dataclass(frozen=True)
class Release:
    """One SPS release line: from its ``first`` version up to the next line's (7.0 stands for
    every 7.x, 6.3 for 6 F3 and F4)."""

    name: str
    major: int
    # The plugin API minor it offers: a MANIFEST api of 1.N uploads when N <= this.
    api_minor: int
    python: tuple[int, int]
    hooks: dict[str, dict[str, Passed]]
    label: str = ""
    scb_min_version: str = ""
    source: str = ""

    @property
    def first(self) -> tuple[int, int, int]:
        """The first SPS version of the line, e.g. (6, 10, 0)."""
        parts = [int(part) for part in self.scb_min_version.split(".")]
        return (parts[0], parts[1], parts[2])


def _names(listed: list[str]) -> frozenset[str]:
    """A name list of the contract, with its ``@group`` references expanded."""
    found: set[str] = set()
    for name in listed:
        if name.startswith("@"):
            found |= _names(CONTRACT["names"][name[1:]])
        else:
            found.add(name)
    return frozenset(found)


def _passed(entry: dict[str, Any], documented_here: bool) -> Passed:
    documented = _names(entry.get("documented", []))
    inferred = _names(entry.get("inferred", []))
    if not documented_here:
        # No guide page for this type in this release: every name is a guess.
        return Passed(
            frozenset(),
            documented | inferred,
            False,
            _names(entry.get("maybe", [])),
            entry["source"],
        )
    return Passed(
        documented,
        inferred,
        bool(entry.get("complete", False)),
        _names(entry.get("maybe", [])),
        entry.get("source", ""),
    )


def _release(entry: dict[str, Any]) -> Release:
    major, minor = (int(part) for part in entry["python"].split("."))
    # A line may name other lists for some hooks (SPS 6 before F5 passed no server_* names)
    # and leave hooks out that it never calls (the RemoteApp hook before 6 F10).
    own = entry.get("hooks", {})
    without = entry.get("without_hooks", {})
    hooks = {
        kind: {
            hook: _passed(
                own.get(kind, {}).get(hook, spec), kind not in entry["undocumented_types"]
            )
            for hook, spec in CONTRACT["hooks"][kind].items()
            if hook not in without.get(kind, [])
        }
        for kind in CONTRACT["plugin_types"]
    }
    return Release(
        entry["name"],
        entry["major"],
        int(entry["api"].split(".")[1]),
        (major, minor),
        hooks,
        entry["label"],
        entry["scb_min_version"],
        entry["source"],
    )


RELEASES: tuple[Release, ...] = tuple(_release(entry) for entry in CONTRACT["releases"])
RELEASE_NAMES = tuple(release.name for release in RELEASES)
# The release a test's connection runs as when it names none: the oldest a generated project
# can claim (SPS 7.0), as it was before SPS 6 was modelled, so that projects' tests keep
# their meaning. SPS 6 is run by naming it (release=..., simulate and verify do so).
DEFAULT_RELEASE: Release = next(
    release for release, entry in zip(RELEASES, CONTRACT["releases"]) if entry.get("generator")
)
PLUGIN_TYPES: tuple[str, ...] = tuple(CONTRACT["plugin_types"])
OTHER_TYPES: tuple[str, ...] = tuple(CONTRACT["other_types"]["names"])
SDK_MODULE: str = CONTRACT["sdk"]["module"]
SDK_BASES: dict[str, tuple[str, ...]] = {
    base: tuple(hooks) for base, hooks in CONTRACT["sdk"]["bases"].items()
}
SDK_DISTRIBUTION: str = CONTRACT["sdk"]["distribution"]
# The hooks the SDK's base classes call on a plugin (do_*), with no arguments.
SDK_HOOKS: dict[str, tuple[str, ...]] = {
    base: tuple(hooks) for base, hooks in CONTRACT["sdk"]["hooks"].items()
}
PROVIDED_BY_SPS: tuple[str, ...] = tuple(CONTRACT["provided_by_sps"]["modules"])


@dataclass(frozen=True)
class SdkDependency:
    """Modules SPS has because the SDK of an api minor and later imports them [inferred]."""

    since_api_minor: int
    modules: frozenset[str]
    source: str


SDK_DEPENDENCIES: tuple[SdkDependency, ...] = tuple(
    SdkDependency(
        int(entry["since_api"].split(".")[1]), frozenset(entry["modules"]), entry["source"]
    )
    for entry in CONTRACT["provided_by_sps"]["sdk_dependencies"]
)


def sdk_dependency(module: str, line: Release) -> SdkDependency | None:
    """The SDK's dependency that provides top-level ``module`` on ``line``, if any."""
    for entry in SDK_DEPENDENCIES:
        if module in entry.modules and line.api_minor >= entry.since_api_minor:
            return entry
    return None


def release_named(name: str) -> Release | None:
    for release in RELEASES:
        if release.name == name:
            return release
    return None


def hooks_of(kind: str) -> tuple[str, ...]:
    """Every hook any known release offers a plugin of type ``kind``, in calling order."""
    seen: dict[str, None] = {}
    for release in RELEASES:
        for hook in release.hooks.get(kind, {}):
            seen[hook] = None
    return tuple(seen)
