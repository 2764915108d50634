"""Strict JSON (RFC 8259) read into positional nodes.

A small recursive-descent reader: the C string scanner of the standard
library does the strings, compiled patterns the numbers and whitespace, and
a table of line starts turns offsets into rows and columns. The first syntax
error stops the read (RC001); duplicate keys are kept and reported (RC003).

The pieces both parsers share live in ``linter.parsing``.
"""

from __future__ import annotations

import re
from _json import scanstring  # the C scanner that json.loads uses
from bisect import bisect_right
from collections.abc import Callable
from json.decoder import JSONDecodeError
from typing import NoReturn

from linter.parsing import MAX_DEPTH, duplicate_keys, gc_paused, line_starts
from linter.secrets import text_secrets
from linter.source import (
    Document,
    MappingNode,
    Node,
    Position,
    Problem,
    Scalar,
    ScalarNode,
    SequenceNode,
    Span,
)

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_COLON = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
# A key without escapes, its colon and the whitespace up to the value.
_PLAIN_MEMBER = re.compile(r'"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*')
# A string without escapes: most strings, read without the full scanner.
_PLAIN_STRING = re.compile(r'"([^"\\\x00-\x1f]*)"')
_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_NUMBER_LIKE = re.compile(r"[-+.0-9eE]+")
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{0,4}|.?)", re.DOTALL)
_WORD = re.compile(r"\w{1,20}")
_LITERALS: dict[str, bool | None] = {"true": True, "false": False, "null": None}
# What an error inside a secret value says in place of the text there.
_SECRET = "a secret value, which is not shown"
# A pattern that may match empty text always matches; typed so.
_skip: Callable[[str, int], re.Match[str]] = _WHITESPACE.match  # type: ignore[assignment]

_Parse = Callable[[int, int], tuple[Node, int]]


def parse_json(file: str, text: str) -> Document:
    """Read ``text`` (the contents of ``file``) as one strict JSON value."""
    parser = _Parser(file, text)
    with gc_paused():
        root = parser.parse()
    return Document(file, text, root, tuple(parser.problems))


class _SyntaxError(Exception):
    """Stops the read at the first syntax error. ``unquoted`` words it
    without the text it quotes, for an error inside a secret value."""

    def __init__(
        self, message: str, offset: int, length: int = 1, unquoted: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.length = length
        self.unquoted = unquoted or message


class _Parser:
    """One read of one text. A method reading a value takes the offset where
    it starts and the nesting depth, and returns the node with the offset
    just after it; the first syntax error raises ``_SyntaxError``.

    The hot loops are written out rather than split into helpers: a Python
    call per value would cost a third of the time."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.starts = line_starts(text)
        self.problems: list[Problem] = []
        self.dispatch: dict[str, _Parse] = {'"': self._string, "{": self._object}
        self.dispatch["["] = self._array
        self.dispatch.update(dict.fromkeys("-0123456789", self._number))
        self.dispatch.update(dict.fromkeys("tfn", self._literal))

    def parse(self) -> Node | None:
        try:
            return self._read()
        finally:
            self.dispatch.clear()  # its methods refer back to this parser

    def _read(self) -> Node | None:
        try:
            return self._document()
        except _SyntaxError as error:
            self.problems.append(self._syntax_problem(error))
        except RecursionError:
            # Only when the caller's own stack is already deep.
            too_deep = _SyntaxError("nesting too deep to read", 0)
            self.problems.append(self._syntax_problem(too_deep))
        return None

    def _document(self) -> Node:
        text = self.text
        start = _skip(text, 0).end()
        parse = self.dispatch.get(text[start : start + 1], self._unexpected)
        node, end = parse(start, 1)
        end = _skip(text, end).end()
        if end < len(text):
            self._fail("expected end of file after the value", end)
        return node

    def _object(self, offset: int, depth: int) -> tuple[MappingNode, int]:
        self._check_depth(offset, depth)
        text, dispatch, starts = self.text, self.dispatch, self.starts
        entries: list[tuple[ScalarNode, Node]] = []
        end = _skip(text, offset + 1).end()
        while text[end : end + 1] != "}" or entries:
            member = _PLAIN_MEMBER.match(text, end)
            if member is None:
                key, end = self._member(end)
            else:
                row = bisect_right(starts, end)
                column = end - starts[row - 1] + 1
                width = member.end(1) + 1 - end
                key = ScalarNode(self.file, row, column, row, column + width, member[1])
                end = member.end()
            value, end = dispatch.get(text[end : end + 1], self._unexpected)(
                end, depth + 1
            )
            entries.append((key, value))
            comma = _COMMA.match(text, end)
            if comma is None:
                end = self._close(end, "}", "an object member")
                break
            end = comma.end()
        node = MappingNode(self.file, *self._span(offset, end + 1), tuple(entries))
        self.problems.extend(duplicate_keys(node))
        return node, end + 1

    def _member(self, offset: int) -> tuple[ScalarNode, int]:
        """A key that needs the full string scanner, and where its value
        starts."""
        text = self.text
        if text[offset : offset + 1] != '"':
            self._check_trailing_comma(offset, "}")
            self._fail("expected a string key", offset)
        key, end = self._string(offset)
        colon = _COLON.match(text, end)
        if colon is None:
            self._fail("expected ':' after an object key", _skip(text, end).end())
        return key, colon.end()

    def _array(self, offset: int, depth: int) -> tuple[SequenceNode, int]:
        self._check_depth(offset, depth)
        text, dispatch, starts = self.text, self.dispatch, self.starts
        items: list[Node] = []
        end = _skip(text, offset + 1).end()
        while text[end : end + 1] != "]" or items:
            plain = _PLAIN_STRING.match(text, end)
            if plain is None:
                parse = dispatch.get(text[end : end + 1], self._unexpected)
                item, end = parse(end, depth + 1)
            else:
                row = bisect_right(starts, end)
                column = end - starts[row - 1] + 1
                after = plain.end()
                width = after - end
                item = ScalarNode(self.file, row, column, row, column + width, plain[1])
                end = after
            items.append(item)
            comma = _COMMA.match(text, end)
            if comma is None:
                end = self._close(end, "]", "an array element")
                break
            end = comma.end()
        node = SequenceNode(self.file, *self._span(offset, end + 1), tuple(items))
        return node, end + 1

    def _close(self, offset: int, close: str, after: str) -> int:
        """The offset of the bracket that closes a container."""
        end = _skip(self.text, offset).end()
        if self.text[end : end + 1] != close:
            self._fail(f"expected ',' or '{close}' after {after}", end)
        return end

    def _check_trailing_comma(self, offset: int, close: str) -> None:
        """Fails with a clear message when ``close`` follows a comma."""
        if self.text[offset : offset + 1] != close:
            return
        comma = len(self.text[:offset].rstrip(" \t\n\r")) - 1
        if self.text[comma] == ",":
            self._fail(f"trailing comma before '{close}'", comma, described=False)

    def _string(self, offset: int, depth: int = 0) -> tuple[ScalarNode, int]:
        try:
            value, end = scanstring(self.text, offset + 1, True)
        except JSONDecodeError as error:
            raise self._string_error(error) from None
        starts = self.starts
        row = bisect_right(starts, offset)
        column = offset - starts[row - 1] + 1
        width = end - offset
        return ScalarNode(self.file, row, column, row, column + width, value), end

    def _number(self, offset: int, depth: int) -> tuple[ScalarNode, int]:
        text = self.text
        match = _NUMBER.match(text, offset)
        if match is None or _NUMBER_LIKE.match(text, match.end()):
            self._invalid_number(offset)
        number, end = match.group(), match.end()
        if match.lastindex:  # a fraction or an exponent
            return self._scalar(offset, end, float(number)), end
        try:
            return self._scalar(offset, end, int(number)), end
        except ValueError:  # beyond Python's limit on digits
            message = "number has too many digits"
            raise _SyntaxError(message, offset, end - offset) from None

    def _literal(self, offset: int, depth: int) -> tuple[ScalarNode, int]:
        word = self.text[offset : offset + 5]
        for name, value in _LITERALS.items():
            if word.startswith(name):
                end = offset + len(name)
                return self._scalar(offset, end, value), end
        self._fail("expected a value", offset)

    def _unexpected(self, offset: int, depth: int) -> NoReturn:
        self._check_trailing_comma(offset, "]")
        if self.text[offset : offset + 1] in ("+", "."):
            self._invalid_number(offset)
        self._fail("expected a value", offset)

    def _check_depth(self, offset: int, depth: int) -> None:
        if depth > MAX_DEPTH:
            message = f"nesting deeper than {MAX_DEPTH} levels"
            self._fail(message, offset, described=False)

    def _scalar(self, start: int, end: int, value: Scalar) -> ScalarNode:
        """A scalar node; JSON scalars never span rows."""
        starts = self.starts
        row = bisect_right(starts, start)
        column = start - starts[row - 1] + 1
        return ScalarNode(self.file, row, column, row, column + end - start, value)

    def _span(self, start: int, end: int) -> tuple[int, int, int, int]:
        starts = self.starts
        row = bisect_right(starts, start)
        end_row = bisect_right(starts, end - 1)
        column = start - starts[row - 1] + 1
        return row, column, end_row, end - starts[end_row - 1] + 1

    def _fail(self, message: str, offset: int, described: bool = True) -> NoReturn:
        if not described:
            raise _SyntaxError(message, offset)
        found, length = self._describe(offset)
        unquoted = f"{message}, found part of {_SECRET}"
        raise _SyntaxError(f"{message}, found {found}", offset, length, unquoted)

    def _invalid_number(self, offset: int) -> NoReturn:
        match = _NUMBER_LIKE.match(self.text, offset)
        token = match.group() if match else self.text[offset : offset + 1]
        message = f"invalid number '{token}'"
        unquoted = f"invalid number in {_SECRET}"
        raise _SyntaxError(message, offset, len(token), unquoted)

    def _describe(self, offset: int) -> tuple[str, int]:
        """How a message shows what was found at ``offset``, and its length."""
        text = self.text
        if offset >= len(text):
            return "end of file", 0
        word = _WORD.match(text, offset)
        if word is not None:
            return f"'{word.group()}'", len(word.group())
        char = text[offset]
        if char == "'":
            return '"\'"', 1
        if char.isprintable() and not char.isspace():
            return f"'{char}'", 1
        return f"U+{ord(char):04X}", 1

    def _string_error(self, error: JSONDecodeError) -> _SyntaxError:
        text, offset = self.text, error.pos
        if error.msg.startswith("Unterminated"):
            return _SyntaxError("unterminated string", offset)
        if error.msg.startswith("Invalid control"):
            code = f"U+{ord(text[offset]):04X}"
            message = f"control character {code} in a string"
            unquoted = f"control character in {_SECRET}"
            return _SyntaxError(message, offset, unquoted=unquoted)
        if text[offset] != "\\":  # the scanner points into a \u escape
            offset -= 1
        escape = _ESCAPE.match(text, offset).group()  # type: ignore[union-attr]
        message = f"invalid escape '{escape}' in a string"
        unquoted = f"invalid escape in {_SECRET}"
        return _SyntaxError(message, offset, len(escape), unquoted)

    def _syntax_problem(self, error: _SyntaxError) -> Problem:
        row, column, _, _ = self._span(error.offset, error.offset + 1)
        width = min(error.length, len(self.text) - error.offset)
        span = Span(self.file, Position(row, column), Position(row, column + width))
        message = error.unquoted if self._in_secret(span) else error.message
        return Problem("RC001", f"invalid JSON: {message}", span)

    def _in_secret(self, span: Span) -> bool:
        """Whether ``span`` overlaps a value every output masks. A file
        that does not parse has no tree to walk, so its secrets are found
        in its text, as the code frame finds them; only such a file is
        searched."""
        return any(
            span.start < secret.end and secret.start < span.end
            for secret in text_secrets(self.file, self.text)
        )
