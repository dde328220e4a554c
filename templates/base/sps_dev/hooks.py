"""Calling one hook the way SPS does, and the checks every result must pass."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Dict

Arguments = Dict[str, Any]
# Builds a plugin from its configuration text, as SPS does for every hook call.
PluginFactory = Callable[[str], Any]


class ContractError(Exception):
    """A hook did something SPS would reject, or that would end the user's session."""


@dataclass(frozen=True)
class Call:
    """One hook call: which plugin, the hook, the arguments SPS passed, the result SPS saw."""

    plugin: str
    hook: str
    arguments: Arguments
    result: Any


@dataclass
class PluginUnderTest:
    """A plugin in a simulated connection, with the cookie SPS keeps for it."""

    name: str
    factory: PluginFactory
    configuration: str
    cookie: Arguments = field(default_factory=dict)


def json_round_trip(value: object, what: str) -> Any:
    """``value`` as it comes out of SPS's JSON encoding (tuples become lists)."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError) as error:
        raise ContractError(f"{what} is not JSON-serialisable: {error}") from error


class Connection:
    """One connection as SPS runs it: a ``session_cookie`` shared by all its plugins, and a
    ``cookie`` per plugin, each carried from one hook call to the next."""

    def __init__(self, session_cookie: Arguments | None = None) -> None:
        self.session_cookie: Arguments = dict(session_cookie or {})
        self.calls: list[Call] = []

    def call(self, plugin: PluginUnderTest, hook: str, arguments: Arguments) -> Call:
        """A new plugin instance, one keyword-argument call, the JSON-round-tripped result.

        Arguments the plugin does not declare are passed too, to prove that ``**kwargs`` keeps
        a plugin working when a newer SPS passes more names.
        """
        instance = plugin.factory(plugin.configuration)
        method = getattr(instance, hook, None)
        if not callable(method):
            raise ContractError(f"{plugin.name}: the Plugin class has no {hook}() hook")
        sent = {**arguments, "cookie": plugin.cookie, "session_cookie": self.session_cookie}
        extra = {"sps_dev_unknown_argument": "a newer SPS may pass more names"}
        try:
            result = method(**json_round_trip({**sent, **extra}, "the arguments"))
        except Exception as error:
            raise ContractError(
                f"{plugin.name}: {hook}() raised {type(error).__name__}: "
                "on SPS this ends the user's session"
            ) from error
        made = Call(plugin.name, hook, sent, json_round_trip(result, f"the result of {hook}()"))
        self._take_cookies(plugin, made)
        self.calls.append(made)
        return made

    def _take_cookies(self, plugin: PluginUnderTest, made: Call) -> None:
        if made.result is None:
            # Allowed for hooks whose result SPS does not need; the cookies stay as they were.
            return
        if not isinstance(made.result, dict):
            raise ContractError(
                f"{made.hook}() must return a dict, got {type(made.result).__name__}"
            )
        for key in ("cookie", "session_cookie"):
            if key in made.result and not isinstance(made.result[key], dict):
                raise ContractError(f"{made.hook}() returned a {key} that is not a JSON object")
        plugin.cookie = made.result.get("cookie", plugin.cookie)
        self.session_cookie = made.result.get("session_cookie", self.session_cookie)


def require_result(call: Call) -> Arguments:
    """The result as a dict: for hooks whose result SPS needs, None is not an answer."""
    if not isinstance(call.result, dict):
        raise ContractError(f"{call.hook}() must return a dict, got {type(call.result).__name__}")
    return call.result
