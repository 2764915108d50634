from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import line
from remote_access_records import (
    KEY_FILE,
    ROLES,
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
from rules.remote_index_exceeds_api_key import RULE

KEY = "the cross-cluster API key `eu-prod-search` of `us-prod`"
SEARCH_ENTRY = f"the `search` access of {KEY}"
REPLICATION_ENTRY = f"the `replication` access of {KEY}"


def beyond(
    pattern: str, covers: str, witness: str, alias: str = "us", kind: str = "search"
) -> str:
    kinds = " and ".join(f"`{k}`" for k in kind.split("+"))
    return (
        f"index pattern `{pattern}` on remote cluster `{alias}` reaches beyond "
        f"the {kinds} access of {KEY}, which covers {covers} (for example "
        f"`{witness}` is outside it); the remote silently caps the grant: "
        "narrow the pattern or widen the key"
    )


def restricted(witness: str, kind: str = "search") -> str:
    return (
        f"`allow_restricted_indices: true` on remote cluster `us` reaches beyond "
        f"the `{kind}` access of {KEY}, which allows no restricted indices (for "
        f"example `{witness}` is outside it); the remote silently ignores it: "
        "remove it or allow restricted indices in the key"
    )


def restricted_pattern(
    pattern: str, allowed: str, witness: str, kind: str = "search"
) -> str:
    return (
        f"`allow_restricted_indices: true` for index pattern `{pattern}` on remote "
        f"cluster `us` reaches beyond the `{kind}` access of {KEY}, which allows "
        f"restricted indices only in {allowed} (for example `{witness}` is "
        "outside it); the remote silently ignores it for the other restricted "
        "indices: narrow the pattern or allow restricted indices in the key"
    )


RESTRICTED = restricted(".tasks")


def test_pattern_beyond_the_key_names_a_witness() -> None:
    grant = remote_indices(3, ["us"], ["logs-*"], ["read"])
    found = run(
        RULE, [role("analyst", [grant])], [link("us", search_key("logs-prod-*"))]
    )

    assert [where(v) for v in found] == [
        f"4:10 {beyond('logs-*', '`logs-prod-*`', 'logs-')}"
    ]
    assert found[0].identity == (
        "role",
        "analyst",
        "alias",
        "us",
        "pattern",
        "logs-*",
        "access",
        "search",
    )
    assert found[0].related == (Related(Span.at(KEY_FILE, 4, 10, 21), SEARCH_ENTRY),)


def test_match_all_pattern_names_a_non_empty_example() -> None:
    grant = remote_indices(3, ["us"], ["*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"4:10 {beyond('*', '`logs-*`', 'a')}"]


def test_a_pattern_outside_the_key_only_by_the_empty_name_passes() -> None:
    grant = remote_indices(3, ["us"], ["*", "logs*"], ["read"])

    assert run(RULE, [role("r", [grant])], [link("us", search_key("?*"))]) == []


def test_example_is_a_shortest_non_empty_name() -> None:
    grant = remote_indices(3, ["us"], ["*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("a*", "b?*"))])

    assert [where(v) for v in found] == [f"4:10 {beyond('*', '`a*`, `b?*`', 'b')}"]


def test_contained_patterns_pass() -> None:
    grant = remote_indices(3, ["us"], ["logs-prod-*", "logs-prod-eu"], ["read"])

    assert (
        run(RULE, [role("r", [grant])], [link("us", search_key("logs-prod-*"))]) == []
    )


def test_containment_through_the_union_of_two_key_entries() -> None:
    two = key(
        entry(AccessKind.SEARCH, 4, ["logs-"]),
        entry(AccessKind.SEARCH, 6, ["logs-?*"]),
    )
    grant = remote_indices(3, ["us"], ["logs-*"], ["read"])

    assert run(RULE, [role("r", [grant])], [link("us", two)]) == []


def test_only_the_names_outside_are_reported() -> None:
    grant = remote_indices(3, ["us"], ["logs-prod-a", "metrics-*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("logs-prod-*"))])

    assert [where(v) for v in found] == [
        f"4:23 {beyond('metrics-*', '`logs-prod-*`', 'metrics-')}"
    ]


def test_regular_expressions_on_both_sides_are_compared() -> None:
    local = remote_indices(3, ["us"], ["/logs-(prod|stage)-.*/", "logs-a*"], ["read"])
    regex_key = search_key("/logs-(prod|qa)-[a-z]+/", "/logs-a.*/")
    found = run(RULE, [role("r", [local])], [link("us", regex_key)])

    covers = "`/logs-(prod|qa)-[a-z]+/`, `/logs-a.*/`"
    assert [where(v) for v in found] == [
        f"4:10 {beyond('/logs-(prod|stage)-.*/', covers, 'logs-prod-')}"
    ]
    assert found[0].identity[5] == "/logs-(prod|stage)-.*/"


def test_a_regular_expression_key_can_cover_a_wildcard() -> None:
    local = remote_indices(3, ["us"], ["logs-prod-?", "logs-qa-*"], ["read"])
    regex_key = search_key("/logs-(prod-.|qa-.*)/")

    assert run(RULE, [role("r", [local])], [link("us", regex_key)]) == []


def test_complement_and_intersection_in_the_key() -> None:
    local = remote_indices(3, ["us"], ["*"], ["read"])
    regex_key = search_key("/@&~(\\..*)/")
    found = run(RULE, [role("r", [local])], [link("us", regex_key)])

    covers = "`/@&~(\\..*)/`"
    assert [where(v) for v in found] == [f"4:10 {beyond('*', covers, '.')}"]


def test_invalid_patterns_match_nothing_here() -> None:
    local = remote_indices(3, ["us"], ["/logs-(/", "logs-a"], ["read"])
    invalid_key = search_key("/logs-[/", "logs-*")

    assert run(RULE, [role("r", [local])], [link("us", invalid_key)]) == []


def test_each_exactly_served_kind_is_compared_on_its_own() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    privileges = ["read", "cross_cluster_replication"]
    grant = remote_indices(3, ["us"], ["archive-*"], privileges)
    found = run(RULE, [role("r", [grant])], [link("us", both)])

    assert [where(v) for v in found] == [
        f"4:10 {beyond('archive-*', '`logs-*`', 'archive-')}"
    ]
    assert found[0].identity[-2:] == ("access", "search")
    assert found[0].related == (Related(Span.at(KEY_FILE, 4, 10, 16), SEARCH_ENTRY),)


def test_one_finding_per_kind_a_pattern_is_beyond() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    privileges = ["view_index_metadata", "cross_cluster_replication_internal"]
    grant = remote_indices(3, ["us"], ["*-*"], privileges)
    found = run(RULE, [role("r", [grant])], [link("us", both)])

    assert [where(v) for v in found] == [
        f"4:10 {beyond('*-*', '`logs-*`', '-')}",
        f"4:10 {beyond('*-*', '`archive-*`', '-', kind='replication')}",
    ]
    assert [v.identity[-1] for v in found] == ["search", "replication"]
    assert found[1].related == (
        Related(Span.at(KEY_FILE, 6, 10, 19), REPLICATION_ENTRY),
    )


def test_exact_privileges_decide_over_partial_overlaps() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    grant = remote_indices(3, ["us"], ["logs-*"], ["read", "all"])

    assert run(RULE, [role("r", [grant])], [link("us", both)]) == []


def test_partial_overlaps_compare_with_the_union_of_their_kinds() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    grants = [
        remote_indices(3, ["us"], ["*s-*"], ["all"]),
        remote_indices(8, ["us"], ["archive-*"], ["manage"]),
    ]
    found = run(RULE, [role("r", grants)], [link("us", both)])

    union = "search+replication"
    covers = "`logs-*`, `archive-*`"
    assert [where(v) for v in found] == [
        f"4:10 {beyond('*s-*', covers, 's-', kind=union)}",
        f"9:10 {beyond('archive-*', '`logs-*`', 'archive-')}",
    ]
    assert found[0].identity[-2:] == ("access", "search+replication")


def test_search_privileges_compare_with_search_entries_only() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    grant = remote_indices(3, ["us"], ["archive-*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", both)])

    assert [where(v) for v in found] == [
        f"4:10 {beyond('archive-*', '`logs-*`', 'archive-')}"
    ]
    assert found[0].related == (Related(Span.at(KEY_FILE, 4, 10, 16), SEARCH_ENTRY),)


def test_replication_and_all_compare_with_their_entries() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    grants = [
        remote_indices(3, ["us"], ["archive-*"], ["cross_cluster_replication"]),
        remote_indices(8, ["us"], ["archive-*", "logs-*"], ["ALL"]),
        remote_indices(13, ["us"], ["logs-*"], ["write"]),
    ]

    assert run(RULE, [role("r", grants)], [link("us", both)]) == []


def test_replication_key_against_a_search_privilege() -> None:
    replication = key(entry(AccessKind.REPLICATION, 4, ["archive-*"]))
    grant = remote_indices(3, ["us"], ["*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", replication)])

    # No entry serves `read`, so every entry counts (RC401 reports `read`).
    assert [where(v) for v in found] == [
        f"4:10 {beyond('*', '`archive-*`', 'a', kind='replication')}"
    ]
    span = Span.at(KEY_FILE, 4, 10, 19)
    assert found[0].related == (Related(span, REPLICATION_ENTRY),)


def test_restricted_indices_beyond_the_key() -> None:
    grant = remote_indices(3, ["us"], ["*"], ["read"], restricted=True)
    found = run(RULE, [role("r", [grant])], [link("us", search_key("*"))])

    assert [where(v) for v in found] == [f"6:31 {RESTRICTED}"]
    assert found[0].identity == (
        "role",
        "r",
        "alias",
        "us",
        "allow_restricted_indices",
        "access",
        "search",
    )


def test_restricted_indices_are_matched_per_key_entry() -> None:
    mixed = key(
        entry(AccessKind.SEARCH, 4, ["*"]),
        entry(AccessKind.SEARCH, 6, [".kibana*"], restricted=True),
    )
    grant = remote_indices(3, ["us"], [".kibana-7", ".security*"], ["read"], True)
    found = run(RULE, [role("r", [grant])], [link("us", mixed)])

    assert [where(v) for v in found] == [
        f"6:31 {restricted_pattern('.security*', '`.kibana*`', '.security')}"
    ]
    assert found[0].identity == (
        "role",
        "r",
        "alias",
        "us",
        "allow_restricted_indices",
        "pattern",
        ".security*",
        "access",
        "search",
    )
    assert found[0].related == (
        Related(Span.at(ROLES, 4, 21, 31), "index pattern `.security*`"),
        Related(Span.at(KEY_FILE, 6, 10, 18), SEARCH_ENTRY),
    )


def test_restricted_indices_are_matched_per_kind() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["*"], restricted=True),
        entry(AccessKind.REPLICATION, 6, [".*"]),
    )
    privileges = ["read", "cross_cluster_replication"]
    grant = remote_indices(3, ["us"], [".*"], privileges, True)
    found = run(RULE, [role("r", [grant])], [link("us", both)])

    assert [where(v) for v in found] == [f"6:31 {restricted('.tasks', 'replication')}"]
    assert found[0].identity[-2:] == ("access", "replication")


def test_the_flag_on_patterns_without_restricted_indices_passes() -> None:
    grant = remote_indices(3, ["us"], ["logs-*", ".ds-logs-*"], ["read"], True)

    assert run(RULE, [role("r", [grant])], [link("us", search_key("*"))]) == []


@pytest.mark.parametrize(
    ("local", "key_names", "witness"),
    [
        ([".security*"], ["*"], ".security"),
        ([".kibana*"], ["*"], ".kibana"),
        ([".fleet-*"], ["*"], ".fleet-agents"),
        (["/\\.watch.*/"], ["*"], ".watches"),
        (["*"], [".kibana*", ".security*", "*"], ".tasks"),
    ],
)
def test_restricted_indices_model(
    local: list[str], key_names: list[str], witness: str
) -> None:
    grant = remote_indices(3, ["us"], local, ["read"], restricted=True)
    found = run(RULE, [role("r", [grant])], [link("us", search_key(*key_names))])

    assert [where(v) for v in found] == [f"6:31 {restricted(witness)}"]


@pytest.mark.parametrize(
    ("local", "key_names"),
    [
        ([".kibana-7", ".ds-logs-x", ".fleet-actions-results-x"], ["*"]),
        (["*"], ["*"]),
        ([".security*"], ["*"]),
        ([".security-7"], ["/\\.sec.*/"]),
    ],
)
def test_without_the_flag_restricted_indices_are_left_out_on_both_sides(
    local: list[str], key_names: list[str]
) -> None:
    grant = remote_indices(3, ["us"], local, ["read"])

    assert run(RULE, [role("r", [grant])], [link("us", search_key(*key_names))]) == []


def test_restricted_indices_are_no_example_of_a_plain_pattern() -> None:
    grant = remote_indices(3, ["us"], [".security*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key(".security-*"))])

    # `.security` is restricted, so `.securitya` comes first among the others.
    expected = beyond(".security*", "`.security-*`", ".securitya")
    assert [where(v) for v in found] == [f"4:10 {expected}"]


def test_restricted_indices_of_a_pattern_already_beyond_the_key() -> None:
    allowing = key(entry(AccessKind.SEARCH, 4, ["logs-*"], restricted=True))
    grant = remote_indices(3, ["us"], ["logs-*", ".*"], ["read"], True)
    found = run(RULE, [role("r", [grant])], [link("us", allowing)])

    # The pattern itself is reported; its restricted indices are not again.
    assert [where(v) for v in found] == [f"4:18 {beyond('.*', '`logs-*`', '.')}"]


def test_restricted_indices_allowed_by_the_key() -> None:
    allowing = key(entry(AccessKind.SEARCH, 4, ["*"], restricted=True))
    granted = remote_indices(3, ["us"], ["*"], ["read"], restricted=True)
    not_asked = remote_indices(8, ["us"], ["*"], ["read"], restricted=False)

    assert run(RULE, [role("r", [granted])], [link("us", allowing)]) == []
    assert run(RULE, [role("r", [not_asked])], [link("us", search_key("*"))]) == []


def test_wildcard_clusters_and_ignored_links() -> None:
    grant = remote_indices(3, ["u*"], ["logs-*"], ["read"])
    narrow = search_key("logs-prod-*")
    links = [
        link("archive", narrow),
        link("uk", narrow),
        link("us", narrow, model=SecurityModel.CERTIFICATE),
        link("us-off", narrow, enabled=False),
        link("us-nokey", None),
    ]
    found = run(RULE, [role("r", [grant])], links)

    assert [where(v) for v in found] == [
        f"4:10 {beyond('logs-*', '`logs-prod-*`', 'logs-', alias='uk')}"
    ]


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
            - names: ["logs-prod-*", "metrics-prod-*"]
          replication:
            - names: ["archive-*"]
        """,
}


def test_workspace_patterns_beyond_the_key(
    lint: Callable[..., list[Finding]],
) -> None:
    roles = """
        remote-search:
          remote_indices:
            - clusters: [us]
              names: ["logs-*", "metrics-prod-*", '/\\.security.*/']
              privileges: [read]
              allow_restricted_indices: true
        """
    found = lint({**WORKSPACE, "eu-prod/roles.yml": roles}, select=("RC402",))

    covers = "`logs-prod-*`, `metrics-prod-*`"
    regex = "/\\.security.*/"
    # The regular expression's restricted indices are not reported again.
    assert [line(f) for f in found] == [
        f"eu-prod/roles.yml:4:15: RC402 {beyond('logs-*', covers, 'logs-')}",
        f"eu-prod/roles.yml:4:43: RC402 {beyond(regex, covers, '.securitya')}",
    ]
    search_entry = Span.at("us-prod/api_keys/eu-prod-search.yml", 4, 15, 46)
    assert found[0].related == (Related(search_entry, SEARCH_ENTRY),)
    assert found[1].identity[5] == regex


def test_workspace_replication_entry_covers_replication(
    lint: Callable[..., list[Finding]],
) -> None:
    roles = """
        follower:
          remote_indices:
            - clusters: ["*"]
              names: ["archive-*"]
              privileges: [cross_cluster_replication]
        """

    assert lint({**WORKSPACE, "eu-prod/roles.yml": roles}, select=("RC402",)) == []


def test_workspace_each_kind_compares_its_own_entries(
    lint: Callable[..., list[Finding]],
) -> None:
    roles = """
        follower:
          remote_indices:
            - clusters: [us]
              names: ["archive-*"]
              privileges: [read, cross_cluster_replication]
        """
    found = lint({**WORKSPACE, "eu-prod/roles.yml": roles}, select=("RC402",))

    covers = "`logs-prod-*`, `metrics-prod-*`"
    assert [line(f) for f in found] == [
        f"eu-prod/roles.yml:4:15: RC402 {beyond('archive-*', covers, 'archive-')}",
    ]
    assert found[0].identity == (
        "role",
        "follower",
        "alias",
        "us",
        "pattern",
        "archive-*",
        "access",
        "search",
    )
