"""The seam between the plugin and the vault that holds the credentials.

``Vault`` (results.py) is what the hooks need; ``ExampleVault`` is a small, honest
implementation that serves secrets named in the configuration. Replace it with your vault's
client: implement ``check_out`` and ``check_in``, construct it in ``Plugin.__init__``, and
the hooks, cookies and tests keep working.
"""

from __future__ import annotations

import os
import re

from .log import logger
from .settings import VAULT_SECTION

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Mapping

    from .shapes import SecretSource


class Checkout:
    """Credentials checked out for one account, and the id to check them back in with."""

    __slots__ = ("checkout_id", "passwords", "private_keys")

    def __init__(
        self,
        checkout_id: str,
        passwords: tuple[str, ...] = (),
        private_keys: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.checkout_id = checkout_id
        self.passwords = passwords
        self.private_keys = private_keys


_PEM = re.compile(
    r"-----BEGIN ([A-Z ]+)-----\s*(?P<body>[A-Za-z0-9+/=\s]+?)\s*-----END \1-----",
)
# DER-encoded algorithm identifiers inside an unencrypted PKCS#8 key.
_RSA_OID = bytes.fromhex("2a864886f70d010101")
_DSA_OID = bytes.fromhex("2a8648ce380401")


def ssh_key_type(pem: str) -> str | None:
    """The SSH key type ("ssh-rsa" or "ssh-dss") of a key SPS accepts, else None.

    SPS takes unencrypted PEM private keys only (PKCS#1 "RSA PRIVATE KEY", "DSA PRIVATE KEY",
    or PKCS#8 "PRIVATE KEY"); OpenSSH-format and encrypted keys are refused.
    """
    match = _PEM.search(pem)
    if match is None:
        return None
    label = match.group(1)
    if label == "RSA PRIVATE KEY":
        return "ssh-rsa"
    if label == "DSA PRIVATE KEY":
        return "ssh-dss"
    if label != "PRIVATE KEY":
        return None
    # Imported here: only a PKCS#8 key needs them, and every import is paid on every hook call.
    import base64
    import binascii

    try:
        der = base64.b64decode("".join(match.group("body").split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    if _RSA_OID in der[:40]:
        return "ssh-rsa"
    if _DSA_OID in der[:40]:
        return "ssh-dss"
    return None


class ExampleVault:
    """Serves one secret per account listed in the ``[example-vault]`` section.

    The value of each listed account must be ``$``, so the secret itself sits in SPS's local
    credential store; a literal secret in the configuration is refused. A secret that is a PEM
    private key is served for SSH key logins, anything else as a password.
    """

    def __init__(self, accounts: Mapping[str, str], secrets: SecretSource) -> None:
        self._accounts = accounts
        self._secrets = secrets

    def check_out(self, account: str, reason: str) -> Checkout | None:
        configured = self._accounts.get(account)
        if configured is None:
            return None
        if configured != "$":
            logger.warning(
                "[%s] %s holds a literal value: refused, secrets belong in the local "
                'credential store (write "$" instead)',
                VAULT_SECTION,
                account,
            )
            return None
        secret = self._secrets.secret(VAULT_SECTION, account)
        if not secret:
            return None
        # A random id, as a vault would hand out (os.urandom: uuid's import costs more).
        checkout_id = os.urandom(16).hex()
        logger.debug("checked out %s for %s (reason: %r)", checkout_id, account, reason)
        if "-----BEGIN" not in secret:
            return Checkout(checkout_id, passwords=(secret,))
        key_type = ssh_key_type(secret)
        if key_type is None:
            logger.warning("the key for %s is not an unencrypted PEM RSA/DSA key: skipped", account)
            return Checkout(checkout_id)
        return Checkout(checkout_id, private_keys=((key_type, secret.strip() + "\n"),))

    def check_in(self, checkout_id: str) -> None:
        # Nothing to release in this example; a real vault would end the checkout here.
        logger.debug("checked in %s", checkout_id)
