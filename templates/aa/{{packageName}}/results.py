"""The shapes SPS expects back from each AA hook, and the plugin's own types.

For type checkers only: the plugin imports this module under ``if TYPE_CHECKING:`` (see
shapes.py), so SPS never pays for ``typing`` on a hook call.

SPS JSON-encodes every result: only dicts, lists, strings, numbers, booleans and None survive
(tuples arrive as lists). Every result carries both cookies: whether SPS keeps the previous
value when a key is left out is not documented, and always returning both is what the Plugin
SDK does, so it is the safe side.
"""

from __future__ import annotations

from typing import Literal, Protocol, Tuple

from .shapes import CookieResult

# ACCEPT lets the connection go on, DENY ends it (with ``reason`` shown to the user), NEEDINFO
# asks the user ``question`` and calls authenticate again with the answer.
Verdict = Literal["ACCEPT", "DENY", "NEEDINFO"]

# (key, prompt, disable_echo): the answer comes back in key_value_pairs[key] on the next call;
# disable_echo hides what the user types (one-time codes). Always three items: the SDK's
# validator requires three, although older documentation shows two.
Question = Tuple[str, str, bool]


class Decision(CookieResult):
    """What every AA hook returns."""

    verdict: Verdict


class AuthenticateResult(Decision, total=False):
    """authenticate's result; only ``verdict`` and the cookies are always there."""

    question: Question
    # Both or neither: SPS changes the gateway user only when groups come with it, and a
    # gateway user other than the server user needs a Usermapping Policy.
    gateway_user: str
    gateway_groups: list[str]
    # Stored in the "Additional metadata" column of SPS's session database.
    additional_metadata: str
    # Shown to the user when the verdict is DENY.
    reason: str


class AuthorizeResult(Decision, total=False):
    """authorize's result."""

    additional_metadata: str
    reason: str


class TicketSystem(Protocol):
    """What the plugin needs from a ticketing system (tickets.py's ExampleTicketSystem is one)."""

    def problem_with(self, ticket: str) -> str | None:
        """Why ``ticket`` cannot be used at all (shown to the user), or None when it can."""

    def allows(self, ticket: str, gateway_user: str, server: str) -> str | None:
        """Why ``ticket`` does not cover this user and server, or None when it does."""

    def close(self, ticket: str, session_id: str) -> None:
        """Records that the session working on ``ticket`` has ended."""
