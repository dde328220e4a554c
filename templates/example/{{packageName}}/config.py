"""Reading the configuration text SPS passes to the Plugin constructor (INI, as configparser
reads it). Nothing here raises: a malformed configuration must not end a user's session, so
problems are collected for the log and defaults apply."""

from __future__ import annotations

import configparser
import logging

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Final

_LEVELS: Final = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}


def read_configuration(configuration: object, problems: list[str]) -> configparser.ConfigParser:
    """The parsed configuration; empty (all defaults) when it cannot be read."""
    # No interpolation: "%" and "$" in values mean nothing to this parser.
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    # Keep option names as written: they can be case-sensitive user or account names.
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    if not isinstance(configuration, str):
        problems.append("the configuration is not text; using defaults")
        return parser
    try:
        parser.read_string(configuration)
    except configparser.Error as error:
        # The parser's message quotes the offending line, which may hold a secret: not logged.
        line = getattr(error, "lineno", None)
        where = f" near line {line}" if isinstance(line, int) else ""
        problems.append(f"the configuration is not valid INI{where}; using defaults")
        return configparser.ConfigParser(interpolation=None)
    return parser


def log_level(parser: configparser.ConfigParser, problems: list[str]) -> int:
    """``[logging] log_level``: debug, info, warning or error (default info)."""
    name = parser.get("logging", "log_level", fallback="info").strip().lower()
    if name not in _LEVELS:
        problems.append(f"[logging] log_level must be one of {', '.join(_LEVELS)}; using info")
    return _LEVELS.get(name, logging.INFO)


def boolean(
    parser: configparser.ConfigParser, section: str, option: str, default: bool, problems: list[str]
) -> bool:
    """A yes/no option; an unreadable value is reported and the default applies."""
    try:
        return parser.getboolean(section, option, fallback=default)
    except ValueError:
        problems.append(
            f"[{section}] {option} must be yes or no; using {'yes' if default else 'no'}"
        )
        return default
