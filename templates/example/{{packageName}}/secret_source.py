"""Where ``$`` values of the configuration come from.

In ``default.cfg``, an option whose value is ``$`` tells SPS admins to keep the real value in
SPS's local credential store (Host: the section name, Username: the option name) instead of in
the configuration text, which every SPS admin can read.
"""

from __future__ import annotations

from .log import logger


class SpsLocalCredentialStore:
    """Reads ``$`` values from SPS's local credential store through the Plugin SDK.

    [uncertain] The raw hook API hands a plugin its configuration text as it is: resolving
    ``$`` is done by the Plugin SDK's PluginConfiguration, which SPS pre-installs. Its import
    path and ``get(section, option)`` are taken from the SDK documentation. When the SDK is
    missing or fails, the secret counts as not found (logged without detail), so the plugin
    returns no credential and SPS asks the user: the safe side.

    The SDK is imported on the first lookup, not with the plugin: only hook calls that read a
    ``$`` value pay for it (the SDK and what it imports; it is not on PyPI, so its cost can
    only be measured on SPS). Every other hook call imports no more than the plugin.
    """

    def __init__(self, configuration: str) -> None:
        self._configuration = configuration

    def secret(self, section: str, option: str) -> str | None:
        try:
            # Imported here, not at the top: only a "$" value needs it, and SPS starts the
            # plugin afresh for every hook call.
            from importlib import import_module

            module = import_module("safeguard.sessions.plugin.plugin_configuration")
            value = module.PluginConfiguration(self._configuration).get(section, option)
        except Exception as error:  # noqa: BLE001 - no failure here may end the session
            logger.warning(
                "cannot read [%s] %s from the local credential store (%s)",
                section,
                option,
                type(error).__name__,
            )
            return None
        return value if isinstance(value, str) and value not in ("", "$") else None
