"""The text of a suppression comment, read into its parts.

A directive is a comment that starts with ``rclint:``::

    # rclint: ignore[RC101, RC202] reason="migration planned" expires="2026-09-30"
    # rclint: disable[RC401] reason="legacy roles"
    # rclint: enable[RC401]
    # rclint: ignore-file[RC402] reason="generated from the old cluster"

Codes are exact rule codes, comma-separated: like ruff's ``noqa``, a
prefix would silence rules written after the comment was. Values are
double-quoted, with ``\\"`` and ``\\\\`` as escapes. Every mistake is a
``Flaw`` at its columns, so RC015 can point at it.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass

from linter.model import Located
from linter.source import Span
from linter.suppressions_model import Flaw

ACTIONS = ("ignore", "disable", "enable", "ignore-file")
FIELDS = ("reason", "expires")
DATE_FORMAT = "YYYY-MM-DD"

_PREFIX = re.compile(r"#\s*rclint\s*:\s*")
_ACTION = re.compile(r"[A-Za-z][\w-]*")
_CODES = re.compile(r"\[([^\]]*)\]")
_FIELD = re.compile(r'\s+([A-Za-z_][\w-]*)\s*=\s*"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(.)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_USAGE = 'a directive reads `ignore[RC101] reason="why"`'


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment of a file: its row, the column of its ``#`` (1-based),
    its text from the ``#`` on, and whether nothing comes before it."""

    row: int
    column: int
    text: str
    own_line: bool


@dataclass(frozen=True, slots=True)
class Parsed:
    """The parts of a directive comment; ``action`` is empty when none
    could be read."""

    action: str
    text: str
    span: Span
    codes: tuple[Located[str], ...]
    reason: str | None
    expires: datetime.date | None
    flaws: tuple[Flaw, ...]


def is_directive(comment: Comment) -> bool:
    return _PREFIX.match(comment.text) is not None


def parse_directive(file: str, comment: Comment) -> Parsed:
    """The parts of a comment that ``is_directive``."""
    reader = _Reader(file, comment)
    prefix = _PREFIX.match(comment.text)
    assert prefix is not None
    action = reader.action(prefix.end())
    codes = reader.codes(action) if action else ()
    # Past a missing code list, what follows cannot be read for sure.
    fields = reader.fields(action) if codes else {}
    expires = reader.date(fields.get("expires"))
    reason = fields["reason"].value if "reason" in fields else None
    span = reader.span(0, len(comment.text))
    text = comment.text
    return Parsed(action, text, span, codes, reason, expires, tuple(reader.flaws))


class _Reader:
    """Reads one directive from left to right, noting each flaw."""

    def __init__(self, file: str, comment: Comment) -> None:
        self.file = file
        self.comment = comment
        self.text = comment.text
        self.at = 0
        self.flaws: list[Flaw] = []

    def span(self, start: int, end: int) -> Span:
        column = self.comment.column
        return Span.at(self.file, self.comment.row, column + start, column + end)

    def flaw(self, start: int, end: int, message: str) -> None:
        self.flaws.append(Flaw(self.span(start, max(end, start + 1)), message))

    def action(self, start: int) -> str:
        match = _ACTION.match(self.text, start)
        if match is None:
            self.flaw(start, len(self.text), f"no directive after `rclint:`; {_USAGE}")
            return ""
        self.at = match.end()
        word = match.group()
        if word not in ACTIONS:
            self.flaw(start, self.at, f"unknown directive `{word}`{_guess(word)}")
            return ""
        return word

    def codes(self, action: str) -> tuple[Located[str], ...]:
        match = _CODES.match(self.text, self.at)
        if match is None or not match.group(1).strip():
            end = match.end() if match else self.at
            message = f"`{action}` needs rule codes in brackets, like `{action}[RC101]`"
            self.flaw(self.at, end, message)
            self.at = end
            return ()
        self.at = match.end()
        return tuple(self._code_list(match.start(1), match.group(1)))

    def _code_list(self, start: int, text: str) -> list[Located[str]]:
        codes: list[Located[str]] = []
        offset = start
        for part in text.split(","):
            code = part.strip()
            begin = offset + len(part) - len(part.lstrip())
            if code:
                codes.append(Located(code, self.span(begin, begin + len(code))))
            else:
                self.flaw(begin, begin + 1, "an empty rule code between commas")
            offset += len(part) + 1
        return codes

    def fields(self, action: str) -> dict[str, Located[str]]:
        allowed = () if action == "enable" else FIELDS
        found: dict[str, Located[str]] = {}
        while self.at < len(self.text.rstrip()):
            match = _FIELD.match(self.text, self.at)
            if match is None:
                self._unexpected()
                break
            self._field(match, allowed, found)
            self.at = match.end()
        return found

    def _field(
        self,
        match: re.Match[str],
        allowed: tuple[str, ...],
        found: dict[str, Located[str]],
    ) -> None:
        name, start, end = match.group(1), match.start(1), match.end(1)
        value = Located(_ESCAPE.sub(r"\1", match.group(2)), self.span(*match.span(2)))
        if name not in allowed:
            expected = " or ".join(f"`{n}`" for n in allowed) or "no fields"
            self.flaw(start, end, f"unknown field `{name}`; expected {expected}")
        elif name in found:
            self.flaw(start, end, f"`{name}` is given twice")
        else:
            found[name] = value

    def _unexpected(self) -> None:
        start = self.at + len(self.text[self.at :]) - len(self.text[self.at :].lstrip())
        rest = self.text[start:].rstrip()
        if rest.count('"') % 2:
            message = "a value's closing `\"` is missing"
        else:
            message = f"unexpected text `{rest}`; {_USAGE}"
        self.flaw(start, start + len(rest), message)

    def date(self, text: Located[str] | None) -> datetime.date | None:
        if text is None:
            return None
        date = parse_date(text.value)
        if date is None:
            message = (
                f"`expires` must be a date written {DATE_FORMAT}, found `{text.value}`"
            )
            self.flaws.append(Flaw(text.span, message))
        return date


def parse_date(text: str) -> datetime.date | None:
    """A ``YYYY-MM-DD`` date, or None when ``text`` is not one."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _guess(word: str) -> str:
    close = difflib.get_close_matches(word, ACTIONS, n=1)
    if close:
        return f"; did you mean `{close[0]}`?"
    return "; expected one of " + ", ".join(f"`{action}`" for action in ACTIONS)
