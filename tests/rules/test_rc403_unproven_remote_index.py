from __future__ import annotations

from collections.abc import Callable

from conftest import line
from remote_access_records import (
    KEY_FILE,
    entry,
    key,
    link,
    remote_cluster,
    remote_indices,
    role,
    run,
    search_key,
    where,
)

from linter.findings import Finding, Related
from linter.model import AccessKind, SecurityModel
from linter.source import Span
from rules.unproven_remote_index import RULE

KEY = "the cross-cluster API key `eu-prod-search` of `us-prod`"


def unproven(pattern: str, regex: str, alias: str = "us") -> str:
    return (
        f"could not prove that `{pattern}` on remote cluster `{alias}` stays "
        f"within the `search` access of {KEY}: `{regex}` is a regular "
        "expression; containment of regular expressions is not proven yet"
    )


def alias_unknown(pattern: str, operator: str, role: str = "r") -> str:
    return (
        f"could not tell whether alias pattern `{pattern}` of role `{role}` "
        f"matches remote cluster `us`: `{pattern}` is not evaluated yet: it "
        f"uses {operator}"
    )


def test_local_regular_expression_is_unproven() -> None:
    grant = remote_indices(3, ["us"], ["logs-prod-*", "/logs-.*/"], ["read"])
    found = run(RULE, [role("audit", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"4:23 {unproven('/logs-.*/', '/logs-.*/')}"]
    assert found[0].identity == (
        "role",
        "audit",
        "alias",
        "us",
        "pattern",
        "/logs-.*/",
        "access",
        "search",
    )
    search_entry = f"the `search` access of {KEY}"
    assert found[0].related == (Related(Span.at(KEY_FILE, 4, 10, 16), search_entry),)


def test_regular_expression_in_the_key_is_unproven() -> None:
    grant = remote_indices(3, ["us"], ["logs-a*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("/logs-.*/"))])

    assert [where(v) for v in found] == [f"4:10 {unproven('logs-a*', '/logs-.*/')}"]


def test_decided_comparisons_are_not_reported() -> None:
    grants = [
        remote_indices(3, ["us"], ["logs-*"], ["read"]),
        remote_indices(8, ["us"], ["metrics-*"], ["read"]),
    ]

    assert run(RULE, [role("r", grants)], [link("us", search_key("logs-*"))]) == []


def test_only_relevant_entries_are_compared_and_related() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["/logs-.*/"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    replicated = remote_indices(3, ["us"], ["archive-*"], ["cross_cluster_replication"])
    searched = remote_indices(8, ["us"], ["logs-a*"], ["read"])
    found = run(RULE, [role("r", [replicated, searched])], [link("us", both)])

    assert [where(v) for v in found] == [f"9:10 {unproven('logs-a*', '/logs-.*/')}"]
    assert [r.span.start.row for r in found[0].related] == [4]


def test_alias_pattern_the_engine_cannot_run_is_reported() -> None:
    grant = remote_indices(3, ["eu", "/~(x.*)/"], ["logs-*"], ["all"])
    key_file = search_key("metrics-*")
    found = run(RULE, [role("audit", [grant])], [link("us", key_file)])

    assert [where(v) for v in found] == [
        f"3:14 {alias_unknown('/~(x.*)/', '`~` (complement)', role='audit')}"
    ]
    assert found[0].identity == (
        "role",
        "audit",
        "alias",
        "us",
        "clusters",
        "/~(x.*)/",
    )
    assert found[0].related == (
        Related(Span.at("eu-prod/elasticsearch.yml", 2, 1, 10), "remote cluster `us`"),
        Related(Span.at(KEY_FILE, 1, 7, 21), KEY),
    )


def test_alias_pattern_in_remote_cluster_reported_once_per_role() -> None:
    indices = remote_indices(3, ["/@/"], ["logs-*"], ["read"])
    cluster = remote_cluster(8, ["/@/"], ["monitor_enrich"])
    other = remote_cluster(11, ["/@/"], ["monitor_stats"])
    links = [link("us", search_key("logs-*"))]
    found = run(RULE, [role("r", [indices], [cluster, other])], links)

    assert [where(v) for v in found] == [
        f"3:10 {alias_unknown('/@/', '`@` (any string)')}"
    ]


def test_alias_pattern_decided_by_another_pattern_is_not_reported() -> None:
    grants = [
        remote_indices(3, ["u*", "/@/"], ["logs-*"], ["read"]),
        remote_indices(8, ["/~(x.*)/"], ["logs-*"], ["read"]),
    ]
    links = [link("us", search_key("logs-*")), link("eu", None)]
    found = run(RULE, [role("r", grants)], links)

    # `u*` matches `us`; `eu` has no known key, which RC400 reports.
    assert [where(v) for v in found] == [
        f"8:10 {alias_unknown('/~(x.*)/', '`~` (complement)')}"
    ]


def test_certificate_and_unmatched_aliases_are_ignored() -> None:
    grant = remote_indices(3, ["us*"], ["/logs-.*/"], ["read"])
    links = [
        link("us", search_key("logs-*"), model=SecurityModel.CERTIFICATE),
        link("eu", search_key("logs-*")),
    ]

    assert run(RULE, [role("r", [grant])], links) == []


# --- through the whole pipeline ----------------------------------------------

WORKSPACE = {
    "eu-prod/elasticsearch.yml": """
        cluster.name: eu-prod
        cluster.remote.us.seeds: ["us-prod.example.internal:9443"]
        """,
    "eu-prod/elasticsearch.keystore.list": """
        cluster.remote.us.credentials
        """,
    "us-prod/elasticsearch.yml": """
        cluster.name: us-prod
        network.host: us-prod.example.internal
        """,
    "us-prod/api_keys/eu-prod-search.yml": """
        name: eu-prod-search
        access:
          search:
            - names: ["audit-*"]
        """,
    "eu-prod/roles.yml": """
        audit-search:
          remote_indices:
            - clusters: [us]
              names: ["/audit-[0-9]{4}/"]
              privileges: [read]
        """,
}


def test_workspace_regex_is_unproven(lint: Callable[..., list[Finding]]) -> None:
    found = lint(WORKSPACE, select=("RC403",))

    message = unproven("/audit-[0-9]{4}/", "/audit-[0-9]{4}/")
    assert [line(f) for f in found] == [f"eu-prod/roles.yml:4:15: RC403 {message}"]
    assert found[0].severity.label == "info"
    search_entry = Span.at("us-prod/api_keys/eu-prod-search.yml", 4, 15, 24)
    assert found[0].related == (Related(search_entry, f"the `search` access of {KEY}"),)


def test_workspace_regex_is_not_rc402(lint: Callable[..., list[Finding]]) -> None:
    assert lint(WORKSPACE, select=("RC402",)) == []


def test_workspace_alias_pattern_hiding_a_grant(
    lint: Callable[..., list[Finding]],
) -> None:
    roles = """
        everything-but-x:
          remote_indices:
            - clusters: ["/~(x.*)/"]
              names: ["*"]
              privileges: [all]
        """
    files = {**WORKSPACE, "eu-prod/roles.yml": roles}
    found = lint(files, select=("RC401", "RC402", "RC403"))

    message = alias_unknown("/~(x.*)/", "`~` (complement)", role="everything-but-x")
    assert [line(f) for f in found] == [f"eu-prod/roles.yml:3:18: RC403 {message}"]
