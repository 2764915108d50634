"""Which workspace cluster a remote cluster alias dials, for the graph.

The configuration's links table decides, else a cluster named like the
alias, else the hosts (and, when several clusters share a host, the ports)
the alias dials.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from linter.endpoints import format_endpoint, host_key, is_known_host
from linter.links import AliasConfig, listening_port
from linter.model import Cluster, LinkDeclaration, Resolution

HOST_SETTINGS = (
    "network.host",
    "network.publish_host",
    "transport.publish_host",
    "remote_cluster.host",
    "remote_cluster.publish_host",
)


def resolve_remote(
    table: str,
    alias: AliasConfig,
    clusters: Mapping[str, Cluster],
    declared: LinkDeclaration,
    local: str,
) -> Resolution[str | None]:
    """The links table, else a cluster named like the alias, else the one
    other cluster than ``local`` that lists a host the alias dials (and,
    when several do, listens on the port dialled there). ``table`` is the
    alias's table in the configuration, named in reasons."""
    if declared.cluster is not None:
        outside = "" if declared.cluster in clusters else ", outside the workspace"
        reason = f"{table} names cluster `{declared.cluster}`{outside}"
        return Resolution(declared.cluster, reason)
    if alias.alias in clusters:
        return Resolution(alias.alias, "a workspace cluster has the alias's name")
    # A cluster's own hosts say nothing of its remotes: several clusters
    # often share one host (localhost, a docker host) on different ports.
    others = {name: c for name, c in clusters.items() if name != local}
    return _remote_by_host(table, alias, others)


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
    dials = "hosts"
    if len(matches) > 1:
        by_port = {
            name: found
            for name in matches
            if (found := _port_match(clusters[name], alias)) is not None
        }
        # With no cluster on the port, the hosts alone stay the evidence.
        if by_port:
            matches, dials = by_port, "hosts and ports"
    if len(matches) == 1:
        [(name, reason)] = matches.items()
        return Resolution(name, reason)
    if matches:
        names = ", ".join(f"`{name}`" for name in matches)
        reason = f"ambiguous: the {dials} the alias dials match clusters {names}; "
        return Resolution(None, reason + f"name the cluster in {table} cluster")
    return Resolution(None, _outside_reason(alias.alias, hosts))


def _host_match(cluster: Cluster, hosts: Sequence[str]) -> str | None:
    listed = _listed_hosts(cluster)
    for host in hosts:
        if host in listed:
            return f"the alias dials `{host}`, a `{listed[host]}` of `{cluster.name}`"
    return None


def _listed_hosts(cluster: Cluster) -> dict[str, str]:
    """Each host ``cluster`` lists, with the first setting that lists it."""
    listed: dict[str, str] = {}
    for key in HOST_SETTINGS:
        setting = cluster.settings.get(key)
        for item in setting.as_list() if setting else ():
            if "${" not in item.value:
                listed.setdefault(host_key(item.value), key)
    return listed


def _port_match(cluster: Cluster, alias: AliasConfig) -> str | None:
    """Why ``cluster`` is the one the alias dials at one of its hosts and
    on one of its ports, or None when no endpoint hits both."""
    listed = _listed_hosts(cluster)
    for endpoint in alias.endpoints:
        key = listed.get(host_key(endpoint.host))
        if key is None or endpoint.port is None:
            continue
        port = listening_port(cluster, endpoint.port)
        if port is not None:
            return (
                f"the alias dials `{format_endpoint(endpoint)}`, a `{key}` of "
                f"`{cluster.name}`, and port {endpoint.port} {port}"
            )
    return None


def _outside_reason(alias: str, hosts: Sequence[str]) -> str:
    if not hosts:
        dials = "and the alias dials no known host"
    else:
        dials = "or lists " + ", ".join(f"`{host}`" for host in hosts)
    return (
        f"no workspace cluster is named `{alias}` {dials}; it is outside the workspace"
    )
