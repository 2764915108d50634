from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import line
from link_records import at, cluster, graph, link, run, setting

from linter.findings import Finding, Related
from linter.model import SecurityModel, SettingOrigin
from rules.unverified_remote_tls import RULE

Lint = Callable[..., list[Finding]]

API_KEY = SecurityModel.API_KEY
MODE = "xpack.security.remote_cluster_client.ssl.verification_mode"
ENABLED = "xpack.security.remote_cluster_client.ssl.enabled"
NONE = (
    f"`{MODE}` is `none`: the remote cluster client checks neither the remote"
    " cluster server's certificate nor its host name, so anyone between the"
    " clusters can pose as the remote and take the cross-cluster API key of `us`;"
    " set it to `full`"
)
CERTIFICATE = (
    f"`{MODE}` is `certificate`: the remote cluster client does not check that"
    " the remote cluster server's certificate names the host it dials, so anyone"
    " with a certificate from a trusted CA can pose as the remote and take the"
    " cross-cluster API keys of `us`, `ap`; set it to `full`"
)
PLAINTEXT = (
    f"`{ENABLED}` is `false`: the remote cluster client does not use TLS: the"
    " cross-cluster API key of `us` would travel in plaintext; set it to `true`"
)


def test_no_verification_is_reported_at_the_value_with_the_aliases_related() -> None:
    local = cluster("eu", settings=[setting("eu", MODE, "none", 7)])
    links = [link("eu", "us", model=API_KEY, row=3)]

    [violation] = run(RULE, graph([local], links), "eu")

    assert violation.message == NONE
    assert violation.span == at("eu/elasticsearch.yml", 7, len(MODE) + 3, 10)
    assert violation.identity == ("setting", MODE)
    assert violation.cluster == "eu"
    assert violation.related == (
        Related(
            at("eu/elasticsearch.yml", 3, 1, len("cluster.remote.us.seeds")),
            "`us` connects with this client",
        ),
    )


def test_certificate_verification_names_every_api_key_alias() -> None:
    local = cluster("eu", settings=[setting("eu", MODE, "certificate", 7)])
    links = [
        link("eu", "us", model=API_KEY, row=3),
        link("eu", "ap", model=API_KEY, row=4),
        link("eu", "cert", row=5),
    ]

    [violation] = run(RULE, graph([local], links), "eu")

    assert violation.message == CERTIFICATE
    assert [r.span.start.row for r in violation.related] == [3, 4]


def test_tls_turned_off_is_reported() -> None:
    local = cluster("eu", settings=[setting("eu", ENABLED, "false", 6)])

    [violation] = run(RULE, graph([local], [link("eu", "us", model=API_KEY)]), "eu")

    assert violation.message == PLAINTEXT
    assert violation.identity == ("setting", ENABLED)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (MODE, "full"),
        (MODE, "${VERIFICATION}"),
        (ENABLED, "true"),
        (ENABLED, "${TLS}"),
        (MODE + "s", "none"),
    ],
)
def test_full_verification_and_placeholders_are_not_reported(
    key: str, value: str
) -> None:
    local = cluster("eu", settings=[setting("eu", key, value, 6)])

    assert run(RULE, graph([local], [link("eu", "us", model=API_KEY)]), "eu") == []


def test_a_cluster_without_enabled_api_key_aliases_is_not_reported() -> None:
    weak = [setting("eu", MODE, "none", 6), setting("eu", ENABLED, "false", 7)]
    links = [link("eu", "cert"), link("eu", "off", model=API_KEY, enabled=False)]

    assert run(RULE, graph([cluster("eu", settings=weak)], links), "eu") == []


def test_a_cluster_setting_has_no_effect_and_is_not_reported() -> None:
    dynamic = setting("eu", MODE, "none", 4, origin=SettingOrigin.PERSISTENT)
    built = graph(
        [cluster("eu", settings=[dynamic])], [link("eu", "us", model=API_KEY)]
    )

    assert run(RULE, built, "eu") == []


def test_workspace_findings_in_nested_and_flat_settings(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us.seeds: ["us.example.com:9443"]
            xpack.security.remote_cluster_client:
              ssl:
                certificate_authorities: [certs/us-ca.crt]
                verification_mode: none
            xpack.security.remote_cluster_client.ssl.enabled: "false"
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
        "ap/elasticsearch.yml": """
            cluster.name: ap-prod
            cluster.remote.us.seeds: ["us.example.com:9443"]
            xpack.security.remote_cluster_client.ssl.certificate_authorities: [a.crt]
            xpack.security.remote_cluster_client.ssl.verification_mode: full
            """,
        "ap/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
    }

    findings = lint(files, select=("RC302",))

    assert [line(f) for f in findings] == [
        f"eu/elasticsearch.yml:6:24: RC302 {NONE}",
        f"eu/elasticsearch.yml:7:51: RC302 {PLAINTEXT}",
    ]
    assert [(r.span.start.row, r.span.start.column) for r in findings[0].related] == [
        (2, 1)
    ]
