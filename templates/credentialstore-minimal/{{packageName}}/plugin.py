"""The hooks SPS calls on a credential store: typed stubs that change nothing yet.

For every hook call SPS builds a new ``Plugin(configuration_text)`` and calls one method with
keyword arguments: nothing on ``self`` survives to the next call; what must, goes into the
returned ``cookie`` (this plugin's, per session) or ``session_cookie`` (shared by the
connection's plugins). An exception that escapes a hook ends the user's session: each hook
catches everything and returns its neutral result. The ``target_*`` names are the deprecated
spellings of ``server_*``; names a newer SPS adds arrive in ``**kwargs``.
"""

from __future__ import annotations

from .support import as_object, configure_logging, log_failure, logger, summarize, text

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Any

    from .shapes import CookieResult, JsonObject, PasswordListResult, PrivateKeyListResult


class Plugin:
    """A credential store: hands SPS the password or SSH key for the target server."""

    def __init__(self, configuration: str = "") -> None:
        # The admin's copy of default.cfg. Read your vault's address here (never raise).
        configure_logging(configuration)

    def get_password_list(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        protocol: str | None = None,
        client_ip: str | None = None,
        client_hostname: str | None = None,
        gateway_username: str | None = None,
        gateway_password: str | None = None,
        gateway_groups: list[str] | None = None,
        gateway_domain: str | None = None,
        server_username: str | None = None,
        server_ip: str | None = None,
        server_hostname: str | None = None,
        server_port: int | None = None,
        server_domain: str | None = None,
        target_username: str | None = None,
        target_host: str | None = None,
        target_port: int | None = None,
        target_domain: str | None = None,
        **kwargs: Any,
    ) -> PasswordListResult:
        """SPS needs a password to log in to the server as ``server_username``."""
        mine, shared = as_object(cookie), as_object(session_cookie)
        try:
            # Check out the password of server_username on server_hostname (or server_ip)
            # from your vault here. The cookie example: later hooks see what was asked for.
            mine["requested"] = "password"
        except Exception as error:  # noqa: BLE001 - an escaping exception ends the session
            log_failure("get_password_list", error)
        # No passwords: SPS asks the user for one, as if there were no plugin.
        return {"passwords": [], "cookie": mine, "session_cookie": shared}

    def get_private_key_list(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        protocol: str | None = None,
        client_ip: str | None = None,
        client_hostname: str | None = None,
        gateway_username: str | None = None,
        gateway_password: str | None = None,
        gateway_groups: list[str] | None = None,
        gateway_domain: str | None = None,
        server_username: str | None = None,
        server_ip: str | None = None,
        server_hostname: str | None = None,
        server_port: int | None = None,
        server_domain: str | None = None,
        target_username: str | None = None,
        target_host: str | None = None,
        target_port: int | None = None,
        target_domain: str | None = None,
        **kwargs: Any,
    ) -> PrivateKeyListResult:
        """SPS needs an SSH key: return (``"ssh-rsa"`` or ``"ssh-dss"``, unencrypted PEM)."""
        mine, shared = as_object(cookie), as_object(session_cookie)
        try:
            mine["requested"] = "private key"  # your vault's SSH key lookup goes here
        except Exception as error:  # noqa: BLE001 - an escaping exception ends the session
            log_failure("get_private_key_list", error)
        # No keys: SPS goes on to a password.
        return {"private_keys": [], "cookie": mine, "session_cookie": shared}

    def authentication_completed(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        **kwargs: Any,
    ) -> CookieResult:
        """The login with what this plugin served succeeded; SPS keeps only the cookies."""
        mine, shared = as_object(cookie), as_object(session_cookie)
        mine["authenticated"] = True  # tell your vault the credential is in use, here
        return {"cookie": mine, "session_cookie": shared}

    def get_remote_app_credentials(
        self,
        asset: str | None = None,
        connection_name: str | None = None,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        protocol: str | None = None,
        client_ip: str | None = None,
        client_hostname: str | None = None,
        gateway_username: str | None = None,
        gateway_password: str | None = None,
        gateway_groups: list[str] | None = None,
        gateway_domain: str | None = None,
        server_username: str | None = None,
        server_ip: str | None = None,
        server_hostname: str | None = None,
        server_port: int | None = None,
        server_domain: str | None = None,
        target_username: str | None = None,
        target_host: str | None = None,
        target_port: int | None = None,
        target_domain: str | None = None,
        **kwargs: Any,
    ) -> PasswordListResult:
        """The RemoteApp Launcher asks for the password of application ``asset``.

        [inferred] The name: the Plugin SDK wraps it as ``do_get_remote_app_credentials``.
        """
        mine, shared = as_object(cookie), as_object(session_cookie)
        try:
            # The cookie example: the assets asked for in this session (an odd value restarts it).
            asked = mine.get("remote_apps")
            mine["remote_apps"] = [*(asked if isinstance(asked, list) else []), text(asset)][-20:]
        except Exception as error:  # noqa: BLE001 - an escaping exception ends the session
            log_failure("get_remote_app_credentials", error)
        # Look up the password of ``asset`` in your vault here; none: the user is asked.
        return {"passwords": [], "cookie": mine, "session_cookie": shared}

    def session_ended(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        **kwargs: Any,
    ) -> CookieResult:
        """Called once when the session closes: check credentials back in to your vault."""
        mine, shared = as_object(cookie), as_object(session_cookie)
        try:
            # The session_cookie example: answers an AA plugin asked for (a ticket id, say).
            answers = shared.get("questions")
            logger.info(
                "session %s ended; cookie: %s; answers: %s",
                text(session_id) or "?",
                summarize(mine),
                summarize(answers),
            )
        except Exception as error:  # noqa: BLE001 - an escaping exception ends the session
            log_failure("session_ended", error)
        return {"cookie": mine, "session_cookie": shared}
