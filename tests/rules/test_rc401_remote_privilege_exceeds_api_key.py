from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import line
from remote_access_records import (
    ROLES,
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
from rules.remote_privilege_exceeds_api_key import RULE

SEARCH_ONLY = "`read`, `read_cross_cluster`, `view_index_metadata`"
KEY = "the cross-cluster API key `eu-prod-search` of `us-prod`"


PART = " on the indices this entry names"


def capped(
    privilege: str, alias: str = "us", allowed: str = SEARCH_ONLY, where: str = ""
) -> str:
    return (
        f"privilege `{privilege}` on remote cluster `{alias}` exceeds {KEY}, "
        f"which can grant only {allowed}{where}; the remote silently caps it: "
        "grant only what the key allows"
    )


def never(
    privilege: str, alias: str = "us", allowed: str = SEARCH_ONLY, where: str = ""
) -> str:
    return (
        f"privilege `{privilege}` on remote cluster `{alias}` exceeds {KEY}, "
        f"which can grant only {allowed}{where}; the remote never grants it "
        "through this key: grant only what the key allows"
    )


def test_all_on_a_search_key_is_capped() -> None:
    grant = remote_indices(3, ["us"], ["logs-*"], ["read", "all"])
    found = run(RULE, [role("analyst", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"5:16 {capped('all')}"]
    assert found[0].identity == ("role", "analyst", "alias", "us", "privilege", "all")
    assert found[0].cluster == "eu-prod"
    key_span = Span.at("us-prod/api_keys/eu-prod-search.yml", 1, 7, 21)
    assert found[0].related == (Related(key_span, KEY),)


def test_write_privileges_are_never_granted() -> None:
    grant = remote_indices(3, ["us"], ["logs-*"], ["write", "create_doc"])
    found = run(RULE, [role("analyst", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [
        f"5:10 {never('write')}",
        f"5:17 {never('create_doc')}",
    ]


def test_the_search_triple_passes() -> None:
    privileges = ["read", "read_cross_cluster", "view_index_metadata"]
    grant = remote_indices(3, ["us"], ["logs-*"], privileges)

    assert run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))]) == []


def test_replication_key_grants_replication_only() -> None:
    replication = key(entry(AccessKind.REPLICATION, 4, ["archive-*"]))
    privileges = ["cross_cluster_replication", "read", "monitor"]
    grant = remote_indices(3, ["us"], ["archive-*"], privileges)
    found = run(RULE, [role("ccr", [grant])], [link("us", replication)])

    allowed = "`cross_cluster_replication`, `cross_cluster_replication_internal`"
    assert [where(v) for v in found] == [
        f"5:37 {never('read', allowed=allowed)}",
        f"5:43 {capped('monitor', allowed=allowed)}",
    ]


def test_replication_privilege_on_a_search_key() -> None:
    grant = remote_indices(3, ["us"], ["logs-*"], ["cross_cluster_replication"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"5:10 {never('cross_cluster_replication')}"]


def test_key_with_both_kinds_lists_all_it_can_grant() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    grant = remote_indices(3, ["us"], ["*"], ["manage"])
    found = run(RULE, [role("r", [grant])], [link("us", both)])

    allowed = (
        f"{SEARCH_ONLY}, `cross_cluster_replication`, "
        "`cross_cluster_replication_internal`"
    )
    assert [where(v) for v in found] == [f"5:10 {capped('manage', allowed=allowed)}"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["archive-*"], "5:10 {never}"),
        (["/archive-(eu|us)/"], "5:10 {never}"),
        (["/(logs|archive)-.*/"], ""),
        (["/logs-[0-9]+/", "archive-1"], ""),
    ],
)
def test_only_the_key_entries_the_names_reach_count(
    names: list[str], expected: str
) -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["/logs-.*/"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    grant = remote_indices(3, ["us"], names, ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", both)])

    allowed = "`cross_cluster_replication`, `cross_cluster_replication_internal`"
    message = never("read", allowed=allowed, where=PART)
    assert [where(v) for v in found] == (
        [expected.format(never=message)] if expected else []
    )


def test_restricted_indices_reach_only_entries_that_allow_them() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["*"]),
        entry(AccessKind.REPLICATION, 6, [".security*"], restricted=True),
    )
    grant = remote_indices(3, ["us"], [".security"], ["read"], restricted=True)
    found = run(RULE, [role("r", [grant])], [link("us", both)])

    allowed = "`cross_cluster_replication`, `cross_cluster_replication_internal`"
    assert [where(v) for v in found] == [
        f"5:10 {never('read', allowed=allowed, where=PART)}"
    ]


def test_privileges_compare_case_insensitively_and_once() -> None:
    grant = remote_indices(3, ["us"], ["logs-*"], ["READ", "All", "all"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"5:16 {capped('All')}"]
    assert found[0].identity == ("role", "r", "alias", "us", "privilege", "all")


def test_none_grants_nothing_and_is_not_reported() -> None:
    grant = remote_indices(3, ["us"], ["logs-*"], ["none", "NONE", "write"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"5:22 {never('write')}"]


def test_raw_action_patterns_are_not_compared() -> None:
    grant = remote_indices(3, ["us"], ["logs-*"], ["indices:data/write/*"])

    assert run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))]) == []


def test_wildcard_clusters_match_api_key_aliases_only() -> None:
    grant = remote_indices(3, ["u*"], ["logs-*"], ["all"])
    links = [
        link("archive", search_key("logs-*")),
        link("uk", search_key("logs-*")),
        link("us", search_key("logs-*")),
        link("us-old", search_key("logs-*"), model=SecurityModel.CERTIFICATE),
        link("us-off", search_key("logs-*"), enabled=False),
        link("us-nokey", None),
    ]
    found = run(RULE, [role("r", [grant])], links)

    assert [where(v) for v in found] == [
        f"5:10 {capped('all', alias='uk')}",
        f"5:10 {capped('all', alias='us')}",
    ]


def test_aliases_not_matched_are_not_reported() -> None:
    grant = remote_indices(3, ["eu-*", "archive"], ["logs-*"], ["all"])

    assert run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))]) == []


def test_regular_expression_aliases_are_matched() -> None:
    indices = remote_indices(3, ["/@&~(eu)/"], ["logs-*"], ["all"])
    found = run(RULE, [role("r", [indices])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"5:10 {capped('all')}"]


def test_an_invalid_alias_pattern_matches_nothing() -> None:
    # RC405 reports the pattern; here it must not stand for a match.
    indices = remote_indices(3, ["/[us/"], ["logs-*"], ["all"])
    cluster = remote_cluster(8, ["/(x.*/"], ["monitor_stats"])
    replication = key(entry(AccessKind.REPLICATION, 4, ["logs-*"]))
    links = [link("us", replication)]

    assert run(RULE, [role("r", [indices], [cluster])], links) == []


def test_remote_cluster_privileges_need_search_access() -> None:
    grants = [remote_cluster(3, ["*"], ["monitor_enrich", "MONITOR_STATS"])]
    replication = key(entry(AccessKind.REPLICATION, 4, ["archive-*"]))
    found = run(RULE, [role("r", cluster=grants)], [link("us", replication)])

    def message(privilege: str) -> str:
        return (
            f"remote cluster privilege `{privilege}` on remote cluster `us` "
            f"exceeds {KEY}, which has no `search` access; the remote never "
            "grants it through this key: remove it or add `search` access to "
            "the key"
        )

    assert [where(v) for v in found] == [
        f"4:10 {message('monitor_enrich')}",
        f"4:26 {message('MONITOR_STATS')}",
    ]
    assert found[1].identity == (
        "role",
        "r",
        "alias",
        "us",
        "remote_cluster",
        "monitor_stats",
    )


def test_search_keys_carry_remote_cluster_privileges() -> None:
    grants = [remote_cluster(3, ["us"], ["monitor_enrich", "monitor_stats"])]

    found = run(RULE, [role("r", cluster=grants)], [link("us", search_key("x"))])

    assert found == []


def test_each_entry_of_a_role_is_checked() -> None:
    first = remote_indices(3, ["us"], ["logs-*"], ["read"])
    second = remote_indices(8, ["us"], ["metrics-*"], ["read", "write"])
    found = run(RULE, [role("r", [first, second])], [link("us", search_key("*"))])

    assert [where(v) for v in found] == [f"10:16 {never('write')}"]
    assert found[0].span.file == ROLES


# --- through the whole pipeline ----------------------------------------------

WORKSPACE = {
    "eu-prod/elasticsearch.yml": """
        cluster.name: eu-prod
        cluster.remote.us.seeds: ["us-prod.example.internal:9443"]
        cluster.remote.archive.seeds: ["archive.example.internal:9300"]
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
            - names: ["logs-prod-*"]
        """,
}


def test_workspace_privileges_beyond_the_key(
    lint: Callable[..., list[Finding]],
) -> None:
    roles = """
        remote-search:
          remote_indices:
            - clusters: ["*"]
              names: ["logs-prod-*"]
              privileges: [read, all, write]
          remote_cluster:
            - clusters: [us]
              privileges: [monitor_enrich]
        """
    found = lint({**WORKSPACE, "eu-prod/roles.yml": roles}, select=("RC401",))

    assert [line(f) for f in found] == [
        f"eu-prod/roles.yml:5:26: RC401 {capped('all')}",
        f"eu-prod/roles.yml:5:31: RC401 {never('write')}",
    ]
    related = found[0].related
    assert [(r.span.file, r.span.start.row, r.span.start.column) for r in related] == [
        ("us-prod/api_keys/eu-prod-search.yml", 1, 7)
    ]
    assert [r.message for r in related] == [KEY]
    assert found[1].identity == (
        "role",
        "remote-search",
        "alias",
        "us",
        "privilege",
        "write",
    )


def test_workspace_certificate_alias_is_ignored(
    lint: Callable[..., list[Finding]],
) -> None:
    roles = """
        legacy:
          remote_indices:
            - clusters: [archive]
              names: ["*"]
              privileges: [all]
        """

    assert lint({**WORKSPACE, "eu-prod/roles.yml": roles}, select=("RC401",)) == []
