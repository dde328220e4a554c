"""Summaries of cookies and other values that are safe to log."""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Final

REDACTED: Final = "***"

# Key names whose values are treated as secrets, wherever they appear in a nested value.
_SECRET_KEY = re.compile(
    r"pass|pwd|secret|token|key|otp|credential|private|(^|[_-])pin($|[_-])",
    re.IGNORECASE,
)
_MAX_TEXT = 40
_MAX_DEPTH = 3


def is_secret_key(key: object) -> bool:
    """True when a value stored under ``key`` must not be logged."""
    return isinstance(key, str) and _SECRET_KEY.search(key) is not None


def summarize(value: object, depth: int = 0) -> str:
    """A short, loggable description of ``value`` with secret-looking entries masked."""
    if isinstance(value, dict):
        if depth >= _MAX_DEPTH:
            return "{" + f"{len(value)} keys" + "}"
        items = (
            f"{key!s}: {REDACTED if is_secret_key(key) else summarize(item, depth + 1)}"
            for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))
        )
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return f"[{len(value)} items]"
    if isinstance(value, str):
        text = value if len(value) <= _MAX_TEXT else value[: _MAX_TEXT - 1] + "…"
        return repr(text)
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    return f"<{type(value).__name__}>"
