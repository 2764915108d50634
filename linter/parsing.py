"""What both parsers share: the nesting limit, row starts, the duplicate-key
problem, and pausing the garbage collector while big trees are built."""

from __future__ import annotations

import gc
import operator
import re
from itertools import accumulate, repeat
from types import TracebackType

from linter.source import MappingNode, Problem, ScalarNode

# Deeper documents are refused: ``Node.to_data`` and other tree walks recurse
# once or twice per level, and 200 levels keep them far from Python's limit.
# No Elasticsearch file comes close.
MAX_DEPTH = 200

_LINE_BREAK = re.compile(r"\r\n?|\n")
_LONE_CR = re.compile(r"\r(?!\n)")


class gc_paused:
    """Switch the cyclic garbage collector off while a big tree is built.

    Its full collections rescan the growing tree again and again, which
    makes building a large document several times slower.
    """

    __slots__ = ("_was_enabled",)

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._was_enabled:
            gc.enable()


def duplicate_key_problem(first: ScalarNode, again: ScalarNode) -> Problem:
    """The RC003 problem for a key given a second time in one mapping."""
    message = (
        f"key `{again.value}` is given twice in one mapping; "
        "Elasticsearch rejects duplicate keys"
    )
    return Problem("RC003", message, again.span, ((first.span, "first given here"),))


def duplicate_keys(mapping: MappingNode) -> list[Problem]:
    """RC003 problems for every repeated key of ``mapping``."""
    if len(mapping) == len(mapping.entries):
        return []
    first: dict[str, ScalarNode] = {}
    problems = []
    for key, _ in mapping.entries:
        name = str(key.value)
        if name in first:
            problems.append(duplicate_key_problem(first[name], key))
        else:
            first[name] = key
    return problems


def line_starts(text: str, breaks: re.Pattern[str] = _LINE_BREAK) -> list[int]:
    """The offset of each row's first character; rows end at ``breaks``
    (by default ``\n``, ``\r\n`` or a lone ``\r``)."""
    if breaks is _LINE_BREAK and ("\r" not in text or not _LONE_CR.search(text)):
        # The common case, done by C loops: each row is its length plus 1.
        lengths = map(operator.add, map(len, text.split("\n")), repeat(1))
        return [0, *accumulate(lengths)][:-1]
    return [0, *[match.end() for match in breaks.finditer(text)]]
