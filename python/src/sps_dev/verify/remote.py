"""A plugin that lives in the executor child, shaped like the in-process one simulate runs:
``factory(configuration)`` builds it there, attribute access asks for a hook's signature, and
calling it makes the call there. So the same connection logic (sps_dev.simulate) drives both."""

from __future__ import annotations

import inspect
from typing import Any, Callable

from sps_dev.verify.child import Child


class RemoteError(Exception):
    """An exception raised in the child, with its type name and the plugin's line."""

    def __init__(self, answer: dict[str, Any]) -> None:
        super().__init__(answer.get("message", ""))
        self.type_name = str(answer.get("error", "Exception"))
        self.where: str | None = answer.get("where")
        self.missing: str | None = answer.get("missing")


def _signature(names: list[str] | None, required: list[str]) -> inspect.Signature:
    kinds = inspect.Parameter
    if names is None:
        return inspect.Signature([kinds("kwargs", kinds.VAR_KEYWORD)])
    return inspect.Signature(
        [
            kinds(n, kinds.KEYWORD_ONLY, **({} if n in required else {"default": None}))
            for n in names
        ]
    )


class RemoteInstance:
    def __init__(self, child: Child) -> None:
        self._child = child

    def __getattr__(self, hook: str) -> Callable[..., Any]:
        if hook.startswith("_"):
            raise AttributeError(hook)
        answer = self._child.request({"op": "signature", "hook": hook}, f"{hook}()")
        if not answer.get("exists"):
            raise AttributeError(hook)

        def call(**kwargs: Any) -> Any:
            done = self._child.request({"op": "call", "hook": hook, "kwargs": kwargs}, f"{hook}()")
            if not done.get("ok"):
                raise RemoteError(done)
            return done.get("result")

        call.__signature__ = _signature(answer.get("names"), answer.get("required", []))  # type: ignore[attr-defined]
        call.defined_at = answer.get("where")  # type: ignore[attr-defined]
        return call


def factory(child: Child) -> Callable[[str], RemoteInstance]:
    def build(configuration: str) -> RemoteInstance:
        answer = child.request({"op": "new", "config": configuration}, "Plugin(configuration)")
        if not answer.get("ok"):
            raise RemoteError(answer)
        return RemoteInstance(child)

    return build
