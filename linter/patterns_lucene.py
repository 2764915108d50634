"""Lucene regular expressions (the body of a ``/.../`` pattern), parsed for matching.

The parser follows the grammar of Lucene's ``RegExp`` with the optional
operators Elasticsearch turns on (``&``, ``~``, ``#``, ``@``, ``<...>``), so
it reports the same syntax errors, including Lucene's quirks: an operator
character where an atom is expected is a literal (``(|a)`` is the string
``|a``), ``^`` and ``$`` are literals, and the whole name must match.

The common subset (``.``, ``?``, ``*``, ``+``, ``{n,m}``, ``|``, groups,
classes, ``"..."`` strings, ``\\`` escapes) becomes an automaton from
``patterns_nfa``. The optional operators and the predefined classes
(``\\d``, ``\\w``, ``\\s``, whose meaning changed between Lucene versions)
are parsed but not evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter import patterns_nfa as nfa
from linter.patterns_nfa import Build, CharSet, Matcher

_PREDEFINED = "dDsSwW"


class LuceneSyntaxError(ValueError):
    """The body is not a Lucene regular expression; ``position`` is 0-based."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True, slots=True)
class Translation:
    """A ``matcher`` for whole names, or what keeps the expression from one."""

    matcher: Matcher | None
    unsupported: str | None = None


def translate(body: str) -> Translation:
    """Parse a Lucene regular expression body; raises ``LuceneSyntaxError``."""
    try:
        parser = _Parser(body)
        build = parser.parse()
        if parser.unsupported is not None:
            return Translation(None, parser.unsupported)
        return Translation(nfa.compile_matcher(build))
    except nfa.TooLarge:
        return Translation(None, f"more than {nfa.MAX_NFA_STATES} automaton states")
    except RecursionError:
        return Translation(None, "groups nested too deeply")


def _literal(char: str) -> Build:
    return nfa.chars(CharSet(((ord(char), ord(char)),)))


class _Parser:
    def __init__(self, body: str) -> None:
        self.body = body
        self.pos = 0
        self.unsupported: str | None = None

    def parse(self) -> Build:
        if not self.body:
            return nfa.empty
        build = self.union()
        if self.more():
            raise LuceneSyntaxError("expected end of expression", self.pos)
        return build

    # Grammar levels, loosest first, as in Lucene's RegExp.

    def union(self) -> Build:
        branches = [self.intersection()]
        while self.match("|"):
            branches.append(self.intersection())
        return branches[0] if len(branches) == 1 else nfa.choice(branches)

    def intersection(self) -> Build:
        build = self.concatenation()
        while self.match("&"):
            self.refuse("`&` (intersection)")
            self.concatenation()
        return build

    def concatenation(self) -> Build:
        parts = [self.repetition()]
        while self.more() and not self.peek(")|&"):
            parts.append(self.repetition())
        return parts[0] if len(parts) == 1 else nfa.sequence(parts)

    def repetition(self) -> Build:
        build = self.complement()
        while self.peek("?*+{"):
            operator = self.next()
            if operator == "{":
                build = nfa.repeat(build, *self.bounds())
            else:
                low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[operator]
                build = nfa.repeat(build, low, high)
        return build

    def bounds(self) -> tuple[int, int | None]:
        low = self.integer()
        high: int | None = low
        if self.match(","):
            high = self.integer() if self.peek("0123456789") else None
        if not self.match("}"):
            raise LuceneSyntaxError("expected `}`", self.pos)
        return low, high

    def integer(self) -> int:
        start = self.pos
        while self.peek("0123456789"):
            self.pos += 1
        if start == self.pos:
            raise LuceneSyntaxError("expected an integer", self.pos)
        return int(self.body[start : self.pos])

    def complement(self) -> Build:
        if self.match("~"):
            self.refuse("`~` (complement)")
            self.complement()
            return nfa.nothing
        return self.char_class()

    def char_class(self) -> Build:
        if not self.match("["):
            return self.simple()
        negated = self.match("^")
        ranges = [self.class_item()]
        while self.more() and not self.peek("]"):
            ranges.append(self.class_item())
        if not self.match("]"):
            raise LuceneSyntaxError("expected `]`", self.pos)
        return nfa.chars(CharSet(tuple(ranges), negated))

    def class_item(self) -> tuple[int, int]:
        self.predefined()
        low = self.char()
        if not self.match("-"):
            return ord(low), ord(low)
        position = self.pos
        high = self.char()
        if high < low:
            message = f"invalid range `{low}-{high}`"
            raise LuceneSyntaxError(message, position)
        return ord(low), ord(high)

    def simple(self) -> Build:
        if self.match("."):
            return nfa.chars(nfa.ANY)
        if self.match("#"):
            self.refuse("`#` (empty language)")
            return nfa.nothing
        if self.match("@"):
            self.refuse("`@` (any string)")
            return nfa.nothing
        if self.match('"'):
            return self.quoted()
        if self.match("("):
            return self.group()
        if self.match("<"):
            return self.interval()
        self.predefined()
        return _literal(self.char())

    def quoted(self) -> Build:
        start = self.pos
        while self.more() and not self.peek('"'):
            self.pos += 1
        if not self.match('"'):
            raise LuceneSyntaxError('expected `"`', self.pos)
        return nfa.sequence([_literal(c) for c in self.body[start : self.pos - 1]])

    def group(self) -> Build:
        if self.match(")"):
            return nfa.empty
        build = self.union()
        if not self.match(")"):
            raise LuceneSyntaxError("expected `)`", self.pos)
        return build

    def interval(self) -> Build:
        start = self.pos
        while self.more() and not self.peek(">"):
            self.pos += 1
        if not self.match(">"):
            raise LuceneSyntaxError("expected `>`", self.pos)
        text = self.body[start : self.pos - 1]
        low, dash, high = text.partition("-")
        if dash and not (low.isdigit() and high.isdigit()):
            raise LuceneSyntaxError(f"invalid interval `<{text}>`", start - 1)
        self.refuse(f"`<{text}>` ({'numeric interval' if dash else 'named automaton'})")
        return nfa.nothing

    def predefined(self) -> None:
        following = self.body[self.pos + 1 : self.pos + 2]
        if self.peek("\\") and following and following in _PREDEFINED:
            self.refuse(f"`\\{following}` (predefined class)")

    def char(self) -> str:
        self.match("\\")
        return self.next()

    # Scanning.

    def refuse(self, operator: str) -> None:
        if self.unsupported is None:
            self.unsupported = operator

    def more(self) -> bool:
        return self.pos < len(self.body)

    def peek(self, chars: str) -> bool:
        return self.more() and self.body[self.pos] in chars

    def match(self, char: str) -> bool:
        if self.peek(char):
            self.pos += 1
            return True
        return False

    def next(self) -> str:
        if not self.more():
            raise LuceneSyntaxError("unexpected end of expression", self.pos)
        self.pos += 1
        return self.body[self.pos - 1]
