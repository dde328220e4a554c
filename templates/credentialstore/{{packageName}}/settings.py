"""The credential store's settings, read from the configuration text (see config.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Final

from .config import log_level, read_configuration

VAULT_SECTION: Final = "example-vault"


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
    problems: list[str] = []
    parser = read_configuration(configuration, problems)
    level = log_level(parser, problems)
    accounts = dict(parser.items(VAULT_SECTION)) if parser.has_section(VAULT_SECTION) else {}
    return Settings(
        log_level=level,
        accounts={name.strip(): value.strip() for name, value in accounts.items()},
        ticket_question=parser.get("ticket", "question", fallback="").strip(),
        problems=tuple(problems),
    )
