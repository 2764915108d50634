"""Stage 3 of the pipeline: join the loaded clusters by their remote links.

Each alias is resolved in three steps, each kept as a ``Resolution`` with
the reason for its outcome (shown by ``--show-graph``, logged at DEBUG):
the cluster it points at, the security model it uses, and, for API-key
links, the remote's cross-cluster API key it authenticates with.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from linter.config import Config
from linter.errors import ConfigurationError
from linter.links import (
    AliasConfig,
    config_table,
    credentials_key,
    host_key,
    is_known_host,
    parse_aliases,
)
from linter.model import (
    Cluster,
    CrossClusterApiKey,
    Graph,
    LinkDeclaration,
    RemoteLink,
    Resolution,
    SecurityModel,
)
from linter.source import Problem

if TYPE_CHECKING:
    from linter.loading import LoadedCluster

logger = logging.getLogger(__name__)

DEFAULT_REMOTE_CLUSTER_PORT = 9443
KEYSTORE_LISTING = "elasticsearch.keystore.list"
HOST_SETTINGS = (
    "network.host",
    "network.publish_host",
    "transport.publish_host",
    "remote_cluster.host",
    "remote_cluster.publish_host",
)


def build_graph(loaded: Sequence[LoadedCluster], config: Config) -> Graph:
    """The graph of ``loaded``; raises ``ConfigurationError`` when two
    directories hold clusters of the same name, as links could not tell
    them apart."""
    clusters = _clusters_by_name(loaded)
    links = (
        _link(cluster, alias, clusters, config)
        for cluster in clusters.values()
        for alias in parse_aliases(cluster)
    )
    documents = [document for item in loaded for document in item.documents]
    return Graph(
        clusters=clusters,
        links=tuple(sorted(links, key=lambda link: (link.local, link.alias))),
        problems=_problems(loaded),
        declarations=config.clusters,
        sources={document.file: document.text for document in documents},
        secrets=tuple(span for document in documents for span in document.secrets),
        config_file=config.path,
    )


def _clusters_by_name(loaded: Sequence[LoadedCluster]) -> dict[str, Cluster]:
    by_name: dict[str, Cluster] = {}
    for item in loaded:
        cluster = item.cluster
        other = by_name.get(cluster.name)
        if other is not None:
            raise ConfigurationError(
                f"two cluster directories are named `{cluster.name}`: "
                f"`{other.directory}` and `{cluster.directory}`; set a distinct "
                "`cluster.name` in one of their elasticsearch.yml"
            )
        by_name[cluster.name] = cluster
    return dict(sorted(by_name.items()))


def _problems(loaded: Sequence[LoadedCluster]) -> tuple[Problem, ...]:
    # A loaded cluster's problems already hold its documents' own.
    return tuple(problem for item in loaded for problem in item.problems)


def _link(
    cluster: Cluster,
    alias: AliasConfig,
    clusters: Mapping[str, Cluster],
    config: Config,
) -> RemoteLink:
    declared = config.links.get((cluster.name, alias.alias), LinkDeclaration())
    table = config_table(config.path, "links", cluster.name, alias.alias)
    remote = resolve_remote(table, alias, clusters, declared)
    remote_cluster = clusters.get(remote.value) if remote.value else None
    model = resolve_model(cluster, alias, remote.value, remote_cluster)
    names = (cluster.name, alias.alias, table)
    api_key = resolve_api_key(
        names, model.value, remote.value, remote_cluster, declared
    )
    key_name = api_key.value.name.value if api_key.value else None
    for step, value, reason in (
        ("remote", remote.value, remote.reason),
        ("model", model.value.value, model.reason),
        ("API key", key_name, api_key.reason),
    ):
        logger.debug(
            "%s --%s--> %s: %s (%s)", cluster.name, alias.alias, step, value, reason
        )
    return RemoteLink(
        local=cluster.name,
        alias=alias.alias,
        alias_span=alias.alias_span,
        mode=alias.mode,
        endpoints=alias.endpoints,
        enabled=alias.enabled,
        model=model,
        remote=remote,
        api_key=api_key,
        credentials=alias.credentials,
    )


# --- alias to cluster ---------------------------------------------------------


def resolve_remote(
    table: str,
    alias: AliasConfig,
    clusters: Mapping[str, Cluster],
    declared: LinkDeclaration,
) -> Resolution[str | None]:
    """The links table, else a cluster named like the alias, else the one
    cluster that lists a host the alias dials. ``table`` is the alias's
    table in the configuration, named in reasons."""
    if declared.cluster is not None:
        outside = "" if declared.cluster in clusters else ", outside the workspace"
        reason = f"{table} names cluster `{declared.cluster}`{outside}"
        return Resolution(declared.cluster, reason)
    if alias.alias in clusters:
        return Resolution(alias.alias, "a workspace cluster has the alias's name")
    return _remote_by_host(table, alias, clusters)


def _remote_by_host(
    table: str, alias: AliasConfig, clusters: Mapping[str, Cluster]
) -> Resolution[str | None]:
    dialled = (host_key(e.host) for e in alias.endpoints if is_known_host(e))
    hosts = list(dict.fromkeys(dialled))
    matches = {
        name: found
        for name, cluster in clusters.items()
        if (found := _host_match(cluster, hosts)) is not None
    }
    if len(matches) == 1:
        [(name, reason)] = matches.items()
        return Resolution(name, reason)
    if matches:
        names = ", ".join(f"`{name}`" for name in matches)
        reason = f"ambiguous: the hosts the alias dials match clusters {names}; "
        return Resolution(None, reason + f"name the cluster in {table} cluster")
    return Resolution(None, _outside_reason(alias.alias, hosts))


def _host_match(cluster: Cluster, hosts: Sequence[str]) -> str | None:
    for key in HOST_SETTINGS:
        setting = cluster.settings.get(key)
        items = setting.as_list() if setting else ()
        listed = {host_key(item.value) for item in items if "${" not in item.value}
        for host in hosts:
            if host in listed:
                return f"the alias dials `{host}`, a `{key}` of `{cluster.name}`"
    return None


def _outside_reason(alias: str, hosts: Sequence[str]) -> str:
    if not hosts:
        dials = "and the alias dials no known host"
    else:
        dials = "or lists " + ", ".join(f"`{host}`" for host in hosts)
    return (
        f"no workspace cluster is named `{alias}` {dials}; it is outside the workspace"
    )


# --- security model -----------------------------------------------------------


def resolve_model(
    cluster: Cluster,
    alias: AliasConfig,
    remote: str | None,
    remote_cluster: Cluster | None,
) -> Resolution[SecurityModel]:
    """The keystore listing decides; without one, the port the alias dials."""
    keystore = cluster.keystore
    if keystore is None:
        return _model_from_port(cluster, alias, remote, remote_cluster)
    key = credentials_key(alias.alias)
    if alias.credentials is not None:
        return Resolution(SecurityModel.API_KEY, f"`{keystore.file}` lists `{key}`")
    reason = f"`{keystore.file}` does not list `{key}`"
    return Resolution(SecurityModel.CERTIFICATE, reason)


def _model_from_port(
    cluster: Cluster,
    alias: AliasConfig,
    remote: str | None,
    remote_cluster: Cluster | None,
) -> Resolution[SecurityModel]:
    hint = (
        f"adding `{KEYSTORE_LISTING}` (the output of `bin/elasticsearch-keystore"
        f" list`) to `{cluster.directory}` makes it certain"
    )
    port = next((e.port for e in alias.endpoints if e.port is not None), None)
    if port is None:
        dials = "no port" if alias.endpoints else "no endpoint"
        reason = f"assumed certificate, as the alias dials {dials}; {hint}"
        return Resolution(SecurityModel.CERTIFICATE, reason, certain=False)
    expected, source = _remote_cluster_port(remote, remote_cluster)
    is_api_key = port == expected
    model = SecurityModel.API_KEY if is_api_key else SecurityModel.CERTIFICATE
    verb = "is" if is_api_key else "is not"
    reason = (
        f"the model was inferred from port {port}, which {verb} {expected}, {source}"
    )
    return Resolution(model, f"{reason}; {hint}", certain=False)


def _remote_cluster_port(
    remote: str | None, remote_cluster: Cluster | None
) -> tuple[int, str]:
    setting = (
        remote_cluster.settings.get("remote_cluster.port") if remote_cluster else None
    )
    value = setting.value if setting and not setting.is_placeholder else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value), f"the `remote_cluster.port` of `{remote}`"
    return DEFAULT_REMOTE_CLUSTER_PORT, "the default `remote_cluster.port`"


# --- API key ------------------------------------------------------------------


def resolve_api_key(
    names: tuple[str, str, str],
    model: SecurityModel,
    remote: str | None,
    remote_cluster: Cluster | None,
    declared: LinkDeclaration,
) -> Resolution[CrossClusterApiKey | None]:
    """The remote's cross-cluster API key an API-key link authenticates with.

    ``names`` are the local cluster, the alias and the alias's table in the
    configuration.
    """
    if model is not SecurityModel.API_KEY:
        return Resolution(None, "a certificate link uses no API key")
    if remote_cluster is None:
        if remote is None:
            return Resolution(None, "the remote cluster is unknown, and so is its key")
        return Resolution(None, f"`{remote}` is outside the workspace")
    if declared.api_key is not None:
        return _declared_key(names[2], declared.api_key, remote_cluster)
    return _key_by_name(*names, remote_cluster)


def _declared_key(
    table: str, name: str, remote: Cluster
) -> Resolution[CrossClusterApiKey | None]:
    named = [key for key in remote.api_keys if key.name.value == name]
    active = [key for key in named if not key.invalidated]
    reason = f"{table} names API key `{name}`"
    if active:
        return Resolution(active[0], reason)
    problem = "has invalidated" if named else "does not define"
    return Resolution(None, f"{reason}, which `{remote.name}` {problem}")


def _key_by_name(
    local: str, alias: str, table: str, remote: Cluster
) -> Resolution[CrossClusterApiKey | None]:
    active = [key for key in remote.api_keys if not key.invalidated]
    for name, whose in ((local, "the local cluster's"), (alias, "the alias's")):
        key = next((key for key in active if key.name.value == name), None)
        if key is not None:
            reason = (
                f"`{remote.name}`'s cross-cluster API key `{name}` has {whose} name"
            )
            return Resolution(key, reason)
    if len(active) == 1:
        only = active[0].name.value
        return Resolution(
            active[0], f"`{only}` is `{remote.name}`'s only cross-cluster API key"
        )
    if not active:
        valid = " that is not invalidated" if remote.api_keys else ""
        return Resolution(
            None, f"`{remote.name}` defines no cross-cluster API key{valid}"
        )
    reason = (
        f"`{remote.name}` defines {len(active)} cross-cluster API keys and none is "
        f"named `{local}` or `{alias}`; name the key in {table} api-key"
    )
    return Resolution(None, reason)
