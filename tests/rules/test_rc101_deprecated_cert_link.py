from __future__ import annotations

from collections.abc import Callable

from conftest import line
from link_records import cluster, graph, link, run

from linter.findings import Finding
from linter.model import SecurityModel
from rules.deprecated_cert_link import RULE

Lint = Callable[..., list[Finding]]

MIGRATE = (
    "remote cluster `us` uses the certificate security model, deprecated since "
    "9.0; migrate it to the API key model: create a cross-cluster API key on the "
    "remote and add it to the keystore as `cluster.remote.us.credentials`"
)
ADVICE = "add elasticsearch.keystore.list to make it certain"


def test_certain_certificate_link_is_reported_at_its_alias() -> None:
    built = graph([cluster("eu")], [link("eu", "us", row=3)])

    [violation] = run(RULE, built, "eu")

    assert violation.message == MIGRATE
    assert violation.span.file == "eu/elasticsearch.yml"
    assert (violation.span.start.row, violation.span.start.column) == (3, 1)
    assert violation.cluster == "eu"
    assert violation.identity == ("alias", "us")
    assert violation.related == ()


def test_inferred_model_names_the_port_and_the_advice() -> None:
    built = graph([cluster("eu")], [link("eu", "us", certain=False)])

    [violation] = run(RULE, built, "eu")

    assert violation.message == f"{MIGRATE} (model inferred from port 9300: {ADVICE})"


def test_inferred_model_names_every_distinct_port() -> None:
    ports = (9301, 9300, None, 9301)
    built = graph([cluster("eu")], [link("eu", "us", certain=False, ports=ports)])

    [violation] = run(RULE, built, "eu")

    assert violation.message.endswith(
        f"(model inferred from ports 9300, 9301: {ADVICE})"
    )


def test_inferred_model_without_a_known_port() -> None:
    built = graph([cluster("eu")], [link("eu", "us", certain=False, ports=(None,))])

    [violation] = run(RULE, built, "eu")

    assert violation.message.endswith(
        f"(model inferred without a keystore listing: {ADVICE})"
    )


def test_disabled_api_key_and_foreign_links_are_not_reported() -> None:
    links = [
        link("eu", "old", enabled=False),
        link("eu", "us", model=SecurityModel.API_KEY),
        link("ap", "us"),
    ]
    built = graph([cluster("eu"), cluster("ap")], links)

    assert run(RULE, built, "eu") == []
    assert [v.identity for v in run(RULE, built, "ap")] == [("alias", "us")]


def test_workspace_with_keystore_listing(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us.seeds: ["us.example.com:9300"]
            cluster.remote.api.seeds: ["api.example.com:9443"]
            cluster.remote.off.skip_unavailable: true
            """,
        "eu/elasticsearch.keystore.list": """
            keystore.seed
            cluster.remote.api.credentials
            """,
    }

    findings = lint(files, select=("RC101",))

    assert [line(f) for f in findings] == [f"eu/elasticsearch.yml:2:1: RC101 {MIGRATE}"]
    assert findings[0].identity == ("alias", "us")
    assert findings[0].cluster == "eu-prod"


def test_workspace_without_keystore_listing_infers_the_model(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster:
              name: eu-prod
              remote:
                api:
                  seeds: ["api.example.com:9443"]
                us:
                  mode: proxy
                  proxy_address: us.example.com:9400
            """,
    }

    findings = lint(files, select=("RC101",))

    inferred = f"(model inferred from port 9400: {ADVICE})"
    assert [line(f) for f in findings] == [
        f"eu/elasticsearch.yml:8:7: RC101 {MIGRATE} {inferred}"
    ]


def test_workspace_alias_with_an_unknown_model_is_not_reported(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us.seeds: ["${REMOTE}"]
            cluster.remote.ap.seeds: ["ap.example.com:${PORT}"]
            """,
    }

    assert lint(files, select=("RC101",)) == []
