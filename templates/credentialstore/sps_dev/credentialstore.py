"""One connection through a credential store plugin, in the order SPS calls its hooks."""

from __future__ import annotations

from typing import Any

from .hooks import Arguments, Call, ContractError, PluginFactory, call_hook, require_cookies

KEY_TYPES = ("ssh-rsa", "ssh-dss")

# What SPS passes about a typical SSH connection; the simulator's flags change these.
DEFAULT_CONNECTION: Arguments = {
    "session_id": "svc/sps-dev:0/ssh_gw/1",
    "protocol": "ssh",
    "client_ip": "192.0.2.10",
    "client_hostname": "workstation.example.com",
    "gateway_username": "alice",
    "gateway_password": "gateway-password-never-logged",
    "gateway_groups": ["admins"],
    "gateway_domain": "",
    "server_username": "root",
    "server_ip": "10.0.0.5",
    "server_hostname": "db1.example.com",
    "server_port": 22,
    "server_domain": "",
}


def _check_list(call: Call, key: str) -> list[Any]:
    value = call.result.get(key) if isinstance(call.result, dict) else None
    if not isinstance(value, list):
        raise ContractError(f"{call.hook}() must return a list under {key!r}")
    return value


def _check_passwords(call: Call) -> None:
    if not all(isinstance(item, str) for item in _check_list(call, "passwords")):
        raise ContractError("get_password_list(): every password must be a string")


def _check_private_keys(call: Call) -> None:
    for item in _check_list(call, "private_keys"):
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)):
            raise ContractError("get_private_key_list(): each key must be a (key_type, pem) pair")
        if item[0] not in KEY_TYPES:
            raise ContractError(
                f"get_private_key_list(): key type {item[0]!r} is not one of {', '.join(KEY_TYPES)}"
            )


def run_session(
    factory: PluginFactory,
    configuration: str,
    connection: Arguments | None = None,
    *,
    use_keys: bool = False,
    login_succeeds: bool = True,
) -> list[Call]:
    """Runs one connection and returns every call, checking each result against the contract.

    Like SPS: a new plugin per call; ``cookie`` starts empty and carries over between this
    plugin's calls; ``session_cookie`` is the connection's (``connection`` may preset it, as
    an AA plugin would); ``authentication_completed`` only after a successful login;
    ``session_ended`` exactly once. Raises ContractError on the first violation.
    """
    base = dict(DEFAULT_CONNECTION if connection is None else connection)
    cookie: Arguments = {}
    session_cookie: Arguments = dict(base.pop("session_cookie", None) or {})
    calls: list[Call] = []

    def call(hook: str, arguments: Arguments) -> Call:
        nonlocal cookie, session_cookie
        made = call_hook(
            factory,
            configuration,
            hook,
            {**arguments, "cookie": cookie, "session_cookie": session_cookie},
        )
        cookie, session_cookie = require_cookies(made)
        calls.append(made)
        return made

    if use_keys:
        _check_private_keys(call("get_private_key_list", base))
    _check_passwords(call("get_password_list", base))
    session = {"session_id": base.get("session_id")}
    if login_succeeds:
        call("authentication_completed", session)
    call("session_ended", session)
    return calls
