"""default.cfg, the configuration SPS shows an admin as the starting text.

SPS's rules [doc]: UTF-8 text, at most 10 KiB. SPS hands the text to ``Plugin(configuration)``
as it is; reading it as INI, ``$`` values from a local credential store and the ``[logging]``
section are the Plugin SDK's conventions, so problems with those are warnings.
"""

from __future__ import annotations

import configparser
import re

from .findings import SDK, Finding, error, warning

FILE = "default.cfg"
MAX_BYTES = 10 * 1024
_SECTION = re.compile(r"^\s*\[([^\]]+)\]")
_OPTION = re.compile(r"^\s*([;#]?)\s*([^=:\s;#][^=:]*?)\s*[=:]\s*(.*?)\s*$")
# Option names that hold a secret: the secret word ends the name (vault_token, bind_password),
# so token_url or secrets_path, which name where a secret is, are not taken for one.
_SECRET_NAME = re.compile(
    r"(^|[_-])(pass(word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|credential)s?$",
    re.IGNORECASE,
)
# Values that are not a secret: empty, a "$" lookup, a <placeholder>, a yes/no switch.
_NOT_A_SECRET = re.compile(r"^(|\$|<[^>]*>|yes|no|true|false|on|off|none)$", re.IGNORECASE)


def check(data: bytes | None, file: str = FILE, size: int | None = None) -> list[Finding]:
    """``data`` is None when the file is larger than SPS accepts (only ``size`` is known)."""
    if data is None or len(data) > MAX_BYTES:
        length = size if size is not None else len(data or b"")
        return [
            error(
                file,
                None,
                f"is {length:,} bytes; SPS accepts at most 10 KiB ({MAX_BYTES:,} bytes)",
                "shorten the comments, or move long documentation into the README",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        return [error(file, line, "is not UTF-8 text, which SPS requires", "save it as UTF-8")]
    return _ini(text, file) + _options(text, file)


def _ini(text: str, file: str) -> list[Finding]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error as problem:
        line: int | None = getattr(problem, "lineno", None)
        first = str(problem).splitlines()[0]
        return [
            warning(
                file,
                line,
                f"configparser cannot read it ({first}): the SDK and the generated code read "
                "the configuration as INI",
                "fix the INI syntax",
                source=SDK,
            )
        ]
    return []


def _options(text: str, file: str) -> list[Finding]:
    found = []
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _SECTION.match(line)
        if header:
            section = header.group(1)
            continue
        option = _OPTION.match(line)
        if option is None:
            continue
        commented, name, value = option.groups()
        if value == "$" and "_" in section:
            # Commented-out options count too: an admin will switch them on.
            found.append(
                warning(
                    file,
                    number,
                    f'[{section}] has an option set to "$", but the section name has "_", which '
                    "a credential-store Host field cannot hold",
                    f"rename it [{section.replace('_', '-')}]",
                    source=SDK,
                )
            )
        if not commented and _SECRET_NAME.search(name) and not _NOT_A_SECRET.match(value):
            found.append(
                warning(
                    file,
                    number,
                    f"[{section}] {name} holds a literal value: every admin who opens the "
                    "configuration sees it, and it travels with every copy of the ZIP",
                    f"leave it empty for the admin (; {name} = <value>), or use $ and a local "
                    "credential store (SDK)",
                )
            )
    return found
