"""Types shared by the hooks, for type checkers only.

SPS starts this plugin afresh for every hook call, so every module it imports is paid for on
every login. ``typing`` alone costs a few milliseconds there; the plugin's modules therefore
import this module (and ``typing``) only under ``if TYPE_CHECKING:``, which is never true when
SPS runs them. Tests may import it freely.
"""

from __future__ import annotations

from typing import Any, Dict, Protocol, TypedDict

# A JSON object, as SPS hands cookies in and takes them back.
JsonObject = Dict[str, Any]


class CookieResult(TypedDict):
    """Returned by every hook: the plugin's own cookie and the connection's shared one."""

    cookie: JsonObject
    session_cookie: JsonObject


class SecretSource(Protocol):
    """Looks up the value behind a ``$`` option. Replace it to test, or to use another store."""

    def secret(self, section: str, option: str) -> str | None:
        """The secret for ``[section] option``, or None when there is none."""
