"""The hooks SPS calls on an Authentication and Authorization (AA) plugin.

How SPS runs a plugin: for every hook call it builds a new ``Plugin(configuration_text)`` and
calls one method with keyword arguments. Arguments may be missing or None, and a newer SPS may
pass names this code does not know yet: every hook ends with ``**kwargs`` so it keeps working.
An exception in a hook ends the user's session, so every hook catches everything, logs it
without secrets and returns a safe result (DENY, with a reason the user sees).

The example: before the session starts, ask for a ticket id (echo on) and, if switched on, a
one-time code (echo off); check the ticket again in authorize, once the target server is
known; close it out when the session ends.
"""

from __future__ import annotations

import time

from .guard import guarded
from .log import configure_logging, logger
from .redact import summarize
from .secret_source import SpsLocalCredentialStore
from .settings import OTP_SECRETS_SECTION, parse_settings
from .state import read_state, share_answer, with_state
from .tickets import ExampleTicketSystem
from .values import as_object, text

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Any, Callable

    from .results import AuthenticateResult, AuthorizeResult, TicketSystem
    from .settings import Ask
    from .shapes import CookieResult, JsonObject, SecretSource
    from .state import State

_FAILED = "the access check failed; ask your administrator to look at the SPS log"
# Longer answers are refused unread (a ticket id or a one-time code is a few characters).
MAX_ANSWER_LENGTH = 200


class Plugin:
    """An AA plugin: decides whether a connection may go on, asking the user if needed."""

    def __init__(
        self,
        configuration: str = "",
        secrets: SecretSource | None = None,
        tickets: TicketSystem | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Reads the configuration text SPS passes (the admin's copy of ``default.cfg``).

        ``secrets``, ``tickets`` and ``clock`` replace the local credential store, the
        ticketing system and the time, for tests and the simulator.
        """
        self._settings = parse_settings(configuration)
        configure_logging(self._settings.log_level)
        for problem in self._settings.problems:
            logger.warning("configuration: %s", problem)
        self._secrets = (
            secrets if secrets is not None else SpsLocalCredentialStore(text(configuration))
        )
        self._tickets = tickets or ExampleTicketSystem(
            self._settings.ticket_pattern, self._settings.ticket_example
        )
        self._clock = clock

    def authenticate(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        protocol: str | None = None,
        connection_name: str | None = None,
        client_ip: str | None = None,
        client_port: int | None = None,
        client_hostname: str | None = None,
        gateway_user: str | None = None,
        gateway_domain: str | None = None,
        server_username: str | None = None,
        server_domain: str | None = None,
        key_value_pairs: JsonObject | None = None,
        **kwargs: Any,
    ) -> AuthenticateResult:
        """Called as the last step of gateway authentication, and again (on a new instance)
        after every NEEDINFO, with the user's answer in ``key_value_pairs[question key]``.

        ACCEPT lets SPS go on to authorize; DENY ends the connection and shows ``reason``;
        NEEDINFO makes SPS ask ``question`` (key, prompt, disable_echo). Users may also give
        answers up front in the username, e.g. ``ticket_id=CHG-1042@root@server``.
        """
        cookie_in, shared_in = as_object(cookie), as_object(session_cookie)
        # The one-time code needs an identity: the gateway user, or the server user when
        # there was no gateway authentication before this plugin.
        user = text(gateway_user) or text(server_username)
        fallback: AuthenticateResult = {
            "verdict": "DENY",
            "reason": _FAILED,
            "cookie": cookie_in,
            "session_cookie": shared_in,
        }
        return guarded(
            "authenticate",
            fallback,
            lambda: self._authenticate(user, as_object(key_value_pairs), cookie_in, shared_in),
        )

    def authorize(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        protocol: str | None = None,
        connection_name: str | None = None,
        client_ip: str | None = None,
        client_port: int | None = None,
        client_hostname: str | None = None,
        gateway_user: str | None = None,
        gateway_domain: str | None = None,
        gateway_groups: list[str] | None = None,
        server_username: str | None = None,
        server_domain: str | None = None,
        server_ip: str | None = None,
        server_port: int | None = None,
        server_hostname: str | None = None,
        key_value_pairs: JsonObject | None = None,
        **kwargs: Any,
    ) -> AuthorizeResult:
        """Called after a successful authentication, once the target server is known.

        ACCEPT lets the session start; DENY ends it and shows ``reason``. This is where a
        ticketing system checks that the ticket covers this user and this server.
        """
        cookie_in, shared_in = as_object(cookie), as_object(session_cookie)
        user = text(gateway_user) or text(server_username)
        server = text(server_hostname) or text(server_ip)
        fallback: AuthorizeResult = {
            "verdict": "DENY",
            "reason": _FAILED,
            "cookie": cookie_in,
            "session_cookie": shared_in,
        }
        return guarded(
            "authorize", fallback, lambda: self._authorize(user, server, cookie_in, shared_in)
        )

    def session_ended(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        **kwargs: Any,
    ) -> CookieResult:
        """Called once when the session closes (possibly also after a DENY): close out the
        ticket and write one log line for the session. SPS does not use the result."""
        cookie_in, shared_in = as_object(cookie), as_object(session_cookie)

        def close() -> CookieResult:
            ticket = read_state(cookie_in).ticket
            if ticket:
                self._tickets.close(ticket, text(session_id))
            logger.info(
                "session %s ended; cookie: %s", text(session_id) or "?", summarize(cookie_in)
            )
            return {"cookie": cookie_in, "session_cookie": shared_in}

        fallback: CookieResult = {"cookie": cookie_in, "session_cookie": shared_in}
        return guarded("session_ended", fallback, close)

    def _authenticate(
        self, user: str, answers: JsonObject, cookie: JsonObject, shared: JsonObject
    ) -> AuthenticateResult:
        state = read_state(cookie)
        for ask in (self._settings.ticket, self._settings.otp):
            if ask is None or self._answered(ask, state):
                continue
            answer = text(answers.get(ask.key)).strip()
            if len(answer) > MAX_ANSWER_LENGTH:
                # Never matched, echoed or logged whole: a pasted novel is not an answer.
                logger.info("denied %s: an answer of %d characters", user or "?", len(answer))
                return {
                    "verdict": "DENY",
                    "reason": f"the answer is longer than {MAX_ANSWER_LENGTH} characters",
                    "cookie": with_state(cookie, state),
                    "session_cookie": shared,
                }
            if not answer:
                return {
                    "verdict": "NEEDINFO",
                    "question": (ask.key, ask.prompt, ask.disable_echo),
                    "cookie": with_state(cookie, state),
                    "session_cookie": shared,
                }
            problem = self._check(ask, answer, user, state)
            if problem:
                # Problems never quote a one-time code, so they are safe to log.
                logger.info("denied %s: %s", user or "?", problem)
                return {
                    "verdict": "DENY",
                    "reason": problem,
                    "cookie": with_state(cookie, state),
                    "session_cookie": shared,
                }
            if not ask.disable_echo:
                shared = share_answer(shared, ask.key, answer)
        accepted: AuthenticateResult = {
            "verdict": "ACCEPT",
            "cookie": with_state(cookie, state),
            "session_cookie": shared,
        }
        if state.ticket:
            # Stored in the "Additional metadata" column of SPS's session database.
            accepted["additional_metadata"] = f"ticket={state.ticket}"
        return accepted

    def _answered(self, ask: Ask, state: State) -> bool:
        """Whether an earlier call of this session already accepted an answer to ``ask``."""
        return bool(state.ticket) if ask is self._settings.ticket else state.otp_verified

    def _check(self, ask: Ask, answer: str, user: str, state: State) -> str | None:
        """Checks one answer and records it in ``state``; returns why it is refused, if it is."""
        if ask is self._settings.ticket:
            problem = self._tickets.problem_with(answer)
            if problem is None:
                state.ticket = answer
            return problem
        secret = self._secrets.secret(OTP_SECRETS_SECTION, user) if user else None
        if not secret:
            return f"no one-time code is set up for {user or 'this user'}"
        # Imported on use: hashlib and hmac cost every other hook call time for nothing.
        from .otp import verify

        # Never log or keep the code itself: only whether it matched.
        state.otp_verified = verify(answer, secret, self._clock())
        return None if state.otp_verified else "the one-time code is not valid"

    def _authorize(
        self, user: str, server: str, cookie: JsonObject, shared: JsonObject
    ) -> AuthorizeResult:
        state = read_state(cookie)
        problem = None
        if self._settings.ticket is not None:
            if not state.ticket:
                problem = "no ticket was given for this session"
            else:
                problem = self._tickets.allows(state.ticket, user, server)
        if self._settings.otp is not None and not state.otp_verified:
            problem = problem or "the one-time code was not checked for this session"
        if problem:
            logger.info("denied %s on %s: %s", user or "?", server or "?", problem)
            return {
                "verdict": "DENY",
                "reason": problem,
                "cookie": cookie,
                "session_cookie": shared,
            }
        accepted: AuthorizeResult = {
            "verdict": "ACCEPT",
            "cookie": cookie,
            "session_cookie": shared,
        }
        if state.ticket:
            accepted["additional_metadata"] = f"ticket={state.ticket}"
        return accepted
