"""The graph as text for ``rclint check --show-graph``.

It shows what rclint understood of the workspace and why: the clusters, and
each link with the reason of every resolution. Of the settings it prints
only the hosts and ports aliases dial, so no secret can leak through it.
"""

from __future__ import annotations

from linter.endpoints import format_endpoint
from linter.model import Cluster, Endpoint, Graph, RemoteLink, SecurityModel

_INDENT = "  "


def describe(graph: Graph) -> str:
    """The clusters and links of ``graph``, one block each, ending in a newline."""
    lines = [f"Clusters ({len(graph.clusters)})"]
    lines += [_INDENT + _cluster_line(c) for c in graph.clusters.values()]
    lines += ["", f"Links ({len(graph.links)})"]
    for link in graph.links:
        lines += _link_lines(link, graph)
    if not graph.links:
        lines.append(_INDENT + "none")
    return "\n".join(lines) + "\n"


def _cluster_line(cluster: Cluster) -> str:
    counts = ", ".join(
        (
            _count(len(cluster.roles), "role"),
            _count(len(cluster.api_keys), "cross-cluster API key"),
            _count(len(cluster.principals), "principal"),
        )
    )
    return f"{cluster.name} (directory `{cluster.directory}`): {counts}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _link_lines(link: RemoteLink, graph: Graph) -> list[str]:
    remote = link.remote.value or "?"
    outside = link.remote.value and link.remote.value not in graph.clusters
    where = " (outside the workspace)" if outside else ""
    model = link.model.value.value
    if not link.model.certain and link.model.value is not SecurityModel.UNKNOWN:
        model += " (inferred)"
    key = link.api_key.value.name.value if link.api_key.value else "none"
    detail = _INDENT * 2
    return [
        f"{_INDENT}{link.local} --{link.alias}--> {remote}{where}",
        f"{detail}{_connection(link)}",
        f"{detail}remote: {remote}: {link.remote.reason}",
        f"{detail}model: {model}: {link.model.reason}",
        f"{detail}API key: {key}: {link.api_key.reason}",
    ]


def _connection(link: RemoteLink) -> str:
    dials = ", ".join(map(_endpoint, link.endpoints))
    state = "enabled" if link.enabled else "disabled"
    return f"{link.mode} mode, {state}, dials {dials or 'nothing'}"


def _endpoint(endpoint: Endpoint) -> str:
    invalid = " (invalid)" if endpoint.problem is not None else ""
    return format_endpoint(endpoint) + invalid
