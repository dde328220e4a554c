"""The shapes SPS expects back from each credential-store hook, and the plugin's own types.

For type checkers only: the plugin imports this module under ``if TYPE_CHECKING:`` (see
shapes.py), so SPS never pays for ``typing`` on a hook call.

SPS JSON-encodes every result: only dicts, lists, strings, numbers, booleans and None survive
(tuples arrive as lists). Every result carries both cookies: whether SPS keeps the previous
value when a key is left out is not documented, and always returning both is what the Plugin
SDK does, so it is the safe side.
"""

from __future__ import annotations

from typing import Protocol, TypedDict

from .shapes import CookieResult
from .vault import Checkout


class PasswordListResult(CookieResult):
    """Passwords SPS tries, in order; an empty list makes SPS ask the user instead."""

    passwords: list[str]


class PrivateKeyListResult(CookieResult):
    """(key type, PEM) pairs SPS tries, in order; the type is "ssh-rsa" or "ssh-dss"."""

    private_keys: list[tuple[str, str]]


class CheckoutRecord(TypedDict):
    """What get_password_list leaves in the cookie for later hooks."""

    checkout_id: str
    account: str
    ticket: str
    authenticated: bool


class Vault(Protocol):
    """What the plugin needs from a vault (vault.py's ExampleVault is one)."""

    def check_out(self, account: str, reason: str) -> Checkout | None:
        """Credentials for ``account`` ("user@host"), or None when the vault has none.

        ``reason`` is free text for the vault's audit log (for example a ticket id).
        """

    def check_in(self, checkout_id: str) -> None:
        """Releases a checkout (for example, lets the vault rotate the password)."""
