"""Compiling index-name and alias patterns, once per distinct text.

A pattern is a literal name, a wildcard (``*``, ``?``, ``\\`` escapes) or a
Lucene regular expression between slashes, as in Elasticsearch's
``Automatons``. Wildcards are read by ``patterns_wildcard.tokenize``;
regular expressions by the lark grammar (``patterns_grammar``), which is
loaded only when the first one is compiled.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field

from linter import patterns_algebra as algebra
from linter import patterns_expr as expr
from linter import patterns_wildcard as wildcard
from linter.patterns_expr import Node, TooComplex


class PatternKind(enum.Enum):
    LITERAL = "literal"
    WILDCARD = "wildcard"
    REGEX = "regex"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled pattern; build it with ``compile_pattern``.

    ``tokens`` hold a literal or wildcard pattern; ``node`` is a regular
    expression's language. ``error`` says why Elasticsearch rejects the
    pattern; ``problem`` why a valid one is too complex to evaluate.
    """

    text: str
    kind: PatternKind
    tokens: wildcard.Tokens = field(default=(), repr=False, compare=False)
    node: Node | None = field(default=None, repr=False, compare=False)
    error: str | None = field(default=None, compare=False)
    problem: str | None = field(default=None, compare=False)

    def matches(self, name: str) -> bool | None:
        """Whether ``name`` matches; ``None`` for invalid or too complex ones."""
        if self.kind is PatternKind.LITERAL:
            return name == "".join(self.tokens)
        if self.kind is PatternKind.WILDCARD:
            return wildcard.to_regex(self.tokens).fullmatch(name) is not None
        if self.node is None:
            return None
        try:
            return algebra.matches(self.node, name)
        except TooComplex:
            return None

    @property
    def is_match_all(self) -> bool:
        """True for ``*``, ``/.*/``, ``/@/`` and the patterns written like them."""
        if self.kind is PatternKind.REGEX:
            return self.node is expr.ANY_STRING
        return self.tokens == (wildcard.ANY_STRING,)

    @property
    def usable(self) -> bool:
        return self.error is None and self.problem is None


@functools.cache
def compile_pattern(text: str) -> Pattern:
    """Compile ``text`` once per run; never raises (see ``Pattern.error``)."""
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
    from linter.patterns_grammar import PatternSyntaxError, parse_regex

    try:
        return Pattern(text, PatternKind.REGEX, node=parse_regex(text[1:-1]))
    except PatternSyntaxError as problem:
        # +2: the leading slash, and 1-based counting.
        where = problem.position + 2
        error = f"invalid pattern `{text}`: {problem.message} at character {where}"
        return Pattern(text, PatternKind.REGEX, error=error)
    except TooComplex as problem:
        return Pattern(text, PatternKind.REGEX, problem=f"`{text}` is {problem}")


def pattern_error(text: str) -> str | None:
    """The message for an invalid pattern, or ``None`` when it is valid."""
    return compile_pattern(text).error


def unusable_reason(pattern: Pattern) -> str | None:
    """Why ``pattern`` cannot take part in a comparison, if it cannot."""
    return pattern.error or pattern.problem


@functools.lru_cache(maxsize=100_000)
def expression(text: str) -> Node:
    """The language of a usable pattern as an expression."""
    pattern = compile_pattern(text)
    if pattern.node is not None:
        return pattern.node
    return _wildcard_node(pattern.tokens)


def _wildcard_node(tokens: wildcard.Tokens) -> Node:
    spelled = {wildcard.ANY_STRING: expr.ANY_STRING, wildcard.ANY_CHAR: expr.ANY_CHAR}
    return expr.cat(*(spelled.get(t) or expr.literal(t) for t in tokens))
