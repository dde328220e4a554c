"""check and build on broken and hostile projects and ZIPs: each case its message and exit
code, under a timeout (a hang fails), never a traceback, nothing written outside dist/."""

from __future__ import annotations

import os
import stat
import sys
import zipfile
from pathlib import Path
from typing import Callable, NamedTuple

from support import Files, TempCase, changed, snapshot, sps_dev, write_tree

SHEBANG = "#!/usr/bin/env pluginwrapper3\n"
MANIFEST = (
    "name: Hostile\ndescription: a test plugin\nversion: 1.0.0\ntype: {kind}\n"
    'api: "1.7"\nentry_point: main.py\nscb_min_version: 7.0.0\n'
)
CS_HOOKS = (
    "get_password_list",
    "get_private_key_list",
    "authentication_completed",
    "get_remote_app_credentials",
    "session_ended",
)
AA_HOOKS = ("authenticate", "authorize", "session_ended")


def plugin_source(kind: str = "credentialstore", **overrides: str) -> str:
    """A raw plugin with every hook of its type; ``overrides`` replace a hook's def line."""
    lines = [
        "class Plugin:",
        "    def __init__(self, configuration, secrets=None):",
        "        pass",
    ]
    for hook in CS_HOOKS if kind == "credentialstore" else AA_HOOKS:
        lines.append("    " + overrides.get(hook, f"def {hook}(self, cookie=None, **kwargs):"))
        lines.append("        return {'passwords': [], 'verdict': 'ACCEPT'}")
    return SHEBANG + "\n".join(lines) + "\n"


def project(kind: str = "credentialstore", files: Files | None = None) -> Files:
    tree: Files = {
        "MANIFEST": MANIFEST.format(kind=kind),
        "main.py": plugin_source(kind),
        "default.cfg": "[vault]\n; address = <address>\n",
    }
    tree.update(files or {})
    return tree


def write_zip(path: Path, entries: Files, links: list[str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
        for name in links or []:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


# Each case makes its input below a fresh folder and returns the path sps_dev gets.
Make = Callable[[Path], Path]


class Case(NamedTuple):
    name: str
    make: Make
    command: str  # check | build | check --strict
    code: int
    message: str
    never: str = ""  # text that must not appear (a secret, a leaked value)


def folder(files: Files) -> Make:
    return lambda tmp: write_tree(tmp / "plugin", files)


def changed_project(change: Callable[[Path], None], kind: str = "credentialstore") -> Make:
    def make(tmp: Path) -> Path:
        root = write_tree(tmp / "plugin", project(kind))
        change(root)
        return root

    return make


def padded(name: str, head: str, hashes: int) -> Make:
    """A plugin whose file ``name`` is ``head`` then ``hashes`` '#' characters, written a MiB
    at a time when the case runs: built at import as one string, each 100 MB case held that
    much memory in every test process from start to end."""

    def pad(root: Path) -> None:
        chunk = b"#" * (1 << 20)
        with open(root / name, "wb") as out:
            out.write(head.encode("utf-8"))
            for start in range(0, hashes, len(chunk)):
                out.write(chunk[: hashes - start])

    return changed_project(pad)


def file_with(data: bytes, name: str = "plugin.zip") -> Make:
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return make


def zip_of(entries: Files, links: list[str] | None = None) -> Make:
    return lambda tmp: write_zip(tmp / "plugin.zip", entries, links)


def plugin_zip(**extra: str) -> Files:
    files = project()
    files.update(extra)
    return files


def big_zip(tmp: Path) -> Path:
    files = plugin_zip()
    with zipfile.ZipFile(tmp / "plugin.zip", "w", zipfile.ZIP_STORED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        archive.writestr("data.bin", os.urandom(21 * 1024 * 1024))
    return tmp / "plugin.zip"


def link_out(tmp: Path) -> Path:
    root = write_tree(
        tmp / "plugin", project(files={"vault/__init__.py": "", "vault/client.py": "x = 1\n"})
    )
    (tmp / "outside-secret.txt").write_text("ssh key\n")
    os.symlink(tmp / "outside-secret.txt", root / "vault" / "key.pem")
    return root


def dist_link(tmp: Path) -> Path:
    root = write_tree(tmp / "plugin", project())
    (tmp / "elsewhere").mkdir()
    os.symlink(tmp / "elsewhere", root / "dist")
    return root


def fifo(tmp: Path) -> Path:
    root = write_tree(tmp / "plugin", project(files={"vault/__init__.py": ""}))
    os.mkfifo(root / "vault" / "pipe")
    return root


def side_effects(tmp: Path) -> Path:
    marker = tmp / "executed"
    body = f"open({str(marker)!r}, 'w').write('ran')\nwhile True:\n    pass\n"
    return write_tree(
        tmp / "plugin", project(files={"main.py": SHEBANG + body + plugin_source()[len(SHEBANG) :]})
    )


ALIAS_BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    + "".join(
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi")
    )
    + "name: Bomb\n"
)

CASES = [
    Case(
        "path that does not exist",
        lambda tmp: tmp / "nowhere",
        "check",
        2,
        "no such file or folder",
    ),
    Case(
        "text file instead of a ZIP",
        file_with(b"just text\n", "notes.zip"),
        "check",
        1,
        "notes.zip: error Z002: is not a ZIP file SPS can read",
    ),
    Case(
        "binary garbage", file_with(os.urandom(4096)), "check", 1, "is not a ZIP file SPS can read"
    ),
    Case(
        "empty ZIP", zip_of({}), "check", 1, "plugin.zip: error Z006: has no MANIFEST at its root"
    ),
    Case(
        "ZIP entry with ../",
        zip_of(plugin_zip(**{"../evil.py": "x"})),
        "check",
        1,
        "plugin.zip:../evil.py: error Z004: this entry climbs out of the plugin folder (..)",
    ),
    Case(
        "ZIP entry with an absolute path",
        zip_of(plugin_zip(**{"/etc/cron.d/x": "x"})),
        "check",
        1,
        "this entry has an absolute path",
    ),
    Case(
        "ZIP entry that is a symlink",
        zip_of(plugin_zip(), links=["passwd"]),
        "check",
        1,
        "plugin.zip:passwd: error Z004: this entry is a symbolic link",
    ),
    Case("ZIP over 20 MB", big_zip, "check", 1, "SPS accepts at most 20 MB"),
    Case(
        "plugin zipped with its folder",
        zip_of({f"plugin/{k}": v for k, v in project().items()}),
        "check",
        1,
        "the plugin is inside the folder plugin/: zip that folder's contents",
    ),
    Case(
        "tests with a secret inside the ZIP",
        zip_of(plugin_zip(**{"lib/tests/site_parameters.ini": "token=s.SECRET"})),
        "check --strict",
        1,
        "holds tests or test data (lib/tests/site_parameters.ini)",
        "s.SECRET",
    ),
    Case(
        "extension built for CPython 3.11",
        zip_of(plugin_zip(**{"_speedups.cpython-311-x86_64-linux-gnu.so": "ELF"})),
        "check",
        0,
        "is built for CPython 3.11 on x86_64: SPS 7.0 runs 3.8",
    ),
    Case(
        "YAML alias bomb in the MANIFEST",
        folder(project(files={"MANIFEST": ALIAS_BOMB})),
        "check",
        1,
        "MANIFEST:2: error M001: uses a YAML alias",
    ),
    Case(
        "100 MB MANIFEST",
        padded("MANIFEST", "name: x\n", 100 * 1024 * 1024),
        "check",
        1,
        "MANIFEST: error M019: is over 64 KiB: not a MANIFEST",
    ),
    Case(
        "MANIFEST that is not UTF-8",
        folder(project(files={"MANIFEST": "name: Zoë\n".encode("latin-1")})),
        "check",
        1,
        "MANIFEST: error M020: is not UTF-8 text",
    ),  # type: ignore[arg-type]
    Case(
        "MANIFEST without a name",
        folder(
            project(files={"MANIFEST": MANIFEST.format(kind="aa").replace("name: Hostile\n", "")})
        ),
        "check",
        1,
        "name: is required and must not be empty",
    ),
    Case(
        "MANIFEST without entry_point",
        folder(
            project(
                files={"MANIFEST": MANIFEST.format(kind="aa").replace("entry_point: main.py\n", "")}
            )
        ),
        "check",
        1,
        "entry_point: is missing: SPS then runs the plugin as a legacy Python 2 plugin",
    ),
    Case(
        "MANIFEST that is a list",
        folder(project(files={"MANIFEST": "- name\n- type\n"})),
        "check",
        1,
        "MANIFEST: error M002: must be a YAML mapping of fields",
    ),
    Case(
        "name with a hyphen",
        folder(
            project(files={"MANIFEST": MANIFEST.format(kind="aa").replace("Hostile", "my-plugin")})
        ),
        "check",
        1,
        "MANIFEST:1: error M004: name: 'my-plugin' must start with a letter, then letters, digits or _ [SPS docs]",
    ),
    Case(
        "api newer than scb_min_version offers",
        folder(project(files={"MANIFEST": MANIFEST.format(kind="aa").replace('"1.7"', '"1.8"')})),
        "check",
        1,
        "api: 1.8 is newer than SPS 7.0.0 offers (1.7): the upload would be refused there",
    ),
    Case(
        "api that fits no release",
        folder(
            project(
                files={
                    "MANIFEST": MANIFEST.format(kind="aa")
                    .replace('"1.7"', '"1.9"')
                    .replace("scb_min_version: 7.0.0", "scb_max_version: 8.0.0~")
                }
            )
        ),
        "check",
        1,
        "fits no SPS release",
    ),
    Case(
        "100 MB default.cfg",
        padded("default.cfg", "", 100 * 1024 * 1024),
        "check",
        1,
        "default.cfg: error C001: is 104,857,600 bytes; SPS accepts at most 10 KiB",
    ),
    Case(
        "default.cfg in Latin-1",
        folder(project(files={"default.cfg": "[vault]\n# Zoë\n".encode("latin-1")})),
        "check",
        1,
        "default.cfg:2: error C002: is not UTF-8 text, which SPS requires",
    ),  # type: ignore[arg-type]
    Case(
        "literal secret in default.cfg",
        folder(project(files={"default.cfg": "[vault]\npassword = hunter2-literal\n"})),
        "check --strict",
        1,
        "default.cfg:2: warning C005: [vault] password holds a literal value",
        "hunter2-literal",
    ),
    Case(
        "entry point of binary garbage",
        folder(project(files={"main.py": b"\x00\xff\xfe" * 1000})),
        "check",
        1,
        "main.py: error S001: is not valid Python",
    ),  # type: ignore[arg-type]
    Case(
        "entry point without the shebang",
        folder(project(files={"main.py": plugin_source()[len(SHEBANG) :]})),
        "check",
        1,
        "main.py:1: error P002: must start with the Python 3 shebang",
    ),
    Case(
        "shebang with a carriage return",
        folder(project(files={"main.py": plugin_source().replace("\n", "\r\n")})),
        "check",
        1,
        "it ends in a carriage return",
    ),
    Case(
        "entry point missing",
        folder({"MANIFEST": MANIFEST.format(kind="aa")}),
        "check",
        1,
        "main.py: error P001: the entry point the MANIFEST names does not exist",
    ),
    Case(
        "no Plugin class",
        folder(project(files={"main.py": SHEBANG + "class Plugins:\n    pass\n"})),
        "check",
        1,
        "defines or imports no class Plugin",
    ),
    Case(
        "Plugin from a module that is not shipped",
        folder(project(files={"main.py": SHEBANG + "from missing_pkg.plugin import Plugin\n"})),
        "check",
        1,
        "takes Plugin from missing_pkg.plugin.Plugin, which is not in the plugin",
    ),
    Case(
        "required gateway_username in an AA hook",
        folder(
            project(
                "aa",
                {
                    "main.py": plugin_source(
                        "aa", authorize="def authorize(self, gateway_username, **kwargs):"
                    )
                },
            )
        ),
        "check",
        1,
        "authorize() requires gateway_username, which SPS 7.0, 8.0, 9.0 never passes to this hook: the call fails with TypeError and the session ends [SPS docs]; fix: did you mean gateway_user?",
    ),
    Case(
        "optional gateway_username in an AA hook",
        folder(
            project(
                "aa",
                {
                    "main.py": plugin_source(
                        "aa",
                        authenticate="def authenticate(self, gateway_username=None, **kwargs):",
                    )
                },
            )
        ),
        "check",
        0,
        "authenticate() takes gateway_username, which SPS never passes to this hook: it is always its default [advice]; fix: did you mean gateway_user?",
    ),
    Case(
        "positional-only hook parameters",
        folder(
            project(
                files={
                    "main.py": plugin_source(
                        session_ended="def session_ended(self, session_id, /, **kwargs):"
                    )
                }
            )
        ),
        "check",
        1,
        "session_ended() takes session_id positionally only",
    ),
    Case(
        "__init__ that needs two arguments",
        folder(
            project(
                files={
                    "main.py": plugin_source().replace(
                        "configuration, secrets=None", "configuration, secrets"
                    )
                }
            )
        ),
        "check",
        1,
        "Plugin.__init__ must accept exactly one positional argument",
    ),
    Case(
        "async hook",
        folder(
            project(
                files={
                    "main.py": plugin_source(
                        get_password_list="async def get_password_list(self, **kwargs):"
                    )
                }
            )
        ),
        "check",
        1,
        "get_password_list() is async: SPS calls it and never awaits it",
    ),
    Case(
        "module-level side effects are never run",
        side_effects,
        "check",
        0,
        "passes: Hostile (credentialstore)",
    ),
    Case(
        "expression nested too deeply",
        folder(project(files={"main.py": SHEBANG + "x = " + "(" * 100_000 + ")" * 100_000 + "\n"})),
        "check",
        1,
        "main.py: error S001: is",
    ),
    Case(
        "unbundled third-party import",
        folder(project(files={"vault/__init__.py": "import paramiko\n"})),
        "check --strict",
        1,
        "vault/__init__.py:1: error I001: imports paramiko, which is neither in the standard library",
    ),
    # The tool reads source with the Python it runs on: there, syntax newer than that Python
    # is unreadable; under a newer Python, it is newer than SPS 7's 3.8: an error either way.
    Case(
        "syntax newer than SPS 7's Python",
        folder(project(files={"vault/__init__.py": "match 1:\n    case 1:\n        pass\n"})),
        "check",
        *(
            (1, "vault/__init__.py: error S002: uses syntax Python 3.8 does not have")
            if sys.version_info >= (3, 10)
            else (1, "vault/__init__.py: error S001: is not valid Python")
        ),
    ),
    Case("build: a link out of the project", link_out, "build", 1, "vault/key.pem is a link to"),
    Case(
        "build: dist/ is a link",
        dist_link,
        "build",
        1,
        "is a link; build writes only into the project's own dist/",
    ),
    Case("build: a FIFO in the package", fifo, "build", 1, "vault/pipe is not a regular file"),
    Case(
        "build: Pipfile git dependency",
        folder(
            project(files={"Pipfile": '[packages]\nvault = {git = "https://example.com/v.git"}\n'})
        ),
        "build",
        1,
        "Pipfile:2: vault is not a plain version requirement",
    ),
    Case(
        "build: the SDK as a runtime dependency",
        folder(
            project(
                files={"requirements.txt": "oneidentity_safeguard_sessions_plugin_sdk~=1.7.0\n"}
            )
        ),
        "build",
        1,
        "requirements.txt:1: lists the Plugin SDK as a runtime dependency",
    ),
    Case(
        "build: pip options in requirements.txt",
        folder(project(files={"requirements.txt": "-r ../../etc/other.txt\n"})),
        "build",
        1,
        "requirements.txt:1: pip options (-r) are not read by build",
    ),
    Case(
        "build: an error stops it",
        folder(project(files={"main.py": "print('no shebang')\n"})),
        "build",
        1,
        "check found 2 error(s); SPS would refuse the ZIP",
    ),
    Case(
        "build: a version that climbs out",
        folder(
            project(
                files={
                    "MANIFEST": MANIFEST.format(kind="credentialstore").replace(
                        "1.0.0", "1.0/../../../evil"
                    )
                }
            )
        ),
        "build",
        0,
        "dist/Hostile-1.0_.._.._.._evil.zip",
    ),
]


class Hostile(TempCase):
    def test_there_are_at_least_25_cases(self) -> None:
        self.assertGreaterEqual(len(CASES), 25)
        self.assertEqual(len({case.name for case in CASES}), len(CASES))

    def test_each_case(self) -> None:
        for case in CASES:
            with self.subTest(case.name):
                tmp = self.tmp / f"case-{CASES.index(case)}"
                tmp.mkdir()
                target = case.make(tmp)
                before = snapshot(tmp)
                command = case.command.split()
                ran = sps_dev([*command, str(target)], tmp)
                self.assertNoTraceback(ran)
                self.assertEqual(ran.code, case.code, ran)
                self.assertIn(case.message, ran.both, ran)
                if case.never:
                    self.assertNotIn(case.never, ran.both)
                self.assertFalse((tmp / "executed").exists(), "check ran the plugin's code")
                written = [
                    p for p in changed(before, snapshot(tmp)) if not p.startswith("plugin/dist")
                ]
                self.assertEqual(written, [], "wrote outside dist/")


class Environment(TempCase):
    def test_check_without_pyyaml_says_how_to_install_it(self) -> None:
        root = write_tree(self.tmp / "plugin", project())
        ran = sps_dev(["check"], root, yaml=False)
        self.assertNoTraceback(ran)
        self.assertEqual(ran.code, 2, ran)
        self.assertIn("-m pip install pyyaml (it is in requirements-dev.txt)", ran.err)

    def test_simulate_needs_no_pyyaml(self) -> None:
        root = write_tree(self.tmp / "plugin", project())
        ran = sps_dev(["simulate"], root, yaml=False)
        self.assertEqual(ran.code, 0, ran)

    def test_version_and_usage(self) -> None:
        from sps_dev.version import VERSION

        self.assertEqual(sps_dev(["--version"], self.tmp).out.strip(), f"sps_dev {VERSION}")
        usage = sps_dev(["frobnicate"], self.tmp)
        self.assertEqual(usage.code, 2)
        self.assertIn("invalid choice: 'frobnicate'", usage.err)

    def test_bundled_dependencies_in_a_zip_are_not_the_plugins_to_check(self) -> None:
        entries = plugin_zip(
            **{
                "dep/__init__.py": "import optional_speedups\n\ndef (broken syntax\n",
                # Its own tests came with its wheel (certifi ships some): not the plugin's.
                "dep/tests/test_dep.py": "TOKEN = 'theirs'\n",
                "dep-1.0.dist-info/RECORD": "dep/__init__.py,sha256=x,1\ndep/tests/test_dep.py,,\n",
                "dep-1.0.dist-info/METADATA": "Name: dep\n",
            }
        )
        ran = sps_dev(["check", "--strict", str(write_zip(self.tmp / "p.zip", entries))], self.tmp)
        self.assertNoTraceback(ran)
        self.assertEqual(ran.code, 0, ran)
