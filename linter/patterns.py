"""Index-name and alias patterns of roles and API keys: matching and set algebra.

A pattern is a literal name, a wildcard (``*``, ``?``, ``\\`` escapes) or a
Lucene regular expression between slashes, as in Elasticsearch's
``Automatons``. Every question is answered exactly: is a pattern inside a
union of patterns (``contains``), do two unions share a name (``common``),
with a shortest example name either way. Wildcards take a fast path (a cheap
layout proof, then small bit-parallel automata, ``patterns_wildcard`` and
``patterns_automaton``); anything else, regular expressions and the
restricted indices included, goes through expressions and their derivatives
(``patterns_expr``, ``patterns_algebra``). Both spell the same example name.

Answers are "unknown" only past the state cap, Elasticsearch's default for
``xpack.security.automata.max_determinized_states``.
"""

from __future__ import annotations

import enum
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from linter import patterns_algebra as algebra
from linter import patterns_automaton as automaton
from linter import patterns_wildcard as wildcard
from linter.patterns_compile import (
    Pattern,
    PatternKind,
    compile_pattern,
    expression,
    pattern_error,
    unusable_reason,
)
from linter.patterns_expr import TooComplex

logger = logging.getLogger(__name__)

MAX_STATES: Final = 100_000


class Verdict(enum.Enum):
    CONTAINED = "contained"
    NOT_CONTAINED = "not contained"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Containment:
    """The answer of ``contains``.

    ``witness`` is a name the pattern matches and the union does not (for
    ``NOT_CONTAINED``): a shortest one, and of those the first in the order
    of ``patterns_charset.rank`` (lower-case letters, digits, `-`, `_`, `.`
    first), unless the state cap was reached and a sampled name proved the
    answer. ``reason`` says why it is ``UNKNOWN``.
    """

    verdict: Verdict
    witness: str | None = None
    reason: str | None = None


_CONTAINED: Final = Containment(Verdict.CONTAINED)


@dataclass(frozen=True, slots=True)
class Overlap:
    """The answer of ``common``: ``shared`` is ``None`` when unknown."""

    shared: bool | None
    name: str | None = None
    reason: str | None = None


def matches_any(patterns: Sequence[str], name: str) -> bool | None:
    """Whether some pattern matches ``name``; ``None`` when that cannot be told."""
    answers = [compile_pattern(text).matches(name) for text in patterns]
    if True in answers:
        return True
    return None if None in answers else False


def contains(
    union: Sequence[str],
    pattern: str,
    *,
    within: Sequence[str] = (),
    max_states: int = MAX_STATES,
) -> Containment:
    """Is every name ``pattern`` matches (and, if ``within`` is given, some
    pattern of ``within`` too) also matched by some pattern of ``union``?

    Answers are cached: a fleet asks the same question of many roles.
    """
    return _contains(tuple(union), pattern, tuple(within), max_states)


@functools.lru_cache(maxsize=100_000)
def _contains(
    union: tuple[str, ...], pattern: str, within: tuple[str, ...], max_states: int
) -> Containment:
    unusable = _unusable((pattern, *union, *within))
    if unusable is not None:
        return Containment(Verdict.UNKNOWN, reason=unusable)
    if not within and (pattern in union or _any_match_all(union)):
        return _CONTAINED
    target = compile_pattern(pattern)
    if target.kind is PatternKind.REGEX or within:
        return _contains_exactly(union, pattern, within, max_states)
    return _contains_wildcard(target, union, max_states)


def _unusable(texts: Sequence[str]) -> str | None:
    for text in texts:
        reason = unusable_reason(compile_pattern(text))
        if reason is not None:
            return reason
    return None


def _any_match_all(union: Sequence[str]) -> bool:
    return any(compile_pattern(text).is_match_all for text in union)


def _contains_wildcard(
    target: Pattern, union: Sequence[str], max_states: int
) -> Containment:
    """Wildcard members first; a witness none of the rest matches stands."""
    members = [compile_pattern(text) for text in union]
    simple = [m for m in members if m.kind is not PatternKind.REGEX]
    regexes = [m for m in members if m.kind is PatternKind.REGEX]
    answer = wildcard_containment(target, simple, max_states)
    if answer.verdict is not Verdict.NOT_CONTAINED or not regexes:
        return answer
    # The first shortest name outside the wildcards is the first shortest
    # outside all members too, as long as no regular expression matches it.
    if not any(m.matches(answer.witness or "") for m in regexes):
        return answer
    return _contains_exactly(tuple(union), target.text, (), max_states)


def wildcard_containment(
    target: Pattern, members: Sequence[Pattern], max_states: int
) -> Containment:
    """``contains`` for a wildcard pattern and a union of wildcards."""
    known = [m for m in members if wildcard.may_meet(target.tokens, m.tokens)]
    if any(wildcard.covers(m.tokens, target.tokens) for m in known):
        return _CONTAINED
    shortest = wildcard.shortest_name(target.tokens)
    if not any(member.matches(shortest) for member in known):
        # No name of the pattern is shorter, and none of that length comes
        # first, so the walk below would find this one too.
        return Containment(Verdict.NOT_CONTAINED, witness=shortest)
    union = [member.tokens for member in known]
    try:
        witness = automaton.shortest_uncovered(target.tokens, union, max_states)
    except TooComplex as problem:
        logger.debug("containment of %s gave up: %s", target.text, problem)
        return _after_cap(target, known, problem)
    if witness is None:
        return _CONTAINED
    return Containment(Verdict.NOT_CONTAINED, witness=witness)


def _after_cap(
    target: Pattern, known: Sequence[Pattern], problem: TooComplex
) -> Containment:
    """Past the cap a sampled name can still prove the answer, if not shortest."""
    symbols = automaton.alphabet([target.tokens, *(member.tokens for member in known)])
    for name in automaton.sample_names(target.tokens, symbols):
        if not any(member.matches(name) for member in known):
            return Containment(Verdict.NOT_CONTAINED, witness=name)
    return Containment(Verdict.UNKNOWN, reason=str(problem))


def _contains_exactly(
    union: Sequence[str], pattern: str, within: Sequence[str], max_states: int
) -> Containment:
    include = [[expression(pattern)]]
    if within:
        include.append([expression(text) for text in within])
    question = algebra.question(include, [expression(text) for text in union])
    try:
        witness = algebra.shortest(question, max_states)
    except TooComplex as problem:
        logger.debug("containment of %s gave up: %s", pattern, problem)
        return Containment(Verdict.UNKNOWN, reason=str(problem))
    if witness is None:
        return _CONTAINED
    return Containment(Verdict.NOT_CONTAINED, witness=witness)


def common(
    first: Sequence[str],
    second: Sequence[str],
    *,
    exclude: Sequence[str] = (),
    max_states: int = MAX_STATES,
) -> Overlap:
    """A shortest name some pattern of ``first`` and some pattern of
    ``second`` match and no pattern of ``exclude`` does."""
    return _common(tuple(first), tuple(second), tuple(exclude), max_states)


@functools.lru_cache(maxsize=100_000)
def _common(
    first: tuple[str, ...],
    second: tuple[str, ...],
    exclude: tuple[str, ...],
    max_states: int,
) -> Overlap:
    unusable = _unusable((*first, *second, *exclude))
    if unusable is not None:
        return Overlap(None, reason=unusable)
    both = [compile_pattern(text) for text in (*first, *second)]
    simple = all(p.kind is not PatternKind.REGEX for p in both)
    # The pair walk tells cheaply whether any name is shared; it does not
    # spell the first shortest one, which the expressions below do.
    if simple and not _wildcards_meet(first, second, max_states):
        return Overlap(False)
    include = [[expression(t) for t in first], [expression(t) for t in second]]
    question = algebra.question(include, [expression(t) for t in exclude])
    try:
        name = algebra.shortest(question, max_states)
    except TooComplex as problem:
        return Overlap(None, reason=str(problem))
    return Overlap(name is not None, name)


def _wildcards_meet(
    first: Sequence[str], second: Sequence[str], max_states: int
) -> bool:
    """Whether two unions of wildcards share a name (True when undecided)."""
    pairs = ((compile_pattern(x), compile_pattern(y)) for x in first for y in second)
    for a, b in pairs:
        if not wildcard.may_meet(a.tokens, b.tokens):
            continue
        try:
            if automaton.shortest_common(a.tokens, b.tokens, max_states) is not None:
                return True
        except TooComplex:
            return True
    return False


def overlaps(a: str, b: str, *, max_states: int = MAX_STATES) -> bool | None:
    """Is there a name both match? ``None`` when it cannot be decided."""
    return common([a], [b], max_states=max_states).shared


def common_name(a: Pattern, b: Pattern, *, max_states: int = MAX_STATES) -> str | None:
    """A shortest name both patterns match, if any; raises ``TooComplex``
    when that cannot be decided."""
    answer = common([a.text], [b.text], max_states=max_states)
    if answer.shared is None:
        raise TooComplex(answer.reason or "undecided")
    return answer.name


__all__ = [
    "MAX_STATES",
    "Containment",
    "Overlap",
    "Pattern",
    "PatternKind",
    "TooComplex",
    "Verdict",
    "common",
    "common_name",
    "compile_pattern",
    "contains",
    "expression",
    "matches_any",
    "overlaps",
    "pattern_error",
    "unusable_reason",
]
