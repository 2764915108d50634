from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import line
from link_records import at, cluster, graph, link, run, setting

from linter.findings import Finding, Related
from linter.model import ClusterDeclaration, SecurityModel
from rules.missing_remote_ca_trust import RULE

Lint = Callable[..., list[Finding]]

API_KEY = SecurityModel.API_KEY
CA = "xpack.security.remote_cluster_client.ssl.certificate_authorities"


def message(declare: str, local: str = "eu", remote: str = "us-prod") -> str:
    return (
        f"remote cluster `us` uses the API key model, but `{local}` names no CA "
        f"to trust for `{remote}`, so only the JDK's public CAs are trusted: set "
        f"`{CA}` to the CA of the remote cluster server certificate, or, if that "
        f"certificate is publicly trusted, {declare}"
    )


def test_reported_with_the_remote_certificate_as_related() -> None:
    certificate = setting(
        "us-prod", "xpack.security.remote_cluster_server.ssl.certificate", "a.crt", 4
    )
    remote = cluster("us-prod", settings=[certificate])
    built = graph(
        [cluster("eu"), remote], [link("eu", "us", model=API_KEY, remote="us-prod")]
    )

    [violation] = run(RULE, built, "eu")

    declare = "declare `public-ca = true` in `[clusters.us-prod]`"
    assert violation.message == message(declare)
    assert violation.span == at("eu/elasticsearch.yml", 2, 1, 23)
    assert violation.identity == ("alias", "us")
    assert violation.cluster == "eu"
    assert violation.related == (
        Related(
            at("us-prod/elasticsearch.yml", 4, 55, 10),
            "`us-prod` serves its remote cluster port with this certificate; "
            "trust the CA that signed it",
        ),
    )


def test_remote_keystore_is_related_and_missing_certificate_gives_none() -> None:
    keystore = setting(
        "us-prod", "xpack.security.remote_cluster_server.ssl.keystore.path", "k.p12", 3
    )
    clusters = [cluster("eu"), cluster("us-prod", settings=[keystore]), cluster("ap")]
    links = [
        link("eu", "us", model=API_KEY, remote="us-prod"),
        link("eu", "ap", model=API_KEY, remote="ap"),
    ]

    found = run(RULE, graph(clusters, links), "eu")

    assert [r.span.start.row for r in found[0].related] == [3]
    assert found[1].related == ()


def test_remote_outside_the_workspace_is_named_by_its_alias() -> None:
    built = graph([cluster("eu-prod")], [link("eu-prod", "us", model=API_KEY)])

    [violation] = run(RULE, built, "eu-prod")

    declare = "name it in `[links.eu-prod.us]` and declare it `public-ca = true`"
    assert violation.message == message(declare, local="eu-prod", remote="us")
    assert violation.related == ()


def test_cluster_names_that_toml_cannot_leave_bare_are_quoted() -> None:
    built = graph([cluster("eu.prod")], [link("eu.prod", "us", model=API_KEY)])

    [violation] = run(RULE, built, "eu.prod")

    assert '`[links."eu.prod".us]`' in violation.message


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (CA, ("certs/ca.crt",)),
        (CA, "certs/ca.crt"),
        (CA, "${REMOTE_CA}"),
        ("xpack.security.remote_cluster_client.ssl.truststore.path", "trust.p12"),
    ],
)
def test_a_named_ca_or_trust_store_is_enough(
    key: str, value: str | tuple[str, ...]
) -> None:
    local = cluster("eu", settings=[setting("eu", key, value, 5)])
    built = graph([local], [link("eu", "us", model=API_KEY)])

    assert run(RULE, built, "eu") == []


def test_an_empty_certificate_authorities_list_trusts_nothing() -> None:
    local = cluster("eu", settings=[setting("eu", CA, (), 5)])
    built = graph([local], [link("eu", "us", model=API_KEY)])

    assert [v.identity for v in run(RULE, built, "eu")] == [("alias", "us")]


def test_public_ca_certificate_and_disabled_links_are_not_reported() -> None:
    declarations = {"us-prod": ClusterDeclaration(public_ca=True)}
    links = [
        link("eu", "us", model=API_KEY, remote="us-prod"),
        link("eu", "cert", remote="ap"),
        link("eu", "off", model=API_KEY, enabled=False),
    ]
    built = graph([cluster("eu"), cluster("ap")], links, domains=declarations)

    assert run(RULE, built, "eu") == []


def test_workspace_finding_with_remote_certificate(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us.seeds: ["us.example.com:9443"]
            xpack.security.remote_cluster_client.ssl.enabled: true
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
        "us/elasticsearch.yml": """
            cluster.name: us-prod
            network.host: us.example.com
            remote_cluster_server.enabled: true
            xpack.security.remote_cluster_server.ssl:
              key: certs/rcs.key
              certificate: certs/rcs.crt
            """,
    }

    findings = lint(files, select=("RC301",))

    declare = "declare `public-ca = true` in `[clusters.us-prod]`"
    expected = message(declare, local="eu-prod")
    assert [line(f) for f in findings] == [
        f"eu/elasticsearch.yml:2:1: RC301 {expected}"
    ]
    [related] = findings[0].related
    assert (related.span.file, related.span.start.row, related.span.start.column) == (
        "us/elasticsearch.yml",
        6,
        16,
    )


def test_hint_names_the_pyproject_table_when_pyproject_configures(
    lint: Lint,
) -> None:
    files = {
        "pyproject.toml": """
            [tool.rclint]
            select = ["ALL"]
            """,
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us.seeds: ["us.example.com:9443"]
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
        "us/elasticsearch.yml": "cluster.name: us-prod\nnetwork.host: us.example.com\n",
    }

    [finding] = lint(files, select=("RC301",))

    assert finding.message.endswith(
        "declare `public-ca = true` in `[tool.rclint.clusters.us-prod]`"
    )


def test_workspace_public_ca_and_nested_trust(lint: Lint) -> None:
    files = {
        "rclint.toml": """
            [clusters.cloud]
            public-ca = true

            [links.eu-prod.cloud]
            cluster = "cloud"
            """,
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.cloud.seeds: ["cloud.example.com:9443"]
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.cloud.credentials\n",
        "ap/elasticsearch.yml": """
            cluster.name: ap-prod
            cluster.remote.us.seeds: ["us.example.com:9443"]
            xpack.security.remote_cluster_client:
              ssl:
                certificate_authorities: [certs/us-ca.crt]
            """,
        "ap/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
    }

    assert lint(files, select=("RC301",)) == []


INFERRED = (
    " (model inferred from port 9300: add elasticsearch.keystore.list to make it "
    "certain)"
)
STATIC = (
    "`xpack.security.remote_cluster_client.ssl.{}` is a static setting: the "
    "cluster settings API rejects it; set it in elasticsearch.yml"
)


def test_an_inferred_model_is_said_so() -> None:
    built = graph([cluster("eu")], [link("eu", "us", model=API_KEY, certain=False)])

    [violation] = run(RULE, built, "eu")

    declare = "name it in `[links.eu.us]` and declare it `public-ca = true`"
    assert violation.message == message(declare, remote="us") + INFERRED


def test_workspace_trust_in_cluster_settings(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu
            cluster.remote.us.seeds: ["us.example.com:9443"]
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
        "eu/cluster-settings.json": """
            {
              "persistent": {
                "xpack.security.remote_cluster_client.ssl.truststore.path": "",
                "xpack.security.remote_cluster_client.ssl.certificate_authorities": [
                  "certs/us-ca.crt"
                ]
              }
            }
            """,
        "us/elasticsearch.yml": """
            cluster.name: us
            xpack.security.remote_cluster_server.ssl.certificate: certs/rcs.crt
            """,
    }

    findings = lint(files, select=("RC301", "RC002"))

    declare = "declare `public-ca = true` in `[clusters.us]`"
    assert [line(f) for f in findings] == [
        f"eu/cluster-settings.json:3:5: RC002 {STATIC.format('truststore.path')}",
        "eu/cluster-settings.json:4:5: RC002 "
        + STATIC.format("certificate_authorities"),
        f"eu/elasticsearch.yml:2:1: RC301 {message(declare, local='eu', remote='us')}",
    ]
    assert [
        (r.span.file, r.span.start.row, r.span.start.column, r.message)
        for r in findings[2].related
    ] == [
        (
            "us/elasticsearch.yml",
            2,
            55,
            "`us` serves its remote cluster port with this certificate; "
            "trust the CA that signed it",
        ),
    ]
