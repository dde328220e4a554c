"""The shapes SPS expects back from each credential-store hook.

SPS JSON-encodes every result: only dicts, lists, strings, numbers, booleans and None survive
(tuples arrive as lists). Every result carries both cookies: whether SPS keeps the previous
value when a key is left out is not documented, and always returning both is what the Plugin
SDK does, so it is the safe side.
"""

from __future__ import annotations

from .values import CookieResult


class PasswordListResult(CookieResult):
    """Passwords SPS tries, in order; an empty list makes SPS ask the user instead."""

    passwords: list[str]


class PrivateKeyListResult(CookieResult):
    """(key type, PEM) pairs SPS tries, in order; the type is "ssh-rsa" or "ssh-dss"."""

    private_keys: list[tuple[str, str]]
