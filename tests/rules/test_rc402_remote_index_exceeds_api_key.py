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
from rules.remote_index_exceeds_api_key import RULE

KEY = "the cross-cluster API key `eu-prod-search` of `us-prod`"
SEARCH_ENTRY = f"the `search` access of {KEY}"


def beyond(pattern: str, covers: str, witness: str, alias: str = "us") -> str:
    return (
        f"index pattern `{pattern}` on remote cluster `{alias}` reaches beyond "
        f"{KEY}, which covers {covers} (for example `{witness}` is outside it); "
        "the remote silently caps the grant: narrow the pattern or widen the key"
    )


RESTRICTED = (
    f"`allow_restricted_indices: true` on remote cluster `us` reaches beyond "
    f"{KEY}, which allows no restricted indices; the remote silently ignores "
    "it: remove it or allow restricted indices in the key"
)


def test_pattern_beyond_the_key_names_a_witness() -> None:
    grant = remote_indices(3, ["us"], ["logs-*"], ["read"])
    found = run(
        RULE, [role("analyst", [grant])], [link("us", search_key("logs-prod-*"))]
    )

    assert [where(v) for v in found] == [
        f"4:10 {beyond('logs-*', '`logs-prod-*`', 'logs-')}"
    ]
    assert found[0].identity == ("role", "analyst", "alias", "us", "pattern", "logs-*")
    assert found[0].related == (Related(Span.at(KEY_FILE, 4, 10, 21), SEARCH_ENTRY),)


def test_match_all_pattern_has_no_empty_example() -> None:
    grant = remote_indices(3, ["us"], ["*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [
        f"4:10 index pattern `*` on remote cluster `us` reaches beyond {KEY}, which "
        "covers `logs-*`; the remote silently caps the grant: narrow the pattern "
        "or widen the key"
    ]


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


def test_regular_expressions_are_left_to_rc403() -> None:
    local_regex = remote_indices(3, ["us"], ["/logs-.*/"], ["read"])
    key_regex = remote_indices(8, ["us"], ["logs-a*"], ["read"])
    regex_key = search_key("/logs-.*/")

    assert run(RULE, [role("r", [local_regex])], [link("us", search_key("x"))]) == []
    assert run(RULE, [role("r", [key_regex])], [link("us", regex_key)]) == []


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
    grant = remote_indices(3, ["us"], ["logs-*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", replication)])

    # No entry serves `read`, so every entry counts (RC401 reports `read`).
    assert [where(v) for v in found] == [
        f"4:10 {beyond('logs-*', '`archive-*`', 'logs-')}"
    ]
    replication_entry = f"the `replication` access of {KEY}"
    span = Span.at(KEY_FILE, 4, 10, 19)
    assert found[0].related == (Related(span, replication_entry),)


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
    )


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
              names: ["logs-*", "metrics-prod-*"]
              privileges: [read]
              allow_restricted_indices: true
        """
    found = lint({**WORKSPACE, "eu-prod/roles.yml": roles}, select=("RC402",))

    covers = "`logs-prod-*`, `metrics-prod-*`"
    assert [line(f) for f in found] == [
        f"eu-prod/roles.yml:4:15: RC402 {beyond('logs-*', covers, 'logs-')}",
        f"eu-prod/roles.yml:6:33: RC402 {RESTRICTED}",
    ]
    search_entry = Span.at("us-prod/api_keys/eu-prod-search.yml", 4, 15, 46)
    assert found[0].related == (Related(search_entry, SEARCH_ENTRY),)
    assert found[1].related == (Related(search_entry, SEARCH_ENTRY),)
    assert found[1].identity == (
        "role",
        "remote-search",
        "alias",
        "us",
        "allow_restricted_indices",
    )


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
