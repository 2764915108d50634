from __future__ import annotations

from collections.abc import Callable

from conftest import line
from link_records import api_key, at, cluster, graph, link, run

from linter.findings import Finding
from linter.model import SecurityModel
from rules.unresolved_api_key import RULE

Lint = Callable[..., list[Finding]]

API_KEY = SecurityModel.API_KEY


def message(reason: str, local: str = "eu", alias: str = "us") -> str:
    return (
        f"remote cluster `{alias}` has no known cross-cluster API key ({reason}), "
        "so its grants are not checked against the key; name the key with "
        f'`[links.{local}.{alias}] api-key = "<name>"`'
    )


def test_unknown_key_is_reported_with_what_was_tried() -> None:
    reason = "`us-prod` defines no cross-cluster API key."
    unknown = link("eu", "us", model=API_KEY, remote="us-prod", key_reason=reason)
    built = graph([cluster("eu"), cluster("us-prod")], [unknown])

    [violation] = run(RULE, built, "eu")

    assert violation.message == message("`us-prod` defines no cross-cluster API key")
    assert violation.span == at("eu/elasticsearch.yml", 2, 1, 23)
    assert violation.identity == ("alias", "us")
    assert violation.cluster == "eu"
    assert violation.related == ()


def test_known_keys_and_links_that_cannot_have_one_are_not_reported() -> None:
    links = [
        link("eu", "known", model=API_KEY, remote="us", api_key=api_key("us", "k")),
        link("eu", "outside", model=API_KEY),
        link("eu", "declared", model=API_KEY, remote="elsewhere"),
        link("eu", "cert", remote="us"),
        link("eu", "off", model=API_KEY, remote="us", enabled=False),
    ]
    built = graph([cluster("eu"), cluster("us")], links)

    assert run(RULE, built, "eu") == []


def test_workspace_remote_without_keys(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us-prod.seeds: ["us.example.com:9443"]
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.us-prod.credentials\n",
        "us/elasticsearch.yml": "cluster.name: us-prod\n",
    }

    findings = lint(files, select=("RC400",))

    assert [line(f) for f in findings] == [
        "eu/elasticsearch.yml:2:1: RC400 "
        + message(
            "`us-prod` defines no cross-cluster API key",
            local="eu-prod",
            alias="us-prod",
        )
    ]
    assert findings[0].identity == ("alias", "us-prod")


def test_workspace_key_named_like_the_local_cluster(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us-prod.seeds: ["us.example.com:9443"]
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.us-prod.credentials\n",
        "us/elasticsearch.yml": "cluster.name: us-prod\n",
        "us/api_keys/one.yml": """
            name: other
            access:
              search:
                - names: ["logs-*"]
            """,
        "us/api_keys/two.yml": """
            name: eu-prod
            access:
              search:
                - names: ["logs-*"]
            """,
    }

    assert lint(files, select=("RC400",)) == []
