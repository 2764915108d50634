"""Hand-built graphs for the rules that compare local ``remote_*`` grants with
cross-cluster API keys (RC401, RC402, RC403).

Every list is laid out as a YAML flow sequence on its own row, starting at
column 10, so expected positions are easy to read off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from linter.findings import Rule, RuleContext, Violation
from linter.model import (
    AccessKind,
    Cluster,
    CrossClusterApiKey,
    Graph,
    KeyAccessEntry,
    Located,
    RemoteClusterGrant,
    RemoteIndicesGrant,
    RemoteLink,
    Resolution,
    Role,
    RoleSource,
    SecurityModel,
    Settings,
)
from linter.source import Span

ROLES = "eu-prod/roles.yml"
KEY_FILE = "us-prod/api_keys/eu-prod-search.yml"
FIRST_COLUMN = 10


def items(
    values: Sequence[str], row: int, file: str = ROLES
) -> tuple[Located[str], ...]:
    """``values`` as the items of ``[a, b]`` on ``row``."""
    located = []
    column = FIRST_COLUMN
    for value in values:
        located.append(Located(value, Span.at(file, row, column, column + len(value))))
        column += len(value) + 2
    return tuple(located)


def remote_indices(
    row: int,
    clusters: Sequence[str],
    names: Sequence[str],
    privileges: Sequence[str],
    restricted: bool | None = None,
) -> RemoteIndicesGrant:
    """An entry with clusters on ``row``, names and privileges below it, and
    ``allow_restricted_indices`` on the row after."""
    flag = None
    if restricted is not None:
        text = str(restricted).lower()
        flag = Located(restricted, Span.at(ROLES, row + 3, 31, 31 + len(text)))
    return RemoteIndicesGrant(
        clusters=items(clusters, row),
        names=items(names, row + 1),
        privileges=items(privileges, row + 2),
        allow_restricted_indices=flag,
        span=Span.at(ROLES, row, 7, 40),
    )


def remote_cluster(
    row: int, clusters: Sequence[str], privileges: Sequence[str]
) -> RemoteClusterGrant:
    return RemoteClusterGrant(
        clusters=items(clusters, row),
        privileges=items(privileges, row + 1),
        span=Span.at(ROLES, row, 7, 40),
    )


def role(
    name: str,
    indices: Iterable[RemoteIndicesGrant] = (),
    cluster: Iterable[RemoteClusterGrant] = (),
) -> Role:
    return Role(
        name=Located(name, Span.at(ROLES, 1, 1, 1 + len(name))),
        source=RoleSource.FILE,
        remote_indices=tuple(indices),
        remote_cluster=tuple(cluster),
    )


def entry(
    kind: AccessKind, row: int, names: Sequence[str], restricted: bool = False
) -> KeyAccessEntry:
    flag = Located(restricted, Span.at(KEY_FILE, row + 1, 33, 37))
    return KeyAccessEntry(
        kind=kind,
        names=items(names, row, KEY_FILE),
        allow_restricted_indices=flag if restricted else None,
        span=Span.at(KEY_FILE, row, 7, 30),
    )


def key(*entries: KeyAccessEntry, name: str = "eu-prod-search") -> CrossClusterApiKey:
    return CrossClusterApiKey(
        cluster="us-prod",
        name=Located(name, Span.at(KEY_FILE, 1, 7, 7 + len(name))),
        access=tuple(entries),
        span=Span.at(KEY_FILE, 1, 1, 1),
    )


def search_key(*names: str) -> CrossClusterApiKey:
    return key(entry(AccessKind.SEARCH, 4, names))


def link(
    alias: str,
    api_key: CrossClusterApiKey | None,
    model: SecurityModel = SecurityModel.API_KEY,
    enabled: bool = True,
) -> RemoteLink:
    return RemoteLink(
        local="eu-prod",
        alias=alias,
        alias_span=Span.at("eu-prod/elasticsearch.yml", 2, 1, 10),
        mode="sniff",
        endpoints=(),
        enabled=enabled,
        model=Resolution(model, "from the keystore listing"),
        remote=Resolution("us-prod", "by host"),
        api_key=Resolution(api_key, "the only key"),
    )


def run(
    rule: Rule, roles: Iterable[Role], links: Iterable[RemoteLink]
) -> list[Violation]:
    """The rule's violations on cluster ``eu-prod``."""
    by_name = {r.name.value: r for r in roles}
    local = Cluster(
        name="eu-prod",
        directory="eu-prod",
        config_file="eu-prod/elasticsearch.yml",
        name_origin=None,
        settings=Settings({}),
        roles=by_name,
    )
    graph = Graph(clusters={"eu-prod": local}, links=tuple(links), problems=())
    return list(rule.check(RuleContext(graph, local, {})))


def where(violation: Violation) -> str:
    """A violation as ``row:col message``."""
    start = violation.span.start
    return f"{start.row}:{start.column} {violation.message}"
