"""An AA plugin's part of a connection: authenticate (again after every NEEDINFO), then
authorize, with each result checked against SPS's documented rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from sps_dev.contract import facts as connection_facts
from sps_dev.contract import releases
from sps_dev.contract.facts import Arguments
from sps_dev.simulate.hooks import Call, Connection, ContractError, PluginUnderTest

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
    # Things SPS accepts but that probably do not do what the author meant.
    warnings: tuple[str, ...] = ()


def check_verdict(call: Call, warnings: list[str]) -> Arguments:
    """The result of an AA hook, with a verdict SPS understands. ``None`` or
    ``{'verdict': 'NONE'}`` from authenticate means "no gateway authentication by this
    plugin" [doc]: SPS goes on as if the plugin were not there."""
    result = call.result
    if call.hook == "authenticate" and (
        result is None or (isinstance(result, dict) and result.get("verdict") == "NONE")
    ):
        return {"verdict": "NONE"}
    if not isinstance(result, dict):
        raise ContractError(
            f"{call.hook}() must return a dict with a verdict, got {type(result).__name__}"
        )
    verdict = result.get("verdict")
    if verdict not in VERDICTS:
        raise ContractError(
            f"{call.hook}() returned verdict {verdict!r}; SPS understands only "
            f"{', '.join(VERDICTS)} (exact, upper case)"
        )
    if "gateway_user" in result and not isinstance(result.get("gateway_groups"), list):
        warnings.append(
            f"{call.hook}() returned gateway_user without a gateway_groups list: SPS changes the "
            "gateway user only when both are returned"
        )
    for key in ("reason", "additional_metadata"):
        if key in result and not isinstance(result[key], str):
            warnings.append(f"{call.hook}() returned a {key} that is not a string")
    return result


def check_question(call: Call, result: Arguments) -> tuple[str, str, bool]:
    """The question of a NEEDINFO result: ``(key, prompt)`` as the docs' example returns it,
    or ``(key, prompt, disable_echo)`` as the SDK does."""
    question: Any = result.get("question")
    if not (isinstance(question, list) and len(question) in (2, 3)):
        raise ContractError(
            f"{call.hook}() returned NEEDINFO with question {question!r}: it must be (key, "
            "prompt) or (key, prompt, disable_echo)"
        )
    key, prompt = question[0], question[1]
    disable_echo = question[2] if len(question) == 3 else False
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
    answer: Answerer,
    key_value_pairs: Arguments,
    warnings: list[str],
) -> Arguments | None:
    for _ in range(MAX_QUESTIONS + 1):
        call = connection.call(plugin, hook, arguments(key_value_pairs))
        if call is None:
            return None
        result = check_verdict(call, warnings)
        if result["verdict"] != "NEEDINFO":
            return result
        key, prompt, disable_echo = check_question(call, result)
        reply = answer(key, prompt, disable_echo)
        if reply is None:
            raise NoAnswer(
                f"the plugin asked {prompt!r} (key {key!r}) and simulate has no answer: give "
                f"--answer {key}=VALUE"
            )
        key_value_pairs[key] = reply
    raise ContractError(f"{hook}() asked more than {MAX_QUESTIONS} questions in a row")


def authenticate_and_authorize(
    connection: Connection,
    plugin: PluginUnderTest,
    facts: Arguments,
    answer: Answerer,
    release: releases.Release,
) -> Outcome:
    """authenticate until ACCEPT or DENY (answering each NEEDINFO on a new call), then, unless
    it denied, authorize. ``facts`` may hold ``key_value_pairs`` from the username string."""
    key_value_pairs = dict(facts.get("key_value_pairs") or {})
    warnings: list[str] = []

    def arguments(hook: str, known: Arguments) -> Callable[[Arguments], Arguments]:
        base = connection_facts.arguments(release, "aa", hook, known)
        return lambda pairs: {**base, "key_value_pairs": dict(pairs)}

    result = _ask_until_decided(
        connection,
        plugin,
        "authenticate",
        arguments("authenticate", facts),
        answer,
        key_value_pairs,
        warnings,
    )
    result = result or {"verdict": "NONE"}
    gateway_user = result.get("gateway_user")
    gateway_groups = result.get("gateway_groups")
    if result["verdict"] in ("ACCEPT", "NONE"):
        granted = {
            **facts,
            **(
                {"gateway_user": gateway_user, "gateway_groups": gateway_groups}
                if gateway_user
                else {}
            ),
        }
        # [uncertain] NEEDINFO in authorize: the SDK's tester accepts it since SDK 1.6.0.
        decided = _ask_until_decided(
            connection,
            plugin,
            "authorize",
            arguments("authorize", granted),
            answer,
            key_value_pairs,
            warnings,
        )
        if decided is not None:
            result = decided
    verdict = "ACCEPT" if result["verdict"] == "NONE" else result["verdict"]
    return Outcome(
        verdict, str(result.get("reason", "")), gateway_user, gateway_groups, tuple(warnings)
    )


def answers_from(values: Arguments) -> Answerer:
    """An Answerer that answers from a dict of key -> answer."""
    return lambda key, prompt, disable_echo: values.get(key)
