from __future__ import annotations

from collections.abc import Callable

from conftest import line
from link_records import cluster, graph, link, run, user

from linter.findings import Finding, Related
from linter.model import ClusterDeclaration, SecurityModel
from linter.source import Span
from rules.superuser_exposure import RULE

Lint = Callable[..., list[Finding]]

INFERRED = (
    " (model inferred from port 9300: add elasticsearch.keystore.list to make it "
    "certain)"
)

TAIL = (
    "forwards the role `superuser`, which every cluster defines in full; migrate "
    "the alias to the API key model, or declare both clusters in one "
    "`security-domain` if they share one"
)


def message(
    remote: str, count: str, names: str, local: str = "eu", alias: str = "us"
) -> str:
    return (
        f"remote cluster `{remote}` grants total read access to the {count} "
        f"of `{local}` ({names}): the certificate-model alias `{alias}` {TAIL}"
    )


def test_the_elastic_user_alone_is_a_superuser() -> None:
    built = graph(
        [cluster("eu"), cluster("us-prod")], [link("eu", "us", remote="us-prod")]
    )

    [violation] = run(RULE, built, "eu")

    assert violation.message == message("us-prod", "1 superuser", "`elastic`")
    assert violation.span == Span.at("eu/elasticsearch.yml", 2, 1, 24)
    assert violation.identity == ("alias", "us")
    assert violation.cluster == "eu"
    assert violation.related == ()


def test_superusers_are_counted_named_and_located() -> None:
    principals = [
        user("eu", "alice", [("superuser", 1), ("search", 2)]),
        user("eu", "bob", [("search", 2)]),
        user("eu", "carol", [("superuser", 1)]),
        user("eu", "dave", [("superuser", 1)], enabled=False),
        user("eu", "erin", [("superuser", 1)]),
        user("eu", "alice", [("superuser", 4)]),
    ]
    local = cluster("eu", principals=principals, principal_files=True)
    built = graph([local], [link("eu", "us")])

    [violation] = run(RULE, built, "eu")

    names = "`elastic`, `alice`, `carol` and 1 more"
    assert violation.message == message("us", "4 superusers", names)
    assert violation.related == (
        Related(Span.at("eu/users_roles", 1, 1, 10), "`alice` holds `superuser` here"),
        Related(Span.at("eu/users_roles", 1, 1, 10), "`carol` holds `superuser` here"),
        Related(Span.at("eu/users_roles", 1, 1, 10), "`erin` holds `superuser` here"),
        Related(Span.at("eu/users_roles", 4, 1, 10), "`alice` holds `superuser` here"),
    )


def test_one_security_domain_silences_the_link() -> None:
    domains = {
        "eu": ClusterDeclaration(security_domain="prod"),
        "us-prod": ClusterDeclaration(security_domain="prod"),
        "ap": ClusterDeclaration(security_domain="asia"),
    }
    links = [
        link("eu", "us", remote="us-prod", row=2),
        link("eu", "ap", remote="ap", row=3),
        link("eu", "unknown", row=4),
    ]
    built = graph(
        [cluster("eu"), cluster("us-prod"), cluster("ap")], links, domains=domains
    )

    found = run(RULE, built, "eu")

    assert [v.identity for v in found] == [("alias", "ap"), ("alias", "unknown")]
    assert found[1].message == message(
        "unknown", "1 superuser", "`elastic`", alias="unknown"
    )


def test_a_domain_on_one_side_only_does_not_count() -> None:
    domains = {"eu": ClusterDeclaration(security_domain="prod")}
    built = graph(
        [cluster("eu")], [link("eu", "us", remote="us-prod")], domains=domains
    )

    assert [v.identity for v in run(RULE, built, "eu")] == [("alias", "us")]


def test_api_key_and_disabled_links_are_not_reported() -> None:
    links = [
        link("eu", "api", model=SecurityModel.API_KEY),
        link("eu", "off", enabled=False),
    ]
    built = graph([cluster("eu")], links)

    assert run(RULE, built, "eu") == []


def test_workspace_with_users_and_role_mappings(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us.seeds: ["us.example.com:9300"]
            cluster.remote.ap.seeds: ["ap.example.com:9300"]
            """,
        "eu/elasticsearch.keystore.list": "keystore.seed\n",
        "eu/users_roles": """
            search:alice
            superuser:ops-admin
            """,
        "eu/role_mapping.yml": """
            superuser:
              - "cn=admins,dc=example,dc=com"
            """,
        "ap/elasticsearch.yml": """
            cluster.name: ap-prod
            network.host: ap.example.com
            """,
        "rclint.toml": """
            [clusters.eu-prod]
            security-domain = "prod"

            [clusters.ap-prod]
            security-domain = "prod"
            """,
    }

    findings = lint(files, select=("RC202",))

    names = "`elastic`, `cn=admins,dc=example,dc=com`, `ops-admin`"
    expected = message("us", "3 superusers", names, "eu-prod")
    assert [line(f) for f in findings] == [
        f"eu/elasticsearch.yml:2:1: RC202 {expected}"
    ]
    assert findings[0].identity == ("alias", "us")
    related = sorted(
        (r.span.file, r.span.start.row, r.span.start.column, r.message)
        for r in findings[0].related
    )
    assert related == [
        (
            "eu/role_mapping.yml",
            1,
            1,
            "`cn=admins,dc=example,dc=com` holds `superuser` here",
        ),
        ("eu/users_roles", 2, 1, "`ops-admin` holds `superuser` here"),
    ]


def test_an_inferred_model_is_said_so() -> None:
    inferred = link("eu", "us", remote="us-prod", certain=False)
    built = graph([cluster("eu"), cluster("us-prod")], [inferred])

    [violation] = run(RULE, built, "eu")

    expected = message("us-prod", "1 superuser", "`elastic`") + INFERRED
    assert violation.message == expected
