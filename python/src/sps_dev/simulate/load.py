"""Loading a plugin the way SPS does: the MANIFEST's entry point, its ``Plugin`` class, and
``Plugin(configuration)`` for every call. The plugin's folder goes first on sys.path, as the
unpacked ZIP is the plugin's working folder on SPS."""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path
from typing import Any

from sps_dev.contract import manifest, releases
from sps_dev.simulate.hooks import PluginUnderTest, raised_at

SDK_HINT = (
    "this plugin is built on the Plugin SDK (safeguard.sessions.plugin), which SPS ships but "
    "this Python lacks: install it into this environment "
    "(pip install 'oneidentity-safeguard-sessions-plugin-sdk~={api}.0'), then run simulate again"
)


class LoadError(Exception):
    """The plugin cannot be loaded here; the message says what to do. ``code`` is the exit
    code: 2 when this machine lacks something, 1 when the plugin itself fails (as on SPS)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class Secrets:
    """Secrets given with --secret, in place of SPS's local credential store."""

    def __init__(self, values: dict[tuple[str, str], str]) -> None:
        self._values = values

    def secret(self, section: str, option: str) -> str | None:
        return self._values.get((section, option))


def fields(project: Path) -> dict[str, str]:
    path = project / "MANIFEST"
    if not path.is_file():
        raise LoadError(f"{project}: no MANIFEST, so this is not a plugin folder")
    try:
        return manifest.simple_fields(path.read_bytes()[: manifest.MAX_BYTES].decode("utf-8"))
    except UnicodeDecodeError:
        raise LoadError(f"{path}: not UTF-8 text") from None


def _own_module(project: Path, top: str) -> bool:
    """Whether ``top`` is a module or package of the plugin's own folder."""
    return (project / f"{top}.py").is_file() or (project / top).is_dir()


def _sdk_version() -> str:
    try:
        from importlib import metadata

        return f"version {metadata.version(releases.SDK_DISTRIBUTION)}"
    except Exception:  # noqa: BLE001 - only a detail of a message
        return "version unknown"


def _takes_secrets(plugin_class: Any) -> bool:
    try:
        parameters = inspect.signature(plugin_class).parameters
    except (TypeError, ValueError):
        return False
    return "secrets" in parameters


def load(
    project: Path, configuration: Path | None, secrets: Secrets | None
) -> tuple[PluginUnderTest, dict[str, str], str]:
    """The plugin of ``project``, its MANIFEST fields and a note (empty when none)."""
    meta = fields(project)
    entry = meta.get("entry_point") or "main.py"
    if not manifest.ENTRY_POINT.fullmatch(entry) or not (project / entry).is_file():
        raise LoadError(f"{project}: the entry point {entry!r} the MANIFEST names is missing")
    text = ""
    config_file = configuration if configuration is not None else project / "default.cfg"
    if config_file.is_file():
        text = config_file.read_bytes().decode("utf-8", errors="replace")
    elif configuration is not None:
        raise LoadError(f"{configuration}: no such configuration file")
    folder = str(project.resolve())
    sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(f"sps_dev_entry_{len(sys.path)}", project / entry)
    if spec is None or spec.loader is None:
        raise LoadError(f"{project / entry}: cannot be loaded as Python")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as missing:
        top = (missing.name or "").split(".")[0]
        if top == "safeguard":
            api = manifest.API.fullmatch(meta.get("api", ""))
            minor = f"1.{api.group(2) or 0}" if api else "1.7"
            raise LoadError(SDK_HINT.format(api=minor)) from None
        if _own_module(project, top):
            # The plugin's own package lacks a module it imports: so does its ZIP on SPS.
            where = raised_at(missing, folder)
            raise LoadError(
                f"{project / entry}: the plugin imports {missing.name}, a module of its own that "
                f"it does not have{' (at ' + where + ')' if where else ''}: on SPS the import "
                "fails and the session ends",
                code=1,
            ) from None
        raise LoadError(
            f"{project / entry}: importing it fails here: {missing}; install it into this "
            "environment (and list it in requirements.txt, so that build bundles it)"
        ) from None
    except ImportError as missing:
        if (missing.name or "").split(".")[0] == "safeguard":
            # The SDK installed here lacks a name the plugin imports: this machine's SDK is
            # not the one SPS runs, which says nothing about the plugin.
            raise LoadError(
                f"the Plugin SDK installed here ({_sdk_version()}) lacks what the plugin imports "
                f"({missing}); install the SDK version of the SPS release you simulate "
                "(pip install 'oneidentity-safeguard-sessions-plugin-sdk~=1.N.0'), then run "
                "simulate again"
            ) from None
        raise
    plugin_class: Any = getattr(module, "Plugin", None)
    if not inspect.isclass(plugin_class):
        raise LoadError(f"{project / entry}: has no class Plugin")
    note = ""
    if secrets is not None and not _takes_secrets(plugin_class):
        note = (
            f"{meta.get('name', project.name)}: Plugin takes no secrets=, so --secret is not used"
        )
        secrets = None
    chosen = secrets
    built: Any = plugin_class  # a class, checked above (isclass narrows it to type[object])

    def factory(configuration_text: str) -> Any:
        return (
            built(configuration_text)
            if chosen is None
            else built(configuration_text, secrets=chosen)
        )

    name = f"{meta.get('name') or project.name} ({meta.get('type', '?')})"
    plugin = PluginUnderTest(name, factory, text, meta.get("type", ""), folder)
    plugin.plugin_class = built
    return plugin, meta, note
