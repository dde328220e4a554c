"""default.cfg, the configuration SPS shows an admin as the starting text.

SPS's rules [doc]: UTF-8 text, at most 10 KiB. SPS hands the text to ``Plugin(configuration)``
as it is; reading it as INI, ``$`` values from a local credential store and the ``[logging]``
section are the Plugin SDK's conventions, so problems with those are warnings.
"""

from __future__ import annotations

import configparser
import re

from sps_dev.contract import releases
from sps_dev.rules.findings import Finding, found

FILE = "default.cfg"
MAX_BYTES: int = releases.CONTRACT["default_cfg"]["max_bytes"]
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
        return [found("C001", file, None, size=length, limit=MAX_BYTES)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        return [found("C002", file, line)]
    return _ini(text, file) + _options(text, file)


def _ini(text: str, file: str) -> list[Finding]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error as problem:
        line: int | None = getattr(problem, "lineno", None)
        first = str(problem).splitlines()[0]
        return [found("C003", file, line, reason=first)]
    return []


def _options(text: str, file: str) -> list[Finding]:
    results: list[Finding] = []
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
            renamed = section.replace("_", "-")
            results.append(found("C004", file, number, section=section, renamed=renamed))
        if not commented and _SECRET_NAME.search(name) and not _NOT_A_SECRET.match(value):
            results.append(found("C005", file, number, section=section, name=name))
    return results
