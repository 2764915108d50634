"""Sets of Unicode code points as sorted ranges, and which character to show.

Lucene's ``RegExp`` works on code points, and ``.`` or a negated class such
as ``[^a-z]`` means every other code point, so a set of characters is a tuple
of disjoint inclusive ``(low, high)`` ranges over ``0..0x10FFFF``.

When several characters behave alike, a witness name shows the most readable
one: lower-case letters, digits, then the other characters index names use,
then any other visible character, and control characters last. Every engine
picks by the same ``rank``, so they all spell the same witness.
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Final

MAX_CODE: Final = 0x10FFFF

Ranges = tuple[tuple[int, int], ...]

EMPTY: Final[Ranges] = ()
ALL: Final[Ranges] = ((0, MAX_CODE),)

# Index names are lower case; `-`, `_`, `.` and `+` are common in them.
PREFERRED: Final = "abcdefghijklmnopqrstuvwxyz0123456789-_.+"
_PREFERRED_RANK: Final = {char: index for index, char in enumerate(PREFERRED)}
_FIRST_VISIBLE: Final = 0x21


def rank(char: str) -> tuple[int, int]:
    """The sort key of ``char`` among characters that behave alike."""
    preferred = _PREFERRED_RANK.get(char)
    if preferred is not None:
        return (0, preferred)
    code = ord(char)
    return (1, code) if code >= _FIRST_VISIBLE else (2, code)


def of_chars(chars: Iterable[str]) -> Ranges:
    """The set of the characters ``chars``."""
    return normalise([(ord(c), ord(c)) for c in chars])


def normalise(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """Sorted, merged, disjoint ranges."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            if high > merged[-1][1]:
                merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return tuple(merged)


def union(*sets: Ranges) -> Ranges:
    return normalise(r for ranges in sets for r in ranges)


def complement(ranges: Ranges) -> Ranges:
    result: list[tuple[int, int]] = []
    start = 0
    for low, high in ranges:
        if low > start:
            result.append((start, low - 1))
        start = high + 1
    if start <= MAX_CODE:
        result.append((start, MAX_CODE))
    return tuple(result)


def intersection(a: Ranges, b: Ranges) -> Ranges:
    return complement(union(complement(a), complement(b)))


def contains(ranges: Ranges, code: int) -> bool:
    index = bisect_right(ranges, (code, MAX_CODE + 1)) - 1
    return index >= 0 and ranges[index][0] <= code <= ranges[index][1]


@functools.lru_cache(maxsize=65_536)
def representative(ranges: Ranges) -> str:
    """The character of ``ranges`` with the lowest ``rank``; it must not be empty."""
    for char in PREFERRED:
        if contains(ranges, ord(char)):
            return char
    for low, high in ranges:
        if high >= _FIRST_VISIBLE:
            return chr(max(low, _FIRST_VISIBLE))
    return chr(ranges[0][0])


def spare(used: Iterable[str]) -> str:
    """The best-ranked character that is none of ``used``."""
    return representative(complement(of_chars(used)))


@functools.lru_cache(maxsize=16_384)
def partition(sets: frozenset[Ranges]) -> tuple[Ranges, ...]:
    """The blocks of characters no set of ``sets`` tells apart.

    Every block lies wholly inside or wholly outside each set, the blocks
    cover every code point, and they come in ``rank`` order of their
    representatives, so walks over them meet readable characters first.
    """
    members = tuple(sets)
    cuts = sorted({0, MAX_CODE + 1, *_boundaries(members)})
    blocks: dict[tuple[bool, ...], list[tuple[int, int]]] = {}
    for low, next_low in itertools.pairwise(cuts):
        signature = tuple(contains(ranges, low) for ranges in members)
        blocks.setdefault(signature, []).append((low, next_low - 1))
    found = [normalise(block) for block in blocks.values()]
    return tuple(sorted(found, key=lambda block: rank(representative(block))))


def _boundaries(sets: Sequence[Ranges]) -> Iterable[int]:
    for ranges in sets:
        for low, high in ranges:
            yield low
            yield high + 1
