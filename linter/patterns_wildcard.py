"""Elasticsearch wildcard patterns as token tuples, and cheap checks on them.

A wildcard pattern is read the way Elasticsearch's ``Automatons.wildcard``
reads it: ``*`` is any string, ``?`` any one character, ``\\`` takes the next
character literally and a trailing lone ``\\`` is itself a literal.

Tokens are one-character strings for literal characters and the two markers
``ANY_STRING`` and ``ANY_CHAR`` (longer than one character, so they never
collide with a literal). Every wildcard run is normalised to its ``?``s
followed by at most one ``*``; the language is unchanged and the automata in
``patterns_automaton`` stay small.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

ANY_STRING: Final = "<*>"
ANY_CHAR: Final = "<?>"

Tokens = tuple[str, ...]


_SPELLED: Final = {"*": ANY_STRING, "?": ANY_CHAR}
# Text that needs the full reading: an escape, or two wildcards in a row.
_INTRICATE: Final = re.compile(r"\\|[*?][*?]")


def tokenize(text: str) -> Tokens:
    """The normalised tokens of wildcard ``text``."""
    if _INTRICATE.search(text) is None:
        return tuple([_SPELLED.get(char, char) for char in text])
    tokens: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            tokens.append(text[index + 1])
            index += 2
            continue
        if char == "*":
            tokens.append(ANY_STRING)
        elif char == "?":
            tokens.append(ANY_CHAR)
        else:
            tokens.append(char)
        index += 1
    return normalise(tokens)


def normalise(tokens: Sequence[str]) -> Tokens:
    result: list[str] = []
    run_chars = 0
    run_star = False
    for token in (*tokens, ""):
        if token == ANY_CHAR:
            run_chars += 1
        elif token == ANY_STRING:
            run_star = True
        else:
            result.extend([ANY_CHAR] * run_chars)
            result.extend([ANY_STRING] if run_star else [])
            result.append(token)
            run_chars, run_star = 0, False
    result.pop()
    return tuple(result)


def is_literal(tokens: Tokens) -> bool:
    """True when ``tokens`` hold no wildcard."""
    return all(len(token) == 1 for token in tokens)


@functools.lru_cache(maxsize=10_000)
def to_regex(tokens: Tokens) -> re.Pattern[str]:
    """A Python regular expression for ``re.fullmatch`` of ``tokens``.

    Plain ``.*`` for every ``*`` backtracks exponentially on names like
    ``aaaa…`` against ``*a*a*a*b``. The stretches between stars have fixed
    lengths, so placing each at its leftmost fit never loses a match: an
    atomic group commits to that fit, and only the last stretch, which must
    end the name, is searched for.
    """
    stretches = _stretches(tokens)
    if len(stretches) == 1:
        return re.compile(stretches[0], re.DOTALL)
    first, *middle, last = stretches
    commits = "".join(f"(?>.*?{stretch})" for stretch in middle)
    return re.compile(f"{first}{commits}.*{last}", re.DOTALL)


def _stretches(tokens: Tokens) -> list[str]:
    """The regular expressions for the runs of tokens between stars."""
    stretches: list[list[str]] = [[]]
    for token in tokens:
        if token == ANY_STRING:
            stretches.append([])
        else:
            stretches[-1].append("." if token == ANY_CHAR else re.escape(token))
    return ["".join(parts) for parts in stretches]


def shortest_name(tokens: Tokens) -> str:
    """The first of the shortest names: ``*`` empty, ``?`` spelled ``a``."""
    spelled = {ANY_STRING: "", ANY_CHAR: "a"}
    return "".join(spelled.get(token, token) for token in tokens)


class Outline(NamedTuple):
    """What every name of a pattern shares: its literal ends and length range."""

    prefix: str
    suffix: str
    shortest: int
    longest: int | None


@functools.lru_cache(maxsize=10_000)
def outline(tokens: Tokens) -> Outline:
    """The ``Outline`` of ``tokens``."""
    prefix = _literal_prefix(tokens)
    suffix = _literal_prefix(tokens[::-1])[::-1]
    shortest = sum(1 for token in tokens if token != ANY_STRING)
    longest = None if ANY_STRING in tokens else shortest
    return Outline(prefix, suffix, shortest, longest)


def _literal_prefix(tokens: Tokens) -> str:
    prefix = []
    for token in tokens:
        if len(token) != 1:
            break
        prefix.append(token)
    return "".join(prefix)


def may_meet(a: Tokens, b: Tokens) -> bool:
    """False when no name can match both ``a`` and ``b``, judged cheaply.

    Every name of a pattern starts with its literal prefix and ends with its
    literal suffix, and has a length within the pattern's bounds; two
    patterns whose prefixes, suffixes or length ranges clash share no name.
    """
    first, second = outline(a), outline(b)
    if not _nested(first.prefix, second.prefix, str.startswith):
        return False
    if not _nested(first.suffix, second.suffix, str.endswith):
        return False
    fits = first.longest is None or second.shortest <= first.longest
    return fits and (second.longest is None or first.shortest <= second.longest)


def _nested(one: str, other: str, test: Callable[[str, str], bool]) -> bool:
    return test(one, other) or test(other, one)


def covers(b: Tokens, a: Tokens) -> bool:
    """True when ``b`` alone provably matches every name ``a`` matches.

    ``b`` is laid over ``a`` from left to right: each literal of ``b`` must
    meet the same literal in ``a``, and each wildcard run of ``b`` (``m``
    ``?`` and perhaps a ``*``) swallows a stretch of ``a`` whose names all
    have the lengths the run accepts. Any such layout is a proof; a missing
    layout proves nothing, so a ``False`` needs the exact automaton.
    """
    singles, stars = _running_counts(a)
    reach = {0}
    index = 0
    while index < len(b) and reach:
        run_chars, has_star, index = _wildcard_run(b, index)
        if run_chars or has_star:
            reach = _swallow(reach, run_chars, has_star, singles, stars)
            continue
        literal = b[index]
        reach = {i + 1 for i in reach if i < len(a) and a[i] == literal}
        index += 1
    return len(a) in reach


@functools.lru_cache(maxsize=1_000)
def _running_counts(a: Tokens) -> tuple[list[int], list[int]]:
    """How many single-character tokens and ``*`` precede each position."""
    singles = [0]
    stars = [0]
    for token in a:
        singles.append(singles[-1] + (token != ANY_STRING))
        stars.append(stars[-1] + (token == ANY_STRING))
    return singles, stars


def _wildcard_run(b: Tokens, index: int) -> tuple[int, bool, int]:
    run_chars = 0
    while index < len(b) and b[index] == ANY_CHAR:
        run_chars += 1
        index += 1
    has_star = index < len(b) and b[index] == ANY_STRING
    return run_chars, has_star, index + has_star


def _swallow(
    reach: set[int],
    run_chars: int,
    has_star: bool,
    singles: list[int],
    stars: list[int],
) -> set[int]:
    end = len(singles) - 1
    if not has_star:
        return {
            i + run_chars
            for i in reach
            if i + run_chars <= end and stars[i + run_chars] == stars[i]
        }
    firsts = [_first_with(singles, i, singles[i] + run_chars) for i in reach]
    first = min(firsts, default=end + 1)
    return set(range(first, end + 1))


def _first_with(singles: list[int], start: int, target: int) -> int:
    index = start
    while index < len(singles) and singles[index] < target:
        index += 1
    return index
