"""What the hooks take and return, for type checkers only.

SPS starts the plugin afresh for every hook call, so every import is paid for on every login:
the plugin imports this module (and ``typing``) only under ``if TYPE_CHECKING:``, which is never
true when SPS runs it. SPS JSON-encodes every result (tuples arrive as lists).
"""

from __future__ import annotations

from typing import Any, Dict, TypedDict

# A JSON object, as SPS hands cookies in and takes them back.
JsonObject = Dict[str, Any]


class CookieResult(TypedDict):
    """Every hook returns both cookies: its own (``cookie``) and the connection's."""

    cookie: JsonObject
    session_cookie: JsonObject


class PasswordListResult(CookieResult):
    """Passwords SPS tries, in order; an empty list makes SPS ask the user instead."""

    passwords: list[str]


class PrivateKeyListResult(CookieResult):
    """(key type, PEM) pairs SPS tries, in order; the type is "ssh-rsa" or "ssh-dss"."""

    private_keys: list[tuple[str, str]]
