"""The shapes SPS expects back from each AA hook.

SPS JSON-encodes every result: only dicts, lists, strings, numbers, booleans and None survive
(tuples arrive as lists). Every result carries both cookies: whether SPS keeps the previous
value when a key is left out is not documented, and always returning both is what the Plugin
SDK does, so it is the safe side.
"""

from __future__ import annotations

from typing import Literal, Tuple

from .values import CookieResult

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
