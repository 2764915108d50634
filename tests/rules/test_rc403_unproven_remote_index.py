from __future__ import annotations

from collections.abc import Callable

from conftest import line
from remote_access_records import (
    KEY_FILE,
    entry,
    key,
    link,
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
        f"within {KEY}: `{regex}` is a regular expression; containment of "
        "regular expressions is not proven yet"
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
