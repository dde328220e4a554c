"""The hooks SPS calls on a credential store plugin.

How SPS runs a plugin: for every hook call it builds a new ``Plugin(configuration_text)`` and
calls one method with keyword arguments. Arguments may be missing or None, and a newer SPS
may pass names this code does not know yet: every hook ends with ``**kwargs`` so it keeps
working. An exception in a hook ends the user's SSH/RDP session, so every hook catches
everything, logs it without secrets and returns a safe result.
"""

from __future__ import annotations

from .connection import connection_from
from .cookies import (
    question_answer,
    read_checkout,
    read_remote_app_checkouts,
    share_with_connection,
    with_checkout,
    with_remote_app_checkouts,
)
from .guard import guarded
from .log import configure_logging, logger
from .redact import summarize
from .secret_source import SpsLocalCredentialStore
from .settings import parse_settings
from .values import as_object, text
from .vault import ExampleVault

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Any

    from .connection import Connection
    from .results import CheckoutRecord, PasswordListResult, PrivateKeyListResult, Vault
    from .shapes import CookieResult, JsonObject, SecretSource
    from .vault import Checkout


class Plugin:
    """A credential store: hands SPS the password or SSH key for the target server."""

    def __init__(self, configuration: str = "", secrets: SecretSource | None = None) -> None:
        """Reads the configuration text SPS passes (the admin's copy of ``default.cfg``).

        ``secrets`` replaces the local credential store, for tests and the simulator.
        """
        self._settings = parse_settings(configuration)
        configure_logging(self._settings.log_level)
        for problem in self._settings.problems:
            logger.warning("configuration: %s", problem)
        self._vault: Vault = ExampleVault(
            self._settings.accounts,
            secrets if secrets is not None else SpsLocalCredentialStore(text(configuration)),
        )

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
        """Called when SPS needs a password to log in to the target server.

        SPS tries the returned passwords in order; with an empty list it asks the user for
        the server password instead. ``gateway_password`` is the user's own password: never
        log it. The ``target_*`` names are the deprecated spellings of ``server_*``.
        """
        cookies = as_object(cookie), as_object(session_cookie)

        def serve() -> PasswordListResult:
            checkout, cookie_out, shared_out = self._check_out(
                connection_from(
                    session_id=session_id,
                    protocol=protocol,
                    client_ip=client_ip,
                    gateway_username=gateway_username,
                    gateway_groups=gateway_groups,
                    server_username=server_username,
                    server_hostname=server_hostname,
                    server_ip=server_ip,
                    target_username=target_username,
                    target_host=target_host,
                ),
                *cookies,
            )
            passwords = list(checkout.passwords) if checkout else []
            return {"passwords": passwords, "cookie": cookie_out, "session_cookie": shared_out}

        fallback: PasswordListResult = {
            "passwords": [],
            "cookie": cookies[0],
            "session_cookie": cookies[1],
        }
        return guarded("get_password_list", fallback, serve)

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
        """Called when SPS needs an SSH private key to log in to the target server (SSH only).

        SPS tries the returned ``(key_type, pem)`` pairs in order: ``key_type`` is "ssh-rsa"
        or "ssh-dss", ``pem`` an unencrypted PEM private key. SPS may then still call
        ``get_password_list`` in the same session; that call releases this checkout first.
        """
        cookies = as_object(cookie), as_object(session_cookie)

        def serve() -> PrivateKeyListResult:
            checkout, cookie_out, shared_out = self._check_out(
                connection_from(
                    session_id=session_id,
                    protocol=protocol,
                    client_ip=client_ip,
                    gateway_username=gateway_username,
                    gateway_groups=gateway_groups,
                    server_username=server_username,
                    server_hostname=server_hostname,
                    server_ip=server_ip,
                    target_username=target_username,
                    target_host=target_host,
                ),
                *cookies,
            )
            keys = list(checkout.private_keys) if checkout else []
            return {"private_keys": keys, "cookie": cookie_out, "session_cookie": shared_out}

        fallback: PrivateKeyListResult = {
            "private_keys": [],
            "cookie": cookies[0],
            "session_cookie": cookies[1],
        }
        return guarded("get_private_key_list", fallback, serve)

    def authentication_completed(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        **kwargs: Any,
    ) -> CookieResult:
        """Called once the login to the target server succeeded with what this plugin served.

        Typical use: tell the vault the credential is in use. SPS only keeps the cookies.
        """
        cookie_in, shared_in = as_object(cookie), as_object(session_cookie)

        def mark_used() -> CookieResult:
            record = read_checkout(cookie_in)
            if record is None:
                return {"cookie": cookie_in, "session_cookie": shared_in}
            record["authenticated"] = True
            logger.debug("login with checkout %s succeeded", record["checkout_id"])
            return {"cookie": with_checkout(cookie_in, record), "session_cookie": shared_in}

        fallback: CookieResult = {"cookie": cookie_in, "session_cookie": shared_in}
        return guarded("authentication_completed", fallback, mark_used)

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
        """Called when the RemoteApp Launcher asks for an application's credentials; SPS may
        call it several times in one session.

        [inferred] The name: no stored SPS page shows this hook's heading, and the Plugin SDK
        wraps it as ``do_get_remote_app_credentials``; its result is inferred to be shaped
        like ``get_password_list``'s. ``asset`` names what the password is for: the example
        serves the vault account listed under that name, and checks it in at session_ended.
        """
        cookies = as_object(cookie), as_object(session_cookie)

        def serve() -> PasswordListResult:
            account = text(asset)
            ticket = question_answer(cookies[1], self._settings.ticket_question)
            checkout = self._vault.check_out(account, reason=ticket) if account else None
            if checkout is None:
                logger.info("no RemoteApp credential for %s", account or "(no asset)")
                return {"passwords": [], "cookie": cookies[0], "session_cookie": cookies[1]}
            held = [*read_remote_app_checkouts(cookies[0]), checkout.checkout_id]
            return {
                "passwords": list(checkout.passwords),
                "cookie": with_remote_app_checkouts(cookies[0], held),
                "session_cookie": cookies[1],
            }

        fallback: PasswordListResult = {
            "passwords": [],
            "cookie": cookies[0],
            "session_cookie": cookies[1],
        }
        return guarded("get_remote_app_credentials", fallback, serve)

    def session_ended(
        self,
        session_id: str | None = None,
        cookie: JsonObject | None = None,
        session_cookie: JsonObject | None = None,
        **kwargs: Any,
    ) -> CookieResult:
        """Called exactly once, when the session closes: release what the session used.

        Checks the credential back in and writes one log line for the session. SPS does not
        use the result; the cookies are returned like everywhere else.
        """
        cookie_in, shared_in = as_object(cookie), as_object(session_cookie)

        def close() -> CookieResult:
            record = read_checkout(cookie_in)
            held = read_remote_app_checkouts(cookie_in)
            for checkout_id in ([record["checkout_id"]] if record else []) + held:
                self._vault.check_in(checkout_id)
            logger.info(
                "session %s ended; cookie: %s", text(session_id) or "?", summarize(cookie_in)
            )
            closed = with_remote_app_checkouts(with_checkout(cookie_in, None), [])
            return {"cookie": closed, "session_cookie": shared_in}

        fallback: CookieResult = {"cookie": cookie_in, "session_cookie": shared_in}
        return guarded("session_ended", fallback, close)

    def _check_out(
        self, connection: Connection, cookie: JsonObject, session_cookie: JsonObject
    ) -> tuple[Checkout | None, JsonObject, JsonObject]:
        """Checks out credentials for the connection's account; records it in both cookies."""
        previous = read_checkout(cookie)
        if previous is not None and not previous["authenticated"]:
            # An earlier hook of this session checked out something that was not used
            # (for example a key before a password): release it before taking another.
            self._vault.check_in(previous["checkout_id"])
        ticket = question_answer(session_cookie, self._settings.ticket_question)
        checkout = self._vault.check_out(connection.account, reason=ticket)
        if checkout is None:
            logger.info("no credential for %s; SPS falls back to asking", connection.account)
            return None, with_checkout(cookie, None), session_cookie
        record: CheckoutRecord = {
            "checkout_id": checkout.checkout_id,
            "account": connection.account,
            "ticket": ticket,
            "authenticated": False,
        }
        shared = share_with_connection(
            session_cookie, {"checkout_id": checkout.checkout_id, "account": connection.account}
        )
        return checkout, with_checkout(cookie, record), shared
