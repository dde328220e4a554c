"""Plugins shaped like One Identity's public ones (OneIdentity/safeguard-sessions-plugin-*):
their layouts, MANIFESTs, dependency files and hook signatures, written for these tests (none
of their code). ``SHAPES`` says which real plugin each fixture stands for.
"""

from __future__ import annotations

from typing import NamedTuple

from support import Files

SHEBANG = "#!/usr/bin/env pluginwrapper3\n"
LICENCE = "#\n#   Copyright (c) 2019 Example\n#\n"


def _main(package: str, module: str = "plugin") -> str:
    return f"{SHEBANG}{LICENCE}\nfrom {package}.{module} import Plugin  # noqa: F401\n"


def _manifest(name: str, kind: str, api: str, *extra: str) -> str:
    lines = [
        f"name: {name}",
        f"description: {name} shaped like a vendor plugin",
        "version: 2.0.0",
        f"type: {kind}",
        f"api: {api}",
        "entry_point: main.py",
        "author_name: Example Integration Team",
        "author_email: integration@example.com",
        *extra,
    ]
    return "\n".join(lines) + "\n"


def _pipfile(packages: str = "", python: str = "3.8", sdk: str = "~=1.6.0") -> str:
    return (
        f"[packages]\n{packages}\n[dev-packages]\n"
        f'oneidentity-safeguard-sessions-plugin-sdk = "{sdk}"\n'
        f'pytest = "*"\n\n[requires]\npython_version = "{python}"\n'
    )


_SDK_CFG = """[logging]
; log_level=info

[credential_store]
; name=<name-of-credential-store-policy-that-hosts-sensitive-data>

[https-proxy]
; server=<proxy-server-name-or-ip>
; port=3128
"""

# A secret in test data, as a real plugin's lib/tests/site_parameters.ini held one: the
# ZIP must never carry it.
TEST_SECRET = "s.tEsTtOkEn1234567890never"
_SITE_PARAMETERS = f"[site]\naddress=vault.test.example\nvault_token={TEST_SECRET}\n"
_SDK_CONFTEST = "from safeguard.sessions.plugin_impl.tasks.common_conftest import *  # noqa\n"


class Shape(NamedTuple):
    stands_for: str
    kind: str
    files: Files


SHAPES: dict[str, Shape] = {
    "skeleton-aa": Shape(
        "safeguard-sessions-plugin-skeleton-aa: AAPlugin subclass, plugin/ layout, api 1.1",
        "aa",
        {
            "MANIFEST": _manifest("SPS_AA_Skeleton", "aa", "1.1")
            + "# scb_min_version: 5.10.0\n# scb_max_version: 5.11.0~\n",
            "main.py": _main("plugin", "plugin_bare"),
            "plugin/__init__.py": "",
            "plugin/plugin_bare.py": (
                "from safeguard.sessions.plugin import AAPlugin, AAResponse\n\n\n"
                "class Plugin(AAPlugin):\n"
                "    def do_authenticate(self):\n"
                "        return AAResponse.accept('fine')\n\n"
                "    def do_authorize(self):\n"
                "        return AAResponse.accept('fine')\n"
            ),
            "plugin/tests/__init__.py": "",
            "plugin/tests/unit/__init__.py": "",
            "plugin/tests/unit/test_plugin.py": "def test_nothing():\n    assert True\n",
            "default.cfg": "[skeleton]\n; ask_pass=no\n\n" + _SDK_CFG,
            "Pipfile": _pipfile(python="3.6", sdk="~=1.1.0"),
            "azure-pipelines.yml": "pool: default\n",
        },
    ),
    "tpam": Shape(
        "safeguard-sessions-plugin-tpam: raw credential-store hooks on PluginBase, SPS 6 "
        "signatures (required target_*, no **kwargs late), lib/ layout, api 1.1, Pipfile "
        "[packages]",
        "credentialstore",
        {
            "MANIFEST": _manifest("SPS_TPAM", "credentialstore", "1.1"),
            "main.py": _main("lib"),
            "lib/__init__.py": "",
            "lib/Vaultclient.py": (
                "import six\n\n\nclass Vaultclient:\n"
                "    def password(self, user, host):\n        return six.text_type('')\n"
            ),
            "lib/plugin.py": (
                "from safeguard.sessions.plugin.plugin_base import PluginBase\n"
                "from .Vaultclient import Vaultclient\n\n\n"
                "class Plugin(PluginBase):\n"
                "    def get_private_key_list(self, session_id, session_cookie, cookie, protocol,\n"
                "                             client_ip, gateway_username, gateway_password,\n"
                "                             target_username, target_host, **kwargs):\n"
                "        return {'private_keys': []}\n\n"
                "    def get_password_list(self, session_id, session_cookie, cookie, protocol,\n"
                "                          client_ip, gateway_username, gateway_password,\n"
                "                          target_username, target_host, **kwargs):\n"
                "        found = Vaultclient().password(target_username, target_host)\n"
                "        return {'passwords': [found] if found else [], 'cookie': cookie}\n\n"
                "    def authentication_completed(self, session_id, cookie):\n"
                "        return None\n"
            ),
            "lib/tests/__init__.py": "",
            "lib/tests/test_vault.py": "def test_it():\n    assert True\n",
            "default.cfg": "[vault]\n; server=<address>\n; reuse_gateway_password=no\n",
            "Pipfile": '[packages]\nsix = "*"\n\n[dev-packages]\nsix = "*"\n\n'
            '[requires]\npython_version = "3.8"\n',
        },
    ),
    "hashicorp-vault": Shape(
        "safeguard-sessions-plugin-hashicorp-vault: CredentialStorePlugin, lib/ layout, api "
        "1.6, default.cfg.plugin, nested tests with a token in site_parameters.ini",
        "credentialstore",
        {
            "MANIFEST": _manifest("SPS_hashicorp", "credentialstore", "1.6"),
            "main.py": _main("lib"),
            "lib/__init__.py": "",
            "lib/client.py": "import requests\n\n\nclass Client:\n    session = requests\n",
            "lib/plugin.py": (
                "from safeguard.sessions.plugin import PluginSDKRuntimeError\n"
                "from safeguard.sessions.plugin.credentialstore_plugin import "
                "CredentialStorePlugin\n"
                "from .client import Client\n\n\n"
                "class Plugin(CredentialStorePlugin):\n"
                "    def __init__(self, configuration):\n"
                "        super().__init__(configuration, configuration_section='hashicorp')\n\n"
                "    def do_get_password_list(self):\n"
                "        return {'passwords': []}\n"
            ),
            "lib/tests/__init__.py": "",
            "lib/tests/conftest.py": "import pytest\n",
            "lib/tests/site_parameters.ini": _SITE_PARAMETERS,
            "lib/tests/test_plugin.py": "def test_it():\n    assert True\n",
            "lib/tests/cassettes/recording.yaml": "interactions: []\n",
            "conftest.py": _SDK_CONFTEST,
            "default.cfg.plugin": "[hashicorp]\n; address=<address>\n",
            "default.cfg": "[hashicorp]\n; address=<address>\n; port=8200\n\n" + _SDK_CFG,
            "Pipfile": _pipfile(),
        },
    ),
    "cyberark-vault": Shape(
        "safeguard-sessions-plugin-cyberark-vault: CredentialStorePlugin imported from the "
        "package root, requests (provided by SPS), api 1.6",
        "credentialstore",
        {
            "MANIFEST": _manifest("SPS_CyberArk", "credentialstore", "1.6"),
            "main.py": _main("lib"),
            "lib/__init__.py": "",
            "lib/plugin.py": (
                "import requests\n"
                "from safeguard.sessions.plugin import CredentialStorePlugin\n\n\n"
                "class Plugin(CredentialStorePlugin):\n"
                "    def do_get_password_list(self):\n"
                "        requests.get\n        return {'passwords': []}\n"
            ),
            "lib/tests/__init__.py": "",
            "lib/tests/test_plugin.py": "def test_it():\n    assert True\n",
            "default.cfg": "[cyberark]\n; address=<address>\n; username=<user>\n"
            "; password=$\n\n" + _SDK_CFG,
            "Pipfile": _pipfile(),
        },
    ),
    "sra-initiated": Shape(
        "safeguard-sessions-plugin-sra-initiated: AAPlugin, plugin/ layout, api 1.7.0, "
        "scb_max_version 8.0.0~, Pipfile [packages], a pluginv setup.py at the root",
        "aa",
        {
            "MANIFEST": "name: SPS_AA_Remote\ndescription: join plugin\nversion: 1.1.0\n"
            "type: aa\napi: 1.7.0\nentry_point: main.py\nauthor_name: Example\n"
            "author_email: integration@example.com\nscb_max_version: 8.0.0~\n",
            "main.py": _main("plugin"),
            "plugin/__init__.py": "",
            "plugin/vault.py": "import json\nimport six\n\n\nclass Vault:\n    pass\n",
            "plugin/plugin.py": (
                "import os\nimport json\n"
                "from ipaddress import ip_address\n"
                "from .vault import Vault\n"
                "from safeguard.sessions.plugin.plugin_base import cookie_property\n"
                "from safeguard.sessions.plugin import AAPlugin, AAResponse\n\n\n"
                "class Plugin(AAPlugin):\n"
                "    @cookie_property\n"
                "    def spp_username(self):\n        return None\n\n"
                "    def do_authenticate(self):\n        return AAResponse.accept()\n\n"
                "    def do_authorize(self):\n        return AAResponse.accept()\n\n"
                "    def do_session_ended(self):\n        return None\n"
            ),
            "setup.py": "from setuptools import setup, find_packages\n\nsetup(name='x')\n",
            "default.cfg": "[sra]\n; vault_address=<address>\n",
            "Pipfile": _pipfile('six = "*"\n', python="3.10", sdk="*"),
        },
    ),
    "fqdnauth": Shape(
        "safeguard-sessions-plugin-fqdnauth: authorize-only AAPlugin, lib/ layout, api 1.2",
        "aa",
        {
            "MANIFEST": _manifest("FQDNAuth", "aa", "1.2"),
            "main.py": _main("lib"),
            "lib/__init__.py": "",
            "lib/plugin.py": (
                "from safeguard.sessions.plugin import AAPlugin, AAResponse, HostResolver\n"
                "import re\nfrom fnmatch import fnmatch\n\n\n"
                "class Plugin(AAPlugin):\n"
                "    def do_authorize(self):\n"
                "        hosts = HostResolver().resolve_hosts_by_ip(self.connection.target_server)\n"
                "        return AAResponse.accept() if hosts else AAResponse.deny()\n\n"
                "    @staticmethod\n"
                "    def _match(host, pattern):\n        return fnmatch(host, pattern)\n"
            ),
            "lib/tests/__init__.py": "",
            "lib/tests/test_fqdnauth.py": (
                "def test_authorize():\n"
                "    kwargs = dict(target_server='10.0.0.1', target_username='root')\n"
                "    assert kwargs\n"
            ),
            "default.cfg": "[hosts_for_groups]\n; admins=*.example.com\n",
            "Pipfile": _pipfile(sdk="~=1.2.0"),
        },
    ),
    "duo-mfa": Shape(
        "safeguard-sessions-plugin-duo-mfa: AAPlugin with an MFA client bundling a "
        "dependency, lib/ layout, api 1.2, root conftest.py and nested tests with site data",
        "aa",
        {
            "MANIFEST": _manifest("SPS_Duo", "aa", "1.2"),
            "main.py": _main("lib"),
            "lib/__init__.py": "",
            "lib/client.py": (
                "import six\n"
                "from safeguard.sessions.plugin.mfa_client import MFAClient\n\n\n"
                "class Client(MFAClient):\n"
                "    def otp_authenticate(self, identity, otp):\n        return True\n"
            ),
            "lib/plugin.py": (
                "from safeguard.sessions.plugin import AAPlugin\n"
                "from .client import Client\n\n\n"
                "class Plugin(AAPlugin):\n"
                "    def do_authenticate(self):\n"
                "        return Client('Duo').execute_authenticate(self.username, "
                "self.mfa_identity, self.mfa_password)\n"
            ),
            "lib/tests/__init__.py": "",
            "lib/tests/conftest.py": "import pytest\n",
            "lib/tests/site_parameters.ini": _SITE_PARAMETERS,
            "lib/tests/test_client.py": "def test_it():\n    assert True\n",
            "conftest.py": _SDK_CONFTEST,
            "default.cfg": "[duo]\n; api_url=<api-url>\n; ikey=<ikey>\n; skey=$\n\n" + _SDK_CFG,
            "Pipfile": '[packages]\nsix = "*"\n\n[dev-packages]\n'
            'oneidentity-safeguard-sessions-plugin-sdk = "~=1.2.0"\n',
        },
    ),
    "docs-raw-aa": Shape(
        "SPS's AA guide examples (raw API, no SDK): a zero-argument authenticate, "
        "session_ended(self, session_id, session_cookie, cookie), a two-item question",
        "aa",
        {
            "MANIFEST": _manifest("DocsExample", "aa", "1.7", "scb_min_version: 7.0.0"),
            "main.py": SHEBANG
            + (
                "\n\nclass Plugin:\n"
                "    def __init__(self, configuration):\n"
                "        self.configuration = configuration\n\n"
                "    def authenticate(self):\n"
                "        return {'verdict': 'ACCEPT'}\n\n"
                "    def authorize(self, key_value_pairs, cookie):\n"
                "        if 'token' not in key_value_pairs:\n"
                "            return {'verdict': 'NEEDINFO', 'question': ('token', "
                "'Enter token number: ')}\n"
                "        return {'verdict': 'ACCEPT', 'cookie': cookie}\n\n"
                "    def session_ended(self, session_id, session_cookie, cookie):\n"
                "        print('session', session_id, 'ended')\n"
            ),
        },
    ),
    "shared-sessions": Shape(
        "safeguard-sessions-plugin-sample-aa-plugin-for-shared-sessions: AAPlugin, api 1.1 "
        "with scb_min_version 8.1.0, Pipfile.lock and a pluginv setup.py",
        "aa",
        {
            "MANIFEST": _manifest("SharedSessions", "aa", "1.1", "scb_min_version: 8.1.0"),
            "main.py": _main("plugin"),
            "plugin/__init__.py": "",
            "plugin/plugin.py": (
                "from safeguard.sessions.plugin import AAPlugin, AAResponse\n\n\n"
                "class Plugin(AAPlugin):\n"
                "    def do_authenticate(self):\n"
                "        self.session_cookie['IdentityProvider'] = 'spp'\n"
                "        if 'token' in self.key_value_pairs:\n"
                "            return AAResponse.accept('token given')\n"
                "        return AAResponse.need_info('Token?', 'token', disable_echo=True)\n"
            ),
            "plugin/tests/__init__.py": "",
            "plugin/tests/unit/test_plugin.py": "def test_it():\n    assert True\n",
            "setup.py": "from setuptools import setup\n\nsetup(name='x')\n",
            "Pipfile": _pipfile(python="3.10", sdk="~=1.8.0"),
            "Pipfile.lock": '{"_meta": {}, "default": {}, "develop": {}}\n',
            "default.cfg": _SDK_CFG,
        },
    ),
}
