"""The hooks SPS calls on an AA plugin: typed stubs that let every connection through.

For every hook call SPS builds a new ``Plugin(configuration_text)`` and calls one method with
keyword arguments: nothing on ``self`` survives to the next call; what must, goes into the
returned ``cookie`` (this plugin's, per session) or ``session_cookie`` (shared by the
connection's plugins). An exception that escapes a hook ends the user's session: each hook
catches everything and DENYs with a reason, the safe side for an access check. Names a newer
SPS adds arrive in ``**kwargs``.
"""

from __future__ import annotations

from .support import as_object, configure_logging, log_failure, logger, summarize, text

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Any

    from .shapes import AuthenticateResult, AuthorizeResult, CookieResult, JsonObject

_FAILED = "the access check failed; ask your administrator to look at the SPS log"


class Plugin:
    """An AA plugin: decides whether a connection may go on."""

    def __init__(self, configuration: str = "") -> None:
        # The admin's copy of default.cfg. Read your own settings here (never raise).
        configure_logging(configuration)

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
        """The last step of gateway authentication; again after each NEEDINFO, with the
        user's answer in ``key_value_pairs``. Ask for an answer with ``"verdict": "NEEDINFO"``
        and ``"question": (key, prompt, disable_echo)``."""
        mine, shared = as_object(cookie), as_object(session_cookie)
        try:
            # Your check goes here: return DENY with a "reason" the user sees to refuse.
            # The cookie example: authorize, later, sees who authenticated.
            mine["authenticated"] = text(gateway_user) or text(server_username)
        except Exception as error:  # noqa: BLE001 - an escaping exception ends the session
            log_failure("authenticate", error)
            return {"verdict": "DENY", "reason": _FAILED, "cookie": mine, "session_cookie": shared}
        # ACCEPT without a gateway user: SPS goes on as if there were no plugin.
        return {"verdict": "ACCEPT", "cookie": mine, "session_cookie": shared}

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
        """After ACCEPT, once the target server is known: may this user reach this server?"""
        mine, shared = as_object(cookie), as_object(session_cookie)
        try:
            # Deny here by returning {"verdict": "DENY", "reason": ...}. The session_cookie
            # example: a credential store of the same connection sees who went where.
            server = text(server_hostname) or text(server_ip)
            shared["aa_checked"] = {"user": text(mine.get("authenticated")), "server": server}
            logger.debug("authorized %s on %s", text(mine.get("authenticated")) or "?", server)
        except Exception as error:  # noqa: BLE001 - an escaping exception ends the session
            log_failure("authorize", error)
            return {"verdict": "DENY", "reason": _FAILED, "cookie": mine, "session_cookie": shared}
        return {"verdict": "ACCEPT", "cookie": mine, "session_cookie": shared}

    def session_ended(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        **kwargs: Any,
    ) -> CookieResult:
        """Called once when the session closes (also after a DENY); SPS ignores the result."""
        mine, shared = as_object(cookie), as_object(session_cookie)
        try:
            logger.info("session %s ended; cookie: %s", text(session_id) or "?", summarize(mine))
        except Exception as error:  # noqa: BLE001 - an escaping exception ends the session
            log_failure("session_ended", error)
        return {"cookie": mine, "session_cookie": shared}
