"""Exact decisions on wildcard patterns with small automata.

A wildcard pattern of ``n`` tokens is a nondeterministic automaton with the
positions ``0..n`` as states. Only the characters that occur literally in the
patterns at hand behave differently from one another; every other character
behaves like one spare character that occurs in none of them, so the walks
below use that finite alphabet and stay exact.

Containment runs the subset construction of A and of B₁|…|Bₙ side by side,
breadth first, so the first counterexample is a shortest one. The walk stops
at a state cap, because determinising patterns like ``*a??????????????``
needs exponentially many states. Overlap walks pairs of single positions
instead, which never needs more than ``(len(a) + 1) * (len(b) + 1)``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from linter import patterns_charset as charset
from linter.patterns_expr import TooComplex
from linter.patterns_wildcard import ANY_CHAR, ANY_STRING, Tokens

State = tuple[int, int]
Key = TypeVar("Key", bound=Hashable)


def alphabet(patterns: Iterable[Tokens]) -> tuple[str, ...]:
    """The literal characters of ``patterns`` plus a spare one.

    Ordered by ``patterns_charset.rank``, so that breadth-first walks spell
    the most readable of the shortest names.
    """
    chars = {token for tokens in patterns for token in tokens if len(token) == 1}
    return tuple(sorted({*chars, charset.spare(chars)}, key=charset.rank))


def closure(tokens: Tokens, position: int) -> tuple[int, ...]:
    """``position`` and where an empty match of a ``*`` there leads."""
    if position < len(tokens) and tokens[position] == ANY_STRING:
        return (position, position + 1)
    return (position,)


def step(tokens: Tokens, position: int, char: str) -> tuple[int, ...]:
    """Positions after reading ``char`` from ``position`` and its closure."""
    targets: list[int] = []
    for here in closure(tokens, position):
        if here == len(tokens):
            continue
        token = tokens[here]
        if token == ANY_STRING:
            targets.append(here)
        elif token in (ANY_CHAR, char):
            targets.append(here + 1)
    return tuple(targets)


def accepts(tokens: Tokens, position: int) -> bool:
    """True when the pattern can end at ``position``."""
    return len(tokens) in closure(tokens, position)


@dataclass(frozen=True, slots=True)
class _Layout:
    """A's positions, then every Bᵢ's, as bits of one integer.

    A set of positions is then one ``int`` and a step on a character is a
    few integer operations (shift-and): positions holding ``?`` or that
    character move one bit up, positions holding ``*`` stay, and a ``*``
    reached also lets its successor start. Patterns are kept apart by their
    end positions, which hold no token and so never move.
    """

    start: int
    stars: int
    any_char: int
    literal: dict[str, int]
    char_at: dict[int, str]
    literals: int
    a_positions: int
    a_end: int
    b_end: int
    b_universal: int


def _layout(a: Tokens, union: Sequence[Tokens]) -> _Layout:
    starts = stars = any_char = b_end = b_universal = 0
    literal: dict[str, int] = {}
    char_at: dict[int, str] = {}
    offset = 0
    for tokens in (a, *union):
        starts |= 1 << offset
        for index, token in enumerate(tokens):
            bit = 1 << (offset + index)
            if token == ANY_STRING:
                stars |= bit
            elif token == ANY_CHAR:
                any_char |= bit
            else:
                literal[token] = literal.get(token, 0) | bit
                char_at[bit] = token
        end = 1 << (offset + len(tokens))
        if offset:
            b_end |= end
            b_universal |= end >> 1 if tokens[-1:] == (ANY_STRING,) else 0
        offset += len(tokens) + 1
    a_end = 1 << len(a)
    fields = (starts, stars, any_char, literal, char_at, sum(char_at))
    return _Layout(*fields, a_end * 2 - 1, a_end, b_end, b_universal)


def _closure(layout: _Layout, state: int) -> int:
    return state | ((state & layout.stars) << 1)


def _advance(layout: _Layout, state: int, char: str) -> int:
    moving = layout.any_char | layout.literal.get(char, 0)
    return _closure(layout, ((state & moving) << 1) | (state & layout.stars))


def _choices(layout: _Layout, state: int) -> list[str]:
    """The characters that lead to different states from ``state``.

    Characters literal at no position of ``state`` all lead to the same
    state; one spare character stands for them.
    """
    chars = set()
    active = state & layout.literals
    while active:
        low = active & -active
        chars.add(layout.char_at[low])
        active ^= low
    chars.add(charset.spare(chars))
    return sorted(chars, key=charset.rank)


def shortest_uncovered(
    a: Tokens, union: Sequence[Tokens], max_states: int
) -> str | None:
    """A shortest name ``a`` matches and no pattern of ``union`` does.

    ``None`` means every name of ``a`` is covered. Among the shortest names
    the first in ``patterns_charset.rank`` order is returned. Raises ``TooComplex``
    when more than ``max_states`` states would be needed.
    """
    layout = _layout(a, union)
    start = _closure(layout, layout.start)
    if start & layout.b_universal:
        return None
    parents = {start: (start, "")}
    if _escapes(layout, start):
        return ""
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for char in _choices(layout, here):
            state = _advance(layout, here, char)
            if state in parents or not _alive(layout, state):
                continue
            parents[state] = (here, char)
            if _escapes(layout, state):
                return _spell(parents, state)
            if len(parents) > max_states:
                raise TooComplex(f"more than {max_states} states")
            queue.append(state)
    return None


def _escapes(layout: _Layout, state: int) -> bool:
    """A can end here and no Bᵢ can."""
    return bool(state & layout.a_end) and not state & layout.b_end


def _alive(layout: _Layout, state: int) -> bool:
    """A can still match and no Bᵢ has already matched every continuation."""
    return bool(state & layout.a_positions) and not state & layout.b_universal


def _spell(parents: Mapping[Key, tuple[Key, str]], state: Key) -> str:
    """The characters that led to ``state``; the start's parent entry is empty."""
    chars = []
    previous, char = parents[state]
    while char:
        chars.append(char)
        state = previous
        previous, char = parents[state]
    return "".join(reversed(chars))


def shortest_common(a: Tokens, b: Tokens, max_states: int) -> str | None:
    """A shortest name both ``a`` and ``b`` match, or ``None`` if none exists.

    Both automata stay nondeterministic, so the walk has at most
    ``(len(a) + 1) * (len(b) + 1)`` states; the cap only guards huge inputs.
    """
    symbols = alphabet((a, b))
    start: State = (0, 0)
    parents = {start: (start, "")}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if accepts(a, here[0]) and accepts(b, here[1]):
            return _spell(parents, here)
        for char in symbols:
            for state in _pairs(step(a, here[0], char), step(b, here[1], char)):
                if state in parents:
                    continue
                parents[state] = (here, char)
                if len(parents) > max_states:
                    raise TooComplex(f"more than {max_states} states")
                queue.append(state)
    return None


def sample_names(tokens: Tokens, symbols: Sequence[str]) -> list[str]:
    """A few names of ``tokens``: every ``?`` and ``*`` spelled with one symbol."""
    names = []
    for star_fill in (False, True):
        for char in symbols:
            spelled = {ANY_CHAR: char, ANY_STRING: char if star_fill else ""}
            names.append("".join(spelled.get(token, token) for token in tokens))
    return names


def _pairs(left: tuple[int, ...], right: tuple[int, ...]) -> list[State]:
    return [(i, j) for i in left for j in right]
