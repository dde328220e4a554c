"""The AA plugin's settings, read from the configuration text (see config.py)."""

from __future__ import annotations

import configparser
import logging
import re
from dataclasses import dataclass
from typing import Final, Pattern

from .config import boolean, log_level, read_configuration
from .patterns import pattern_problem

OTP_SECRETS_SECTION: Final = "otp-secrets"
DEFAULT_TICKET_PATTERN: Final = r"[A-Z]{2,10}-[0-9]{1,10}"


@dataclass(frozen=True)
class Ask:
    """One question the plugin asks with NEEDINFO."""

    key: str
    prompt: str
    disable_echo: bool


@dataclass(frozen=True)
class Settings:
    """What the plugin reads from ``default.cfg`` (or the admin's copy of it)."""

    log_level: int = logging.INFO
    # None: the question is switched off.
    ticket: Ask | None = None
    ticket_pattern: Pattern[str] = re.compile(DEFAULT_TICKET_PATTERN)
    otp: Ask | None = None
    problems: tuple[str, ...] = ()


def _ask(
    parser: configparser.ConfigParser,
    section: str,
    defaults: Ask,
    problems: list[str],
) -> Ask | None:
    if not boolean(parser, section, "enabled", False, problems):
        return None
    key = parser.get(section, "question", fallback=defaults.key).strip() or defaults.key
    prompt = parser.get(section, "prompt", fallback=defaults.prompt).strip() or defaults.prompt
    return Ask(key, prompt, defaults.disable_echo)


def parse_settings(configuration: object) -> Settings:
    """Reads the configuration text; never raises."""
    problems: list[str] = []
    parser = read_configuration(configuration, problems)
    source = parser.get("ticket", "pattern", fallback=DEFAULT_TICKET_PATTERN).strip()
    pattern = re.compile(DEFAULT_TICKET_PATTERN)
    risky = pattern_problem(source)
    if risky:
        # An answer must never stall authenticate: the safe default stands in.
        problems.append(f"[ticket] pattern {risky}; using the default")
    else:
        try:
            pattern = re.compile(source)
        except re.error:
            problems.append("[ticket] pattern is not a valid regular expression; using the default")
    return Settings(
        log_level=log_level(parser, problems),
        ticket=_ask(parser, "ticket", Ask("ticket_id", "Ticket id:", False), problems),
        ticket_pattern=pattern,
        otp=_ask(parser, "otp", Ask("otp", "One-time code:", True), problems),
        problems=tuple(problems),
    )
