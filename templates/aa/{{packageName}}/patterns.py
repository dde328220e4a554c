"""Vetting the ticket pattern an admin writes, before any answer meets it.

Python's ``re`` has no timeout, and a pattern such as ``(a+)+b`` takes exponential time on a
long answer that almost matches: one such answer would stall ``authenticate`` (and the user's
login) for minutes. A length cap alone does not stop it. So patterns with the two features
behind catastrophic backtracking are refused when the configuration is read: a quantified
group that holds a quantifier itself, and backreferences.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Final

MAX_PATTERN_LENGTH: Final = 200
_QUANTIFIERS: Final = "*+{"


def pattern_problem(source: str) -> str | None:
    """Why ``source`` may backtrack catastrophically (or is too long), or None."""
    if len(source) > MAX_PATTERN_LENGTH:
        return f"is longer than {MAX_PATTERN_LENGTH} characters"
    # One flag per open group: whether a quantifier occurs inside it.
    groups: list[bool] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            following = source[index + 1 : index + 2]
            if following.isdigit() and following != "0":
                return "uses a backreference"
            index += 2
        elif char == "[":
            index = _end_of_class(source, index)
        elif source.startswith("(?P=", index):
            return "uses a backreference"
        elif char == "(":
            groups.append(False)
            index += 1
        elif char == ")" and groups:
            repeats_inside = groups.pop()
            index += 1
            if repeats_inside and source[index : index + 1] in tuple(_QUANTIFIERS):
                return "repeats a group that repeats itself (nested quantifiers)"
            if groups and repeats_inside:
                groups[-1] = True
        else:
            if char in _QUANTIFIERS and groups:
                groups[-1] = True
            index += 1
    return None


def _end_of_class(source: str, start: int) -> int:
    """The index just after the character class that starts at ``start``."""
    index = start + 1
    if source[index : index + 1] == "^":
        index += 1
    if source[index : index + 1] == "]":
        index += 1
    while index < len(source) and source[index] != "]":
        index += 2 if source[index] == "\\" else 1
    return index + 1
