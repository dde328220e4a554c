"""What the hooks take and return, for type checkers only.

SPS starts the plugin afresh for every hook call, so every import is paid for on every login:
the plugin imports this module (and ``typing``) only under ``if TYPE_CHECKING:``, which is never
true when SPS runs it. SPS JSON-encodes every result (tuples arrive as lists).
"""

from __future__ import annotations

from typing import Any, Dict, Literal, TypedDict

# A JSON object, as SPS hands cookies in and takes them back.
JsonObject = Dict[str, Any]


class CookieResult(TypedDict):
    """Every hook returns both cookies: its own (``cookie``) and the connection's."""

    cookie: JsonObject
    session_cookie: JsonObject


class Decision(CookieResult):
    """ACCEPT lets the connection go on; DENY ends it, showing ``reason`` to the user;
    NEEDINFO asks the user ``question`` and calls authenticate again with the answer."""

    verdict: Literal["ACCEPT", "DENY", "NEEDINFO"]


class AuthenticateResult(Decision, total=False):
    """authenticate's result; only ``verdict`` and the cookies are always there."""

    # (key, prompt, disable_echo): the answer comes back in key_value_pairs[key].
    question: tuple[str, str, bool]
    # Both or neither: a gateway user other than the server user needs a Usermapping Policy.
    gateway_user: str
    gateway_groups: list[str]
    # Stored in the "Additional metadata" column of SPS's session database.
    additional_metadata: str
    reason: str


class AuthorizeResult(Decision, total=False):
    """authorize's result."""

    additional_metadata: str
    reason: str
