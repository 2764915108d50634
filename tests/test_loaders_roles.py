"""Roles: roles.yml (file realm) and roles/* (native) → Role records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from linter.loading import LoadedCluster, load_cluster
from linter.model import Located, Role, RoleSource
from linter.source import Position, Problem, Span

Workspace = Callable[[dict[str, str]], Path]
YML = {"eu/elasticsearch.yml": "cluster.name: eu-prod\n"}


def load(workspace: Workspace, files: dict[str, str]) -> LoadedCluster:
    workspace({**YML, **files})
    return load_cluster("eu")


def lines(problems: Iterable[Problem]) -> list[str]:
    return [
        f"{p.span.file}:{p.span.start.row}:{p.span.start.column}: {p.code} {p.message}"
        for p in problems
    ]


def loc(value: str, file: str, row: int, column: int) -> Located[str]:
    return Located(value, Span.at(file, row, column, column + len(value)))


def names(items: Iterable[Located[str]]) -> list[str]:
    return [item.value for item in items]


ROLES_YML = """
remote-search:
  cluster: [monitor]
  indices:
    - names: logs-*
      privileges: [read]
      allow_restricted_indices: true
  index:
    - names: [metrics-*]
      privileges: [monitor]
  remote_indices:
    - clusters: [us, ap-*]
      names: [logs-*]
      privileges: [read, read_cross_cluster]
  remote_cluster:
    - clusters: [us]
      privileges: [monitor_enrich]
"""


def test_a_file_realm_role_keeps_every_value_where_it_was_written(
    workspace: Workspace,
) -> None:
    loaded = load(workspace, {"eu/roles.yml": ROLES_YML})

    f = "eu/roles.yml"
    role = loaded.cluster.roles["remote-search"]
    assert role.name == loc("remote-search", f, 1, 1)
    assert role.source is RoleSource.FILE
    assert role.cluster == (loc("monitor", f, 2, 13),)
    local, aliased = role.indices
    assert local.names == (loc("logs-*", f, 4, 14),)
    assert local.privileges == (loc("read", f, 5, 20),)
    assert local.allow_restricted_indices == Located(True, Span.at(f, 6, 33, 37))
    assert local.span.start == Position(4, 7)
    assert aliased.names == (loc("metrics-*", f, 8, 15),)
    assert aliased.allow_restricted_indices is None
    (remote,) = role.remote_indices
    assert remote.clusters == (loc("us", f, 11, 18), loc("ap-*", f, 11, 22))
    assert remote.names == (loc("logs-*", f, 12, 15),)
    assert remote.privileges == (
        loc("read", f, 13, 20),
        loc("read_cross_cluster", f, 13, 26),
    )
    assert remote.span.start == Position(11, 7)
    (cluster_grant,) = role.remote_cluster
    assert cluster_grant.clusters == (loc("us", f, 15, 18),)
    assert cluster_grant.privileges == (loc("monitor_enrich", f, 16, 20),)
    assert loaded.problems == ()


def test_a_native_role_file_is_one_role_named_after_the_file(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            "eu/roles/remote-search.json": """
            {
              "remote_indices": [
                {"clusters": ["us"], "names": "logs-*", "privileges": ["read"]}
              ]
            }
            """,
            "eu/roles/empty.yaml": "{}\n",
        },
    )

    f = "eu/roles/remote-search.json"
    roles = loaded.cluster.roles
    assert sorted(roles) == ["empty", "remote-search"]
    role = roles["remote-search"]
    assert role.name == Located("remote-search", Span.whole_file(f))
    assert role.source is RoleSource.NATIVE
    (remote,) = role.remote_indices
    # A JSON string's span includes its quotes.
    assert remote.names == (Located("logs-*", Span.at(f, 3, 35, 43)),)
    assert roles["empty"] == Role(
        Located("empty", Span.whole_file("eu/roles/empty.yaml")), RoleSource.NATIVE
    )
    assert loaded.problems == ()


def test_a_get_role_response_holds_several_roles(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            "eu/roles/all.yml": """
            reader:
              indices:
                - names: [logs-*]
                  privileges: [read]
            admin:
              cluster: [all]
            """
        },
    )

    f = "eu/roles/all.yml"
    roles = loaded.cluster.roles
    assert sorted(roles) == ["admin", "reader"]
    assert roles["admin"].name == loc("admin", f, 5, 1)
    assert roles["admin"].cluster == (loc("all", f, 6, 13),)
    assert names(roles["reader"].indices[0].names) == ["logs-*"]
    assert loaded.problems == ()


def test_the_file_realm_wins_over_a_native_role_of_the_same_name(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            "eu/roles.yml": "shared:\n  cluster: [monitor]\n",
            "eu/roles/shared.json": '{"cluster": ["all"]}\n',
            "eu/roles/native.json": '{"cluster": ["manage"]}\n',
        },
    )

    roles = loaded.cluster.roles
    assert {name: role.source for name, role in roles.items()} == {
        "native": RoleSource.NATIVE,
        "shared": RoleSource.FILE,
    }
    assert names(roles["shared"].cluster) == ["monitor"]
    assert loaded.problems == ()


def test_a_native_role_defined_twice_keeps_the_first(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            "eu/roles/a.yml": "reader:\n  cluster: [monitor]\n",
            "eu/roles/reader.json": '{"cluster": ["all"]}\n',
        },
    )

    assert lines(loaded.problems) == [
        "eu/roles/reader.json:1:1: RC003 role `reader` is defined twice: first in "
        "eu/roles/a.yml; the first definition is used"
    ]
    first = Span.at("eu/roles/a.yml", 1, 1, 7)
    assert loaded.problems[0].related == ((first, "`reader` first defined here"),)
    assert names(loaded.cluster.roles["reader"].cluster) == ["monitor"]


def test_values_of_the_wrong_type_are_skipped_and_reported(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            "eu/roles.yml": """
            odd:
              cluster: monitor
              indices:
                - names: [logs-*, 7]
                  privileges: [read]
                - just-a-string
            fine:
              cluster: [monitor]
            """
        },
    )

    roles = loaded.cluster.roles
    assert sorted(roles) == ["fine", "odd"]
    assert names(roles["odd"].cluster) == ["monitor"]
    (grant,) = roles["odd"].indices
    assert names(grant.names) == ["logs-*"]
    assert [(p.code, p.span.start) for p in loaded.problems] == [
        ("RC002", Position(2, 12)),
        ("RC002", Position(4, 23)),
        ("RC002", Position(6, 7)),
    ]


def test_a_role_file_that_does_not_parse_hides_no_other_role(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            "eu/roles/broken.json": '{"cluster": ["all"\n',
            "eu/roles/good.json": '{"cluster": ["monitor"]}\n',
            "eu/roles.yml": "filed:\n  cluster: [monitor\n",
        },
    )

    assert sorted(loaded.cluster.roles) == ["good"]
    assert [(p.code, p.span.file, p.span.start) for p in loaded.problems] == [
        ("RC001", "eu/roles.yml", Position(3, 1)),
        ("RC001", "eu/roles/broken.json", Position(2, 1)),
    ]


GET_ROLE_RESPONSE = """
{
  "superuser": {
    "cluster": ["all"],
    "remote_indices": [
      {"clusters": ["*"], "names": ["*"], "privileges": ["all"]}
    ],
    "metadata": {"_reserved": true},
    "transient_metadata": {"enabled": true}
  },
  "kibana_user": {
    "cluster": [],
    "metadata": {
      "_reserved": true,
      "_deprecated": true,
      "_deprecated_reason": "Please use the [kibana_admin] role instead"
    }
  },
  "analyst": {
    "cluster": ["monitor"],
    "metadata": {"_reserved": false, "team": "ops"}
  }
}
"""


def test_built_in_roles_of_a_get_role_response_are_skipped(
    workspace: Workspace,
) -> None:
    loaded = load(workspace, {"eu/roles/all.json": GET_ROLE_RESPONSE})

    assert sorted(loaded.cluster.roles) == ["analyst"]
    assert loaded.problems == ()


def test_a_reserved_role_body_is_skipped(workspace: Workspace) -> None:
    body = '{"cluster": ["all"], "metadata": {"_reserved": true}}\n'
    loaded = load(workspace, {"eu/roles/superuser.json": body})

    assert loaded.cluster.roles == {}
    assert loaded.problems == ()


def test_reserved_metadata_in_roles_yml_still_defines_a_role(
    workspace: Workspace,
) -> None:
    text = "filed:\n  cluster: [monitor]\n  metadata: {_reserved: true}\n"
    loaded = load(workspace, {"eu/roles.yml": text})

    assert sorted(loaded.cluster.roles) == ["filed"]
    assert loaded.problems == ()
