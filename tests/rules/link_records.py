"""Hand-built graph records for unit tests of the link rules (RC101-RC400)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from linter.findings import Rule, RuleContext, Violation
from linter.model import (
    Cluster,
    ClusterDeclaration,
    CrossClusterApiKey,
    Endpoint,
    Graph,
    Located,
    Principal,
    PrincipalKind,
    RemoteLink,
    Resolution,
    Role,
    RoleSource,
    SecurityModel,
    Setting,
    SettingOrigin,
    Settings,
)
from linter.source import Problem, Span


def at(file: str, row: int, column: int, length: int = 1) -> Span:
    return Span.at(file, row, column, column + length)


def setting(
    cluster: str,
    key: str,
    value: str | tuple[str, ...],
    row: int,
    origin: SettingOrigin = SettingOrigin.NODE,
) -> Setting:
    """A setting of ``elasticsearch.yml``, or of ``cluster-settings.json``
    for the cluster-settings origins."""
    name = (
        "elasticsearch.yml" if origin is SettingOrigin.NODE else "cluster-settings.json"
    )
    file = f"{cluster}/{name}"
    return Setting(
        key=key,
        value=value,
        key_span=at(file, row, 1, len(key)),
        span=at(file, row, len(key) + 3, 10),
        origin=origin,
        is_placeholder=isinstance(value, str) and value.startswith("${"),
    )


def role(cluster: str, name: str, row: int, file: str = "roles.yml") -> Role:
    span = at(f"{cluster}/{file}", row, 1, len(name))
    return Role(name=Located(name, span), source=RoleSource.FILE)


def user(
    cluster: str, name: str, roles: Iterable[tuple[str, int]], enabled: bool = True
) -> Principal:
    """A file-realm user; ``roles`` are (role name, row in users_roles)."""
    file = f"{cluster}/users_roles"
    held = tuple(Located(r, at(file, row, 1, len(r))) for r, row in roles)
    return Principal(PrincipalKind.FILE_USER, name, held, None, enabled)


def cluster(
    name: str,
    *,
    roles: Iterable[Role] = (),
    principals: Iterable[Principal] = (),
    settings: Iterable[Setting] = (),
    principal_files: bool = False,
) -> Cluster:
    return Cluster(
        name=name,
        directory=name,
        config_file=f"{name}/elasticsearch.yml",
        name_origin=None,
        settings=Settings({s.key: s for s in settings}),
        roles={r.name.value: r for r in roles},
        principals=tuple(principals),
        has_principal_sources=principal_files,
    )


def link(
    local: str,
    alias: str,
    *,
    model: SecurityModel = SecurityModel.CERTIFICATE,
    remote: str | None = None,
    certain: bool = True,
    enabled: bool = True,
    ports: Iterable[int | None] = (9300,),
    row: int = 2,
    api_key: CrossClusterApiKey | None = None,
    key_reason: str = "",
) -> RemoteLink:
    key = f"cluster.remote.{alias}.seeds"
    span = at(f"{local}/elasticsearch.yml", row, 1, len(key))
    return RemoteLink(
        local=local,
        alias=alias,
        alias_span=span,
        mode="sniff",
        endpoints=tuple(Endpoint("remote.example.com", p, span) for p in ports),
        enabled=enabled,
        model=Resolution(model, "model reason", certain),
        remote=Resolution(remote, "remote reason"),
        api_key=Resolution(api_key, key_reason),
    )


def api_key(cluster: str, name: str) -> CrossClusterApiKey:
    span = at(f"{cluster}/api_keys/{name}.yml", 1, 7, len(name))
    return CrossClusterApiKey(cluster, Located(name, span), (), span)


def graph(
    clusters: Iterable[Cluster],
    links: Iterable[RemoteLink] = (),
    problems: Iterable[Problem] = (),
    domains: Mapping[str, ClusterDeclaration] | None = None,
) -> Graph:
    return Graph(
        clusters={c.name: c for c in clusters},
        links=tuple(links),
        problems=tuple(problems),
        declarations=domains or {},
    )


def run(
    rule: Rule, graph: Graph, name: str, options: Mapping[str, Any] | None = None
) -> list[Violation]:
    context = RuleContext(graph, graph.clusters[name], options or {})
    return list(rule.check(context))
