"""A credential store plugin's part of a connection, in the order SPS calls its hooks."""

from __future__ import annotations

from typing import Any

from .facts import credential_store_arguments
from .hooks import Arguments, Call, Connection, ContractError, PluginUnderTest, require_result

KEY_TYPES = ("ssh-rsa", "ssh-dss")


def _check_list(call: Call, key: str) -> list[Any]:
    value = require_result(call).get(key)
    if not isinstance(value, list):
        raise ContractError(f"{call.hook}() must return a list under {key!r}")
    return value


def check_passwords(call: Call) -> None:
    if not all(isinstance(item, str) for item in _check_list(call, "passwords")):
        raise ContractError("get_password_list(): every password must be a string")


def check_private_keys(call: Call) -> None:
    for item in _check_list(call, "private_keys"):
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
    *,
    use_keys: bool,
    login_succeeds: bool,
) -> None:
    """The hooks SPS calls while it logs in to the server: keys (SSH, when asked for), then
    passwords, then ``authentication_completed`` only after a successful login."""
    arguments = credential_store_arguments(facts)
    if use_keys:
        check_private_keys(connection.call(plugin, "get_private_key_list", arguments))
    check_passwords(connection.call(plugin, "get_password_list", arguments))
    if login_succeeds:
        connection.call(plugin, "authentication_completed", {"session_id": facts["session_id"]})
