"""The hook arguments that describe a connection, normalised and typed.

SPS passes whatever it knows; any argument can be missing or None, and older SPS releases
pass the deprecated ``target_*`` names instead of ``server_*``.
"""

from __future__ import annotations

from .values import text, texts


class Connection:
    """Who connects where: empty strings stand for values SPS did not pass.

    A plain class rather than a dataclass: importing dataclasses costs more than the rest of
    this plugin, on every hook call.
    """

    __slots__ = (
        "client_ip",
        "gateway_groups",
        "gateway_username",
        "protocol",
        "server_host",
        "server_username",
        "session_id",
    )

    def __init__(
        self,
        *,
        session_id: str,
        protocol: str,
        client_ip: str,
        gateway_username: str,
        gateway_groups: tuple[str, ...],
        server_username: str,
        server_host: str,
    ) -> None:
        self.session_id = session_id
        self.protocol = protocol
        self.client_ip = client_ip
        self.gateway_username = gateway_username
        self.gateway_groups = gateway_groups
        self.server_username = server_username
        self.server_host = server_host

    @property
    def account(self) -> str:
        """The key the vault knows this target account by: ``user@host``."""
        return f"{self.server_username}@{self.server_host}"


def connection_from(
    session_id: object = None,
    protocol: object = None,
    client_ip: object = None,
    gateway_username: object = None,
    gateway_groups: object = None,
    server_username: object = None,
    server_hostname: object = None,
    server_ip: object = None,
    target_username: object = None,
    target_host: object = None,
) -> Connection:
    """Builds a Connection, preferring ``server_*`` names and falling back to ``target_*``."""
    return Connection(
        session_id=text(session_id),
        protocol=text(protocol),
        client_ip=text(client_ip),
        gateway_username=text(gateway_username),
        gateway_groups=texts(gateway_groups),
        server_username=text(server_username) or text(target_username),
        server_host=text(server_hostname) or text(server_ip) or text(target_host),
    )
