"""Compare the names of local ``remote_indices`` entries with the key's.

As Elasticsearch does, restricted indices (``patterns_restricted``) are left
out of any pattern whose entry has ``allow_restricted_indices: false``, on
the local side and on the key side alike. So a local pattern is compared in
two parts: its other indices against the key side's names (RC402), and,
when the entry allows restricted indices, its restricted indices against the
names of the key entries that allow them too. Index names are never empty,
so the empty name is left out of every question.

An entry *reaches* a key entry when some name both allow exists (RC401,
RC404). Invalid patterns (RC405's) match nothing, as if left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from linter.findings import RuleContext
from linter.key_access import NO_NAME, valid
from linter.model import KeyAccessEntry, Located, RemoteIndicesGrant
from linter.patterns import Containment, Overlap, common, contains, pattern_error
from linter.patterns_restricted import RESTRICTED
from rules._remote_access import (
    KeyedGrant,
    KeySide,
    distinct,
    key_sides,
    remote_indices_access,
    shared,
)


@dataclass(frozen=True, slots=True)
class IndexComparison:
    """One local index name pattern against the union of a key side's names.

    ``containment`` compares the pattern's indices other than restricted
    ones; ``restricted`` its restricted indices with the names of the side's
    entries that allow them, when the local entry allows them (else None).
    """

    access: KeyedGrant[RemoteIndicesGrant]
    name: Located[str]
    side: KeySide
    containment: Containment
    restricted: Containment | None


@dataclass(frozen=True, slots=True)
class Reach:
    """Which key entries a local entry reaches on one link; ``undecided``
    holds the entries the state cap left open (counted as reached)."""

    access: KeyedGrant[RemoteIndicesGrant]
    reached: tuple[KeyAccessEntry, ...]
    undecided: tuple[tuple[KeyAccessEntry, Overlap], ...]


def index_comparisons(context: RuleContext) -> tuple[IndexComparison, ...]:
    """Each local ``remote_indices`` name against each key side it meets."""
    return shared(context, "comparisons", _index_comparisons)


def _index_comparisons(context: RuleContext) -> Iterator[IndexComparison]:
    # Roles repeat the same names and privileges against the same key: each
    # distinct grant is compared once per run.
    answers: dict[_GrantShape, list[_Answer]] = {}
    for access in remote_indices_access(context):
        grant = access.grant
        lowered = frozenset(p.value.lower() for p in grant.privileges)
        names = tuple(name.value for name in grant.names)
        shape = (id(access.key), lowered, names, grant.allows_restricted)
        if shape not in answers:
            answers[shape] = list(_compare(access, lowered))
        located = {name.value: name for name in reversed(grant.names)}
        for side, name, plain, extra in answers[shape]:
            yield IndexComparison(access, located[name], side, plain, extra)


# A local entry as far as comparing it with a key goes, and the answers.
_GrantShape = tuple[int, frozenset[str], tuple[str, ...], bool]
_Answer = tuple[KeySide, str, Containment, Containment | None]


def _compare(
    access: KeyedGrant[RemoteIndicesGrant], lowered: frozenset[str]
) -> Iterator[_Answer]:
    for side, union in map(_with_union, key_sides(lowered, access.key)):
        for name in distinct(access.grant.names):
            if pattern_error(name.value) is not None:
                continue
            plain = contains(union, name.value)
            extra = _restricted(access, side, name.value)
            yield side, name.value, plain, extra


_SideUnion = tuple[KeySide, list[str]]


def _with_union(side: KeySide) -> _SideUnion:
    """A side with the names its index patterns are compared against."""
    return side, [*valid(side.names()), NO_NAME, RESTRICTED]


def _restricted(
    access: KeyedGrant[RemoteIndicesGrant], side: KeySide, pattern: str
) -> Containment | None:
    if not access.grant.allows_restricted:
        return None
    return contains(valid(allowing_names(side)), pattern, within=[RESTRICTED])


def allowing_entries(side: KeySide) -> tuple[KeyAccessEntry, ...]:
    return tuple(entry for entry in side.entries if entry.allows_restricted)


def allowing_names(side: KeySide) -> list[str]:
    return [name.value for e in allowing_entries(side) for name in e.names]


def reaches(context: RuleContext) -> tuple[Reach, ...]:
    """For each local entry and link, the key entries it reaches."""
    return shared(context, "reaches", _reaches)


def _reaches(context: RuleContext) -> Iterator[Reach]:
    found: dict[tuple[int, tuple[str, ...], bool], Reach] = {}
    for access in remote_indices_access(context):
        names = tuple(name.value for name in access.grant.names)
        shape = (id(access.key), names, access.grant.allows_restricted)
        if shape not in found:
            found[shape] = _reach(access)
        reach = found[shape]
        yield Reach(access, reach.reached, reach.undecided)


def _reach(access: KeyedGrant[RemoteIndicesGrant]) -> Reach:
    answers = [(e, entry_overlap(access.grant, e)) for e in access.key.access]
    reached = tuple(entry for entry, answer in answers if answer.shared)
    undecided = tuple((e, a) for e, a in answers if a.shared is None)
    return Reach(access, reached, undecided)


def entry_overlap(grant: RemoteIndicesGrant, entry: KeyAccessEntry) -> Overlap:
    """A shortest index name both the local entry and the key entry allow."""
    both_allow = grant.allows_restricted and entry.allows_restricted
    exclude = [NO_NAME] if both_allow else [NO_NAME, RESTRICTED]
    local = valid(name.value for name in grant.names)
    remote = valid(name.value for name in entry.names)
    return common(local, remote, exclude=exclude)


def dead_entries(
    context: RuleContext,
) -> dict[tuple[str, int], tuple[Reach, ...]]:
    """Entries that reach no key entry on any link their ``clusters`` match,
    by (role, entry index), with their reaches."""
    key = f"{__name__}.dead"
    if key not in context.shared:
        context.shared[key] = _dead(reaches(context))
    found: dict[tuple[str, int], tuple[Reach, ...]] = context.shared[key]
    return found


def _dead(all_reaches: tuple[Reach, ...]) -> dict[tuple[str, int], tuple[Reach, ...]]:
    by_entry: dict[tuple[str, int], list[Reach]] = {}
    for reach in all_reaches:
        by_entry.setdefault((reach.access.role, reach.access.index), []).append(reach)
    return {
        entry: tuple(found)
        for entry, found in by_entry.items()
        if not any(reach.reached or reach.undecided for reach in found)
    }
