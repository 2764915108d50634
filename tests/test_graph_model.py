"""The security model of each link: the keystore listing, else the ports
the alias dials."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from graph_records import EU_LINK, Values, at, graph_of, loaded, only_link

from linter.graph_text import describe
from linter.model import Graph, SecurityModel

Files = Mapping[str, str]

API_KEY = SecurityModel.API_KEY
CERTIFICATE = SecurityModel.CERTIFICATE
UNKNOWN = SecurityModel.UNKNOWN

LISTING_HINT = (
    "adding `elasticsearch.keystore.list` (the output of "
    "`bin/elasticsearch-keystore list`) to `eu` makes it certain"
)
INFERRED = "the model was inferred from the port"
NOT_INFERRED = "the model could not be inferred, as"
DEFAULT_PORT = (
    "the remote cluster server port, 9443 (the default `remote_cluster.port`)"
)


def test_keystore_listing_credentials_mean_api_key() -> None:
    keystore = ["cluster.remote.us.credentials"]

    link = only_link(graph_of(loaded("eu", EU_LINK, keystore=keystore)))

    assert link.model.value is API_KEY
    assert link.model.certain
    assert link.model.reason == (
        "`eu/elasticsearch.keystore.list` lists `cluster.remote.us.credentials`"
    )
    assert link.credentials == at("eu/elasticsearch.keystore.list", 1, 1, 30)


def test_keystore_listing_without_credentials_means_certificate() -> None:
    keystore = ["cluster.remote.other.credentials"]
    values = {"cluster.remote.us.seeds": ["us-node1:9443"]}

    graph = graph_of(loaded("eu", values, keystore=keystore))

    link = graph.links[1]
    assert link.alias == "us"
    assert link.model.value is CERTIFICATE
    assert link.model.certain
    assert link.credentials is None
    assert link.model.reason == (
        "`eu/elasticsearch.keystore.list` does not list `cluster.remote.us.credentials`"
    )


@pytest.mark.parametrize(
    ("seeds", "remote_values", "model", "reason"),
    [
        (
            ["us-node1:9443"],
            {},
            API_KEY,
            f"{INFERRED} the alias dials: {DEFAULT_PORT}",
        ),
        (
            ["us-node1:9443", "us-node2:9443", "${US_HOST}:9443"],
            {},
            API_KEY,
            f"{INFERRED} the alias dials: {DEFAULT_PORT}",
        ),
        (
            ["us-node1:9500"],
            {"remote_cluster.port": "9500"},
            API_KEY,
            f"{INFERRED} the alias dials: the remote cluster server port, 9500 "
            "(the `remote_cluster.port` of `us`)",
        ),
        (
            ["us-node1:9443"],
            {"remote_cluster.port": "9500"},
            CERTIFICATE,
            f"{INFERRED} the alias dials, 9443: not the remote cluster server "
            "port, 9500 (the `remote_cluster.port` of `us`)",
        ),
        (
            ["us-node1:9300"],
            {},
            CERTIFICATE,
            f"{INFERRED} the alias dials, 9300: not {DEFAULT_PORT}",
        ),
        (
            ["us-node1:9300", "us-node2:9301", "us-node3:9302"],
            {},
            CERTIFICATE,
            f"{INFERRED}s the alias dials, 9300, 9301 and 9302: none is {DEFAULT_PORT}",
        ),
        (
            ["us-node1:9443", "us-node2:9300"],
            {},
            UNKNOWN,
            f"{NOT_INFERRED} the alias dials both {DEFAULT_PORT}, and port 9300",
        ),
        (
            ["us-node1:9300", "us-node2:9443", "us-node3:9301"],
            {},
            UNKNOWN,
            f"{NOT_INFERRED} the alias dials both {DEFAULT_PORT}, and ports 9300 "
            "and 9301",
        ),
        (
            ["us-node1:9500"],
            {"remote_cluster.port": "${PORT}"},
            UNKNOWN,
            f"{NOT_INFERRED} the `remote_cluster.port` of `us` is `${{PORT}}`, not "
            "a known port number",
        ),
        (
            ["us-node1:9443"],
            {"remote_cluster.port": "port"},
            UNKNOWN,
            f"{NOT_INFERRED} the `remote_cluster.port` of `us` is `port`, not a "
            "known port number",
        ),
        (
            ["us-node1:9443"],
            {"remote_cluster.port": "99999"},
            UNKNOWN,
            f"{NOT_INFERRED} the `remote_cluster.port` of `us` is `99999`, not a "
            "known port number",
        ),
        (
            ["us-node1:9443", "us-node2:${PORT}"],
            {},
            UNKNOWN,
            f"{NOT_INFERRED} the port of `us-node2` is unknown",
        ),
        (
            ["${US_ADDRESS}"],
            {},
            UNKNOWN,
            f"{NOT_INFERRED} the port of `${{US_ADDRESS}}` is unknown",
        ),
        (
            ["us-node1", "us-node2:abc", "us-node3:99999"],
            {},
            UNKNOWN,
            f"{NOT_INFERRED} the alias dials no valid endpoint",
        ),
        (
            ["us-node1:99999", "us-node2:9300"],
            {},
            CERTIFICATE,
            f"{INFERRED} the alias dials, 9300: not {DEFAULT_PORT}",
        ),
    ],
)
def test_model_inferred_from_the_ports(
    seeds: list[str], remote_values: Values, model: SecurityModel, reason: str
) -> None:
    local = loaded("eu", {"cluster.remote.us.seeds": seeds})

    link = only_link(graph_of(local, loaded("us", remote_values)))

    assert (link.model.value, link.model.reason) == (model, f"{reason}; {LISTING_HINT}")
    assert not link.model.certain


def test_model_of_an_unknown_remote_is_inferred_from_the_default_port() -> None:
    link = only_link(graph_of(loaded("eu", EU_LINK)))

    assert link.model.value is API_KEY
    assert not link.model.certain


def test_a_proxy_address_infers_the_model_as_seeds_do() -> None:
    values = {
        "cluster.remote.us.mode": "proxy",
        "cluster.remote.us.proxy_address": "proxy:9400",
    }
    remote = loaded("us", {"remote_cluster.port": "9400"})

    link = only_link(graph_of(loaded("eu", values), remote))

    assert link.model.value is API_KEY
    assert link.model.reason == (
        f"{INFERRED} the alias dials: the remote cluster server port, 9400 (the "
        f"`remote_cluster.port` of `us`); {LISTING_HINT}"
    )


def test_an_alias_without_endpoints_has_an_unknown_model_and_key() -> None:
    values = {"cluster.remote.us.skip_unavailable": "false"}

    link = only_link(graph_of(loaded("eu", values), loaded("us")))

    assert link.model.value is UNKNOWN
    assert link.model.reason == (
        f"{NOT_INFERRED} the alias dials no endpoint; {LISTING_HINT}"
    )
    assert (link.api_key.value, link.api_key.reason) == (
        None,
        "the security model is unknown, and so is the key",
    )


def test_a_placeholder_remote_port_makes_the_model_unknown_on_disk(
    build_graph: Callable[[Files], Graph],
) -> None:
    files = {
        "loc/elasticsearch.yml": """
            cluster.name: loc
            cluster.remote.b.seeds: ["remhost:9500"]
            """,
        "rem/elasticsearch.yml": """
            cluster.name: rem
            remote_cluster.host: remhost
            remote_cluster.port: ${PORT}
            """,
    }

    text = describe(build_graph(files))

    assert text.splitlines()[5:] == [
        "  loc --b--> rem",
        "    sniff mode, enabled, dials remhost:9500",
        "    remote: rem: the alias dials `remhost`, a `remote_cluster.host` of `rem`",
        "    model: unknown: the model could not be inferred, as the "
        "`remote_cluster.port` of `rem` is `${PORT}`, not a known port number; "
        "adding `elasticsearch.keystore.list` (the output of "
        "`bin/elasticsearch-keystore list`) to `loc` makes it certain",
        "    API key: none: the security model is unknown, and so is the key",
    ]


def test_describe_marks_invalid_endpoints_which_infer_nothing() -> None:
    seeds = ["us-node1", "us-node1:99999", "a:b:c", "[::1]:9300"]
    local = loaded("eu", {"cluster.remote.us.seeds": seeds})

    text = describe(graph_of(local))

    assert text.splitlines()[5:8:2] == [
        "    sniff mode, enabled, dials us-node1 (invalid), us-node1:99999 "
        "(invalid), a:b:c (invalid), [::1]:9300",
        f"    model: certificate (inferred): {INFERRED} the alias dials, 9300: not "
        f"{DEFAULT_PORT}; {LISTING_HINT}",
    ]
