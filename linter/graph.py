"""Stage 3 of the pipeline: join the loaded clusters by their remote links.

Each alias is resolved in three steps, each kept as a ``Resolution`` with
the reason for its outcome (shown by ``--show-graph``, logged at DEBUG):
the cluster it points at (``graph_remote``), the security model it uses,
and, for API-key links, the remote's cross-cluster API key it authenticates
with.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from linter.config import Config
from linter.errors import ConfigurationError
from linter.graph_model import resolve_model
from linter.graph_remote import resolve_remote
from linter.links import AliasConfig, config_table, parse_aliases
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


def build_graph(
    loaded: Sequence[LoadedCluster],
    config: Config,
    workspace_problems: Sequence[Problem] = (),
) -> Graph:
    """The graph of ``loaded``, with the problems of the clusters' files and
    ``workspace_problems`` (those met finding them); raises
    ``ConfigurationError`` when two directories hold clusters of the same
    name, as links could not tell them apart."""
    clusters = _clusters_by_name(loaded)
    aliases = {name: parse_aliases(cluster) for name, cluster in clusters.items()}
    _warn_of_idle_link_tables(config, aliases)
    links = (
        _link(clusters[name], alias, clusters, config)
        for name, configured in aliases.items()
        for alias in configured
    )
    sources = [source for item in loaded for source in item.sources]
    return Graph(
        clusters=clusters,
        links=tuple(sorted(links, key=lambda link: (link.local, link.alias))),
        problems=_problems(loaded, workspace_problems),
        declarations=config.clusters,
        sources={source.file: source.text for source in sources},
        secrets=tuple(span for source in sources for span in source.secrets),
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


def _problems(
    loaded: Sequence[LoadedCluster], workspace_problems: Sequence[Problem]
) -> tuple[Problem, ...]:
    """Each problem once: a directory that cannot be listed is met both
    finding the clusters and loading the one that holds it."""
    # A loaded cluster's problems already hold its documents' own.
    found = (problem for item in loaded for problem in item.problems)
    return tuple(dict.fromkeys((*workspace_problems, *found)))


def _warn_of_idle_link_tables(
    config: Config, aliases: Mapping[str, Sequence[AliasConfig]]
) -> None:
    """Warn of each links table that names an alias its cluster does not
    configure, as a misspelt alias there silently changes nothing.

    A table of a cluster outside the clusters linted is normal when only
    part of a workspace is linted (a pre-commit hook, one directory), so it
    is only logged at DEBUG.
    """
    for local, alias in config.links:
        table = config_table(config.path, "links", local, alias)
        if local not in aliases:
            logger.debug(
                "configuration table %s names cluster `%s`, which is not "
                "among the clusters linted",
                table,
                local,
            )
        elif all(known.alias != alias for known in aliases[local]):
            logger.warning(
                "configuration table %s names alias `%s`, which cluster `%s` "
                "does not configure",
                table,
                alias,
                local,
            )


def _link(
    cluster: Cluster,
    alias: AliasConfig,
    clusters: Mapping[str, Cluster],
    config: Config,
) -> RemoteLink:
    declared = config.links.get((cluster.name, alias.alias), LinkDeclaration())
    table = config_table(config.path, "links", cluster.name, alias.alias)
    remote = resolve_remote(table, alias, clusters, declared, cluster.name)
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
    if model is SecurityModel.CERTIFICATE:
        return Resolution(None, "a certificate link uses no API key")
    if model is SecurityModel.UNKNOWN:
        return Resolution(None, "the security model is unknown, and so is the key")
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
    if named:
        advice = f"name an active key in {table} api-key"
        return Resolution(
            None, f"{reason}, which `{remote.name}` has invalidated; {advice}"
        )
    advice = _add_definition(remote)
    return Resolution(
        None, f"{reason}, which `{remote.name}` does not define; {advice}"
    )


def _key_by_name(
    local: str, alias: str, table: str, remote: Cluster
) -> Resolution[CrossClusterApiKey | None]:
    active = [key for key in remote.api_keys if not key.invalidated]
    named = _named_keys(active, local, alias)
    if len(named) == 1:
        [(whose, key)] = named.items()
        reason = (
            f"`{remote.name}`'s cross-cluster API key `{key.name.value}` has "
            f"{whose} name"
        )
        return Resolution(key, reason)
    if named:
        reason = (
            f"`{remote.name}` defines a cross-cluster API key named `{local}`, "
            f"like the local cluster, and another named `{alias}`, like the "
            f"alias; name the key the alias uses in {table} api-key"
        )
        return Resolution(None, reason)
    return _only_key(local, alias, table, remote, active)


def _named_keys(
    active: list[CrossClusterApiKey], local: str, alias: str
) -> dict[str, CrossClusterApiKey]:
    """The first active key named like the local cluster and the first named
    like the alias, by whose name they have; one entry when both names are
    one."""
    named: dict[str, CrossClusterApiKey] = {}
    for name, whose in ((local, "the local cluster's"), (alias, "the alias's")):
        key = next((key for key in active if key.name.value == name), None)
        if key is not None and key not in named.values():
            named[whose] = key
    return named


def _only_key(
    local: str,
    alias: str,
    table: str,
    remote: Cluster,
    active: list[CrossClusterApiKey],
) -> Resolution[CrossClusterApiKey | None]:
    if len(active) == 1:
        only = active[0].name.value
        return Resolution(
            active[0], f"`{only}` is `{remote.name}`'s only cross-cluster API key"
        )
    if not active:
        valid = " that is not invalidated" if remote.api_keys else ""
        reason = f"`{remote.name}` defines no cross-cluster API key{valid}"
        return Resolution(None, f"{reason}; {_add_definition(remote)}")
    reason = (
        f"`{remote.name}` defines {len(active)} cross-cluster API keys and none is "
        f"named `{local}` or `{alias}`; name the key in {table} api-key"
    )
    return Resolution(None, reason)


def _add_definition(remote: Cluster) -> str:
    return f"add the key's definition to `{remote.directory}/api_keys/`"
