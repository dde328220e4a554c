"""Logging the way SPS collects it: SPS forwards stderr to its system log, line by line.

Never pass a secret (passwords, keys, gateway_password, answers to hidden questions) to a log
call: every SPS admin who can read the system log would see it. Summarise with ``redact``.
"""

from __future__ import annotations

import logging
import sys
import traceback

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Final

LOGGER_NAME: Final = __name__.rpartition(".")[0]
logger = logging.getLogger(LOGGER_NAME)

_HANDLER_MARK = "_sps_plugin_handler"


def configure_logging(level: int) -> None:
    """Send this plugin's records to stderr at ``level``; safe to call once per hook call."""
    logger.setLevel(level)
    if not any(getattr(handler, _HANDLER_MARK, False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        setattr(handler, _HANDLER_MARK, True)
        logger.addHandler(handler)


def log_failure(hook: str, error: BaseException) -> None:
    """Record that a hook caught an exception, without the exception's message.

    Messages can quote the data that caused them (a password, a key), so only the type and
    the place are logged.
    """
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown place"
    logger.error(
        "%s failed with %s at %s; returned a safe result so SPS keeps the session",
        hook,
        type(error).__name__,
        where,
    )
