"""What SPS knows about a connection, and which of it each hook receives, under which names,
release by release (the names come from releases.py, the table ``check`` uses too)."""

from __future__ import annotations

from typing import Any, Dict

from sps_dev.contract import releases

Arguments = Dict[str, Any]

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

# Values under names that are not facts of the connection itself.
_DERIVED = {
    # Credential-store hooks call the gateway user gateway_username; AA hooks gateway_user.
    "gateway_username": lambda f: f.get("gateway_user"),
    # The deprecated spellings SPS still passes next to server_* (SDK: target_host "equals
    # server_hostname if available, otherwise server_ip").
    "target_username": lambda f: f.get("server_username"),
    "target_host": lambda f: f.get("server_hostname") or f.get("server_ip"),
    "target_port": lambda f: f.get("server_port"),
    "target_domain": lambda f: f.get("server_domain"),
}


def arguments(release: releases.Release, kind: str, hook: str, facts: Arguments) -> Arguments:
    """Every name ``release`` passes to ``hook`` of a ``kind`` plugin, with its value. The
    cookies and key_value_pairs are filled in by the caller; a fact SPS does not know is None
    ("SPS does not always know or pass all parameters", SDK ConnectionInfo)."""
    passed = release.hooks[kind][hook]
    values: Arguments = {}
    for name in sorted(passed.names):
        derive = _DERIVED.get(name)
        values[name] = derive(facts) if derive else facts.get(name)
    return values
