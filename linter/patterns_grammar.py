"""Parse patterns with the lark grammar ``patterns.lark`` into expressions.

lark costs about 130 ms to import and a few hundred more to build an LALR
parser, so it is imported only when a pattern needs the grammar, and the
parser tables are cached on disk (lark's ``cache``) and in memory.
Wildcards normally take ``patterns_wildcard.tokenize`` instead; tests check
that both read every wildcard alike.

The parser's callbacks build ``patterns_expr`` nodes bottom-up while it
parses, so deep nesting never recurses in Python. Syntax errors become
``PatternSyntaxError`` with a 0-based position in the text parsed.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Final

from linter import patterns_charset as charset
from linter import patterns_expr as expr
from linter.patterns_expr import Node
from linter.patterns_wildcard import ANY_CHAR, ANY_STRING, Tokens, normalise

if TYPE_CHECKING:
    from lark import Lark, Token

# Java's int, which Lucene parses repetition counts and intervals into.
MAX_INT: Final = 2**31 - 1

# Java's predefined classes, which Lucene 9 and later follow.
_DIGIT = charset.of_chars("0123456789")
_SPACE = charset.of_chars(" \t\n\x0b\f\r")
_WORD = charset.union(_DIGIT, charset.of_chars("_"), ((65, 90), (97, 122)))
PREDEFINED: Final = {
    "d": _DIGIT,
    "s": _SPACE,
    "w": _WORD,
    "D": charset.complement(_DIGIT),
    "S": charset.complement(_SPACE),
    "W": charset.complement(_WORD),
}


class PatternSyntaxError(ValueError):
    """The text is not a pattern; ``position`` is 0-based."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@functools.cache
def parser() -> Lark:
    """The LALR parser, built (or loaded from lark's cache) once."""
    import lark

    import linter.patterns_build as patterns_build

    return lark.Lark.open_from_package(
        "linter",
        "patterns.lark",
        parser="lalr",
        start=["wildcard", "regex"],
        transformer=patterns_build.Builder(),
        lexer_callbacks={"RANGE": patterns_build.check_range},
        cache=True,
    )


def parse_regex(body: str) -> Node:
    """The expression of a Lucene regular expression body."""
    if not body:
        return expr.EPSILON
    result: Node = _parse(body, "regex")
    return result


def parse_wildcard(text: str) -> Tokens:
    """The normalised tokens of a wildcard, read by the grammar."""
    result: Tokens = _parse(text, "wildcard")
    return result


def _parse(text: str, start: str) -> Any:
    import lark

    try:
        return parser().parse(text, start=start)
    except lark.UnexpectedInput as problem:
        raise _syntax_error(text, problem) from None


def _syntax_error(text: str, problem: Any) -> PatternSyntaxError:
    import lark

    if isinstance(problem, lark.UnexpectedCharacters):
        return _unlexable(text, problem.pos_in_stream or 0)
    token = problem.token
    expected = set(problem.expected)
    if token.type == "$END":
        # Where an atom may start, Lucene reads on and finds the end.
        atom = {"CHAR", "CLASS_CHAR"} & expected and "RBRACKET" not in expected
        message = "unexpected end of expression" if atom else _missing(expected)
        return PatternSyntaxError(message, len(text))
    if token.type not in expected and text[token.start_pos] in '"<\\':
        return _unlexable(text, token.start_pos)
    return PatternSyntaxError(_missing(expected, found=True), token.start_pos)


def _unlexable(text: str, position: int) -> PatternSyntaxError:
    """`"`, `<` or `\\` with no closing part: Lucene reads to the end."""
    char = text[position]
    if char not in _CLOSING:
        return PatternSyntaxError(f"unexpected `{char}`", position)
    return PatternSyntaxError(_CLOSING[char], len(text))


_CLOSING: Final = {
    '"': 'expected `"`',
    "<": "expected `>`",
    "\\": "unexpected end of expression",
}


def _missing(expected: set[str], found: bool = False) -> str:
    for terminal, message in _EXPECTATIONS:
        if terminal in expected:
            return message
    return "expected end of expression" if found else "unexpected end of expression"


_EXPECTATIONS: Final = (
    ("RBRACKET", "expected `]`"),
    ("RBRACE", "expected `}`"),
    ("INT", "expected an integer"),
    ("RPAR", "expected `)`"),
)


def wildcard_tokens(children: list[Token]) -> Tokens:
    """The normalised tokens of the grammar's ``wildcard`` children."""
    spelled = {"STAR": ANY_STRING, "QMARK": ANY_CHAR}
    tokens = [spelled.get(t.type, t.value[-1]) for t in children]
    return normalise(tokens)
