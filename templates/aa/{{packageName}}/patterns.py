"""Vetting the ticket pattern an admin writes, before any answer meets it.

Python's ``re`` has no timeout, and a backtracking engine can take polynomial or exponential
time on an answer that almost matches: ``(a+)+b``, ``(a|a)+$`` or ``a*a*a*a*b`` each stall
``authenticate`` (and the user's login) for minutes on a 200-character answer. A length cap
does not stop it, and neither does refusing a few known shapes. So the pattern is accepted
only when it is deterministic, which makes matching linear: a sequence of single characters,
escapes (``\\d``, ``\\w``, ...) and classes (``[A-Z]``), each with an optional quantifier, and
groups of alternatives that hold no quantifier; where a repeated item ends, the characters
that may come next can never be the repeated item's own, and a group's alternatives start
with different characters. So at each character the engine has one way to go. Typical ticket
patterns pass: ``[A-Z]{2,5}-\\d{1,8}``, ``(CHG|INC)\\d{7}``, ``TKT-\\d+``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is imported by type checkers only: see shapes.py
if TYPE_CHECKING:
    from typing import Final

MAX_PATTERN_LENGTH: Final = 200
# A set of characters: ASCII codes, plus whether non-ASCII characters are in it.
_ANY_OTHER: Final = -1
_DIGITS: Final = frozenset(range(48, 58))
_WORD: Final = frozenset([*range(48, 58), *range(65, 91), 95, *range(97, 123)])
_SPACE: Final = frozenset([9, 10, 11, 12, 13, 32])
_ALL: Final = frozenset([*range(128), _ANY_OTHER])
_ESCAPES: Final = {
    "d": _DIGITS | {_ANY_OTHER},
    "w": _WORD | {_ANY_OTHER},
    "s": _SPACE | {_ANY_OTHER},
    "D": _ALL - _DIGITS,
    "W": _ALL - _WORD,
    "S": _ALL - _SPACE,
}


class _Unsafe(Exception):
    pass


class _Item:
    """One step of the pattern: the characters it may start with, whether it may match
    nothing (optional), and whether it repeats an unbounded or variable number of times."""

    __slots__ = ("chars", "optional", "varies")

    def __init__(self, chars: frozenset[int], optional: bool, varies: bool) -> None:
        self.chars = chars
        self.optional = optional
        self.varies = varies


def pattern_problem(source: str) -> str | None:
    """Why ``source`` is not accepted as a ticket pattern, or None when it is."""
    if len(source) > MAX_PATTERN_LENGTH:
        return f"is longer than {MAX_PATTERN_LENGTH} characters"
    try:
        items, end = _sequence(source, 0, top=True)
        if end != len(source):
            raise _Unsafe("has an unbalanced parenthesis")
        _deterministic(items)
    except _Unsafe as problem:
        return str(problem)
    return None


def _sequence(source: str, index: int, top: bool) -> tuple[list[_Item], int]:
    items: list[_Item] = []
    while index < len(source) and source[index] not in "|)":
        char = source[index]
        if char in "^$":
            if (
                not top
                or (char == "^" and index != 0)
                or (char == "$" and index != len(source) - 1)
            ):
                raise _Unsafe("uses an anchor inside the pattern (only ^ first and $ last)")
            index += 1
            continue
        if char == "(":
            chars, index = _group(source, index)
            group = True
        else:
            chars, index = _atom(source, index)
            group = False
        optional, varies, index = _quantifier(source, index)
        if group and varies:
            raise _Unsafe("repeats a group (only ? may follow a group)")
        items.append(_Item(chars, optional, varies))
    if index < len(source) and source[index] == "|" and top:
        raise _Unsafe("has | outside a group: write (A|B)")
    return items, index


def _group(source: str, index: int) -> tuple[frozenset[int], int]:
    """A group of alternatives without quantifiers; they must start with distinct characters."""
    index += 1
    if source.startswith("?:", index):
        index += 2
    elif source.startswith("?", index):
        raise _Unsafe("uses a group extension other than (?:...)")
    firsts: list[frozenset[int]] = []
    while True:
        alternative: list[frozenset[int]] = []
        while index < len(source) and source[index] not in "|)":
            if source[index] in "(^$":
                raise _Unsafe("nests a group or an anchor inside a group")
            chars, index = _atom(source, index)
            if index < len(source) and source[index] in "*+?{":
                raise _Unsafe("has a quantifier inside a group")
            alternative.append(chars)
        if not alternative:
            raise _Unsafe("has an empty alternative")
        firsts.append(alternative[0])
        if index >= len(source):
            raise _Unsafe("has an unbalanced parenthesis")
        if source[index] == ")":
            index += 1
            break
        index += 1  # "|"
    seen: set[int] = set()
    for first in firsts:
        if seen & first:
            raise _Unsafe("has alternatives that start with the same character")
        seen |= first
    return frozenset(seen), index


def _atom(source: str, index: int) -> tuple[frozenset[int], int]:
    char = source[index]
    if char == "\\":
        following = source[index + 1 : index + 2]
        if following == "":
            raise _Unsafe("ends with a backslash")
        if following in _ESCAPES:
            return _ESCAPES[following], index + 2
        if following.isalnum():
            # \1 (backreferences), \b, \A, \Z, \x.., \u....: not needed for ticket ids.
            raise _Unsafe(f"uses \\{following}, which ticket patterns do not need")
        return frozenset([ord(following)]), index + 2
    if char == "[":
        return _class(source, index)
    if char == ".":
        return _ALL, index + 1
    if char in "*+?{":
        raise _Unsafe("has a quantifier with nothing to repeat")
    return _code(char), index + 1


def _code(char: str) -> frozenset[int]:
    return frozenset([ord(char) if ord(char) < 128 else _ANY_OTHER])


def _class(source: str, index: int) -> tuple[frozenset[int], int]:
    index += 1
    negated = source[index : index + 1] == "^"
    if negated:
        index += 1
    found: set[int] = set()
    first = True
    while index < len(source) and (source[index] != "]" or first):
        first = False
        char = source[index]
        if char == "\\":
            following = source[index + 1 : index + 2]
            if following in _ESCAPES:
                found |= _ESCAPES[following]
                index += 2
                continue
            if following == "" or following.isalnum():
                raise _Unsafe("uses an escape in a class that ticket patterns do not need")
            low, index = following, index + 2
        else:
            low, index = char, index + 1
        if source[index : index + 1] == "-" and source[index + 1 : index + 2] not in (
            "]",
            "",
        ):
            high = source[index + 1]
            if high == "\\":
                raise _Unsafe("uses an escape as the end of a range")
            index += 2
            if ord(high) < ord(low):
                raise _Unsafe("has a range whose end comes before its start")
            for code in range(ord(low), min(ord(high), 127) + 1):
                found.add(code)
            if ord(high) >= 128:
                found.add(_ANY_OTHER)
        else:
            found |= _code(low)
    if index >= len(source):
        raise _Unsafe("has an unclosed [")
    # A negated class also takes every character outside ASCII.
    chars = (_ALL - found) | {_ANY_OTHER} if negated else frozenset(found)
    return frozenset(chars), index + 1


def _quantifier(source: str, index: int) -> tuple[bool, bool, int]:
    """(may match nothing, repeats a variable number of times, the index after it)."""
    char = source[index : index + 1]
    if char == "?":
        optional, varies, index = True, False, index + 1
    elif char == "*":
        optional, varies, index = True, True, index + 1
    elif char == "+":
        optional, varies, index = False, True, index + 1
    elif char == "{":
        close = source.find("}", index)
        body = source[index + 1 : close] if close > 0 else ""
        low, comma, high = body.partition(",")
        if not low.isdigit() or (high and not high.isdigit()):
            raise _Unsafe("has a { that is not a {m}, {m,} or {m,n} quantifier")
        if high and int(high) < int(low):
            raise _Unsafe("has a {m,n} quantifier with n < m")
        optional = int(low) == 0
        varies = bool(comma) and high != low
        index = close + 1
    else:
        return False, False, index
    if source[index : index + 1] in ("?", "+", "*", "{"):
        raise _Unsafe("stacks quantifiers (lazy or possessive forms are not needed)")
    return optional, varies, index


def _deterministic(items: list[_Item]) -> None:
    """Where an item repeats a variable number of times, what may come next (up to the first
    item that must match) never overlaps its own characters."""
    for position, item in enumerate(items):
        if not item.varies and not item.optional:
            continue
        for following in items[position + 1 :]:
            if following.chars & item.chars:
                raise _Unsafe(
                    "lets a repeated or optional part run into what follows it (the same "
                    "characters could match either): make them distinct"
                )
            if not following.optional:
                break
