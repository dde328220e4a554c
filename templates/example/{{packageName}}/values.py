"""Reading hook arguments without trusting their types.

SPS passes whatever it knows; any argument may be missing, None, or (from an older or newer
SPS, or a test) of another type than documented. These helpers never raise.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from .shapes import JsonObject


def text(value: object) -> str:
    """``value`` if it is a string, else the empty string."""
    return value if isinstance(value, str) else ""


def texts(value: object) -> tuple[str, ...]:
    """The strings in a list argument such as ``gateway_groups``; anything else is dropped."""
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def as_object(value: object) -> JsonObject:
    """A copy of ``value`` if it is a JSON object, else an empty one."""
    return dict(value) if isinstance(value, dict) else {}
