"""Where each key and value of a TOML document is written.

``tomllib`` reads values but keeps no positions, and an error in a
configuration file must point at the key or list item at fault. This reader
runs on text ``tomllib`` has already accepted, so it only has to find its
way, not to judge: it records the span of every key (by its full path, a
header's keys included) and of every value, array items by their index.
Paths are tuples of keys and indices, as JSON Schema instance paths are;
an ``[[array]]`` table's path ends with the table's index.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field

from linter.parsing import line_starts
from linter.source import Position, Span

TomlPath = tuple[str | int, ...]

_SPACE = re.compile(r"(?:[ \t]|#[^\n]*|\r?\n)*")
_INLINE_SPACE = re.compile(r"[ \t]*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Strings of the four kinds; what tomllib accepted needs no stricter form.
_STRING = re.compile(
    r'"""(?:[^\\]|\\.)*?"""(?!")|\'\'\'.*?\'\'\'(?!\')|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'',
    re.DOTALL,
)
# A date-time may hold one space; any other scalar ends at a delimiter.
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}[^\s,\]}#]*")
_SCALAR = re.compile(r"[^\s,\]}#]+")


@dataclass(frozen=True, slots=True)
class TomlPlaces:
    """The spans of a document's keys and values, by path."""

    keys: dict[TomlPath, Span] = field(default_factory=dict)
    values: dict[TomlPath, Span] = field(default_factory=dict)

    def of(self, path: TomlPath, *, key: bool = False) -> Span | None:
        """The span of the value at ``path`` (of its key, when ``key``), or
        of the nearest enclosing place written in the file."""
        for end in range(len(path), 0, -1):
            prefix = path[:end]
            found = (self.keys if key else self.values).get(prefix)
            found = found or self.keys.get(prefix) or self.values.get(prefix)
            if found is not None:
                return found
        return None


def locate(file: str, text: str) -> TomlPlaces:
    """The places of ``text``, the TOML document of ``file``."""
    reader = _Reader(file, text)
    reader.document()
    return reader.places


class _Reader:
    def __init__(self, file: str, text: str) -> None:
        self.file, self.text = file, text
        self.starts = line_starts(text)
        self.places = TomlPlaces()
        self.offset = 0
        self.table: TomlPath = ()
        self.array_tables: dict[TomlPath, int] = {}

    def document(self) -> None:
        while self._skip(_SPACE) < len(self.text):
            if self.text.startswith("[[", self.offset):
                self._array_table()
            elif self.text.startswith("[", self.offset):
                self.offset += 1
                self.table = self._key(())
                self._expect("]")
            else:
                self._key_value(self.table)

    def _array_table(self) -> None:
        self.offset += 2
        path = self._key(())
        self._expect("]]")
        index = self.array_tables.get(path, -1) + 1
        self.array_tables[path] = index
        self.table = (*path, index)
        self.places.keys[self.table] = self.places.keys[path]

    def _key_value(self, table: TomlPath) -> None:
        path = self._key(table)
        self._expect("=")
        self._value(path)

    def _key(self, table: TomlPath) -> TomlPath:
        """A dotted key under ``table``; each of its parts is placed."""
        path = table
        while True:
            self._skip(_INLINE_SPACE)
            start = self.offset
            match = _STRING.match(self.text, start) or _BARE_KEY.match(self.text, start)
            if match is None:
                raise ValueError(f"no key at offset {start}")
            self.offset = match.end()
            path = (*path, _key_text(match.group()))
            self.places.keys[path] = self._span(start, self.offset)
            self._skip(_INLINE_SPACE)
            if not self.text.startswith(".", self.offset):
                return path
            self.offset += 1

    def _value(self, path: TomlPath) -> None:
        start = self._skip(_INLINE_SPACE)
        opening = self.text[start : start + 1]
        if opening == "[":
            self._array(path)
        elif opening == "{":
            self._inline_table(path)
        else:
            match = (
                _STRING.match(self.text, start)
                or _DATE_TIME.match(self.text, start)
                or _SCALAR.match(self.text, start)
            )
            if match is None:
                raise ValueError(f"no value at offset {start}")
            self.offset = match.end()
        self.places.values[path] = self._span(start, self.offset)

    def _array(self, path: TomlPath) -> None:
        self.offset += 1
        index = 0
        while self._skip(_SPACE) < len(self.text) and self._peek() != "]":
            self._value((*path, index))
            index += 1
            if self._skip(_SPACE) < len(self.text) and self._peek() == ",":
                self.offset += 1
        self._expect("]")

    def _inline_table(self, path: TomlPath) -> None:
        self.offset += 1
        while self._skip(_SPACE) < len(self.text) and self._peek() != "}":
            self._key_value(path)
            if self._skip(_SPACE) < len(self.text) and self._peek() == ",":
                self.offset += 1
        self._expect("}")

    def _expect(self, token: str) -> None:
        self._skip(_INLINE_SPACE)
        if not self.text.startswith(token, self.offset):
            raise ValueError(f"expected {token!r} at offset {self.offset}")
        self.offset += len(token)

    def _peek(self) -> str:
        return self.text[self.offset : self.offset + 1]

    def _skip(self, pattern: re.Pattern[str]) -> int:
        match = pattern.match(self.text, self.offset)
        if match is not None:
            self.offset = match.end()
        return self.offset

    def _span(self, start: int, end: int) -> Span:
        return Span(self.file, self._position(start), self._position(end))

    def _position(self, offset: int) -> Position:
        row = bisect_right(self.starts, offset)
        return Position(row, offset - self.starts[row - 1] + 1)


def _key_text(written: str) -> str:
    """A key as TOML reads it: quoted keys lose their quotes and escapes."""
    if written[0] not in "\"'":
        return written
    key: str = next(iter(tomllib.loads(f"{written} = 0")))
    return key
