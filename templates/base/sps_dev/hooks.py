"""Calling one hook the way SPS does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Dict

Arguments = Dict[str, Any]
# Builds a plugin from its configuration text, as SPS does for every hook call.
PluginFactory = Callable[[str], Any]


class ContractError(Exception):
    """A hook did something SPS would reject, or that would end the user's session."""


@dataclass(frozen=True)
class Call:
    """One hook call: its name, the arguments SPS passed, and the result as SPS sees it."""

    hook: str
    arguments: Arguments
    result: Any


def json_round_trip(value: object, what: str) -> Any:
    """``value`` as it comes out of SPS's JSON encoding (tuples become lists)."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError) as error:
        raise ContractError(f"{what} is not JSON-serialisable: {error}") from error


def call_hook(factory: PluginFactory, configuration: str, hook: str, arguments: Arguments) -> Call:
    """A new plugin instance, one keyword-argument call, and the JSON-round-tripped result.

    Arguments the plugin does not declare are passed too, to prove that ``**kwargs`` keeps a
    plugin working when a newer SPS passes more names.
    """
    plugin = factory(configuration)
    method = getattr(plugin, hook, None)
    if not callable(method):
        raise ContractError(f"the Plugin class has no {hook}() hook")
    sent = {**arguments, "sps_dev_unknown_argument": "a newer SPS may pass more names"}
    try:
        result = method(**json_round_trip(sent, "the arguments"))
    except Exception as error:
        raise ContractError(
            f"{hook}() raised {type(error).__name__}: on SPS this ends the user's session"
        ) from error
    return Call(hook, arguments, json_round_trip(result, f"the result of {hook}()"))


def require_cookies(call: Call) -> tuple[Arguments, Arguments]:
    """The result's ``cookie`` and ``session_cookie``, which must be JSON objects."""
    result = call.result
    if not isinstance(result, dict):
        raise ContractError(f"{call.hook}() must return a dict, got {type(result).__name__}")
    cookies = []
    for key in ("cookie", "session_cookie"):
        value = result.get(key, {})
        if not isinstance(value, dict):
            raise ContractError(f"{call.hook}() returned a {key} that is not a JSON object")
        cookies.append(value)
    return cookies[0], cookies[1]
