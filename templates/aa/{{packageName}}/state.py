"""What the AA plugin keeps between hook calls: ``cookie`` and ``session_cookie``.

SPS builds a new Plugin for every call (also for every authenticate after a NEEDINFO), so the
answers collected so far travel in the result's ``cookie``. Answers a credential store may
use (the ticket id, never a one-time code) are shared under ``session_cookie["questions"]``,
where the Plugin SDK's credential stores look for them. Readers accept anything, including
cookies written by an older version of this plugin.
"""

from __future__ import annotations

from .values import as_object, text

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Any, Final

    from .shapes import JsonObject

# Bump when the cookie's shape changes, and teach read_state the old shape.
COOKIE_VERSION: Final = 1


class State:
    """The answers of this session so far."""

    __slots__ = ("otp_verified", "ticket")

    def __init__(self, ticket: str = "", otp_verified: bool = False) -> None:
        self.ticket = ticket
        self.otp_verified = otp_verified


def read_state(cookie: JsonObject) -> State:
    """The state an earlier hook of this session left in the cookie."""
    return State(ticket=text(cookie.get("ticket")), otp_verified=cookie.get("otp_verified") is True)


def with_state(cookie: JsonObject, state: State) -> JsonObject:
    """``cookie`` carrying ``state``."""
    return {
        **cookie,
        "version": COOKIE_VERSION,
        "ticket": state.ticket,
        "otp_verified": state.otp_verified,
    }


def share_answer(session_cookie: JsonObject, key: str, answer: str) -> JsonObject:
    """``session_cookie`` with ``answer`` under ``questions[key]``, keeping other answers."""
    questions: Any = as_object(session_cookie.get("questions"))
    return {**session_cookie, "questions": {**questions, key: answer}}
