"""The one rule every hook follows: never let an exception reach SPS."""

from __future__ import annotations

from .log import log_failure

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Callable, TypeVar

    _Result = TypeVar("_Result")


def guarded(hook: str, fallback: _Result, call: Callable[[], _Result]) -> _Result:
    """``call()``, or ``fallback`` if it raises.

    An exception that escapes a hook ends the user's SSH/RDP session, with the reason only
    in SPS's log. The failure is logged (without its message, which may quote a secret) and
    the hook returns a result that lets the session go on safely.
    """
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - any escape would end the session
        log_failure(hook, error)
        return fallback
