"""What a role can actually reach on each remote cluster, as hover text.

In the API key model the remote authorizes a cross-cluster request with the
intersection of the caller's ``remote_indices`` (or ``remote_cluster``)
entries for the alias and the ``access`` of the cross-cluster API key the
alias authenticates with. Each local entry is paired with each key entry
it shares an index name with; the names shown are the intersection of the
two patterns, spelled as the narrower pattern when one contains the other
and as ``a ∩ b`` otherwise, and the privileges are the local ones the key
entry's kind can grant. RC401 to RC404 answer the same questions as
findings; the pattern questions and key facts are theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linter.key_access import (
    KEY_INDEX_PRIVILEGES,
    NO_NAME,
    PARTIAL_OVERLAP,
    REMOTE_CLUSTER_NEEDS,
    valid,
)
from linter.model import (
    AccessKind,
    Cluster,
    CrossClusterApiKey,
    Graph,
    KeyAccessEntry,
    RemoteClusterGrant,
    RemoteIndicesGrant,
    RemoteLink,
    Role,
    SecurityModel,
)
from linter.patterns import Verdict, common, contains, matches_any
from linter.patterns_restricted import RESTRICTED

Grant = RemoteIndicesGrant | RemoteClusterGrant
_MARKDOWN_SPECIAL = "\\`*_{}[]<>()#+-.!|"


@dataclass(frozen=True, slots=True)
class Marks:
    """How names are set apart: Markdown marks, or none in plain text."""

    markdown: bool

    def code(self, text: str) -> str:
        if not self.markdown:
            return text
        fence = "``" if "`" in text else "`"
        pad = " " if fence == "``" else ""
        return f"{fence}{pad}{text}{pad}{fence}"

    def bold(self, text: str) -> str:
        if not self.markdown:
            return text
        escaped = "".join(f"\\{c}" if c in _MARKDOWN_SPECIAL else c for c in text)
        return f"**{escaped}**"


def describe_role(
    graph: Graph, cluster: Cluster, role: Role, only: Grant | None, marks: Marks
) -> str:
    """What ``role`` of ``cluster`` reaches: through ``only``, one of its
    entries, or through all of its ``remote_*`` entries."""
    name = marks.bold(role.name.value)
    grants: tuple[Grant, ...] = (
        (only,) if only else (*role.remote_indices, *role.remote_cluster)
    )
    if not grants:
        fields = f"{marks.code('remote_indices')} or {marks.code('remote_cluster')}"
        return f"{name} has no {fields} entries: it reaches no remote cluster."
    if only is None:
        header = f"{name} reaches, through API keys:"
    else:
        field = "remote_indices" if _is_indices(only) else "remote_cluster"
        header = f"This {marks.code(field)} entry of {name} reaches, through API keys:"
    links = graph.links_from(cluster.name)
    lines = [header]
    for grant in grants:
        lines.extend(_grant_lines(grant, role, links, marks))
    return "\n".join(lines)


def _is_indices(grant: Grant) -> bool:
    return isinstance(grant, RemoteIndicesGrant)


def _grant_lines(
    grant: Grant, role: Role, links: Sequence[RemoteLink], marks: Marks
) -> list[str]:
    patterns = [pattern.value for pattern in grant.clusters]
    matched = [
        link for link in links if link.enabled and matches_any(patterns, link.alias)
    ]
    if not matched:
        shown = ", ".join(marks.code(pattern) for pattern in patterns) or "(none)"
        return [f"- {marks.code('clusters')} {shown}: matches no enabled alias"]
    return [f"- {_link_reach(grant, role, link, marks)}" for link in matched]


def _link_reach(grant: Grant, role: Role, link: RemoteLink, marks: Marks) -> str:
    remote = link.remote.value
    where = f"cluster {remote}" if remote is not None else "remote cluster unknown"
    alias = marks.code(link.alias)
    model = link.model.value
    key = link.api_key.value
    if model is SecurityModel.CERTIFICATE:
        field = "remote_indices" if _is_indices(grant) else "remote_cluster"
        return (
            f"{alias} ({where}): certificate model, so {marks.code(field)} has "
            f"no effect; the role name {marks.code(role.name.value)} is forwarded "
            "and the remote's role of that name decides"
        )
    if model is SecurityModel.UNKNOWN:
        return (
            f"{alias} ({where}): the security model is unknown, so the reach "
            f"cannot be computed: {link.model.reason}"
        )
    if not isinstance(key, CrossClusterApiKey):
        return (
            f"{alias} ({where}): the cross-cluster API key is unknown, so the "
            f"reach cannot be computed: {link.api_key.reason}"
        )
    label = f"{alias} ({where}, key {marks.code(key.name.value)})"
    if isinstance(grant, RemoteIndicesGrant):
        return f"{label}: {_indices_reach(grant, key, marks)}"
    return f"{label}: {_cluster_reach(grant, key, marks)}"


# --- remote_indices -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Part:
    """Index names one key entry lets through, and with which privileges."""

    kind: AccessKind
    names: tuple[str, ...]
    privileges: tuple[str, ...]


def _indices_reach(
    grant: RemoteIndicesGrant, key: CrossClusterApiKey, marks: Marks
) -> str:
    lowered = frozenset(privilege.value.lower() for privilege in grant.privileges)
    reached = [
        _Part(entry.kind, names, _privileges(lowered, entry.kind))
        for entry in key.access
        if (names := _entry_names(grant, entry, marks))
    ]
    local = ", ".join(marks.code(name.value) for name in grant.names) or "no name"
    if not reached:
        verb = "overlaps" if len(grant.names) == 1 else "overlap"
        return f"nothing — {local} {verb} none of the key's names"
    granted = [part for part in reached if part.privileges]
    if not granted:
        return f"nothing — {_none_granted(lowered, reached, marks)}"
    return "; ".join(_merged(granted))


def _none_granted(
    lowered: frozenset[str], reached: Sequence[_Part], marks: Marks
) -> str:
    asked = ", ".join(sorted(lowered)) or "no privilege"
    kinds = [kind for kind in AccessKind if any(p.kind is kind for p in reached)]
    sides = " and ".join(marks.code(kind.value) for kind in kinds)
    grantable = ", ".join(name for kind in kinds for name in KEY_INDEX_PRIVILEGES[kind])
    return f"the key's {sides} access on these names grants {grantable}, not {asked}"


def _merged(parts: Iterable[_Part]) -> list[str]:
    """One phrase per set of privileges, names in the order found."""
    by_privileges: dict[tuple[str, ...], list[str]] = {}
    for part in parts:
        names = by_privileges.setdefault(part.privileges, [])
        names.extend(name for name in part.names if name not in names)
    return [
        f"indices {', '.join(names)} with {', '.join(privileges)}"
        for privileges, names in by_privileges.items()
    ]


def _privileges(lowered: frozenset[str], kind: AccessKind) -> tuple[str, ...]:
    """The local privileges a key entry of ``kind`` lets through: its own
    privileges the grant names (all of them for ``all``), then the share
    of privileges that overlap it only in part."""
    granted = KEY_INDEX_PRIVILEGES[kind]
    if "all" in lowered:
        return granted
    exact = tuple(name for name in granted if name in lowered)
    partial = tuple(
        f"part of {name}"
        for name in sorted(lowered)
        if kind in PARTIAL_OVERLAP.get(name, frozenset())
    )
    return exact + partial


def _entry_names(
    grant: RemoteIndicesGrant, entry: KeyAccessEntry, marks: Marks
) -> tuple[str, ...]:
    """The intersection of the grant's names and the key entry's, pattern
    pair by pattern pair; restricted indices count only where both sides
    allow them, as Elasticsearch counts them."""
    both_allow = grant.allows_restricted and entry.allows_restricted
    exclude = (NO_NAME,) if both_allow else (NO_NAME, RESTRICTED)
    found: list[str] = []
    for local in dict.fromkeys(valid(name.value for name in grant.names)):
        for remote in dict.fromkeys(valid(name.value for name in entry.names)):
            shown = _intersection(local, remote, exclude, marks)
            if shown is not None and shown not in found:
                found.append(shown)
    if found and grant.allows_restricted:
        found[-1] += _restricted_note(both_allow)
    return tuple(found)


def _restricted_note(both_allow: bool) -> str:
    if both_allow:
        return " (restricted indices included)"
    return " (restricted indices left out: the key's entry does not allow them)"


def _intersection(
    local: str, remote: str, exclude: tuple[str, ...], marks: Marks
) -> str | None:
    """``local`` ∩ ``remote`` as one pattern when one holds the other,
    else as both; None when no index name matches both."""
    overlap = common([local], [remote], exclude=exclude)
    both = f"{marks.code(local)} ∩ {marks.code(remote)}"
    if overlap.shared is False:
        return None
    if overlap.shared is None:
        return f"{both} (undecided: {overlap.reason})"
    if _within(local, remote, exclude):
        return marks.code(local)
    if _within(remote, local, exclude):
        return marks.code(remote)
    return both


def _within(pattern: str, other: str, exclude: tuple[str, ...]) -> bool:
    """Whether every name of ``pattern``, less ``exclude``, is one of ``other``;
    an answer past the state cap counts as no."""
    return contains([other, *exclude], pattern).verdict is Verdict.CONTAINED


# --- remote_cluster -----------------------------------------------------------


def _cluster_reach(
    grant: RemoteClusterGrant, key: CrossClusterApiKey, marks: Marks
) -> str:
    lowered = [privilege.value.lower() for privilege in grant.privileges]
    carried = [name for name in lowered if REMOTE_CLUSTER_NEEDS.get(name) in key.kinds]
    if carried:
        return f"cluster privileges {', '.join(dict.fromkeys(carried))}"
    known = [name for name in lowered if name in REMOTE_CLUSTER_NEEDS]
    if not known:
        asked = ", ".join(lowered) or "no privilege"
        return f"nothing — {asked} is no privilege a key carries"
    search = marks.code(AccessKind.SEARCH.value)
    needs = ", ".join(dict.fromkeys(known))
    return f"nothing — {needs} needs a key with {search} access, which this one lacks"
