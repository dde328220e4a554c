"""Time-based one-time codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the
codes authenticator apps show, checked with the standard library only.

plugin.py imports this module only when it checks a code: hashlib and hmac are not paid for
on the hook calls that need neither."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Final

PERIOD: Final = 30
DIGITS: Final = 6
# Codes one step before and after are accepted too: phone and SPS clocks drift.
WINDOW: Final = 1


def code_at(secret: bytes, counter: int) -> str:
    """The code for one 30-second step (RFC 4226's HOTP with the step as counter)."""
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**DIGITS).zfill(DIGITS)


def decode_secret(secret: str) -> bytes | None:
    """The key behind a base32 secret as authenticator apps show it (spaces and case ignored)."""
    cleaned = "".join(secret.split()).upper()
    try:
        return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError):
        return None


def verify(code: str, secret: str, now: float) -> bool:
    """True when ``code`` is the code of ``secret`` at ``now`` (Unix time), give or take a step."""
    key = decode_secret(secret)
    if key is None or not code.isdigit() or len(code) != DIGITS:
        return False
    step = int(now // PERIOD)
    return any(
        hmac.compare_digest(code, code_at(key, step + delta))
        for delta in range(-WINDOW, WINDOW + 1)
    )
