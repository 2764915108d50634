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
from linter.model import AccessKind
from linter.source import Span
from rules.dead_remote_grant import RULE

KEY = "the cross-cluster API key `eu-prod-search` of `us-prod`"


def dead(names: str, aliases: str = "`us`", role_name: str = "r") -> str:
    return (
        f"index patterns {names} of role `{role_name}` on remote cluster {aliases} "
        f"name no index that {KEY} allows; the entry grants nothing there: point "
        "its `names` at indices the key covers, or remove it"
    )


def test_an_entry_reaching_no_key_entry_is_dead() -> None:
    grant = remote_indices(3, ["us"], ["metrics-*", "traces-*"], ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key("logs-*"))])

    assert [where(v) for v in found] == [f"4:10 {dead('`metrics-*`, `traces-*`')}"]
    assert found[0].span == Span.at(ROLES, 4, 10, 29)
    assert found[0].identity == ("role", "r", "remote_indices", "metrics-*", "traces-*")
    search_entry = f"the `search` access of {KEY}"
    assert found[0].related == (Related(Span.at(KEY_FILE, 4, 10, 16), search_entry),)


@pytest.mark.parametrize(
    ("names", "key_names"),
    [
        (["/metrics-(prod|stage)-.*/"], ["/logs-(prod|stage)-.*/"]),
        (["/logs-[0-9]+/"], ["/logs-[a-z]+/"]),
        (["logs-?"], ["/logs-..+/"]),
        (["/@&~(logs-.*)/"], ["logs-*"]),
        ([".security", ".kibana_1"], ["*"]),
        (["/[a/", "metrics-*"], ["logs-*", "/[a/"]),
    ],
)
def test_regular_expressions_on_both_sides(
    names: list[str], key_names: list[str]
) -> None:
    grant = remote_indices(3, ["us"], names, ["read"])
    found = run(RULE, [role("r", [grant])], [link("us", search_key(*key_names))])

    assert len(found) == 1
    assert found[0].span.start.row == 4


@pytest.mark.parametrize(
    ("names", "key_names", "restricted"),
    [
        (["/logs-(prod|stage)-.*/"], ["logs-stage-*"], False),
        (["logs-*"], ["/.*-1/"], False),
        (["/~(x)/"], ["x", "y"], False),
        ([".security*"], ["*"], True),
    ],
)
def test_entries_reaching_some_key_entry_pass(
    names: list[str], key_names: list[str], restricted: bool
) -> None:
    grant = remote_indices(3, ["us"], names, ["read"], restricted=restricted)
    allowing = key(entry(AccessKind.SEARCH, 4, key_names, restricted=restricted))

    assert run(RULE, [role("r", [grant])], [link("us", allowing)]) == []


def test_dead_only_when_dead_on_every_alias() -> None:
    grant = remote_indices(3, ["*"], ["logs-*"], ["read"])
    reaching = [link("us", search_key("logs-*")), link("eu", search_key("metrics-*"))]
    missing = [link("eu", search_key("metrics-*")), link("uk", search_key("x"))]

    assert run(RULE, [role("r", [grant])], reaching) == []
    found = run(RULE, [role("r", [grant])], missing)
    assert [where(v) for v in found] == [f"4:10 {dead('`logs-*`', '`eu`, `uk`')}"]


def test_replication_entries_count_too() -> None:
    both = key(
        entry(AccessKind.SEARCH, 4, ["logs-*"]),
        entry(AccessKind.REPLICATION, 6, ["archive-*"]),
    )
    grant = remote_indices(3, ["us"], ["archive-1"], ["read"])

    assert run(RULE, [role("r", [grant])], [link("us", both)]) == []


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
            - names: ["/logs-(prod|qa)-.*/"]
        """,
    "eu-prod/roles.yml": """
        audit-search:
          remote_indices:
            - clusters: [us]
              names: ["/audit-[0-9]{4}/"]
              privileges: [read, all]
        """,
}


def test_workspace_dead_grant(lint: Callable[..., list[Finding]]) -> None:
    found = lint(WORKSPACE, select=("RC401", "RC402", "RC404"))

    message = dead("`/audit-[0-9]{4}/`", role_name="audit-search")
    assert [line(f) for f in found] == [f"eu-prod/roles.yml:4:15: RC404 {message}"]
    assert found[0].severity.label == "warning"
