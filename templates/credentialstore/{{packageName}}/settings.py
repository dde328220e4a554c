"""The plugin's configuration: the text of the configuration instance an SPS admin chose.

Parsing never raises: a malformed configuration must not end a user's session. What is wrong
is collected in ``Settings.problems`` and logged, and defaults apply.
"""

from __future__ import annotations

import configparser
import logging
from dataclasses import dataclass, field
from typing import Final

VAULT_SECTION: Final = "example-vault"
_LEVELS: Final = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}


@dataclass(frozen=True)
class Settings:
    """What the plugin reads from ``default.cfg`` (or the admin's copy of it)."""

    log_level: int = logging.INFO
    # Account ("user@host") -> its configured value; "$" means "in the local credential store".
    accounts: dict[str, str] = field(default_factory=dict)
    # Key of an AA plugin's answer in session_cookie["questions"] to record with each checkout.
    ticket_question: str = ""
    problems: tuple[str, ...] = ()


def parse_settings(configuration: object) -> Settings:
    """Reads the configuration text; never raises."""
    if not isinstance(configuration, str):
        return Settings(problems=("the configuration is not text; using defaults",))
    # No interpolation: "%" and "$" in values mean nothing to this parser.
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    # Keep option names as written: account names are case-sensitive user names.
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    try:
        parser.read_string(configuration)
    except configparser.Error as error:
        # The parser's message quotes the offending line, which may hold a secret: not logged.
        line = getattr(error, "lineno", None)
        where = f" near line {line}" if isinstance(line, int) else ""
        return Settings(problems=(f"the configuration is not valid INI{where}; using defaults",))

    problems: list[str] = []
    level_name = parser.get("logging", "log_level", fallback="info").strip().lower()
    level = _LEVELS.get(level_name)
    if level is None:
        problems.append(f"[logging] log_level must be one of {', '.join(_LEVELS)}; using info")
        level = logging.INFO
    accounts = dict(parser.items(VAULT_SECTION)) if parser.has_section(VAULT_SECTION) else {}
    return Settings(
        log_level=level,
        accounts={name.strip(): value.strip() for name, value in accounts.items()},
        ticket_question=parser.get("ticket", "question", fallback="").strip(),
        problems=tuple(problems),
    )
