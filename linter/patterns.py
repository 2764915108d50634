"""Index-name and alias patterns of roles and API keys: matching and containment.

A pattern is a literal name, a wildcard (``*``, ``?``, ``\\`` escapes) or a
Lucene regular expression between slashes, as in Elasticsearch's
``Automatons``. Wildcard questions are answered exactly: a cheap layout proof
first (``covers``), then an automaton that also yields a shortest
counterexample. Regular expressions in the common Lucene subset are matched
with an automaton; their containment is undecided except in trivial cases.
"""

from __future__ import annotations

import enum
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from linter import patterns_automaton as automaton
from linter import patterns_wildcard as wildcard
from linter.patterns_lucene import LuceneSyntaxError, translate
from linter.patterns_nfa import Matcher

logger = logging.getLogger(__name__)

# Elasticsearch's default for xpack.security.automata.max_determinized_states.
MAX_STATES: Final = 100_000


class PatternKind(enum.Enum):
    LITERAL = "literal"
    WILDCARD = "wildcard"
    REGEX = "regex"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled pattern; build it with ``compile_pattern``.

    ``tokens`` hold a literal or wildcard pattern (see ``patterns_wildcard``);
    ``matcher`` runs a regular expression, when it can be run; ``error`` says
    why Elasticsearch would reject the pattern; ``unsupported`` names what
    keeps a valid regular expression from being run.
    """

    text: str
    kind: PatternKind
    tokens: wildcard.Tokens = field(default=(), repr=False, compare=False)
    matcher: Matcher | None = field(default=None, repr=False, compare=False)
    error: str | None = field(default=None, compare=False)
    unsupported: str | None = field(default=None, compare=False)

    def matches(self, name: str) -> bool | None:
        """Whether ``name`` matches; ``None`` when that cannot be told."""
        if self.kind is PatternKind.LITERAL:
            return name == "".join(self.tokens)
        if self.kind is PatternKind.WILDCARD:
            return wildcard.to_regex(self.tokens).fullmatch(name) is not None
        if self.matcher is None:
            return None
        return self.matcher.fullmatch(name)

    @property
    def is_match_all(self) -> bool:
        """True for ``*``, ``/.*/`` and the patterns written like them."""
        if self.kind is PatternKind.REGEX:
            return self.text == "/.*/"
        return self.tokens == (wildcard.ANY_STRING,)


class Verdict(enum.Enum):
    CONTAINED = "contained"
    NOT_CONTAINED = "not contained"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Containment:
    """The answer of ``contains``.

    ``witness`` is a name the pattern matches and the union does not (for
    ``NOT_CONTAINED``): a shortest one, preferring lower-case letters, then
    digits, then other characters; unless the state cap was reached and a
    sampled name proved the answer. ``reason`` says why it is ``UNKNOWN``.
    """

    verdict: Verdict
    witness: str | None = None
    reason: str | None = None


_CONTAINED: Final = Containment(Verdict.CONTAINED)


@functools.lru_cache(maxsize=10_000)
def compile_pattern(text: str) -> Pattern:
    """Compile ``text``; never raises (an invalid pattern carries ``error``)."""
    if not text.startswith("/"):
        tokens = wildcard.tokenize(text)
        if wildcard.is_literal(tokens):
            return Pattern(text, PatternKind.LITERAL, tokens)
        return Pattern(text, PatternKind.WILDCARD, tokens)
    if len(text) < 2 or not text.endswith("/"):
        error = (
            f"invalid pattern `{text}`: a pattern starting with `/` is a regular "
            "expression and must also end with `/`"
        )
        return Pattern(text, PatternKind.REGEX, error=error)
    return _compile_regex(text)


def _compile_regex(text: str) -> Pattern:
    try:
        translation = translate(text[1:-1])
    except LuceneSyntaxError as problem:
        # +2: the leading slash, and 1-based counting.
        where = problem.position + 2
        error = f"invalid pattern `{text}`: {problem.message} at character {where}"
        return Pattern(text, PatternKind.REGEX, error=error)
    if translation.matcher is None:
        return Pattern(text, PatternKind.REGEX, unsupported=translation.unsupported)
    return Pattern(text, PatternKind.REGEX, matcher=translation.matcher)


def pattern_error(text: str) -> str | None:
    """The message for an invalid pattern, or ``None`` when it is valid."""
    return compile_pattern(text).error


def matches_any(patterns: Sequence[str], name: str) -> bool | None:
    """Whether some pattern matches ``name``; ``None`` when that cannot be told."""
    answers = [compile_pattern(text).matches(name) for text in patterns]
    if True in answers:
        return True
    return None if None in answers else False


def contains(
    union: Sequence[str], pattern: str, *, max_states: int = MAX_STATES
) -> Containment:
    """Is every name ``pattern`` matches also matched by some pattern of ``union``?

    Answers are cached: a fleet asks the same question of many roles, and
    several rules ask it of the same role.
    """
    return _contains(tuple(union), pattern, max_states)


@functools.lru_cache(maxsize=10_000)
def _contains(union: tuple[str, ...], pattern: str, max_states: int) -> Containment:
    target = compile_pattern(pattern)
    if target.error is not None:
        return Containment(Verdict.UNKNOWN, reason=target.error)
    members = [compile_pattern(text) for text in union]
    valid = [member for member in members if member.error is None]
    if any(member.is_match_all or member.text == pattern for member in valid):
        return _CONTAINED
    if target.kind is PatternKind.LITERAL:
        return _contains_name("".join(target.tokens), members)
    if target.kind is PatternKind.REGEX:
        return Containment(Verdict.UNKNOWN, reason=_regex_reason(target))
    return _contains_wildcard(target, members, max_states)


def _contains_name(name: str, members: Sequence[Pattern]) -> Containment:
    """A single name is contained exactly when some member matches it."""
    answers = [(member, member.matches(name)) for member in members]
    if any(answer for _, answer in answers):
        return _CONTAINED
    undecided = [member for member, answer in answers if answer is None]
    if undecided:
        return Containment(Verdict.UNKNOWN, reason=_opaque_reason(undecided[0]))
    return Containment(Verdict.NOT_CONTAINED, witness=name)


def _contains_wildcard(
    target: Pattern, members: Sequence[Pattern], max_states: int
) -> Containment:
    known = [
        member
        for member in members
        if member.kind is not PatternKind.REGEX
        and wildcard.may_meet(target.tokens, member.tokens)
    ]
    opaque = [member for member in members if member.kind is PatternKind.REGEX]
    if any(wildcard.covers(member.tokens, target.tokens) for member in known):
        return _CONTAINED
    shortest = wildcard.shortest_name(target.tokens)
    if not any(member.matches(shortest) for member in known):
        # No name of the pattern is shorter, and none of that length comes
        # first, so the walk below would find this one too.
        return _settle(shortest, opaque)
    union = [member.tokens for member in known]
    try:
        witness = automaton.shortest_uncovered(target.tokens, union, max_states)
    except automaton.TooComplex as problem:
        logger.debug("containment of %s gave up: %s", target.text, problem)
        return _after_cap(target, known, opaque, problem)
    if witness is None:
        return _CONTAINED
    return _settle(witness, opaque)


def _after_cap(
    target: Pattern,
    known: Sequence[Pattern],
    opaque: Sequence[Pattern],
    problem: automaton.TooComplex,
) -> Containment:
    """Past the cap a sampled name can still prove the answer, if not shortest."""
    symbols = automaton.alphabet([target.tokens, *(member.tokens for member in known)])
    for name in automaton.sample_names(target.tokens, symbols):
        if not any(member.matches(name) for member in known):
            return _settle(name, opaque)
    return Containment(Verdict.UNKNOWN, reason=str(problem))


def _settle(witness: str, opaque: Sequence[Pattern]) -> Containment:
    """``witness`` escapes the wildcards; it decides if it escapes the rest too."""
    # TODO(Lucene regex automata): prove containment in regex unions exactly.
    for member in opaque:
        if member.matches(witness) is not False:
            return Containment(Verdict.UNKNOWN, reason=_opaque_reason(member))
    return Containment(Verdict.NOT_CONTAINED, witness=witness)


def _regex_reason(pattern: Pattern) -> str:
    # TODO(Lucene regex automata): decide containment of regular expressions.
    return (
        f"`{pattern.text}` is a regular expression; containment of regular "
        "expressions is not proven yet"
    )


def _opaque_reason(pattern: Pattern) -> str:
    if pattern.error is not None:
        return pattern.error
    if pattern.unsupported is not None:
        return f"`{pattern.text}` is not evaluated yet: it uses {pattern.unsupported}"
    return _regex_reason(pattern)


def overlaps(a: str, b: str, *, max_states: int = MAX_STATES) -> bool | None:
    """Is there a name both match? ``None`` when it cannot be decided."""
    first, second = compile_pattern(a), compile_pattern(b)
    if first.error is not None or second.error is not None:
        return None
    if first.kind is PatternKind.LITERAL:
        return second.matches("".join(first.tokens))
    if second.kind is PatternKind.LITERAL:
        return first.matches("".join(second.tokens))
    if PatternKind.REGEX in (first.kind, second.kind):
        # TODO(Lucene regex automata): intersect regular expressions exactly.
        return None
    try:
        return common_name(first, second, max_states=max_states) is not None
    except automaton.TooComplex:
        logger.debug("overlap of %s and %s gave up", a, b)
        return None


def common_name(a: Pattern, b: Pattern, *, max_states: int = MAX_STATES) -> str | None:
    """A shortest name both literal or wildcard patterns match, if any.

    Raises ``ValueError`` for regular expressions and ``TooComplex`` (from
    ``patterns_automaton``) past ``max_states`` states.
    """
    if PatternKind.REGEX in (a.kind, b.kind):
        raise ValueError("common_name needs literal or wildcard patterns")
    if not wildcard.may_meet(a.tokens, b.tokens):
        return None
    return automaton.shortest_common(a.tokens, b.tokens, max_states)
