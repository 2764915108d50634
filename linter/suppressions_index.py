"""The targets of a run's suppressions, found by what a finding has: its
rule code with its file, its entity's name, or a related place's file.

A fleet holds thousands of findings and may hold thousands of metadata
suppressions; comparing each finding with the few targets that may cover
it keeps matching linear. ``covers`` still decides: the index only
narrows the candidates, in the order the directives were collected.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from linter.findings import Finding
from linter.suppressions_model import (
    Directive,
    EntityScope,
    KeyScope,
    RowScope,
    Scope,
    Target,
)

Pair = tuple[Directive, Target]
_Key = tuple[str, str, str]  # code, what the key is of, its value
_ANY = ("any", "")


class TargetIndex:
    def __init__(self, directives: Sequence[Directive]) -> None:
        self._places: dict[_Key, list[tuple[int, Pair]]] = {}
        order = 0
        for directive in directives:
            for target in directive.targets:
                for place in _scope_places(target.scope):
                    key = (target.code.value, *place)
                    self._places.setdefault(key, []).append(
                        (order, (directive, target))
                    )
                order += 1

    def candidates(self, finding: Finding) -> list[Pair]:
        """The targets that may cover ``finding``, in collection order."""
        found: dict[int, Pair] = {}
        for place in _finding_places(finding):
            for order, pair in self._places.get((finding.code, *place), ()):
                found[order] = pair
        return [found[order] for order in sorted(found)]


def _scope_places(scope: Scope) -> Iterator[tuple[str, str]]:
    if isinstance(scope, RowScope):
        yield ("file", scope.file)
    elif isinstance(scope, EntityScope):
        yield ("name", scope.name) if scope.name is not None else _ANY
    elif isinstance(scope, KeyScope):
        yield ("name", scope.name)
        yield ("file", scope.definition.file)


def _finding_places(finding: Finding) -> Iterator[tuple[str, str]]:
    yield _ANY
    yield ("file", finding.span.file)
    if len(finding.identity) > 1:
        yield ("name", finding.identity[1])
    for related in finding.related:
        yield ("file", related.span.file)
