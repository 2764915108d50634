"""``users_roles``: file-realm role assignments, one role a line.

Each line reads ``role:user1,user2``; a user listed under several roles
holds all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.model import Located, Principal, PrincipalKind
from linter.source import Problem, Span

# Rows end where Elasticsearch, the parsers and editors end them, not at
# every character ``str.splitlines`` takes for a line break.
_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class _Word:
    """A word of a line and where it is."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class LoadedUsersRoles:
    principals: tuple[Principal, ...]
    problems: tuple[Problem, ...]


def parse_users_roles(file: str, text: str) -> LoadedUsersRoles:
    """The file-realm users and their roles; a line without ``:`` is RC001."""
    roles: dict[str, list[Located[str]]] = {}
    first_seen: dict[str, Span] = {}
    problems: list[Problem] = []
    for row, line in enumerate(_LINE_BREAK.split(text), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        role, users, problem = _parse_line(file, row, line)
        if problem is not None:
            problems.append(problem)
            continue
        for user in users:
            first_seen.setdefault(user.text, user.span)
            roles.setdefault(user.text, []).append(Located(role.text, role.span))
    principals = tuple(
        Principal(PrincipalKind.FILE_USER, user, tuple(held), first_seen[user])
        for user, held in roles.items()
    )
    return LoadedUsersRoles(principals, tuple(problems))


def _parse_line(
    file: str, row: int, line: str
) -> tuple[_Word, tuple[_Word, ...], Problem | None]:
    role_part, colon, users_part = line.partition(":")
    role = next(_words(file, row, role_part, 1, ""), None)
    if not colon or role is None:
        span = _line_span(file, row, line)
        message = (
            f"malformed line `{line.strip()}` in users_roles: expected "
            "`role:user1,user2`"
        )
        return _Word("", span), (), Problem("RC001", message, span)
    users = tuple(_words(file, row, users_part, len(role_part) + 2, ","))
    return role, users, None


def _words(
    file: str, row: int, text: str, column: int, separator: str
) -> Iterator[_Word]:
    """The non-blank parts of ``text`` (split on ``separator``, or whole),
    located on ``row`` with ``text`` starting at ``column``."""
    offset = 0
    for part in text.split(separator) if separator else [text]:
        word = part.strip()
        if word:
            start = column + offset + len(part) - len(part.lstrip())
            yield _Word(word, Span.at(file, row, start, start + len(word)))
        offset += len(part) + len(separator)


def _line_span(file: str, row: int, line: str) -> Span:
    start = len(line) - len(line.lstrip()) + 1
    return Span.at(file, row, start, start + len(line.strip()))
