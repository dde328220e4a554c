"""Stand-ins for the One Identity Plugin SDK (not installable here), written for these tests:
the names the vendor-shaped fixtures import, behaving as the SDK's documentation says, in
Python 3.6 syntax so that verify can run them on SPS 6's Python.

``STRICT`` is the SDK of API 1.5 and later: its raw AAPlugin hooks have the SDK's documented
signatures, every name required and no ``**kwargs``, so a simulator that passes one name too
many, or one too few, fails as it would on SPS. ``LEGACY`` is the SDK of API 1.1-1.4, whose raw
hooks took ``cookie, session_cookie, **kwargs`` (what SPS 6 before F5 called).
"""

from __future__ import annotations

from support import Files

_BASE = (
    "import logging\n\n\n"
    "class PluginSDKRuntimeError(Exception):\n    pass\n\n\n"
    "class PluginBase:\n"
    "    def __init__(self, configuration, defaults=None, logger=None,\n"
    "                 configuration_section=None):\n"
    "        self.configuration = configuration\n"
    "        self.configuration_section = configuration_section\n"
    "        self.logger = logging.getLogger('sdk')\n\n\n"
    "def cookie_property(function):\n    return property(function)\n"
)

_RESPONSE = (
    "class AAResponse(dict):\n"
    "    @staticmethod\n"
    "    def accept(reason=None):\n"
    "        return AAResponse(verdict='ACCEPT', additional_metadata=reason or '')\n\n"
    "    @staticmethod\n"
    "    def deny(reason=None, deny_reason=None):\n"
    "        return AAResponse(verdict='DENY', additional_metadata=reason or '')\n\n"
    "    @staticmethod\n"
    "    def need_info(question, key, disable_echo=False):\n"
    "        return AAResponse(verdict='NEEDINFO', question=(key, question, disable_echo))\n\n\n"
    "class Connection:\n"
    "    def __init__(self, values):\n"
    "        for name, value in values.items():\n"
    "            setattr(self, name, value)\n"
    "        self.target_server = values.get('server_ip') or values.get('target_server')\n\n\n"
)

_AA_COMMON = (
    "    def _run(self, step, values):\n"
    "        self.cookie = dict(values.get('cookie') or {})\n"
    "        self.session_cookie = dict(values.get('session_cookie') or {})\n"
    "        self.key_value_pairs = dict(values.get('key_value_pairs') or {})\n"
    "        self.connection = Connection(values)\n"
    "        self.username = values.get('gateway_user') or values.get('server_username')\n"
    "        self.mfa_identity = self.username\n"
    "        self.mfa_password = self.key_value_pairs.get('otp')\n"
    "        result = dict(step() or AAResponse.accept())\n"
    "        result.update(cookie=self.cookie, session_cookie=self.session_cookie)\n"
    "        return result\n\n"
    "    def session_ended(self, session_id, cookie, session_cookie):\n"
    "        self.cookie = cookie\n        self.do_session_ended()\n\n"
    "    def do_authenticate(self):\n        return AAResponse.accept()\n\n"
    "    def do_authorize(self):\n        return AAResponse.accept()\n\n"
    "    def do_session_ended(self):\n        return None\n\n\n"
)

_STRICT_AA = (
    "class AAPlugin(PluginBase):\n"
    "    def authenticate(self, cookie, session_cookie, session_id, protocol,\n"
    "                     connection_name, client_ip, client_port, client_hostname,\n"
    "                     gateway_user, gateway_domain, server_username, server_domain,\n"
    "                     key_value_pairs):\n"
    "        return self._run(self.do_authenticate, dict(locals()))\n\n"
    "    def authorize(self, cookie, session_cookie, session_id, protocol, connection_name,\n"
    "                  client_ip, client_port, client_hostname, gateway_user,\n"
    "                  gateway_domain, server_username, server_domain, key_value_pairs,\n"
    "                  gateway_groups, server_ip, server_port, server_hostname):\n"
    "        return self._run(self.do_authorize, dict(locals()))\n\n" + _AA_COMMON
)

_LEGACY_AA = (
    "class AAPlugin(PluginBase):\n"
    "    def authenticate(self, cookie, session_cookie, **kwargs):\n"
    "        return self._run(self.do_authenticate, dict(kwargs, cookie=cookie,\n"
    "                         session_cookie=session_cookie))\n\n"
    "    def authorize(self, cookie, session_cookie, **kwargs):\n"
    "        return self._run(self.do_authorize, dict(kwargs, cookie=cookie,\n"
    "                         session_cookie=session_cookie))\n\n" + _AA_COMMON
)

_CREDENTIAL_STORE = (
    "from .plugin_base import PluginBase\n\n\n"
    "class CredentialStorePlugin(PluginBase):\n"
    "    def _keep(self, kwargs):\n"
    "        self.cookie = dict(kwargs.get('cookie') or {})\n"
    "        self.session_cookie = dict(kwargs.get('session_cookie') or {})\n"
    "        self.account = kwargs.get('server_username') or kwargs.get('target_username')\n"
    "        self.asset = kwargs.get('server_hostname') or kwargs.get('target_host')\n\n"
    "    def _answer(self, result, key):\n"
    "        found = dict(result or {key: []})\n"
    "        found.setdefault('cookie', self.cookie)\n"
    "        return found\n\n"
    "    def get_password_list(self, **kwargs):\n"
    "        self._keep(kwargs)\n"
    "        return self._answer(self.do_get_password_list(), 'passwords')\n\n"
    "    def get_private_key_list(self, **kwargs):\n"
    "        self._keep(kwargs)\n"
    "        return self._answer(self.do_get_private_key_list(), 'private_keys')\n\n"
    "    def authentication_completed(self, **kwargs):\n"
    "        self._keep(kwargs)\n        self.do_authentication_completed()\n\n"
    "    def session_ended(self, **kwargs):\n"
    "        self._keep(kwargs)\n        self.do_session_ended()\n\n"
    "    def do_get_password_list(self):\n        return None\n\n"
    "    def do_get_private_key_list(self):\n        return None\n\n"
    "    def do_authentication_completed(self):\n        return None\n\n"
    "    def do_session_ended(self):\n        return None\n"
)

_MFA = (
    "from . import AAResponse\n\n\n"
    "class MFAClient:\n"
    "    def __init__(self, name):\n        self.name = name\n\n"
    "    def execute_authenticate(self, username, identity, password=None):\n"
    "        if password is None:\n"
    "            return AAResponse.need_info('One-time password?', 'otp', disable_echo=True)\n"
    "        if self.otp_authenticate(identity, password):\n"
    "            return AAResponse.accept()\n"
    "        return AAResponse.deny()\n\n"
    "    def otp_authenticate(self, identity, otp):\n        raise NotImplementedError\n"
)

_HOSTS = (
    "class HostResolver:\n"
    "    def resolve_hosts_by_ip(self, ip):\n"
    "        return ['host.example.com'] if ip else []\n"
)


def _sdk(aa: str) -> Files:
    return {
        "safeguard/__init__.py": "",
        "safeguard/sessions/__init__.py": "",
        "safeguard/sessions/plugin/plugin_base.py": _BASE,
        "safeguard/sessions/plugin/__init__.py": (
            "from .plugin_base import PluginBase, PluginSDKRuntimeError\n\n\n"
            + _RESPONSE
            + aa
            + _HOSTS
            + "\n\nfrom .credentialstore_plugin import CredentialStorePlugin  # noqa: E402\n"
        ),
        "safeguard/sessions/plugin/credentialstore_plugin.py": _CREDENTIAL_STORE,
        "safeguard/sessions/plugin/mfa_client.py": _MFA,
        # What SPS installs beside the SDK [inferred]: a module the vendor's plugins import
        # without bundling it.
        "requests/__init__.py": "def get(*args, **kwargs):\n    raise OSError('no network')\n",
    }


STRICT: Files = _sdk(_STRICT_AA)
LEGACY: Files = _sdk(_LEGACY_AA)
