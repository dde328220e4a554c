"""What each SPS release line offers a plugin: its plugin API, its Python, its hooks, and the
keyword names it passes to each hook. One table, read by ``check`` and by ``simulate``.

Sources, as tagged in the generator's shared notes (sps-plugin-api.md and its audit):
- [doc] SPS's "Creating custom ... plugins" guides (credential-store pages 3-6 for 6.9.x,
  7.0.x LTS, 7.3, 8.0 LTS; AA pages 3-4), and the raw hook signatures the Plugin SDK documents
  for ``AAPlugin`` (SDK 1.5.1-1.9.0: the methods SPS itself calls).
- [inferred] everything no page states: SPS 9's credential-store names (no 9.x guide page is
  stored), ``get_private_key_list`` and ``authentication_completed`` (their input lists are
  cut off in every stored page), the tail of the RemoteApp hook's list.

Only a [doc] list that is complete can make ``check`` report an error ("SPS never passes this
name"); an [inferred] list gives warnings, so that a real plugin is never refused on a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

# Names every hook of a connection gets: the session and the two cookies.
_SESSION = ("session_id", "cookie", "session_cookie")
# Credential-store hooks, as the 6.9 / 7.0 / 8.0 guides list them for get_password_list [doc].
_CS_CONNECTION = (
    *_SESSION,
    "protocol",
    "client_ip",
    "client_hostname",
    "gateway_username",
    "gateway_password",
    "gateway_groups",
    "gateway_domain",
    "server_username",
    "server_ip",
    "server_hostname",
    "server_port",
    "server_domain",
    # Deprecated since SPS 6 F5, still listed (and passed) next to server_*.
    "target_username",
    "target_host",
    "target_port",
    "target_domain",
)
# The RemoteApp hook's page lists these before it is cut off [doc]; the rest of its list is
# [inferred] to be the same block as get_password_list's.
_REMOTE_APP_DOC = (
    "asset",
    "connection_name",
    *_SESSION,
    "protocol",
    "client_hostname",
    "client_ip",
    "gateway_username",
    "gateway_password",
    "gateway_groups",
    "gateway_domain",
    "target_username",
)
_REMOTE_APP_INFERRED = tuple(n for n in _CS_CONNECTION if n not in _REMOTE_APP_DOC)
# AA hooks: the SDK's raw AAPlugin.authenticate signature (SDK 1.5.1-1.9.0) [doc].
_AUTHENTICATE = (
    *_SESSION,
    "protocol",
    "connection_name",
    "client_ip",
    "client_port",
    "client_hostname",
    "gateway_user",
    "gateway_domain",
    "server_username",
    "server_domain",
    "key_value_pairs",
)
# authorize runs once the target is known: the authenticate names plus these [doc].
_AUTHORIZE = (*_AUTHENTICATE, "gateway_groups", "server_ip", "server_port", "server_hostname")
# [uncertain] Whether current SPS still passes the pre-6 F5 target_* names to AA hooks: no
# page says. check never calls them an error; simulate does not pass them.
_AA_MAYBE = ("target_server", "target_username", "target_port", "target_domain")


@dataclass(frozen=True)
class Passed:
    """The names SPS passes to one hook in one release line."""

    documented: frozenset[str]
    inferred: frozenset[str] = frozenset()
    # True when the documented list is the whole list: a name outside it is never passed.
    complete: bool = False
    # Names SPS may or may not pass [uncertain]: never an error, never simulated.
    maybe: frozenset[str] = frozenset()

    @property
    def names(self) -> frozenset[str]:
        """Every name the simulator passes (to a hook with ``**kwargs``)."""
        return self.documented | self.inferred


def _doc(*names: str) -> Passed:
    return Passed(frozenset(names), complete=True)


def _inferred(*names: str) -> Passed:
    return Passed(frozenset(), frozenset(names))


@dataclass(frozen=True)
class Release:
    """One SPS release line (7.0 stands for every 7.x)."""

    name: str
    major: int
    # The plugin API minor it offers: a MANIFEST api of 1.N uploads when N <= this.
    api_minor: int
    # The plugin Python: 3.8 from about 6 F10 [inferred: SDK 1.6.1, the samples' Pipfiles];
    # [uncertain] 8.x runs 3.8 or 3.10, so the older is assumed; 3.12 on 9 LTS [inferred: SDK
    # 1.9.0's getting-started page].
    python: tuple[int, int]
    hooks: dict[str, dict[str, Passed]]


def _credential_store(names_known: bool) -> dict[str, Passed]:
    """Credential-store hooks; ``names_known`` is False where no guide page is stored (9.x)."""
    connection = _doc(*_CS_CONNECTION) if names_known else _inferred(*_CS_CONNECTION)
    session_ended = _doc(*_SESSION) if names_known else _inferred(*_SESSION)
    remote_app = Passed(
        frozenset(_REMOTE_APP_DOC if names_known else ()),
        frozenset(_REMOTE_APP_INFERRED if names_known else _REMOTE_APP_DOC + _REMOTE_APP_INFERRED),
    )
    return {
        "get_password_list": connection,
        # [inferred] the same list as get_password_list: its own list is cut off in the docs.
        "get_private_key_list": _inferred(*_CS_CONNECTION),
        # [inferred] the docs' list is cut off; the TPAM plugin declares (session_id, cookie)
        # and the SDK says only session_id is known there.
        "authentication_completed": _inferred(*_SESSION),
        "session_ended": session_ended,
        # [inferred] name: no stored page shows the heading; the SDK wraps it as
        # do_get_remote_app_credentials (SDK 1.7.0, shipped in SPS 6 F10). Documented from
        # 7.0 LTS on, several calls per session possible.
        "get_remote_app_credentials": remote_app,
    }


def _aa() -> dict[str, Passed]:
    return {
        "authenticate": Passed(frozenset(_AUTHENTICATE), complete=True, maybe=frozenset(_AA_MAYBE)),
        "authorize": Passed(frozenset(_AUTHORIZE), complete=True, maybe=frozenset(_AA_MAYBE)),
        "session_ended": _doc(*_SESSION),
    }


RELEASES: tuple[Release, ...] = (
    # [inferred] 7.x is missing from the SDK history; 6 F10 already offered API 1.7, and a
    # sample plugin for 7.4 declares api 1.7.0.
    Release("7.0", 7, 7, (3, 8), {"aa": _aa(), "credentialstore": _credential_store(True)}),
    Release("8.0", 8, 8, (3, 8), {"aa": _aa(), "credentialstore": _credential_store(True)}),
    Release("9.0", 9, 9, (3, 12), {"aa": _aa(), "credentialstore": _credential_store(False)}),
)
RELEASE_NAMES = tuple(release.name for release in RELEASES)

# The SPS 9 TOTP hook stays out: only the SDK's do_get_totp_codes is documented, not the raw
# name or result shape.
PLUGIN_TYPES = ("aa", "credentialstore")
# Other types SPS's MANIFEST validator accepts; their hooks are not publicly documented.
OTHER_TYPES = ("signingca", "configuration_sync")

# The Plugin SDK's base classes, and the raw hooks each implements for the plugin [doc: SDK].
SDK_MODULE = "safeguard.sessions.plugin"
SDK_BASES: dict[str, tuple[str, ...]] = {
    "AAPlugin": ("authenticate", "authorize", "session_ended"),
    "CredentialStorePlugin": (
        "get_password_list",
        "get_private_key_list",
        "authentication_completed",
        "session_ended",
        "get_remote_app_credentials",
    ),
    "PluginBase": (),
}
SDK_DISTRIBUTION = "oneidentity-safeguard-sessions-plugin-sdk"

# What SPS installs for plugins, importable without bundling:
# - the Plugin SDK (safeguard.sessions.plugin, and its plugin_impl helpers) [doc: SPS's
#   "Python" page lists oneidentity_safeguard_sessions_plugin_sdk];
# - requests [inferred: the SDK's RequestsTLS builds requests Sessions, and the vendor's
#   cyberark, hashicorp, okta and starling plugins import it without bundling it].
PROVIDED_BY_SPS = ("safeguard.sessions.plugin", "safeguard.sessions.plugin_impl", "requests")


def release_named(name: str) -> Release | None:
    for release in RELEASES:
        if release.name == name:
            return release
    return None


def hooks_of(kind: str) -> tuple[str, ...]:
    """Every hook any known release offers a plugin of type ``kind``, in calling order."""
    seen: dict[str, None] = {}
    for release in RELEASES:
        for hook in release.hooks.get(kind, {}):
            seen[hook] = None
    return tuple(seen)
