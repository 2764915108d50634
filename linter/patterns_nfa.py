"""A small Thompson automaton for matching names against a regular expression.

Python's ``re`` backtracks, so an expression such as ``(a|a)*b`` takes
exponential time on a name of ``a``s; Elasticsearch runs automata and never
does. Simulating the automaton with a set of current states costs at most
``len(name) * states`` steps, whatever the expression.

A fragment is built by a ``Build`` function that adds fresh states to an
automaton and returns its start and end; a repetition calls it once per
copy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

# More states than this and the expression is left unevaluated.
MAX_NFA_STATES: Final = 20_000


class TooLarge(Exception):
    """The automaton would need more than ``MAX_NFA_STATES`` states."""


@dataclass(frozen=True, slots=True)
class CharSet:
    """Characters in (or, when ``negated``, outside) inclusive code ranges."""

    ranges: tuple[tuple[int, int], ...]
    negated: bool = False

    def __contains__(self, char: str) -> bool:
        code = ord(char)
        inside = any(low <= code <= high for low, high in self.ranges)
        return inside != self.negated


ANY: Final = CharSet((), negated=True)


class Nfa:
    """States with either one character test and one target, or empty moves."""

    def __init__(self) -> None:
        self.tests: list[CharSet | None] = []
        self.targets: list[list[int]] = []

    def state(self, test: CharSet | None = None) -> int:
        if len(self.tests) >= MAX_NFA_STATES:
            raise TooLarge
        self.tests.append(test)
        self.targets.append([])
        return len(self.tests) - 1

    def link(self, source: int, target: int) -> None:
        self.targets[source].append(target)

    def accepts(self, start: int, end: int, name: str) -> bool:
        """True when ``name`` leads from ``start`` to ``end``."""
        current = self._closure([start])
        for char in name:
            moved = [
                self.targets[state][0]
                for state in current
                if (test := self.tests[state]) is not None and char in test
            ]
            if not moved:
                return False
            current = self._closure(moved)
        return end in current

    def _closure(self, states: Sequence[int]) -> set[int]:
        reached = set(states)
        pending = list(states)
        while pending:
            state = pending.pop()
            if self.tests[state] is not None:
                continue
            for target in self.targets[state]:
                if target not in reached:
                    reached.add(target)
                    pending.append(target)
        return reached


Build = Callable[[Nfa], tuple[int, int]]


def chars(test: CharSet) -> Build:
    def build(nfa: Nfa) -> tuple[int, int]:
        start, end = nfa.state(test), nfa.state()
        nfa.link(start, end)
        return start, end

    return build


def empty(nfa: Nfa) -> tuple[int, int]:
    state = nfa.state()
    return state, state


def nothing(nfa: Nfa) -> tuple[int, int]:
    return nfa.state(), nfa.state()


def sequence(parts: Sequence[Build]) -> Build:
    def build(nfa: Nfa) -> tuple[int, int]:
        start, end = empty(nfa)
        for part in parts:
            first, last = part(nfa)
            nfa.link(end, first)
            end = last
        return start, end

    return build


def choice(branches: Sequence[Build]) -> Build:
    def build(nfa: Nfa) -> tuple[int, int]:
        start, end = nfa.state(), nfa.state()
        for branch in branches:
            first, last = branch(nfa)
            nfa.link(start, first)
            nfa.link(last, end)
        return start, end

    return build


def repeat(part: Build, low: int, high: int | None) -> Build:
    """``low`` to ``high`` copies of ``part`` (``None``: no upper bound)."""
    if high is not None and high < low:
        return nothing
    if max(low, high or 0) > MAX_NFA_STATES:
        # Every copy adds a state: fail before making the list of copies.
        return _too_large
    copies = [part] * low
    if high is None:
        copies.append(_star(part))
    else:
        copies.extend([_optional(part)] * (high - low))
    return sequence(copies)


def _too_large(nfa: Nfa) -> tuple[int, int]:
    raise TooLarge


def _optional(part: Build) -> Build:
    return choice([empty, part])


def _star(part: Build) -> Build:
    def build(nfa: Nfa) -> tuple[int, int]:
        start, end = nfa.state(), nfa.state()
        first, last = part(nfa)
        for source, target in ((start, first), (start, end), (last, start)):
            nfa.link(source, target)
        return start, end

    return build


@dataclass(frozen=True, slots=True)
class Matcher:
    """A built automaton, ready to match whole names."""

    nfa: Nfa
    start: int
    end: int

    def fullmatch(self, name: str) -> bool:
        return self.nfa.accepts(self.start, self.end, name)


def compile_matcher(build: Build) -> Matcher:
    """Build the automaton; raises ``TooLarge`` past ``MAX_NFA_STATES``."""
    nfa = Nfa()
    start, end = build(nfa)
    return Matcher(nfa, start, end)
