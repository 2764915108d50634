"""What a local role's ``remote_*`` grants meet on the remote side.

In the API key model the remote authorizes a cross-cluster request with the
intersection of the caller's reduced local role (the ``remote_indices`` and
``remote_cluster`` entries whose ``clusters`` match the alias) and the
``cross_cluster`` role descriptor of the API key the alias authenticates
with. RC401 to RC404 compare the two sides; this module pairs every local
grant with the key it will be intersected with, splits the key into the
sides each grant is compared with, and holds the facts about what a key can
grant at all (``_remote_compare`` holds the comparisons).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from linter.findings import Related, RuleContext
from linter.key_access import KEY_INDEX_PRIVILEGES, PARTIAL_OVERLAP
from linter.model import (
    AccessKind,
    CrossClusterApiKey,
    KeyAccessEntry,
    Located,
    RemoteClusterGrant,
    RemoteIndicesGrant,
    RemoteLink,
    SecurityModel,
)
from linter.patterns import matches_any
from linter.source import Span
from rules._links import enabled_links

logger = logging.getLogger(__name__)

GrantT = TypeVar("GrantT", RemoteIndicesGrant, RemoteClusterGrant)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class KeyedGrant(Generic[GrantT]):
    """A local ``remote_*`` entry, one alias its ``clusters`` match, and
    the cross-cluster API key that alias authenticates with.

    ``index`` is the entry's position in the role's list, so two entries of
    one role stay apart.
    """

    role: str
    index: int
    grant: GrantT
    link: RemoteLink
    key: CrossClusterApiKey

    @property
    def alias(self) -> str:
        return self.link.alias


@dataclass(frozen=True, slots=True)
class KeySide:
    """The entries of a key that one local entry's names are compared with.

    ``kinds`` is one kind when a local privilege is exactly one of that
    kind's key privileges; several kinds share one side when only partial
    overlaps (or nothing) serve the local privileges.
    """

    key: CrossClusterApiKey
    kinds: tuple[AccessKind, ...]
    entries: tuple[KeyAccessEntry, ...]

    @property
    def label(self) -> str:
        """The kinds, for identities: ``search``, ``search+replication``."""
        return "+".join(kind.value for kind in self.kinds) or "none"

    @property
    def phrase(self) -> str:
        """The side in a message: the `search` access of the key."""
        if not self.kinds:
            return key_phrase(self.key)
        kinds = " and ".join(f"`{kind.value}`" for kind in self.kinds)
        return f"the {kinds} access of {key_phrase(self.key)}"

    def names(self) -> list[str]:
        return [name.value for entry in self.entries for name in entry.names]


def shared(
    context: RuleContext, kind: str, compute: Callable[[RuleContext], Iterable[T]]
) -> tuple[T, ...]:
    """``compute(context)``, once per cluster and run: RC401 to RC404 all
    read these pairings, and a fleet has thousands of roles."""
    key = f"{__name__}.{kind}"
    if key not in context.shared:
        context.shared[key] = tuple(compute(context))
    result: tuple[T, ...] = context.shared[key]
    return result


def remote_indices_access(
    context: RuleContext,
) -> tuple[KeyedGrant[RemoteIndicesGrant], ...]:
    """Every (role, ``remote_indices`` entry, API-key link) of the cluster."""
    return shared(context, "remote_indices", _remote_indices_access)


def _remote_indices_access(
    context: RuleContext,
) -> Iterator[KeyedGrant[RemoteIndicesGrant]]:
    matched = _Matcher(keyed_links(context))
    for role in context.cluster.roles.values():
        for index, grant in enumerate(role.remote_indices):
            for link, key in matched(grant.clusters):
                yield KeyedGrant(role.name.value, index, grant, link, key)


def remote_cluster_access(
    context: RuleContext,
) -> Iterator[KeyedGrant[RemoteClusterGrant]]:
    """Every (role, ``remote_cluster`` entry, API-key link) of the cluster."""
    matched = _Matcher(keyed_links(context))
    for role in context.cluster.roles.values():
        for index, grant in enumerate(role.remote_cluster):
            for link, key in matched(grant.clusters):
                yield KeyedGrant(role.name.value, index, grant, link, key)


def keyed_links(
    context: RuleContext,
) -> tuple[tuple[RemoteLink, CrossClusterApiKey], ...]:
    """The enabled API-key links of the cluster whose key is known.

    Links without a resolved key are RC400's to report; certificate-model
    links ignore ``remote_*`` grants altogether.
    """
    links = enabled_links(context, SecurityModel.API_KEY)
    return tuple(
        (link, link.api_key.value)
        for link in links
        if isinstance(link.api_key.value, CrossClusterApiKey)
    )


_KeyedLink = tuple[RemoteLink, CrossClusterApiKey]


class _Matcher:
    """The links whose alias a ``clusters`` list matches; an invalid or too
    complex pattern matches nothing here (RC405 and RC403 report those).
    Roles repeat the same lists, so each is matched once."""

    def __init__(self, links: Sequence[_KeyedLink]) -> None:
        self.links = links
        self.known: dict[tuple[str, ...], list[_KeyedLink]] = {}

    def __call__(self, clusters: Sequence[Located[str]]) -> list[_KeyedLink]:
        patterns = tuple(pattern.value for pattern in clusters)
        if patterns not in self.known:
            self.known[patterns] = list(self._match(patterns))
        return self.known[patterns]

    def _match(self, patterns: Sequence[str]) -> Iterator[_KeyedLink]:
        for link, key in self.links:
            answer = matches_any(patterns, link.alias)
            if answer is None:
                logger.debug("%s: match of %s unknown", link.alias, patterns)
            if answer:
                yield link, key


def key_sides(lowered: frozenset[str], key: CrossClusterApiKey) -> tuple[KeySide, ...]:
    """The sides of the key that local privileges ``lowered`` (lower case)
    are served by.

    Each kind whose key privileges the grant names exactly is a side of its
    own. Without one, the kinds of partial overlaps (``all``, ``manage``,
    ``monitor``) form one side; without those, the whole key does (the
    privileges then exceed the key anyway, which RC401 reports).
    """
    present = key.kinds
    exact = {
        kind
        for kind, names in KEY_INDEX_PRIVILEGES.items()
        if kind in present and not lowered.isdisjoint(names)
    }
    if exact:
        return tuple(_side(key, {kind}) for kind in AccessKind if kind in exact)
    partial: set[AccessKind] = set()
    for privilege in lowered:
        partial |= PARTIAL_OVERLAP.get(privilege, frozenset())
    return (_side(key, (partial & present) or present),)


def _side(key: CrossClusterApiKey, kinds: Iterable[AccessKind]) -> KeySide:
    chosen = frozenset(kinds)
    ordered = tuple(kind for kind in AccessKind if kind in chosen)
    entries = tuple(entry for entry in key.access if entry.kind in chosen)
    return KeySide(key, ordered, entries)


def kinds_serving(privilege: str) -> frozenset[AccessKind]:
    """The key kinds through which a local index privilege has any effect."""
    lowered = privilege.lower()
    exact = {k for k, names in KEY_INDEX_PRIVILEGES.items() if lowered in names}
    return frozenset(exact) | PARTIAL_OVERLAP.get(lowered, frozenset())


def grantable(kinds: frozenset[AccessKind]) -> tuple[str, ...]:
    """The index privileges key entries of ``kinds`` grant, in the builder's
    order."""
    return tuple(
        name
        for kind, names in KEY_INDEX_PRIVILEGES.items()
        if kind in kinds
        for name in names
    )


def key_phrase(key: CrossClusterApiKey) -> str:
    return f"the cross-cluster API key `{key.name.value}` of `{key.cluster}`"


def key_related(key: CrossClusterApiKey) -> Related:
    """The key, shown at its name."""
    return Related(key.name.span, key_phrase(key))


def entry_related(key: CrossClusterApiKey, entry: KeyAccessEntry) -> Related:
    """A key entry, shown at its names (the whole entry if it has none)."""
    kind = entry.kind.value
    span = entry.span
    if entry.names:
        first, last = entry.names[0].span, entry.names[-1].span
        span = Span(first.file, first.start, last.end)
    return Related(span, f"the `{kind}` access of {key_phrase(key)}")


def distinct(items: Iterable[Located[str]]) -> Iterator[Located[str]]:
    """Each value once, at its first place."""
    seen: set[str] = set()
    for item in items:
        if item.value not in seen:
            seen.add(item.value)
            yield item
