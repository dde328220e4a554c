"""Reading and writing ``cookie`` and ``session_cookie``: the only state that outlives a hook.

SPS builds a new Plugin for every hook call, so nothing on ``self`` or in a module global
survives. What the next hook must know goes into the result's ``cookie`` (this plugin's own,
per session) or ``session_cookie`` (one per connection, shared with the AA plugin). Readers
here accept anything, including cookies written by an older version of this plugin.
"""

from __future__ import annotations

from .about import PLUGIN_NAME
from .values import text

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Any, Final

    from .results import CheckoutRecord
    from .shapes import JsonObject

# Bump when the cookie's shape changes, and teach read_checkout the old shape.
COOKIE_VERSION: Final = 1


def read_checkout(cookie: JsonObject) -> CheckoutRecord | None:
    """The checkout recorded by an earlier hook of this session, if any."""
    record: Any = cookie.get("checkout")
    if not isinstance(record, dict) or not text(record.get("checkout_id")):
        return None
    return {
        "checkout_id": text(record.get("checkout_id")),
        "account": text(record.get("account")),
        "ticket": text(record.get("ticket")),
        "authenticated": record.get("authenticated") is True,
    }


def with_checkout(cookie: JsonObject, record: CheckoutRecord | None) -> JsonObject:
    """``cookie`` with ``record`` as its checkout (or without one when ``record`` is None)."""
    updated = {key: value for key, value in cookie.items() if key != "checkout"}
    updated["version"] = COOKIE_VERSION
    if record is not None:
        updated["checkout"] = dict(record)
    return updated


# RemoteApp checkouts kept in the cookie until session_ended checks them in; the hook may be
# called many times per session, and a cookie must stay small.
MAX_REMOTE_APP_CHECKOUTS: Final = 50


def read_remote_app_checkouts(cookie: JsonObject) -> list[str]:
    """Checkout ids the RemoteApp hook recorded in this session."""
    ids: Any = cookie.get("remote_app_checkouts")
    if not isinstance(ids, list):
        return []
    return [text(item) for item in ids if text(item)][-MAX_REMOTE_APP_CHECKOUTS:]


def with_remote_app_checkouts(cookie: JsonObject, ids: list[str]) -> JsonObject:
    """``cookie`` with ``ids`` as the RemoteApp checkouts still to check in."""
    updated = {key: value for key, value in cookie.items() if key != "remote_app_checkouts"}
    updated["version"] = COOKIE_VERSION
    if ids:
        updated["remote_app_checkouts"] = ids[-MAX_REMOTE_APP_CHECKOUTS:]
    return updated


def question_answer(session_cookie: JsonObject, key: str) -> str:
    """An answer an AA plugin stored under ``session_cookie["questions"]``, or ""."""
    questions: Any = session_cookie.get("questions")
    if not key or not isinstance(questions, dict):
        return ""
    return text(questions.get(key))


def share_with_connection(session_cookie: JsonObject, values: JsonObject) -> JsonObject:
    """``session_cookie`` with ``values`` under this plugin's own key.

    The session cookie is shared by every plugin of the connection: writing only under our
    MANIFEST name keeps us from overwriting what the AA plugin put there.
    """
    return {**session_cookie, PLUGIN_NAME: values}
