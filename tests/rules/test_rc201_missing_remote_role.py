from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

import pytest
from conftest import line
from link_records import cluster, graph, link, role, run, user

from linter.findings import Finding, Related
from linter.model import SecurityModel
from linter.source import Span
from rules.missing_remote_role import RULE

Lint = Callable[..., list[Finding]]

INFERRED = (
    " (model inferred from port 9300: add elasticsearch.keystore.list to make it "
    "certain)"
)


def message(name: str, remote: str = "us-prod", alias: str = "us") -> str:
    return (
        f"role `{name}` is not defined on `{remote}`, so it grants nothing "
        f"through the certificate-model alias `{alias}`: the remote resolves "
        f"role names against its own roles; define a role `{name}` on "
        f"`{remote}`, or migrate the alias to the API key model"
    )


def test_without_principal_files_every_defined_role_is_checked() -> None:
    local = cluster(
        "eu",
        roles=[role("eu", "logs", 1), role("eu", "shared", 4), role("eu", "viewer", 7)],
    )
    remote = cluster("us-prod", roles=[role("us-prod", "shared", 1)])
    built = graph([local, remote], [link("eu", "us", remote="us-prod")])

    [violation] = run(RULE, built, "eu")

    assert violation.message == message("logs")
    assert violation.span == Span.at("eu/roles.yml", 1, 1, 5)
    assert violation.cluster == "eu"
    assert violation.identity == ("alias", "us", "role", "logs")
    assert violation.related == (
        Related(
            Span.whole_file("us-prod/elasticsearch.yml"),
            "remote cluster `us-prod` defines no role `logs`",
        ),
    )


def test_with_principal_files_only_held_roles_count_at_their_first_grant() -> None:
    principals = [
        user("eu", "carol", [("search", 5)]),
        user("eu", "alice", [("search", 2), ("superuser", 3)]),
        user("eu", "dave", [("retired", 4)], enabled=False),
    ]
    local = cluster(
        "eu",
        roles=[role("eu", "unused", 1)],
        principals=principals,
        principal_files=True,
    )
    built = graph([local, cluster("us-prod")], [link("eu", "us", remote="us-prod")])

    [violation] = run(RULE, built, "eu")

    assert violation.identity == ("alias", "us", "role", "search")
    assert violation.span == Span.at("eu/users_roles", 2, 1, 7)


def test_roles_option_selects_held_and_defined_names() -> None:
    local = cluster(
        "eu",
        roles=[role("eu", "logs-admin", 1), role("eu", "metrics", 3)],
        principals=[user("eu", "alice", [("logs-reader", 1), ("ops", 2)])],
        principal_files=True,
    )
    built = graph([local, cluster("us-prod")], [link("eu", "us", remote="us-prod")])

    found = run(RULE, built, "eu", {"roles": ["logs-*", "/op.?/"]})

    assert [v.identity[3] for v in found] == ["logs-admin", "logs-reader", "ops"]
    assert found[1].span.file == "eu/users_roles"


def test_one_finding_per_alias_and_role() -> None:
    local = cluster("eu", roles=[role("eu", "logs", 1)])
    links = [
        link("eu", "a", remote="us-prod", row=2),
        link("eu", "b", remote="us-prod", row=3),
    ]
    built = graph([local, cluster("us-prod")], links)

    found = run(RULE, built, "eu")

    assert [v.identity for v in found] == [
        ("alias", "a", "role", "logs"),
        ("alias", "b", "role", "logs"),
    ]
    assert found[1].message == message("logs", alias="b")


def test_links_that_cannot_be_checked_are_skipped() -> None:
    local = cluster("eu", roles=[role("eu", "logs", 1)])
    links = [
        link("eu", "outside"),
        link("eu", "declared", remote="elsewhere"),
        link("eu", "off", remote="us-prod", enabled=False),
        link("eu", "api", remote="us-prod", model=SecurityModel.API_KEY),
    ]
    built = graph([local, cluster("us-prod")], links)

    assert run(RULE, built, "eu") == []


def test_workspace_with_users_and_remote_roles(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us.seeds: ["us.example.com:9300"]
            """,
        "eu/elasticsearch.keystore.list": "keystore.seed\n",
        "eu/roles.yml": """
            unused: {}
            logs-reader: {}
            """,
        "eu/users_roles": """
            superuser:admin
            logs-reader:alice,bob
            shared:alice
            """,
        "us/elasticsearch.yml": """
            cluster.name: us-prod
            network.host: us.example.com
            """,
        "us/roles/shared.json": "{}\n",
    }

    findings = lint(files, select=("RC201",))

    assert [line(f) for f in findings] == [
        f"eu/users_roles:2:1: RC201 {message('logs-reader')}"
    ]
    assert findings[0].identity == ("alias", "us", "role", "logs-reader")
    assert [(r.span, r.message) for r in findings[0].related] == [
        (
            Span.at("us/elasticsearch.yml", 1, 15, 22),
            "remote cluster `us-prod` defines no role `logs-reader`",
        )
    ]


def test_workspace_roles_option(lint: Lint) -> None:
    files = {
        "rclint.toml": """
            [rules.RC201]
            roles = ["logs-*"]
            """,
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            cluster.remote.us-prod.seeds: ["us.example.com:9300"]
            """,
        "eu/roles.yml": """
            metrics: {}
            logs-writer: {}
            """,
        "us-prod/elasticsearch.yml": "cluster.name: us-prod\n",
    }

    findings = lint(files, select=("RC201",))

    assert [line(f) for f in findings] == [
        f"eu/roles.yml:2:1: RC201 {message('logs-writer', alias='us-prod')}" + INFERRED
    ]


def test_an_inferred_model_is_said_so() -> None:
    local = cluster("eu", roles=[role("eu", "logs", 1)])
    inferred = link("eu", "us", remote="us-prod", certain=False)
    built = graph([local, cluster("us-prod")], [inferred])

    [violation] = run(RULE, built, "eu")

    assert violation.message == message("logs") + INFERRED


def test_deprecated_data_frame_transforms_roles_are_reserved() -> None:
    names = ["data_frame_transforms_admin", "data_frame_transforms_user", "logs"]
    local = cluster("eu", roles=[role("eu", n, row) for row, n in enumerate(names)])
    built = graph([local, cluster("us-prod")], [link("eu", "us", remote="us-prod")])

    assert [v.identity for v in run(RULE, built, "eu")] == [
        ("alias", "us", "role", "logs")
    ]


def test_an_unread_file_of_roles_defines_the_role_its_name_says() -> None:
    local = cluster("eu", roles=[role("eu", "logs", 1), role("eu", "ops", 2)])
    unread = ("us-prod/roles/logs.json", "us-prod/roles/notes.txt", "us-prod/x.yml")
    remote = dataclasses.replace(cluster("us-prod"), unread_files=unread)
    built = graph([local, remote], [link("eu", "us", remote="us-prod")])

    assert [v.identity[3] for v in run(RULE, built, "eu")] == ["ops"]


@pytest.mark.parametrize("unread", ["us-prod/roles.yml", "us-prod/roles"])
def test_unread_role_sources_of_any_name_report_nothing(
    unread: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="rules.missing_remote_role")
    local = cluster("eu", roles=[role("eu", "logs", 1)])
    remote = dataclasses.replace(cluster("us-prod"), unread_files=(unread,))
    built = graph([local, remote], [link("eu", "us", remote="us-prod")])

    assert run(RULE, built, "eu") == []
    assert [r.getMessage() for r in caplog.records] == [
        f"RC201: `{unread.split('/')[1]}` could not be read on `us-prod`, so its "
        "roles are not known and none is reported missing there"
    ]


def test_workspace_role_file_that_does_not_parse(lint: Lint) -> None:
    files = {
        "loc/elasticsearch.yml": """
            cluster.name: loc
            cluster.remote.rem.seeds: ["rem:9300"]
            """,
        "loc/elasticsearch.keystore.list": "keystore.seed\n",
        "loc/roles.yml": """
            logs-reader: {cluster: [monitor]}
            metrics-reader: {cluster: [monitor]}
            """,
        "rem/elasticsearch.yml": "cluster.name: rem\n",
        "rem/roles/logs-reader.json": '{"cluster": ["monitor"],}\n',
    }

    findings = lint(files, select=("RC001", "RC201"))

    assert [line(f) for f in findings] == [
        "loc/roles.yml:2:1: RC201 "
        + message("metrics-reader", remote="rem", alias="rem"),
        "rem/roles/logs-reader.json:1:24: RC001 invalid JSON: trailing comma "
        "before '}'",
    ]


def test_workspace_roles_yml_that_does_not_parse(lint: Lint) -> None:
    files = {
        "loc/elasticsearch.yml": """
            cluster.name: loc
            cluster.remote.rem.seeds: ["rem:9300"]
            """,
        "loc/elasticsearch.keystore.list": "keystore.seed\n",
        "loc/roles.yml": "logs-reader: {cluster: [monitor]}\n",
        "rem/elasticsearch.yml": "cluster.name: rem\n",
        "rem/roles.yml": "logs-reader: {cluster: [monitor]\n",
    }

    findings = lint(files, select=("RC001", "RC201"))

    assert [line(f) for f in findings] == [
        "rem/roles.yml:2:1: RC001 invalid YAML: did not find expected ',' or '}'"
    ]
