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
HUGE = "/logs-[0-9]{1,99999}/"
TOO_LARGE = f"`{HUGE}` is too complex: an expression of more than 50000 parts"
# A `?` run after `.*` doubles the automaton's states with each `?`.
BLOW_UP = "/.*a.{18}/"
CAPPED = "too complex: more than 100000 states"


def unproven(pattern: str, reason: str, alias: str = "us") -> str:
    return (
        f"could not prove that `{pattern}` on remote cluster `{alias}` stays "
        f"within the `search` access of {KEY}: {reason}"
    )


def test_a_pattern_too_large_to_build_is_unproven() -> None:
    grant = remote_indices(3, ["us"], ["logs-prod-*", HUGE], ["read"])
    found = run(RULE, [role("audit", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"4:23 {unproven(HUGE, TOO_LARGE)}"]
    assert found[0].identity == (
        "role",
        "audit",
        "alias",
        "us",
        "pattern",
        HUGE,
        "access",
        "search",
    )
    search_entry = f"the `search` access of {KEY}"
    assert found[0].related == (Related(Span.at(KEY_FILE, 4, 10, 16), search_entry),)


def test_the_state_cap_leaves_a_comparison_unproven() -> None:
    grant = remote_indices(3, ["us"], [BLOW_UP], ["read"])
    found = run(
        RULE, [role("r", [grant])], [link("us", search_key(f"/({BLOW_UP[1:-1]})|x/"))]
    )

    assert [where(v) for v in found] == [f"4:10 {unproven(BLOW_UP, CAPPED)}"]


def test_regular_expressions_are_decided_and_not_reported() -> None:
    grants = [
        remote_indices(3, ["us"], ["/logs-.*/"], ["read"]),
        remote_indices(8, ["us"], ["logs-a*"], ["read"]),
        remote_indices(13, ["/u.*/"], ["/metrics-[0-9]+/"], ["read"]),
    ]
    links = [link("us", search_key("/logs-(a|b).*/", "metrics-*"))]

    assert run(RULE, [role("r", grants)], links) == []


def test_only_relevant_entries_are_compared_and_related() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    replicated = remote_indices(3, ["us"], ["archive-*"], ["cross_cluster_replication"])
    searched = remote_indices(8, ["us"], [HUGE], ["read"])
    found = run(RULE, [role("r", [replicated, searched])], [link("us", both)])

    assert [where(v) for v in found] == [f"9:10 {unproven(HUGE, TOO_LARGE)}"]
    assert [r.span.start.row for r in found[0].related] == [4]


def test_alias_pattern_too_large_to_run_is_reported_once_per_role() -> None:
    alias = "/u{1,99999}s/"
    indices = remote_indices(3, ["eu", alias], ["logs-*"], ["all"])
    cluster = remote_cluster(8, [alias], ["monitor_enrich"])
    found = run(
        RULE, [role("audit", [indices], [cluster])], [link("us", search_key("x"))]
    )

    problem = f"`{alias}` is too complex: an expression of more than 50000 parts"
    message = (
        f"could not tell whether alias pattern `{alias}` of role `audit` matches "
        f"remote cluster `us`: {problem}"
    )
    assert [where(v) for v in found] == [f"3:14 {message}"]
    assert found[0].identity == ("role", "audit", "alias", "us", "clusters", alias)
    assert found[0].related == (
        Related(Span.at("eu-prod/elasticsearch.yml", 2, 1, 10), "remote cluster `us`"),
        Related(Span.at(KEY_FILE, 1, 7, 21), KEY),
    )


def test_alias_patterns_decided_or_invalid_are_not_reported() -> None:
    grants = [
        remote_indices(3, ["u*", "/u{1,99999}s/"], ["logs-*"], ["read"]),
        remote_indices(8, ["/[us/", "/~(x.*)/"], ["logs-*"], ["read"]),
    ]
    links = [link("us", search_key("logs-*")), link("eu", None)]

    assert run(RULE, [role("r", grants)], links) == []


def test_certificate_and_unmatched_aliases_are_ignored() -> None:
    grant = remote_indices(3, ["us*"], [HUGE], ["read"])
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
    "eu-prod/roles.yml": f"""
        audit-search:
          remote_indices:
            - clusters: [us]
              names: ["{HUGE}", "/audit-[0-9]{{4}}/"]
              privileges: [read]
        """,
}


def test_workspace_unproven_pattern(lint: Callable[..., list[Finding]]) -> None:
    found = lint(WORKSPACE, select=("RC403",))

    assert [line(f) for f in found] == [
        f"eu-prod/roles.yml:4:15: RC403 {unproven(HUGE, TOO_LARGE)}"
    ]
    assert found[0].severity.label == "info"
    search_entry = Span.at("us-prod/api_keys/eu-prod-search.yml", 4, 15, 24)
    assert found[0].related == (Related(search_entry, f"the `search` access of {KEY}"),)


def test_workspace_decided_regex_is_neither_rc402_nor_rc403(
    lint: Callable[..., list[Finding]],
) -> None:
    assert lint(WORKSPACE, select=("RC402", "RC404")) == []
