"""The graph's own queries."""

from __future__ import annotations

from linter.model import Cluster, Graph, Settings


def cluster(name: str, directory: str) -> Cluster:
    return Cluster(
        name=name,
        directory=directory,
        config_file=f"{directory}/elasticsearch.yml",
        name_origin=None,
        settings=Settings({}),
    )


def test_a_file_belongs_to_the_innermost_cluster_directory() -> None:
    outer, inner = cluster("outer", "fleet/eu"), cluster("inner", "fleet/eu/archive")
    graph = Graph({"outer": outer, "inner": inner}, links=(), problems=())

    assert graph.cluster_of("fleet/eu/archive/roles/x.json") == "inner"
    assert graph.cluster_of("fleet/eu/roles.yml") == "outer"
    assert graph.cluster_of("fleet/eu-west/roles.yml") is None
