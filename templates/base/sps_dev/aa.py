"""An AA plugin's part of a connection: authenticate (again after every NEEDINFO), then
authorize after ACCEPT, with each result checked the way SPS checks it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from .facts import authenticate_arguments, authorize_arguments
from .hooks import Arguments, Call, Connection, ContractError, PluginUnderTest

VERDICTS = ("ACCEPT", "DENY", "NEEDINFO")
# A plugin that keeps asking would keep the user at a prompt for ever.
MAX_QUESTIONS = 10

# Answers a question (key, prompt, disable_echo) as the user would, or None when there is none.
Answerer = Callable[[str, str, bool], Optional[str]]


class NoAnswer(Exception):
    """The plugin asked something the simulation has no answer for."""


@dataclass(frozen=True)
class Outcome:
    """How the AA part of a connection ended."""

    verdict: str
    reason: str
    gateway_user: str | None
    gateway_groups: list[str] | None


def check_verdict(call: Call, allowed: tuple[str, ...]) -> Arguments:
    """The result of an AA hook, with a verdict SPS understands."""
    result = call.result
    if result is None:
        # "No gateway authentication performed": SPS goes on as if the plugin accepted.
        return {"verdict": "ACCEPT"}
    if not isinstance(result, dict):
        raise ContractError(f"{call.hook}() must return a dict, got {type(result).__name__}")
    verdict = result.get("verdict")
    if verdict not in allowed:
        raise ContractError(
            f"{call.hook}() returned verdict {verdict!r}; SPS understands only "
            f"{', '.join(allowed)} (exact, upper case)"
        )
    if "gateway_user" in result and not isinstance(result.get("gateway_groups"), list):
        raise ContractError(
            f"{call.hook}() returned gateway_user without a gateway_groups list: SPS changes "
            "the gateway user only when both are returned"
        )
    for key in ("reason", "additional_metadata"):
        if key in result and not isinstance(result[key], str):
            raise ContractError(f"{call.hook}() returned a {key} that is not a string")
    return result


def check_question(call: Call, result: Arguments) -> tuple[str, str, bool]:
    """The question of a NEEDINFO result: a (key, prompt, disable_echo) sequence."""
    question: Any = result.get("question")
    if not (isinstance(question, list) and len(question) == 3):
        raise ContractError(
            f"{call.hook}() returned NEEDINFO with question {question!r}: it must be a "
            "sequence of three items, (key, prompt, disable_echo)"
        )
    key, prompt, disable_echo = question
    if not (isinstance(key, str) and key and isinstance(prompt, str)):
        raise ContractError(f"{call.hook}(): the question's key and prompt must be strings")
    if not isinstance(disable_echo, bool):
        raise ContractError(f"{call.hook}(): the question's disable_echo must be true or false")
    return key, prompt, disable_echo


def _ask_until_decided(
    connection: Connection,
    plugin: PluginUnderTest,
    hook: str,
    arguments: Callable[[Arguments], Arguments],
    allowed: tuple[str, ...],
    answer: Answerer,
    key_value_pairs: Arguments,
) -> Arguments:
    for _ in range(MAX_QUESTIONS + 1):
        call = connection.call(plugin, hook, arguments(key_value_pairs))
        result = check_verdict(call, allowed)
        if result["verdict"] != "NEEDINFO":
            return result
        key, prompt, disable_echo = check_question(call, result)
        reply = answer(key, prompt, disable_echo)
        if reply is None:
            raise NoAnswer(f"the plugin asked {prompt!r} (key {key!r}): give --answer {key}=...")
        key_value_pairs[key] = reply
    raise ContractError(f"{hook}() asked more than {MAX_QUESTIONS} questions in a row")


def authenticate_and_authorize(
    connection: Connection, plugin: PluginUnderTest, facts: Arguments, answer: Answerer
) -> Outcome:
    """authenticate until ACCEPT or DENY (answering each NEEDINFO on a new call), then, only
    after ACCEPT, authorize. ``facts`` may hold ``key_value_pairs`` from the username string."""
    key_value_pairs = dict(facts.get("key_value_pairs") or {})
    result = _ask_until_decided(
        connection,
        plugin,
        "authenticate",
        lambda pairs: authenticate_arguments(facts, pairs),
        VERDICTS,
        answer,
        key_value_pairs,
    )
    gateway_user = result.get("gateway_user")
    gateway_groups = result.get("gateway_groups")
    if result["verdict"] == "ACCEPT":
        granted = {
            **facts,
            **(
                {"gateway_user": gateway_user, "gateway_groups": gateway_groups}
                if gateway_user
                else {}
            ),
        }
        result = _ask_until_decided(
            connection,
            plugin,
            "authorize",
            lambda pairs: authorize_arguments(granted, pairs),
            VERDICTS,
            answer,
            key_value_pairs,
        )
    return Outcome(result["verdict"], str(result.get("reason", "")), gateway_user, gateway_groups)


def answers_from(values: Arguments) -> Answerer:
    """An Answerer that answers from a dict of key -> answer."""
    return lambda key, prompt, disable_echo: values.get(key)
