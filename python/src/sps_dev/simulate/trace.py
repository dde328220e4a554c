"""simulate's trace: one line per hook call as it happens, arguments shortened (whole with
--verbose), and secrets hidden: values under secret-looking keys and answers typed without
echo."""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from sps_dev.simulate.hooks import Call

_SECRET_KEY = re.compile(
    r"pass|pwd|secret|token|credential|private|(^|_)(otp|pin|key)s?$", re.IGNORECASE
)
# A value longer than this is cut in the trace (--verbose shows it whole).
_SHORT = 60


def hidden(value: Any) -> Any:
    """*** in place of a secret; a list keeps its length, so a count is still visible."""
    return ["***"] * len(value) if isinstance(value, list) else "***"


def masked(value: Any, secret_keys: set[str]) -> Any:
    """``value`` with everything under a secret-looking key (or one of ``secret_keys``, the
    answers the user typed without echo) replaced by ***."""
    if isinstance(value, dict):
        return {
            k: hidden(v)
            if _SECRET_KEY.search(str(k)) or k in secret_keys
            else masked(v, secret_keys)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [masked(item, secret_keys) for item in value]
    return value


def _short(value: Any) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= _SHORT else f"{text[: _SHORT - 3]}..."


class Trace:
    """Prints each call as it happens: one line, arguments shortened and secrets hidden."""

    def __init__(self, out: TextIO, verbose: bool) -> None:
        self.out = out
        self.verbose = verbose
        self.secret_keys: set[str] = set()

    def __call__(self, direction: str, call: Call) -> None:
        if direction == "->":
            shown = masked(call.arguments, self.secret_keys)
            if self.verbose:
                text = json.dumps(shown, sort_keys=True)
            else:
                text = ", ".join(f"{k}={_short(v)}" for k, v in sorted(shown.items()))
            print(f"-> [{call.plugin}] {call.hook}({text})", file=self.out, flush=True)
        else:
            result = json.dumps(masked(call.result, self.secret_keys), sort_keys=True)
            print(
                f"<- {result if self.verbose or len(result) <= 240 else result[:240] + '...'}",
                file=self.out,
                flush=True,
            )
