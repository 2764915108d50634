from __future__ import annotations

from collections.abc import Callable

from conftest import line
from remote_access_records import (
    ROLES,
    entry,
    items,
    key,
    remote_cluster,
    remote_indices,
    role,
    where,
)

from linter.findings import Finding, RuleContext, Violation
from linter.model import (
    AccessKind,
    Cluster,
    CrossClusterApiKey,
    Graph,
    IndicesGrant,
    Role,
    Settings,
)
from linter.source import Span
from rules.invalid_name_pattern import RULE

FIX = "; Elasticsearch cannot compile it: fix the pattern"


def invalid(pattern: str, problem: str) -> str:
    return f"invalid pattern `{pattern}`: {problem}{FIX}"


def check(
    roles: list[Role], keys: tuple[CrossClusterApiKey, ...] = ()
) -> list[Violation]:
    local = Cluster(
        name="eu-prod",
        directory="eu-prod",
        config_file="eu-prod/elasticsearch.yml",
        name_origin=None,
        settings=Settings({}),
        roles={r.name.value: r for r in roles},
        api_keys=keys,
    )
    graph = Graph(clusters={"eu-prod": local}, links=(), problems=())
    return list(RULE.check(RuleContext(graph, local, {})))


def test_every_kind_of_pattern_in_roles_is_checked() -> None:
    indices = IndicesGrant(
        names=items(["/(a/", "logs-*"], 2),
        privileges=items(["read"], 3),
        allow_restricted_indices=None,
        span=Span.at(ROLES, 2, 7, 40),
    )
    local = role(
        "r",
        [remote_indices(5, ["/[us/"], ["/a{1/"], ["read"])],
        [remote_cluster(10, ["/us"], ["monitor_enrich"])],
    )
    found = check(
        [
            Role(
                name=local.name,
                source=local.source,
                indices=(indices,),
                remote_indices=local.remote_indices,
                remote_cluster=local.remote_cluster,
            )
        ]
    )

    slash = (
        "a pattern starting with `/` is a regular expression and must also end with `/`"
    )
    assert [where(v) for v in found] == [
        f"2:10 {invalid('/(a/', 'expected `)` at character 4')}",
        f"6:10 {invalid('/a{1/', 'expected `}` at character 5')}",
        f"5:10 {invalid('/[us/', 'expected `]` at character 5')}",
        f"10:10 {invalid('/us', slash)}",
    ]
    assert [v.identity for v in found][:2] == [
        ("role", "r", "indices", "0", "names", "/(a/"),
        ("role", "r", "remote_indices", "0", "names", "/a{1/"),
    ]


RANGE = "invalid range `z-a`: `z` comes after `a` at character 5"


def test_api_key_names_are_checked() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*", "/logs-<a-b>/"]),
        entry(AccessKind.REPLICATION, 6, ["/[z-a]/"]),
    )
    found = check([], (both,))

    assert [where(v) for v in found] == [
        f"4:18 {invalid('/logs-<a-b>/', 'invalid interval `<a-b>` at character 7')}",
        f"6:10 {invalid('/[z-a]/', RANGE)}",
    ]
    assert found[1].identity == (
        "api_key", "eu-prod-search", "replication", "1", "names", "/[z-a]/",
    )  # fmt: skip


def test_valid_patterns_pass() -> None:
    valid = ["logs-*", "/logs-(prod|qa)-.*/", "/@&~(\\..*)/", "/<1-10>/", "a\\", "//"]
    grant = remote_indices(3, ["/u[a-z]/", "*"], valid, ["read"])

    assert check([role("r", [grant])]) == []


def test_workspace_invalid_pattern(lint: Callable[..., list[Finding]]) -> None:
    files = {
        "eu-prod/elasticsearch.yml": "cluster.name: eu-prod\n",
        "eu-prod/roles.yml": """
            remote-search:
              remote_indices:
                - clusters: [us]
                  names: ["/logs-(prod|stage-.*/"]
                  privileges: [read]
            """,
    }
    found = lint(files, select=("RC405",))

    problem = "expected `)` at character 21"
    assert [line(f) for f in found] == [
        f"eu-prod/roles.yml:4:15: RC405 {invalid('/logs-(prod|stage-.*/', problem)}"
    ]
    assert found[0].severity.label == "error"
