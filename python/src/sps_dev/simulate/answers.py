"""The user's answers to an AA plugin's questions, which simulate and verify share: --answers
FILE, --answer KEY=VALUE, and --answer-from KEY=SECTION.OPTION (a value of the plugin's own
configuration, such as the example ticket id the generated AA plugin keeps in default.cfg, so
that a README's or CI's command follows the configuration instead of repeating it)."""

from __future__ import annotations

import argparse
import configparser
import json
from pathlib import Path

from sps_dev.contract.facts import Arguments
from sps_dev.simulate.load import LoadError


def pairs(text: str, what: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not (sep and key):
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
    return key, value


def add_answer_arguments(parser: argparse.ArgumentParser) -> None:
    """--answer and --answers, which simulate and verify share."""
    parser.add_argument(
        "--answer",
        action="append",
        type=answer_pair,
        metavar="KEY=VALUE",
        help="the user's answer to an AA plugin's question",
    )
    parser.add_argument(
        "--answer-from",
        action="append",
        type=lambda text: pairs(text, "KEY=SECTION.OPTION"),
        metavar="KEY=SECTION.OPTION",
        help="answer KEY with OPTION of [SECTION] in the AA plugin's configuration (an example "
        "value kept there, so that the answer follows it)",
    )
    parser.add_argument("--answers", metavar="FILE", help="answers as a JSON object {key: answer}")


def answer_pair(text: str) -> tuple[str, str]:
    """--answer KEY=VALUE."""
    return pairs(text, "KEY=VALUE")


def parse_answers(args: argparse.Namespace, configuration: str) -> Arguments:
    """--answers FILE, then every --answer-from and --answer over it; ``configuration`` is the
    AA plugin's configuration text, which --answer-from reads."""
    answers: Arguments = {}
    if args.answers:
        try:
            loaded = json.loads(Path(args.answers).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as problem:
            raise LoadError(f"--answers {args.answers}: {problem}") from None
        if not isinstance(loaded, dict):
            raise LoadError(f"{args.answers}: must hold a JSON object of key: answer pairs")
        answers.update(loaded)
    for key, where in args.answer_from or []:
        answers[key] = configured(configuration, where, f"--answer-from {key}={where}")
    answers.update(dict(args.answer or []))
    return answers


def configured(configuration: str, where: str, flag: str) -> str:
    """The value of SECTION.OPTION in an INI configuration, read as the SDK reads it."""
    section, _, option = where.rpartition(".")
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(configuration)
    except configparser.Error as problem:
        raise LoadError(f"{flag}: the configuration is not INI ({problem})") from None
    value = parser.get(section, option, fallback="").strip() if section and option else ""
    if not value:
        raise LoadError(f"{flag}: the configuration has no {option or 'OPTION'} in [{section}]")
    return value
