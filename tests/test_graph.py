"""The graph builder: alias parsing, the three resolutions of each link, the
assembled graph and its ``--show-graph`` text.

Most clusters are built by hand, so those tests pin the graph stage alone;
their spans point into the one-setting-a-line ``elasticsearch.yml`` they
describe. The last test reads a workspace from disk through the loaders.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

import pytest
from graph_records import (
    EU_LINK,
    Values,
    api_key,
    at,
    graph_of,
    loaded,
    only_link,
)

from linter.config import Config
from linter.errors import ConfigurationError
from linter.graph_remote import HOST_SETTINGS
from linter.graph_text import describe
from linter.links import port_ranges
from linter.loading import LoadedCluster
from linter.model import (
    ClusterDeclaration,
    CrossClusterApiKey,
    Endpoint,
    Graph,
    LinkDeclaration,
    RemoteLink,
    SecurityModel,
)
from linter.source import Document, Problem

Files = Mapping[str, str]


# --- alias parsing ----------------------------------------------------------


def test_sniff_alias_with_ipv6_seeds() -> None:
    values = {"cluster.remote.us.seeds": ["[::1]:9300", "[fe80::2]:9301"]}

    link = only_link(graph_of(loaded("eu", values)))

    file = "eu/elasticsearch.yml"
    assert (link.local, link.alias, link.mode, link.enabled) == (
        "eu",
        "us",
        "sniff",
        True,
    )
    assert link.alias_span == at(file, 1, 1, 24)
    assert link.endpoints == (
        Endpoint("::1", 9300, at(file, 1, 27, 37), "[::1]:9300"),
        Endpoint("fe80::2", 9301, at(file, 1, 39, 53), "[fe80::2]:9301"),
    )


def test_comma_separated_seeds_share_the_string_span() -> None:
    values = {"cluster.remote.us.seeds": "us-node1:9300, us-node2:9301"}

    link = only_link(graph_of(loaded("eu", values)))

    span = at("eu/elasticsearch.yml", 1, 26, 54)
    assert link.endpoints == (
        Endpoint("us-node1", 9300, span, "us-node1:9300"),
        Endpoint("us-node2", 9301, span, "us-node2:9301"),
    )


def test_proxy_mode_is_case_insensitive_and_dials_the_proxy_address() -> None:
    values = {
        "cluster.remote.us.skip_unavailable": "true",
        "cluster.remote.us.mode": "PROXY",
        "cluster.remote.us.seeds": ["ignored:9300"],
        "cluster.remote.us.proxy_address": "proxy.example.com:9443",
    }

    link = only_link(graph_of(loaded("eu", values)))

    file = "eu/elasticsearch.yml"
    assert (link.mode, link.enabled) == ("proxy", True)
    assert link.alias_span == at(file, 4, 1, 32)
    endpoint = Endpoint(
        "proxy.example.com", 9443, at(file, 4, 34, 56), "proxy.example.com:9443"
    )
    assert link.endpoints == (endpoint,)


def test_alias_without_seeds_is_disabled_and_spans_its_first_setting() -> None:
    values = {
        "cluster.remote.us.skip_unavailable": "true",
        "cluster.remote.us.transport.compress": "true",
    }

    link = only_link(graph_of(loaded("eu", values)))

    assert (link.mode, link.enabled, link.endpoints) == ("sniff", False, ())
    assert link.alias_span == at("eu/elasticsearch.yml", 1, 1, 35)


def test_proxy_alias_without_proxy_address_is_disabled() -> None:
    values = {"cluster.remote.us.mode": "proxy", "cluster.remote.us.seeds": ["a:1"]}

    link = only_link(graph_of(loaded("eu", values)))

    assert (link.mode, link.enabled, link.endpoints) == ("proxy", False, ())
    assert link.alias_span == at("eu/elasticsearch.yml", 1, 1, 23)


def test_placeholder_mode_with_only_a_proxy_address_is_proxy() -> None:
    values = {
        "cluster.remote.us.mode": "${MODE}",
        "cluster.remote.us.proxy_address": "proxy:9443",
    }

    link = only_link(graph_of(loaded("eu", values)))

    assert (link.mode, link.enabled) == ("proxy", True)


def test_global_remote_settings_are_not_aliases() -> None:
    values = {
        "cluster.remote.initial_connect_timeout": "30s",
        "cluster.remote.node.attr": "gateway",
        "cluster.remote.connections_per_cluster": "3",
        "cluster.remote.us.unknown_key": "x",
    }

    assert graph_of(loaded("eu", values)).links == ()


def test_keystore_credentials_alone_name_an_alias() -> None:
    keystore = ["keystore.seed", "cluster.remote.us.credentials"]

    link = only_link(graph_of(loaded("eu", keystore=keystore)))

    span = at("eu/elasticsearch.keystore.list", 2, 1, 30)
    assert (link.alias, link.enabled, link.alias_span) == ("us", False, span)
    assert link.credentials == span


def test_placeholder_host_keeps_the_alias_enabled_but_does_not_resolve() -> None:
    values = {"cluster.remote.us.seeds": ["${US_SEED}:9443"]}
    remote = loaded("us-prod", {"network.host": "${US_SEED}"})

    link = only_link(graph_of(loaded("eu", values), remote))

    assert link.enabled
    assert link.remote.value is None
    assert link.remote.reason == (
        "no workspace cluster is named `us` and the alias dials no known host; "
        "it is outside the workspace"
    )


# --- alias to cluster ---------------------------------------------------------


def test_remote_from_the_links_table() -> None:
    config = Config(links={("eu", "us"): LinkDeclaration(cluster="us-prod")})
    clusters = (loaded("eu", EU_LINK), loaded("us-prod"), loaded("us"))

    link = only_link(graph_of(*clusters, config=config))

    assert link.remote.value == "us-prod"
    assert link.remote.certain
    assert link.remote.reason == "[links.eu.us] names cluster `us-prod`"


def test_links_table_cluster_outside_the_workspace_is_still_the_remote() -> None:
    config = Config(links={("eu", "us"): LinkDeclaration(cluster="us-prod")})

    link = only_link(graph_of(loaded("eu", EU_LINK), config=config))

    assert link.remote.value == "us-prod"
    assert link.remote.certain
    assert link.remote.reason == (
        "[links.eu.us] names cluster `us-prod`, outside the workspace"
    )


def test_links_table_quotes_keys_toml_would_not_take_bare() -> None:
    config = Config(links={("eu.prod", "us"): LinkDeclaration(cluster="x")})

    link = only_link(graph_of(loaded("eu.prod", EU_LINK), config=config))

    assert link.remote.reason == (
        '[links."eu.prod".us] names cluster `x`, outside the workspace'
    )


def test_reasons_name_the_pyproject_table_in_pyproject_toml() -> None:
    config = Config(path="pyproject.toml")
    values = {"cluster.remote.us.seeds": ["a:9443", "b:9443"]}
    first = loaded("one", {"network.host": "a"})
    second = loaded("two", {"network.host": "b"})

    link = only_link(graph_of(loaded("eu", values), first, second, config=config))

    assert link.remote.reason.endswith(
        "name the cluster in [tool.rclint.links.eu.us] cluster"
    )


def test_remote_named_like_the_alias() -> None:
    remote = loaded("us", {"network.host": "us-node1"})
    other = loaded("other", {"network.host": "us-node1"})

    link = only_link(graph_of(loaded("eu", EU_LINK), remote, other))

    assert link.remote.value == "us"
    assert link.remote.reason == "a workspace cluster has the alias's name"


@pytest.mark.parametrize("key", HOST_SETTINGS)
def test_remote_by_a_host_setting(key: str) -> None:
    remote = loaded("us-prod", {key: ["${HOST}", "10.0.0.9", "US-Node1"]})
    other = loaded("other", {key: "10.0.0.8"})

    link = only_link(graph_of(loaded("eu", EU_LINK), remote, other))

    assert link.remote.value == "us-prod"
    assert link.remote.reason == (f"the alias dials `us-node1`, a `{key}` of `us-prod`")


def test_remote_by_the_proxy_address_host_and_ipv6_brackets() -> None:
    values = {
        "cluster.remote.us.mode": "proxy",
        "cluster.remote.us.proxy_address": "[fd00::7]:9443",
    }
    remote = loaded("us-prod", {"remote_cluster.publish_host": "[FD00::7]"})

    link = only_link(graph_of(loaded("eu", values), remote))

    assert link.remote.value == "us-prod"
    assert link.remote.reason == (
        "the alias dials `fd00::7`, a `remote_cluster.publish_host` of `us-prod`"
    )


def test_ambiguous_hosts_resolve_to_no_cluster() -> None:
    values = {"cluster.remote.us.seeds": ["us-a:9443", "us-b:9443"]}
    first = loaded("us-one", {"network.host": "us-a"})
    second = loaded("us-two", {"transport.publish_host": "us-b"})

    link = only_link(graph_of(loaded("eu", values), first, second))

    assert link.remote.value is None
    assert link.remote.reason == (
        "ambiguous: the hosts and ports the alias dials match clusters `us-one`, "
        "`us-two`; name the cluster in [links.eu.us] cluster"
    )


def test_hosts_stay_ambiguous_when_no_cluster_listens_on_the_port() -> None:
    values = {"cluster.remote.us.seeds": ["us-a:9999", "us-b:9999"]}
    first = loaded("us-one", {"network.host": "us-a"})
    second = loaded("us-two", {"transport.publish_host": "us-b"})

    link = only_link(graph_of(loaded("eu", values), first, second))

    assert link.remote.value is None
    assert link.remote.reason == (
        "ambiguous: the hosts the alias dials match clusters `us-one`, `us-two`; "
        "name the cluster in [links.eu.us] cluster"
    )


def test_an_alias_never_resolves_to_its_own_cluster_by_host() -> None:
    values = {"network.host": "127.0.0.1", "cluster.remote.r.seeds": ["127.0.0.1:9444"]}
    remote = loaded("b", {"network.host": "127.0.0.1", "transport.port": "9301"})

    link = only_link(graph_of(loaded("a", values), remote))

    assert link.remote.value == "b"
    assert link.remote.reason == (
        "the alias dials `127.0.0.1`, a `network.host` of `b`"
    )


def test_the_only_host_match_is_the_local_cluster() -> None:
    values = {"network.host": "127.0.0.1", "cluster.remote.r.seeds": ["127.0.0.1:9444"]}

    link = only_link(graph_of(loaded("a", values)))

    assert link.remote.value is None
    assert link.remote.reason == (
        "no workspace cluster is named `r` or lists `127.0.0.1`; "
        "it is outside the workspace"
    )


LOCALHOST_PORTS = {"remote_cluster.port": "9445", "transport.port": "9301"}


@pytest.mark.parametrize(
    ("port", "candidate", "how"),
    [
        (
            9444,
            {"remote_cluster.port": "9444"},
            "matches its `remote_cluster.port` `9444`",
        ),
        (9302, {"transport.port": "9302"}, "matches its `transport.port` `9302`"),
        (
            9350,
            {"transport.port": "9310-9400"},
            "matches its `transport.port` `9310-9400`",
        ),
        (
            9500,
            {"transport.port": "9300, 9500-9510"},
            "matches its `transport.port` `9300, 9500-9510`",
        ),
        (9443, {}, "matches its default `remote_cluster.port` `9443`"),
        (9400, {}, "matches its default `transport.port` `9300-9400`"),
        (
            9444,
            {"remote_cluster.port": "${P}"},
            "may match its `remote_cluster.port` `${P}`",
        ),
    ],
)
def test_clusters_on_one_host_are_told_apart_by_port(
    port: int, candidate: Values, how: str
) -> None:
    values = {"cluster.remote.r.seeds": ["other:1", f"LOCALHOST:{port}"]}
    other = loaded("c", {"network.host": "localhost", **LOCALHOST_PORTS})
    remote = loaded("b", {"network.host": "localhost", **candidate})

    link = only_link(graph_of(loaded("a", values), other, remote))

    assert link.remote.value == "b"
    assert link.remote.reason == (
        f"the alias dials `LOCALHOST:{port}`, a `network.host` of `b`, and port "
        f"{port} {how}"
    )


def test_a_placeholder_port_may_match() -> None:
    values = {"cluster.remote.r.seeds": ["localhost:9444"]}
    other = loaded("b", {"network.host": "localhost", "remote_cluster.port": "9444"})
    remote = loaded("c", {"network.host": "localhost", "transport.port": "${PORT}"})
    third = loaded("d", {"network.host": "localhost", "remote_cluster.port": "9445"})

    link = only_link(graph_of(loaded("a", values), other, remote, third))

    assert link.remote.value is None
    assert link.remote.reason == (
        "ambiguous: the hosts and ports the alias dials match clusters `b`, `c`; "
        "name the cluster in [links.a.r] cluster"
    )


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("9300", (range(9300, 9301),)),
        (" 9300 - 9400 ", (range(9300, 9401),)),
        ("9300,9400-9402", (range(9300, 9301), range(9400, 9403))),
        ("${PORT}", None),
        ("", None),
        ("9300-", None),
        ("\uff19\uff13\uff10\uff10", None),
    ],
)
def test_port_ranges(text: str, ranges: tuple[range, ...] | None) -> None:
    assert port_ranges(text) == ranges


def test_remote_outside_the_workspace() -> None:
    values = {"cluster.remote.us.seeds": ["us-a:9443", "us-b:9443", "us-a:9444"]}
    other = loaded("other", {"network.host": "10.0.0.1"})

    link = only_link(graph_of(loaded("eu", values), other))

    assert link.remote.value is None
    assert link.remote.reason == (
        "no workspace cluster is named `us` or lists `us-a`, `us-b`; "
        "it is outside the workspace"
    )


LISTING_HINT = (
    "adding `elasticsearch.keystore.list` (the output of "
    "`bin/elasticsearch-keystore list`) to `eu` makes it certain"
)


# --- alias to API key ---------------------------------------------------------


def _api_key_link(keys: Sequence[CrossClusterApiKey], config: Config) -> RemoteLink:
    local = loaded("eu", EU_LINK, keystore=["cluster.remote.us.credentials"])
    remote = loaded("us-prod", {"network.host": "us-node1"}, keys=keys)
    return only_link(graph_of(local, remote, config=config))


def _links(**declared: str) -> Config:
    return Config(links={("eu", "us"): LinkDeclaration(**declared)})


def test_api_key_from_the_links_table() -> None:
    keys = [api_key("us-prod", "eu"), api_key("us-prod", "search")]

    link = _api_key_link(keys, _links(api_key="search"))

    assert link.api_key.value == keys[1]
    assert link.api_key.reason == "[links.eu.us] names API key `search`"


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        (
            [api_key("us-prod", "eu")],
            "which `us-prod` does not define; "
            "add the key's definition to `us-prod/api_keys/`",
        ),
        (
            [api_key("us-prod", "search", invalidated=True)],
            "which `us-prod` has invalidated; "
            "name an active key in [links.eu.us] api-key",
        ),
    ],
)
def test_links_table_api_key_missing_on_the_remote(
    keys: Sequence[CrossClusterApiKey], problem: str
) -> None:
    link = _api_key_link(keys, _links(api_key="search"))

    assert link.api_key.value is None
    assert link.api_key.reason == f"[links.eu.us] names API key `search`, {problem}"


def test_api_key_named_like_the_local_cluster() -> None:
    keys = [
        api_key("us-prod", "eu", invalidated=True),
        api_key("us-prod", "other"),
        api_key("us-prod", "eu", row=2),
    ]

    link = _api_key_link(keys, Config())

    assert link.api_key.value == keys[2]
    assert link.api_key.reason == (
        "`us-prod`'s cross-cluster API key `eu` has the local cluster's name"
    )


def test_api_key_named_like_the_alias() -> None:
    keys = [api_key("us-prod", "other"), api_key("us-prod", "us")]

    link = _api_key_link(keys, Config())

    assert link.api_key.value == keys[1]
    assert link.api_key.reason == (
        "`us-prod`'s cross-cluster API key `us` has the alias's name"
    )


def test_keys_named_like_both_the_local_cluster_and_the_alias_are_not_guessed() -> None:
    keys = [api_key("us-prod", "us"), api_key("us-prod", "eu")]

    link = _api_key_link(keys, Config())

    assert link.api_key.value is None
    assert link.api_key.reason == (
        "`us-prod` defines a cross-cluster API key named `eu`, like the local "
        "cluster, and another named `us`, like the alias; name the key the alias "
        "uses in [links.eu.us] api-key"
    )


def test_a_key_named_like_both_the_local_cluster_and_the_alias() -> None:
    local = loaded("eu", {"cluster.remote.eu.seeds": ["us-node1:9443"]})
    remote = loaded("us-prod", keys=[api_key("us-prod", "eu")])
    config = Config(links={("eu", "eu"): LinkDeclaration(cluster="us-prod")})

    link = only_link(graph_of(local, remote, config=config))

    assert link.api_key.reason == (
        "`us-prod`'s cross-cluster API key `eu` has the local cluster's name"
    )


def test_the_only_api_key_of_the_remote() -> None:
    keys = [api_key("us-prod", "old", invalidated=True), api_key("us-prod", "ccs")]

    link = _api_key_link(keys, Config())

    assert link.api_key.value == keys[1]
    assert link.api_key.reason == "`ccs` is `us-prod`'s only cross-cluster API key"


def test_unknown_api_key_among_several() -> None:
    keys = [api_key("us-prod", name) for name in ("a", "b", "c")]

    link = _api_key_link(keys, Config())

    assert link.api_key.value is None
    assert link.api_key.reason == (
        "`us-prod` defines 3 cross-cluster API keys and none is named `eu` or "
        "`us`; name the key in [links.eu.us] api-key"
    )


@pytest.mark.parametrize(
    ("keys", "reason"),
    [
        (
            [],
            "`us-prod` defines no cross-cluster API key; "
            "add the key's definition to `us-prod/api_keys/`",
        ),
        (
            [api_key("us-prod", "eu", invalidated=True)],
            "`us-prod` defines no cross-cluster API key that is not invalidated; "
            "add the key's definition to `us-prod/api_keys/`",
        ),
    ],
)
def test_remote_without_api_keys(
    keys: Sequence[CrossClusterApiKey], reason: str
) -> None:
    link = _api_key_link(keys, Config())

    assert link.api_key.value is None
    assert link.api_key.reason == reason


def test_no_api_key_for_certificate_links_or_remotes_outside() -> None:
    keystore = ["cluster.remote.us.credentials"]
    values = {**EU_LINK, "cluster.remote.cert.seeds": ["us-node1:9443"]}
    config = _links(cluster="us-prod", api_key="eu")

    cert, outside = graph_of(
        loaded("eu", values, keystore=keystore), config=config
    ).links

    assert (cert.api_key.value, cert.api_key.reason) == (
        None,
        "a certificate link uses no API key",
    )
    assert (outside.api_key.value, outside.api_key.reason) == (
        None,
        "`us-prod` is outside the workspace",
    )


def test_no_api_key_for_an_unknown_remote() -> None:
    local = loaded("eu", EU_LINK, keystore=["cluster.remote.us.credentials"])

    link = only_link(graph_of(local))

    assert link.api_key.value is None
    assert link.api_key.reason == "the remote cluster is unknown, and so is its key"


# --- the graph ----------------------------------------------------------------


def test_duplicate_cluster_names_are_a_configuration_error() -> None:
    first = loaded("eu-prod", directory="a/eu")
    second = loaded("eu-prod", directory="b/eu")

    with pytest.raises(ConfigurationError) as raised:
        graph_of(first, second)

    assert str(raised.value) == (
        "two cluster directories are named `eu-prod`: `a/eu` and `b/eu`; "
        "set a distinct `cluster.name` in one of their elasticsearch.yml"
    )


def test_graph_gathers_clusters_sources_secrets_and_problems() -> None:
    secret = at("us/users/u.json", 2, 12, 20)
    problem = Problem("RC001", "bad", at("us/roles.yml", 1, 1, 2))
    other = Problem("RC002", "worse", at("us/users/u.json", 1, 1, 2))
    document = Document("us/users/u.json", "{}\n", None, (other,), (secret,))
    us = loaded(
        "us", {"cluster.remote.b.seeds": "x:1", "cluster.remote.a.seeds": "y:1"}
    )
    us = LoadedCluster(us.cluster, (*us.sources, document.source), (problem, other))
    declarations = {"us": ClusterDeclaration(public_ca=True)}

    graph = graph_of(us, loaded("eu"), config=Config(clusters=declarations))

    assert list(graph.clusters) == ["eu", "us"]
    assert [(link.local, link.alias) for link in graph.links] == [
        ("us", "a"),
        ("us", "b"),
    ]
    assert graph.problems == (problem, other)
    assert graph.secrets == (secret,)
    assert graph.declarations == declarations
    assert graph.sources == {
        "us/elasticsearch.yml": (
            "cluster.remote.b.seeds: x:1\ncluster.remote.a.seeds: y:1\n"
        ),
        "us/users/u.json": "{}\n",
        "eu/elasticsearch.yml": "\n",
    }


def test_each_resolution_is_logged_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="linter.graph")

    graph_of(loaded("eu", {"cluster.remote.us.seeds": ["us-node1:9300"]}))

    assert [record.getMessage() for record in caplog.records] == [
        "eu --us--> remote: None (no workspace cluster is named `us` or lists "
        "`us-node1`; it is outside the workspace)",
        "eu --us--> model: certificate (the model was inferred from the port the "
        "alias dials, 9300: not the remote cluster server port, 9443 (the default "
        f"`remote_cluster.port`); {LISTING_HINT})",
        "eu --us--> API key: None (a certificate link uses no API key)",
    ]


def test_links_tables_that_name_no_alias_are_warned_of(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="linter.graph")
    declared = LinkDeclaration(cluster="beta")
    config = Config(
        links={
            ("alpha", "us"): declared,
            ("alpha", "zz"): declared,
            ("gamma", "us"): declared,
        },
        clusters={"delta": ClusterDeclaration(public_ca=True)},
    )

    graph_of(loaded("alpha", EU_LINK), config=config)

    tables = [
        (r.levelname, r.getMessage())
        for r in caplog.records
        if r.getMessage().startswith("configuration table")
    ]
    assert tables == [
        (
            "WARNING",
            "configuration table [links.alpha.zz] names alias `zz`, which "
            "cluster `alpha` does not configure",
        ),
        (
            "DEBUG",
            "configuration table [links.gamma.us] names cluster `gamma`, which "
            "is not among the clusters linted",
        ),
    ]


# --- the --show-graph text ------------------------------------------------------


def test_describe() -> None:
    keystore = ["cluster.remote.us.credentials"]
    eu_values = {
        "cluster.remote.us.seeds": ["us-node1:9443", "[::1]:9443"],
        "cluster.remote.old.mode": "proxy",
        "cluster.remote.old.proxy_address": "old.example.com:9300",
        "cluster.remote.off.skip_unavailable": "true",
    }
    eu = loaded("eu-prod", eu_values, directory="eu", keystore=keystore)
    us = loaded(
        "us-prod",
        {"network.host": "us-node1"},
        directory="us",
        keys=[api_key("us-prod", "eu-prod")],
    )
    config = _links_for("eu-prod", "old", "legacy")

    text = describe(graph_of(eu, us, config=config))

    assert text == (
        "Clusters (2)\n"
        "  eu-prod (directory `eu`): 0 roles, 0 cross-cluster API keys, 0 principals\n"
        "  us-prod (directory `us`): 0 roles, 1 cross-cluster API key, 0 principals\n"
        "\n"
        "Links (3)\n"
        "  eu-prod --off--> ?\n"
        "    sniff mode, disabled, dials nothing\n"
        "    remote: ?: no workspace cluster is named `off` and the alias dials"
        " no known host; it is outside the workspace\n"
        "    model: certificate: `eu/elasticsearch.keystore.list` does not list"
        " `cluster.remote.off.credentials`\n"
        "    API key: none: a certificate link uses no API key\n"
        "  eu-prod --old--> legacy (outside the workspace)\n"
        "    proxy mode, enabled, dials old.example.com:9300\n"
        "    remote: legacy: [links.eu-prod.old] names cluster `legacy`,"
        " outside the workspace\n"
        "    model: certificate: `eu/elasticsearch.keystore.list` does not list"
        " `cluster.remote.old.credentials`\n"
        "    API key: none: a certificate link uses no API key\n"
        "  eu-prod --us--> us-prod\n"
        "    sniff mode, enabled, dials us-node1:9443, [::1]:9443\n"
        "    remote: us-prod: the alias dials `us-node1`, a `network.host` of"
        " `us-prod`\n"
        "    model: API key: `eu/elasticsearch.keystore.list` lists"
        " `cluster.remote.us.credentials`\n"
        "    API key: eu-prod: `us-prod`'s cross-cluster API key `eu-prod` has"
        " the local cluster's name\n"
    )


def test_describe_marks_inferred_models_and_an_empty_workspace() -> None:
    link_text = describe(graph_of(loaded("eu", EU_LINK)))
    empty_text = describe(graph_of())

    assert "    model: API key (inferred): the model was inferred" in link_text
    assert empty_text == "Clusters (0)\n\nLinks (0)\n  none\n"


def test_describe_shows_an_unknown_model_as_is() -> None:
    local = loaded("eu", {"cluster.remote.us.seeds": ["${REMOTE}"]})

    text = describe(graph_of(local))

    assert text.splitlines()[-2:] == [
        "    model: unknown: the model could not be inferred, as the port of "
        f"`${{REMOTE}}` is unknown; {LISTING_HINT}",
        "    API key: none: the security model is unknown, and so is the key",
    ]


def _links_for(local: str, alias: str, cluster: str) -> Config:
    return Config(links={(local, alias): LinkDeclaration(cluster=cluster)})


# --- through the loaders --------------------------------------------------------


def test_graph_of_a_workspace_on_disk(build_graph: Callable[[Files], Graph]) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster:
              remote:
                us:
                  seeds:
                    - us-node1:9443
                old.mode: proxy
                old.proxy_address: old.example.com:9300
            cluster.remote.initial_connect_timeout: 30s
            """,
        "eu/cluster-settings.json": """
            {"persistent": {"cluster.remote.old.proxy_address": "legacy:9300"}}
            """,
        "eu/elasticsearch.keystore.list": """
            keystore.seed
            cluster.remote.us.credentials
            """,
        "us/elasticsearch.yml": """
            cluster.name: us-prod
            network.host: [us-node1, 10.0.0.2]
            """,
        "us/api_keys/eu.yml": """
            name: eu-prod
            access:
              search:
                - names: [logs-*]
            """,
    }

    old, us = build_graph(files).links

    assert (old.alias, old.mode, old.remote.value) == ("old", "proxy", None)
    assert old.alias_span == at("eu/cluster-settings.json", 1, 17, 51)
    assert old.endpoints == (
        Endpoint(
            "legacy", 9300, at("eu/cluster-settings.json", 1, 53, 66), "legacy:9300"
        ),
    )
    assert old.model.value is SecurityModel.CERTIFICATE
    assert (us.local, us.alias, us.remote.value) == ("eu-prod", "us", "us-prod")
    assert us.alias_span == at("eu/elasticsearch.yml", 5, 7, 12)
    assert us.endpoints == (
        Endpoint(
            "us-node1", 9443, at("eu/elasticsearch.yml", 6, 11, 24), "us-node1:9443"
        ),
    )
    assert us.credentials == at("eu/elasticsearch.keystore.list", 2, 1, 30)
    assert us.api_key.value is not None
    assert us.api_key.value.name.value == "eu-prod"


def test_two_clusters_on_one_host(build_graph: Callable[[Files], Graph]) -> None:
    files = {
        "a/elasticsearch.yml": """
            cluster.name: a
            network.host: 127.0.0.1
            cluster.remote.r.seeds: ["127.0.0.1:9444"]
            """,
        "b/elasticsearch.yml": """
            cluster.name: b
            network.host: 127.0.0.1
            remote_cluster.port: 9444
            transport.port: 9301
            """,
    }

    graph = build_graph(files)

    assert describe(graph).splitlines()[-5:] == [
        "  a --r--> b",
        "    sniff mode, enabled, dials 127.0.0.1:9444",
        "    remote: b: the alias dials `127.0.0.1`, a `network.host` of `b`",
        "    model: API key (inferred): the model was inferred from the port the "
        "alias dials: the remote cluster server port, 9444 (the "
        "`remote_cluster.port` of `b`); adding "
        "`elasticsearch.keystore.list` (the output of `bin/elasticsearch-keystore "
        "list`) to `a` makes it certain",
        "    API key: none: `b` defines no cross-cluster API key; add the key's "
        "definition to `b/api_keys/`",
    ]
