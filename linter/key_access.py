"""What a cross-cluster API key can grant at all, whatever its names: the
facts the RC40x rules and the editor's hover both read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from linter.model import AccessKind
from linter.patterns import pattern_error

# The index privileges the cross-cluster API key builder gives each access
# entry, by kind; no other index privilege ever reaches a remote index.
KEY_INDEX_PRIVILEGES: Mapping[AccessKind, tuple[str, ...]] = {
    AccessKind.SEARCH: ("read", "read_cross_cluster", "view_index_metadata"),
    AccessKind.REPLICATION: (
        "cross_cluster_replication",
        "cross_cluster_replication_internal",
    ),
}

# Local privileges that share some actions with a key kind without being one
# of its privileges: the remote keeps the shared part and drops the rest.
PARTIAL_OVERLAP: Mapping[str, frozenset[AccessKind]] = {
    "all": frozenset(AccessKind),
    "manage": frozenset({AccessKind.SEARCH}),
    "monitor": frozenset({AccessKind.REPLICATION}),
}

# What a key needs to carry each remote_cluster privilege. In
# elastic/elasticsearch, CrossClusterApiKeyRoleDescriptorBuilder gives a key's
# `cross_cluster` descriptor the cluster privileges `cross_cluster_search` and
# `monitor_enrich` for search access, `cross_cluster_replication` for
# replication; `monitor_stats` is not among them, and ClusterPrivilegeResolver
# does not list `cluster:monitor/stats/remote` under `cross_cluster_search`.
# Yet RemoteClusterSecurityRestStatsIT, written with the privilege, reads
# remote stats through a search-only key for a user holding
# `remote_cluster: monitor_stats`. So a search key counts as carrying both.
# TODO(when a replication-only key is shown to carry remote stats): stop
# reporting `monitor_stats` against replication-only keys.
REMOTE_CLUSTER_NEEDS = {
    "monitor_enrich": AccessKind.SEARCH,
    "monitor_stats": AccessKind.SEARCH,
}

# No index is named "": leaving it out keeps every example a real name.
NO_NAME = ""


def valid(patterns: Iterable[str]) -> list[str]:
    """The patterns Elasticsearch can compile."""
    return [text for text in patterns if pattern_error(text) is None]
