"""The keystore listing: the output of ``bin/elasticsearch-keystore list``.

Only setting names are listed, never values, which is why a workspace may
hold this file: the presence of ``cluster.remote.<alias>.credentials`` is
what puts an alias on the API-key security model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.model import Keystore
from linter.source import Problem, Span

# Rows end where the parsers and code frames end them, not at every
# character ``str.splitlines`` takes for a line break.
_LINE_BREAK = re.compile(r"\r\n?|\n")

# A name, then `=` (spaced or not) or `:` with no space after it: a value
# follows. `name: value` reads as several words.
_VALUE_AFTER_NAME = re.compile(r"[^\s=:]*(?:\s*=|:(?=\S))")
_EXPECTED = (
    "expected one secure setting name a line, as `elasticsearch-keystore list` "
    "prints them"
)


@dataclass(frozen=True, slots=True)
class LoadedKeystore:
    keystore: Keystore
    problems: tuple[Problem, ...]


def parse_keystore_list(file: str, text: str) -> LoadedKeystore:
    """One secure setting name a line; blank lines and ``#`` comments skipped."""
    entries: dict[str, Span] = {}
    problems: list[Problem] = []
    for row, line in enumerate(_LINE_BREAK.split(text), start=1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        column = len(line) - len(line.lstrip()) + 1
        span = Span.at(file, row, column, column + len(name))
        problem = _check_name(name, span, entries)
        if problem is not None:
            problems.append(problem)
        else:
            entries[name] = span
    return LoadedKeystore(Keystore(file, entries), tuple(problems))


def _check_name(name: str, span: Span, entries: dict[str, Span]) -> Problem | None:
    malformed = _malformed(name, span)
    if malformed is not None:
        return malformed
    first = entries.get(name)
    if first is None:
        return None
    message = f"secure setting `{name}` is listed twice"
    return Problem("RC003", message, span, ((first, "first listed here"),))


def _malformed(name: str, span: Span) -> Problem | None:
    """RC001 for a line that is not one setting name. The text after the
    name may be a pasted value: no message ever quotes it."""
    value = _VALUE_AFTER_NAME.match(name)
    if value is not None:
        return _value_problem(span, value.end() - 1, name[value.end() - 1])
    if any(character.isspace() for character in name):
        return Problem("RC001", f"{_EXPECTED}; found several words", span)
    return None


def _value_problem(span: Span, at: int, separator: str) -> Problem:
    """RC001 at the ``separator`` (``at`` characters into the name) after
    which a value was written."""
    column = span.start.column + at
    message = (
        f"{_EXPECTED}; a value follows `{separator}`, and no value may be "
        "in the listing"
    )
    return Problem(
        "RC001", message, Span.at(span.file, span.start.row, column, column + 1)
    )
