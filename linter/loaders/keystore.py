"""The keystore listing: the output of ``bin/elasticsearch-keystore list``.

Only setting names are listed, never values, which is why a workspace may
hold this file: the presence of ``cluster.remote.<alias>.credentials`` is
what puts an alias on the API-key security model.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.model import Keystore
from linter.source import Problem, Span


@dataclass(frozen=True, slots=True)
class LoadedKeystore:
    keystore: Keystore
    problems: tuple[Problem, ...]


def parse_keystore_list(file: str, text: str) -> LoadedKeystore:
    """One secure setting name a line; blank lines and ``#`` comments skipped."""
    entries: dict[str, Span] = {}
    problems: list[Problem] = []
    for row, line in enumerate(text.splitlines(), start=1):
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
    if any(character.isspace() for character in name):
        # The text after the first word may be a pasted value: never echo it.
        message = (
            "expected one secure setting name a line, as "
            "`elasticsearch-keystore list` prints them; found several words"
        )
        return Problem("RC001", message, span)
    first = entries.get(name)
    if first is None:
        return None
    message = f"secure setting `{name}` is listed twice"
    return Problem("RC003", message, span, ((first, "first listed here"),))
