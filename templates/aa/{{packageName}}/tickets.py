"""The seam between the plugin and your ticketing system.

``TicketSystem`` (results.py) is what the hooks need; ``ExampleTicketSystem`` checks only the
ticket's format. Replace it with your ticketing system's client (ServiceNow, Jira, ...):
check that the ticket exists, is approved, and covers this user and server, and close it out
when the session ends.
"""

from __future__ import annotations

from .log import logger

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Pattern

# How much of a refused ticket the reason shows the user (and the log keeps).
_SHOWN = 40


class ExampleTicketSystem:
    """Accepts any ticket id in the configured format; a real system also looks it up."""

    def __init__(self, pattern: Pattern[str], example: str = "") -> None:
        self._pattern = pattern
        self._example = example

    def problem_with(self, ticket: str) -> str | None:
        if self._pattern.fullmatch(ticket) is None:
            shown = ticket if len(ticket) <= _SHOWN else f"{ticket[:_SHOWN]}..."
            if self._example:
                return f"{shown!r} is not a ticket id (expected one such as {self._example})"
            return f"{shown!r} is not a ticket id (expected the form {self._pattern.pattern})"
        return None

    def allows(self, ticket: str, gateway_user: str, server: str) -> str | None:
        # A real system checks the ticket is approved for this user and server; the example
        # only re-checks the format of the ticket recorded at authentication.
        return self.problem_with(ticket)

    def close(self, ticket: str, session_id: str) -> None:
        logger.debug("ticket %s: session %s ended", ticket, session_id)
