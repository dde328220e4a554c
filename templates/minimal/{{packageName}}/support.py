"""What every hook needs: a log SPS collects, and values read without trusting their types.

SPS forwards stderr to its system log, which every SPS admin can read: never log a secret
(passwords, keys, ``gateway_password``); ``summarize`` masks secret-looking keys.
"""

from __future__ import annotations

import configparser
import logging
import re
import sys
import traceback

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from .shapes import JsonObject

logger = logging.getLogger(__name__.rpartition(".")[0])
_SECRET_KEY = re.compile(r"pass|pwd|secret|token|key|otp|credential|private", re.IGNORECASE)


def configure_logging(configuration: object) -> None:
    """Logs to stderr at ``[logging] log_level`` (default info); never raises."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(configuration if isinstance(configuration, str) else "")
        name = parser.get("logging", "log_level", fallback="info").strip().upper()
    except configparser.Error:
        name = "INFO"  # the parser's message may quote a secret: not logged
    level = logging.getLevelName(name)
    logger.setLevel(level if isinstance(level, int) else logging.INFO)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


def log_failure(hook: str, error: BaseException) -> None:
    """Logs that ``hook`` caught ``error``: its type and place, never its message."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown place"
    logger.error("%s failed with %s at %s", hook, type(error).__name__, where)


def summarize(value: object, depth: int = 0) -> str:
    """A short, loggable description of ``value``, secret-looking entries masked."""
    if isinstance(value, dict):
        if depth >= 3:
            return "{" + f"{len(value)} keys" + "}"
        items = (
            f"{key!s}: {'***' if _SECRET_KEY.search(str(key)) else summarize(item, depth + 1)}"
            for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))
        )
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return f"[{len(value)} items]"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:39] + "…")
    return repr(value) if value is None or isinstance(value, (bool, int, float)) else "<?>"


def as_object(value: object) -> JsonObject:
    """A copy of ``value`` if it is a JSON object (a cookie), else an empty one."""
    return dict(value) if isinstance(value, dict) else {}


def text(value: object) -> str:
    """``value`` if it is a string, else the empty string."""
    return value if isinstance(value, str) else ""
