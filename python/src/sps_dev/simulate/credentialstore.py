"""A credential store plugin's part of a connection, in the order SPS calls its hooks, with
each result checked against SPS's documented rules."""

from __future__ import annotations

from typing import Any, Sequence

from sps_dev.contract import facts as connection_facts
from sps_dev.contract import releases
from sps_dev.contract.facts import Arguments
from sps_dev.simulate.hooks import Call, Connection, ContractError, PluginUnderTest

KEY_TYPES = ("ssh-rsa", "ssh-dss")


def _list(call: Call, key: str, warnings: list[str]) -> list[Any]:
    if call.result is None:
        # [unknown] what SPS does with None; the SDK returns an empty list instead.
        warnings.append(
            f"{call.hook}() returned None: SPS documents a dict; return an empty list under "
            f"{key!r} when there is nothing"
        )
        return []
    if not isinstance(call.result, dict):
        raise ContractError(f"{call.hook}() must return a dict, got {type(call.result).__name__}")
    value = call.result.get(key, [])
    if not isinstance(value, list):
        raise ContractError(f"{call.hook}() must return a list under {key!r}")
    return value


def check_passwords(call: Call, warnings: list[str]) -> None:
    if not all(isinstance(item, str) for item in _list(call, "passwords", warnings)):
        raise ContractError(f"{call.hook}(): every password must be a string")


def check_private_keys(call: Call, warnings: list[str]) -> None:
    for item in _list(call, "private_keys", warnings):
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)):
            raise ContractError("get_private_key_list(): each key must be a (key_type, pem) pair")
        if item[0] not in KEY_TYPES:
            raise ContractError(
                f"get_private_key_list(): key type {item[0]!r} is not one of {', '.join(KEY_TYPES)}"
            )


def fetch_credentials(
    connection: Connection,
    plugin: PluginUnderTest,
    facts: Arguments,
    release: releases.Release,
    *,
    use_keys: bool,
    login_succeeds: bool,
    remote_apps: Sequence[str] = (),
    warnings: list[str] | None = None,
) -> None:
    """The hooks SPS calls while it logs in to the server: keys (SSH, when asked for), then
    passwords, ``authentication_completed`` only after a successful login, then the
    RemoteApp hook once for each application the RemoteApp Launcher asks for."""
    warned = warnings if warnings is not None else []

    def call(hook: str, known: Arguments) -> Call | None:
        if hook not in release.hooks["credentialstore"]:
            return None
        return connection.call(
            plugin, hook, connection_facts.arguments(release, "credentialstore", hook, known)
        )

    if use_keys:
        made = call("get_private_key_list", facts)
        if made is not None:
            check_private_keys(made, warned)
    made = call("get_password_list", facts)
    if made is not None:
        check_passwords(made, warned)
    if login_succeeds:
        call("authentication_completed", facts)
    for asset in remote_apps:
        # [inferred] the hook's name and its result: passwords, like get_password_list.
        made = call("get_remote_app_credentials", {**facts, "asset": asset})
        if made is not None and made.result is not None:
            check_passwords(made, warned)
