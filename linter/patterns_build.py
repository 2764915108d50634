"""The grammar's callbacks: Lucene regular expressions as ``patterns_expr`` nodes.

Imported by ``patterns_grammar`` only once lark is, since ``Builder`` is a
lark ``Transformer``. Semantics follow Lucene's ``RegExp``: a negated class
is one character outside the class; ``~`` complements a whole language;
``{n,m}`` with ``m < n`` is the empty language; ``<n-m>`` is a decimal
interval, zero-padded to a fixed width when both bounds have the same
number of digits, and with any number of leading zeros otherwise.
"""

from __future__ import annotations

from lark import Token, Transformer

from linter import patterns_charset as charset
from linter import patterns_expr as expr
from linter.patterns_charset import Ranges
from linter.patterns_expr import Node
from linter.patterns_grammar import MAX_INT, PREDEFINED, PatternSyntaxError
from linter.patterns_grammar import wildcard_tokens as _wildcard_tokens
from linter.patterns_wildcard import Tokens

_DIGITS = "0123456789"


def _single(char: str) -> Ranges:
    return ((ord(char), ord(char)),)


def _escaped(token: Token) -> str:
    """The character a one-character token or a ``\\x`` escape stands for."""
    return str(token)[-1]


def check_range(token: Token) -> Token:
    """Lucene rejects a range whose start comes after its end as it reads it."""
    low, high = _range_ends(str(token))
    if low > high:
        message = f"invalid range `{token}`: `{low}` comes after `{high}`"
        raise PatternSyntaxError(message, (token.start_pos or 0) + len(token) - 1)
    return token


def _range_ends(text: str) -> tuple[str, str]:
    low_end = 2 if text.startswith("\\") else 1
    return text[low_end - 1], text[-1]


def _count(token: Token) -> int:
    if int(token) > MAX_INT:
        raise PatternSyntaxError(f"number `{token}` is too large", token.start_pos or 0)
    return int(token)


class Builder(Transformer[Token, object]):
    """Builds a node for each rule as the parser reduces it."""

    def wildcard(self, children: list[Token]) -> Tokens:
        return _wildcard_tokens(children)

    def regex(self, children: list[Node]) -> Node:
        return children[0]

    def union(self, children: list[Node]) -> Node:
        return expr.or_(children[0], children[2])

    def intersection(self, children: list[Node]) -> Node:
        return expr.and_(children[0], children[2])

    def concatenation(self, children: list[Node]) -> Node:
        return expr.cat(children[0], children[1])

    def zero_or_more(self, children: list[Node]) -> Node:
        return expr.star(children[0])

    def one_or_more(self, children: list[Node]) -> Node:
        return expr.repeat(children[0], 1, None)

    def optional(self, children: list[Node]) -> Node:
        return expr.or_(expr.EPSILON, children[0])

    def exactly(self, children: list[object]) -> Node:
        count = _count(children[2])  # type: ignore[arg-type]
        return expr.repeat(children[0], count, count)  # type: ignore[arg-type]

    def at_least(self, children: list[object]) -> Node:
        low = _count(children[2])  # type: ignore[arg-type]
        return expr.repeat(children[0], low, None)  # type: ignore[arg-type]

    def between(self, children: list[object]) -> Node:
        low, high = _count(children[2]), _count(children[4])  # type: ignore[arg-type]
        return expr.repeat(children[0], low, high)  # type: ignore[arg-type]

    def complement(self, children: list[Node]) -> Node:
        return expr.not_(children[1])

    def any_char(self, _: list[Token]) -> Node:
        return expr.ANY_CHAR

    def empty_language(self, _: list[Token]) -> Node:
        return expr.EMPTY

    def any_string(self, _: list[Token]) -> Node:
        return expr.ANY_STRING

    def string(self, children: list[Token]) -> Node:
        return expr.literal(str(children[0])[1:-1])

    def empty_name(self, _: list[Token]) -> Node:
        return expr.EPSILON

    def group(self, children: list[Node]) -> Node:
        return children[1]

    def interval(self, children: list[Token]) -> Node:
        return _interval(children[0])

    def escape(self, children: list[Token]) -> Node:
        return expr.chars(_single(_escaped(children[0])))

    def predefined(self, children: list[Token]) -> Node:
        return expr.chars(PREDEFINED[str(children[0])[1]])

    def char(self, children: list[Token]) -> Node:
        return expr.chars(_single(str(children[0])))

    def class_item(self, children: list[Token]) -> Ranges:
        token = children[0]
        if token.type == "PREDEFINED":
            return PREDEFINED[str(token)[1]]
        if token.type == "RANGE":
            low, high = _range_ends(str(token))
            return ((ord(low), ord(high)),)
        return _single(_escaped(token))

    def char_class(self, children: list[object]) -> Node:
        items = [c for c in children if not isinstance(c, Token)]
        ranges = charset.union(*items)  # type: ignore[arg-type]
        negated = any(isinstance(c, Token) and c.type == "CARET" for c in children)
        return expr.chars(charset.complement(ranges) if negated else ranges)


def _interval(token: Token) -> Node:
    text = str(token)[1:-1]
    where = token.start_pos or 0
    if "-" not in text:
        message = f"`<{text}>` names an automaton, and Elasticsearch defines none"
        raise PatternSyntaxError(message, where)
    low_text, _, high_text = text.partition("-")
    if not (_is_number(low_text) and _is_number(high_text)):
        raise PatternSyntaxError(f"invalid interval `<{text}>`", where)
    low, high = sorted((int(low_text), int(high_text)))
    if high > MAX_INT:
        raise PatternSyntaxError(f"invalid interval `<{text}>`", where)
    width = len(low_text) if len(low_text) == len(high_text) else 0
    return decimal_interval(low, high, width)


def _is_number(text: str) -> bool:
    """As Java's ``Integer.parseInt`` reads it: digits, perhaps after a `+`."""
    digits = text[1:] if text.startswith("+") else text
    return bool(digits) and all(c in _DIGITS for c in digits)


def decimal_interval(low: int, high: int, width: int) -> Node:
    """Decimal numbers from ``low`` to ``high``: exactly ``width`` digits, or,
    with ``width`` 0, any number of leading zeros."""
    if width:
        return _fixed(str(low).zfill(width), str(high).zfill(width))
    zeros = expr.star(expr.literal("0"))
    lengths = range(len(str(low)), len(str(high)) + 1)
    spans = [_fixed_span(low, high, length) for length in lengths]
    return expr.cat(zeros, expr.or_(*spans))


def _fixed_span(low: int, high: int, length: int) -> Node:
    """The numbers of ``length`` digits (no leading zero) between the bounds."""
    smallest = 0 if length == 1 else 10 ** (length - 1)
    start, end = max(low, smallest), min(high, 10**length - 1)
    return _fixed(str(start), str(end)) if start <= end else expr.EMPTY


def _fixed(low: str, high: str) -> Node:
    """Strings of ``len(low)`` digits between ``low`` and ``high``."""
    if not low:
        return expr.EPSILON
    if low[0] == high[0]:
        return expr.cat(expr.literal(low[0]), _fixed(low[1:], high[1:]))
    rest = len(low) - 1
    digit = expr.chars(charset.of_chars(_DIGITS))
    parts = [expr.cat(expr.literal(low[0]), _fixed(low[1:], "9" * rest))]
    between = _DIGITS[int(low[0]) + 1 : int(high[0])]
    if between:
        middle = expr.chars(charset.of_chars(between))
        parts.append(expr.cat(middle, expr.repeat(digit, rest, rest)))
    parts.append(expr.cat(expr.literal(high[0]), _fixed("0" * rest, high[1:])))
    return expr.or_(*parts)
