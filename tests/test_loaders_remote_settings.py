"""RC002 for remote cluster alias settings Elasticsearch rejects: addresses
it cannot parse, settings of the other connection mode."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from linter.loading import load_cluster
from linter.source import Problem

Workspace = Callable[[dict[str, str]], Path]


def problems_of(workspace: Workspace, files: dict[str, str]) -> list[str]:
    workspace(files)
    return lines(load_cluster("eu").problems)


def lines(problems: Iterable[Problem]) -> list[str]:
    return [
        f"{p.span.file}:{p.span.start.row}:{p.span.start.column}: {p.code} {p.message}"
        for p in problems
    ]


def test_seeds_elasticsearch_cannot_parse_are_reported_at_each_one(
    workspace: Workspace,
) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu
            cluster.remote.q.seeds: ["h", "h:abc", "h:99999", "a:b:c", "h:0"]
            cluster.remote.r.seeds: "[::1]:9300, ::1:9301, h:9300, ${HOST}, h:${PORT}"
            """
    }

    assert problems_of(workspace, files) == [
        "eu/elasticsearch.yml:2:26: RC002 `cluster.remote.q.seeds` has an invalid "
        "address `h`: remote hosts need to be configured as [host:port], found [h] "
        "instead",
        "eu/elasticsearch.yml:2:31: RC002 `cluster.remote.q.seeds` has an invalid "
        "address `h:abc`: failed to parse port",
        "eu/elasticsearch.yml:2:40: RC002 `cluster.remote.q.seeds` has an invalid "
        "address `h:99999`: port out of range:99999, so Elasticsearch never "
        "connects to it",
        "eu/elasticsearch.yml:2:51: RC002 `cluster.remote.q.seeds` has an invalid "
        "address `a:b:c`: failed to parse port (the port follows the last `:`; "
        "write an IPv6 host in brackets, as in `[::1]:9300`)",
        "eu/elasticsearch.yml:2:60: RC002 `cluster.remote.q.seeds` has an invalid "
        "address `h:0`: port number must be > 0 but was: [0]",
    ]


def test_proxy_addresses_are_one_address_each(workspace: Workspace) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.remote.p.mode: proxy
            cluster.remote.p.proxy_address: "p1:9443,p2:9443"
            cluster.remote.o.mode: proxy
            cluster.remote.o.proxy_address: ""
            cluster.remote.s.proxy: "gateway"
            """
    }

    assert problems_of(workspace, files) == [
        "eu/elasticsearch.yml:2:33: RC002 `cluster.remote.p.proxy_address` has an "
        "invalid address `p1:9443,p2:9443`: unknown host [p1:9443,p2] (the port "
        "follows the last `:`; write an IPv6 host in brackets, as in "
        "`[::1]:9300`)",
        "eu/elasticsearch.yml:5:25: RC002 `cluster.remote.s.proxy` has an invalid "
        "address `gateway`: remote hosts need to be configured as [host:port], "
        "found [gateway] instead",
    ]


def test_settings_of_the_other_mode_are_reported_at_their_value(
    workspace: Workspace,
) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.remote.p.proxy_address: "h:9300"
            cluster.remote.p.server_name: h
            cluster.remote.s.mode: PROXY
            cluster.remote.s.seeds: ["h:9300"]
            cluster.remote.s.node_connections: 3
            cluster.remote.ok.mode: proxy
            cluster.remote.ok.proxy_address: "h:9300"
            cluster.remote.ok.proxy_socket_connections: 18
            cluster.remote.v.mode: ${MODE}
            cluster.remote.v.seeds: ["h:9300"]
            cluster.remote.v.proxy_address: "h:9300"
            """
    }

    assert problems_of(workspace, files) == [
        "eu/elasticsearch.yml:1:33: RC002 `cluster.remote.p.proxy_address` cannot "
        "be used with the configured `cluster.remote.p.mode` [required=PROXY, "
        "configured=SNIFF]; `cluster.remote.p.mode` is sniff by default",
        "eu/elasticsearch.yml:2:31: RC002 `cluster.remote.p.server_name` cannot be "
        "used with the configured `cluster.remote.p.mode` [required=PROXY, "
        "configured=SNIFF]; `cluster.remote.p.mode` is sniff by default",
        "eu/elasticsearch.yml:4:25: RC002 `cluster.remote.s.seeds` cannot be used "
        "with the configured `cluster.remote.s.mode` [required=SNIFF, "
        "configured=PROXY]",
        "eu/elasticsearch.yml:5:36: RC002 `cluster.remote.s.node_connections` "
        "cannot be used with the configured `cluster.remote.s.mode` "
        "[required=SNIFF, configured=PROXY]",
    ]


def test_the_mode_in_force_decides_across_sources(workspace: Workspace) -> None:
    files = {
        "eu/elasticsearch.yml": 'cluster.remote.us.seeds: ["us-node1:9300"]\n',
        "eu/cluster-settings.json": """
            {"persistent": {"cluster.remote.us.mode": "proxy",
                            "cluster.remote.us.proxy_address": "proxy:9300"}}
            """,
    }

    assert problems_of(workspace, files) == [
        "eu/elasticsearch.yml:1:26: RC002 `cluster.remote.us.seeds` cannot be used "
        "with the configured `cluster.remote.us.mode` [required=SNIFF, "
        "configured=PROXY]",
    ]


def test_an_unknown_mode_is_reported_once_by_the_schema(workspace: Workspace) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.remote.m.mode: foo
            cluster.remote.m.seeds: ["h:9300"]
            cluster.remote.m.proxy_address: "h:9300"
            """
    }

    assert problems_of(workspace, files) == [
        "eu/elasticsearch.yml:1:24: RC002 `cluster.remote.m.mode` must be `sniff` "
        "or `proxy`, found `foo`",
    ]


def test_an_overridden_address_is_still_checked_where_written(
    workspace: Workspace,
) -> None:
    files = {
        "eu/elasticsearch.yml": 'cluster.remote.us.seeds: ["us-node1"]\n',
        "eu/cluster-settings.json": """
            {"transient": {"cluster.remote.us.seeds": ["us-node1:930O"]}}
            """,
    }

    assert problems_of(workspace, files) == [
        "eu/elasticsearch.yml:1:27: RC002 `cluster.remote.us.seeds` has an invalid "
        "address `us-node1`: remote hosts need to be configured as [host:port], "
        "found [us-node1] instead",
        "eu/cluster-settings.json:1:44: RC002 `cluster.remote.us.seeds` has an "
        "invalid address `us-node1:930O`: failed to parse port",
    ]
