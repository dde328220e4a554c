"""What SPS knows about a connection, and which of it each hook receives, under which names."""

from __future__ import annotations

from .hooks import Arguments

# A typical SSH connection through SPS; the simulator's flags change these facts.
DEFAULT_CONNECTION: Arguments = {
    "session_id": "svc/sps-dev:0/ssh_gw/1",
    "protocol": "ssh",
    "connection_name": "ssh_gw",
    "client_ip": "192.0.2.10",
    "client_port": 50022,
    "client_hostname": "workstation.example.com",
    "gateway_user": "alice",
    "gateway_password": "gateway-password-never-logged",
    "gateway_groups": ["admins"],
    "gateway_domain": "",
    "server_username": "root",
    "server_ip": "10.0.0.5",
    "server_port": 22,
    "server_hostname": "db1.example.com",
    "server_domain": "",
}

# AA hooks: authenticate does not get the target's address or the groups (SPS does not know
# them yet); authorize gets them.
_AUTHENTICATE = (
    "session_id",
    "protocol",
    "connection_name",
    "client_ip",
    "client_port",
    "client_hostname",
    "gateway_user",
    "gateway_domain",
    "server_username",
    "server_domain",
)
_AUTHORIZE = (*_AUTHENTICATE, "gateway_groups", "server_ip", "server_port", "server_hostname")
_CREDENTIAL_STORE = (
    "session_id",
    "protocol",
    "client_ip",
    "client_hostname",
    "gateway_password",
    "gateway_groups",
    "gateway_domain",
    "server_username",
    "server_ip",
    "server_port",
    "server_hostname",
    "server_domain",
)


def authenticate_arguments(facts: Arguments, key_value_pairs: Arguments) -> Arguments:
    picked = {key: facts.get(key) for key in _AUTHENTICATE}
    return {**picked, "key_value_pairs": dict(key_value_pairs)}


def authorize_arguments(facts: Arguments, key_value_pairs: Arguments) -> Arguments:
    picked = {key: facts.get(key) for key in _AUTHORIZE}
    return {**picked, "key_value_pairs": dict(key_value_pairs)}


def credential_store_arguments(facts: Arguments) -> Arguments:
    """Credential stores get ``gateway_username`` where AA plugins get ``gateway_user``."""
    picked = {key: facts.get(key) for key in _CREDENTIAL_STORE}
    return {**picked, "gateway_username": facts.get("gateway_user")}
