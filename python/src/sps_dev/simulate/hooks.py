"""Calling one hook the way SPS does: a new ``Plugin(configuration)`` for every call, keyword
arguments matched by name, only the names the hook declares (all of them when it has
``**kwargs``) [doc: "only their names do. Every argument is optional"; inferred: declared names
only], and the result JSON-round-tripped as SPS sees it."""

from __future__ import annotations

import inspect
import json
import os
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from sps_dev.contract.facts import Arguments

# Builds a plugin from its configuration text, as SPS does for every hook call.
PluginFactory = Callable[[str], Any]
# The name --future-args adds, to prove a plugin survives names a newer SPS may pass.
FUTURE_ARGUMENT = "sps_dev_future_argument"


class ContractError(Exception):
    """A hook did something SPS would reject, or that would end the user's session."""


class HookRaised(ContractError):
    """A hook raised: on SPS that ends the user's session."""

    def __init__(self, message: str, where: str | None) -> None:
        super().__init__(message)
        self.where = where


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
    kind: str = ""
    # The plugin's folder: a traceback is reported at its innermost frame inside it.
    folder: str | None = None
    cookie: Arguments = field(default_factory=dict)
    # The Plugin class, for where a call that cannot even bind is reported (its def line).
    plugin_class: Any = None


def json_round_trip(value: object, what: str) -> Any:
    """``value`` as it comes out of SPS's JSON encoding (tuples become lists)."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError, RecursionError) as error:
        raise ContractError(f"{what} is not JSON-serialisable: {error}") from None


def accepted_names(method: Callable[..., Any]) -> tuple[set[str] | None, list[str]]:
    """(names the hook accepts by keyword, or None for all; names it requires)."""
    try:
        parameters = list(inspect.signature(method).parameters.values())
    except (TypeError, ValueError):
        return None, []
    kinds = inspect.Parameter
    if any(p.kind is kinds.VAR_KEYWORD for p in parameters):
        names = None
    else:
        names = {
            p.name
            for p in parameters
            if p.kind in (kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)
        }
    required = [
        p.name
        for p in parameters
        if p.default is kinds.empty and p.kind in (kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)
    ]
    return names, required


def raised_at(error: BaseException, folder: str | None) -> str | None:
    """file:line of the innermost frame inside the plugin's folder; None when no frame is
    there (a call that could not bind: the caller names the def line instead), never a line
    of sps_dev itself."""
    frames = traceback.extract_tb(error.__traceback__)
    if not folder:
        return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else None
    inside = [f for f in frames if os.path.abspath(f.filename).startswith(folder + os.sep)]
    for frame in inside[-1:]:
        return f"{os.path.relpath(frame.filename, folder)}:{frame.lineno}"
    return None


def defined_at(function: Any, folder: str | None) -> str | None:
    """file:line of a function's (or a class's __init__'s) def, relative to the plugin (a
    hook that runs in verify's child says where itself)."""
    remote = getattr(function, "defined_at", None)
    if isinstance(remote, str):
        return remote
    target = getattr(function, "__init__", function) if inspect.isclass(function) else function
    code = getattr(inspect.unwrap(getattr(target, "__func__", target)), "__code__", None)
    if code is None:
        return None
    name = code.co_filename
    if folder and os.path.abspath(name).startswith(folder + os.sep):
        name = os.path.relpath(name, folder)
    elif folder:
        return None
    return f"{name}:{code.co_firstlineno}"


class Connection:
    """One connection as SPS runs it: a ``session_cookie`` shared by all its plugins, and a
    ``cookie`` per plugin, each carried from one hook call to the next."""

    def __init__(
        self,
        session_cookie: Arguments | None = None,
        *,
        future_args: bool = False,
        on_call: Callable[[str, Call], None] | None = None,
    ) -> None:
        self.session_cookie: Arguments = dict(session_cookie or {})
        self.calls: list[Call] = []
        self.skipped: dict[str, list[str]] = {}
        self.future_args = future_args
        # on_call("->", call) before the hook runs, ("<-", call) with its result.
        self.on_call = on_call or (lambda direction, call: None)

    def call(self, plugin: PluginUnderTest, hook: str, arguments: Arguments) -> Call | None:
        """A new plugin instance, one keyword-argument call, the JSON-round-tripped result;
        None when the plugin does not define the hook (SPS has nothing to call: it is named
        in ``skipped``)."""
        try:
            instance = plugin.factory(plugin.configuration)
        except Exception as error:
            if getattr(error, "stops_run", False):
                raise
            raise self._raised(
                plugin,
                "Plugin(configuration)",
                error,
                defined_at(plugin.plugin_class, plugin.folder),
            ) from None
        method = getattr(instance, hook, None)
        if not callable(method):
            self.skipped.setdefault(plugin.name, []).append(hook)
            return None
        offered = {**arguments, "cookie": plugin.cookie, "session_cookie": self.session_cookie}
        accepted, required = accepted_names(method)
        missing = [name for name in required if name not in offered]
        if missing:
            where = defined_at(method, plugin.folder)
            raise HookRaised(
                f"{plugin.name}: {hook}(){' at ' + where if where else ''} requires "
                f"{', '.join(missing)}, which SPS does not pass to this hook: the call fails with "
                f"TypeError and the session ends; give {'them' if len(missing) > 1 else 'it'} a "
                "default",
                where,
            )
        sent = offered if accepted is None else {k: v for k, v in offered.items() if k in accepted}
        if accepted is None and self.future_args:
            sent = {**sent, FUTURE_ARGUMENT: "a newer SPS may pass names this code does not know"}
        sent = json_round_trip(sent, "the arguments")
        self.on_call("->", Call(plugin.name, hook, sent, None))
        caller = os.getpid()
        try:
            result = method(**sent)
        except Exception as error:
            _leave_if_forked(caller)
            if getattr(error, "stops_run", False):
                raise
            raise self._raised(
                plugin, f"{hook}()", error, defined_at(method, plugin.folder)
            ) from None
        _leave_if_forked(caller)
        made = Call(plugin.name, hook, sent, json_round_trip(result, f"the result of {hook}()"))
        self.on_call("<-", made)
        self.calls.append(made)
        self._take_cookies(plugin, made)
        return made

    def _raised(
        self, plugin: PluginUnderTest, what: str, error: Exception, fallback: str | None = None
    ) -> HookRaised:
        # Raised before any line of the plugin ran (the call could not bind): its def line. An
        # error from verify's child carries its own place and type.
        where = getattr(error, "where", None) or raised_at(error, plugin.folder) or fallback
        at = f" at {where}" if where else ""
        kind = getattr(error, "type_name", type(error).__name__)
        return HookRaised(
            f"{plugin.name}: {what} raised {kind}: {error}{at}: on SPS this ends "
            "the user's session",
            where,
        )

    def _take_cookies(self, plugin: PluginUnderTest, made: Call) -> None:
        if not isinstance(made.result, dict):
            # None: the cookies stay as they were. Other types are judged by the hook's rules.
            return
        for key in ("cookie", "session_cookie"):
            if key in made.result and not isinstance(made.result[key], dict):
                raise ContractError(f"{made.hook}() returned a {key} that is not a JSON object")
        plugin.cookie = made.result.get("cookie", plugin.cookie)
        self.session_cookie = made.result.get("session_cookie", self.session_cookie)


def require_result(call: Call) -> Arguments:
    """The result as a dict, for hooks whose result SPS reads."""
    if not isinstance(call.result, dict):
        raise ContractError(f"{call.hook}() must return a dict, got {type(call.result).__name__}")
    return call.result


def _leave_if_forked(caller: int) -> None:
    """A hook that forked returns twice: the copy ends here, silently, so that one connection
    gives one verdict (on SPS the copy is the plugin's own business)."""
    if os.getpid() != caller:
        os._exit(0)
