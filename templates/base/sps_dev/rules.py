"""SPS's rules for a plugin, as its upload check and its runtime apply them.

Sources: the Plugin SDK's MANIFEST validator (kept identical to SPS's own), SPS's plugin
documentation, and the SDK's release history (see the generator's shared reference).
"""

from __future__ import annotations

import re
from typing import Final

NAME: Final = re.compile(r"[a-zA-Z][a-zA-Z0-9_]+")
ENTRY_POINT: Final = re.compile(r"[A-Za-z0-9._-]+")
EMAIL: Final = re.compile(r"[-+_.a-zA-Z0-9]+@[-_a-zA-Z0-9]+(\.[-_a-zA-Z0-9]+)*")
# Partial semantic version, as the validator parses api: x, x.y or x.y.z.
VERSION: Final = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?")
RELEASE: Final = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?~?")
TYPES: Final = ("aa", "credentialstore", "signingca", "configuration_sync")
SHEBANG: Final = "#!/usr/bin/env pluginwrapper3"
MAX_ZIP_BYTES: Final = 20 * 1024 * 1024
SDK_DISTRIBUTION: Final = "oneidentity-safeguard-sessions-plugin-sdk"

# The plugin API version each SPS release offers: (major, minor) of SPS -> API minor.
# A plugin's api minor must not be higher than its oldest SPS offers. Releases between these
# rows offer at least the row before them.
API_BY_RELEASE: Final = (
    ((5, 10), 0),
    ((5, 11), 1),
    ((6, 0), 1),
    ((6, 1), 2),
    ((6, 2), 3),
    ((6, 3), 4),
    ((6, 5), 5),
    ((6, 7), 6),
    ((6, 10), 7),
    # [uncertain] 7.x is missing from the SDK history; 6 F10 already offered 1.7.
    ((7, 0), 7),
    ((8, 0), 8),
    ((9, 0), 9),
)

HOOKS: Final = {
    "aa": ("authenticate", "authorize", "session_ended"),
    "credentialstore": (
        "get_password_list",
        "get_private_key_list",
        "authentication_completed",
        "session_ended",
    ),
}


def api_offered_by(release: str) -> int | None:
    """The API minor the SPS release ``release`` (e.g. "7.0.0") offers, if known."""
    match = RELEASE.fullmatch(release)
    if match is None:
        return None
    wanted = (int(match.group(1)), int(match.group(2)))
    offered = None
    for first_release, minor in API_BY_RELEASE:
        if first_release <= wanted:
            offered = minor
    return offered


def normalise_distribution(name: str) -> str:
    """PEP 503 normalisation: how pip compares distribution names."""
    return re.sub(r"[-_.]+", "-", name).lower()
