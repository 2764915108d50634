from __future__ import annotations

from collections.abc import Callable

from conftest import line
from link_records import api_key, at, cluster, graph, link, run

from linter.findings import Finding
from linter.model import SecurityModel
from rules.unresolved_api_key import RULE

Lint = Callable[..., list[Finding]]

API_KEY = SecurityModel.API_KEY


INFERRED = (
    " (model inferred from port 9443: add elasticsearch.keystore.list to make it "
    "certain)"
)


def message(reason: str, alias: str = "us") -> str:
    return (
        f"remote cluster `{alias}` has no known cross-cluster API key, so its "
        f"grants are not checked against the key: {reason}"
    )


def test_unknown_key_is_reported_with_what_was_tried() -> None:
    reason = "what was tried; what resolves it"
    unknown = link("eu", "us", model=API_KEY, remote="us-prod", key_reason=reason)
    built = graph([cluster("eu"), cluster("us-prod")], [unknown])

    [violation] = run(RULE, built, "eu")

    assert violation.message == message(reason)
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
            "`us-prod` defines no cross-cluster API key; add the key's definition "
            "to `us/api_keys/`",
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


def test_an_inferred_model_is_said_so() -> None:
    unknown = link("eu", "us", model=API_KEY, remote="us", certain=False, ports=(9443,))
    built = graph([cluster("eu"), cluster("us")], [unknown])

    [violation] = run(RULE, built, "eu")

    assert violation.message.endswith(INFERRED)


def test_workspace_several_keys_say_how_to_name_one_once(lint: Lint) -> None:
    access = "access:\n  search: [{names: [a]}]\n"
    keys = {f"us/api_keys/{n}.yml": f"name: {n}\n{access}" for n in ("one", "two")}
    files = {
        **keys,
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us-prod.seeds: ["us.example.com:9443"]
            """,
        "us/elasticsearch.yml": "cluster.name: us-prod\n",
    }

    findings = lint(files, select=("RC400",))

    reason = (
        "`us-prod` defines 2 cross-cluster API keys and none is named `eu-prod` or "
        "`us-prod`; name the key in [links.eu-prod.us-prod] api-key"
    )
    assert [line(f) for f in findings] == [
        "eu/elasticsearch.yml:2:1: RC400 " + message(reason, alias="us-prod") + INFERRED
    ]


def test_workspace_keys_named_like_the_local_cluster_and_the_alias(
    lint: Lint,
) -> None:
    access = "access:\n  search: [{names: [a]}]\n"
    names = ("eu-prod", "us-prod")
    keys = {f"us/api_keys/{n}.yml": f"name: {n}\n{access}" for n in names}
    files = {
        **keys,
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us-prod.seeds: ["us.example.com:9443"]
            """,
        "eu/elasticsearch.keystore.list": "cluster.remote.us-prod.credentials\n",
        "us/elasticsearch.yml": "cluster.name: us-prod\n",
    }

    findings = lint(files, select=("RC400",))

    reason = (
        "`us-prod` defines a cross-cluster API key named `eu-prod`, like the local "
        "cluster, and another named `us-prod`, like the alias; name the key the "
        "alias uses in [links.eu-prod.us-prod] api-key"
    )
    assert [line(f) for f in findings] == [
        "eu/elasticsearch.yml:2:1: RC400 " + message(reason, alias="us-prod")
    ]
