"""Cross-cluster API keys: api_keys/* → CrossClusterApiKey records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from linter.loading import LoadedCluster, load_cluster
from linter.model import AccessKind, KeyAccessEntry, Located
from linter.source import Position, Span

Workspace = Callable[[dict[str, str]], Path]
YML = {"eu/elasticsearch.yml": "cluster.name: eu-prod\n"}


def load(workspace: Workspace, files: dict[str, str]) -> LoadedCluster:
    workspace({**YML, **files})
    return load_cluster("eu")


def names(items: Iterable[Located[str]]) -> list[str]:
    return [item.value for item in items]


def test_a_create_body_is_one_key_of_this_cluster(workspace: Workspace) -> None:
    loaded = load(
        workspace,
        {
            "eu/api_keys/for-us.yml": """
            name: for-us
            access:
              search:
                - names: [logs-*, metrics-*]
              replication:
                - names: archive-*
                  allow_restricted_indices: false
            """
        },
    )

    f = "eu/api_keys/for-us.yml"
    (key,) = loaded.cluster.api_keys
    assert key.cluster == "eu-prod"
    assert key.name == Located("for-us", Span.at(f, 1, 7, 13))
    assert key.span.start == Position(1, 1)
    assert (key.key_id, key.invalidated) == (None, False)
    search, replication = key.access
    assert search == KeyAccessEntry(
        AccessKind.SEARCH,
        (
            Located("logs-*", Span.at(f, 4, 15, 21)),
            Located("metrics-*", Span.at(f, 4, 23, 32)),
        ),
        None,
        search.span,
    )
    assert search.span.start == Position(4, 7)
    assert replication.kind is AccessKind.REPLICATION
    assert replication.names == (Located("archive-*", Span.at(f, 6, 14, 23)),)
    assert replication.allow_restricted_indices == Located(False, Span.at(f, 7, 33, 38))
    assert key.kinds == frozenset({AccessKind.SEARCH, AccessKind.REPLICATION})
    assert loaded.problems == ()


GET_RESPONSE = """
{
  "api_keys": [
    {
      "id": "k1", "name": "for-us", "type": "cross_cluster",
      "invalidated": true,
      "access": {"search": [{"names": ["logs-*"]}]}
    },
    {"id": "k2", "name": "ci", "type": "rest", "invalidated": false},
    {"id": "k3", "name": "old", "access": {"replication": [{"names": ["a"]}]}},
    {"id": "k4", "name": "untyped-rest"},
    {
      "id": "k5", "name": "descriptor-only", "type": "cross_cluster",
      "role_descriptors": {
        "cross_cluster": {
          "cluster": ["cross_cluster_search", "cross_cluster_replication"],
          "indices": [
            {"names": ["logs-*"],
             "privileges": ["read", "read_cross_cluster", "view_index_metadata"]},
            {"names": ["archive"],
             "privileges": ["cross_cluster_replication",
                            "cross_cluster_replication_internal"]}
          ]
        }
      }
    }
  ]
}
"""


def test_a_get_response_keeps_cross_cluster_keys_only(workspace: Workspace) -> None:
    loaded = load(workspace, {"eu/api_keys/listed.json": GET_RESPONSE})

    keys = loaded.cluster.api_keys
    summary = [
        (k.name.value, k.key_id, k.invalidated, [e.kind for e in k.access])
        for k in keys
    ]
    assert summary == [
        ("for-us", "k1", True, [AccessKind.SEARCH]),
        ("old", "k3", False, [AccessKind.REPLICATION]),
        (
            "descriptor-only",
            "k5",
            False,
            [AccessKind.SEARCH, AccessKind.REPLICATION],
        ),
    ]
    f = "eu/api_keys/listed.json"
    assert keys[0].name == Located("for-us", Span.at(f, 4, 27, 35))
    assert keys[0].span.start == Position(3, 5)
    assert names(keys[2].access[1].names) == ["archive"]
    assert loaded.problems == ()


ACCESS = '"access": {"search": [{"names": ["logs-*"]}]}'


def test_keys_of_several_files_load_despite_a_broken_one(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            "eu/api_keys/a.json": f'{{"name": "a", {ACCESS}',
            "eu/api_keys/b.json": f'{{"name": "b", {ACCESS}}}',
            "eu/api_keys/c.json": f"{{{ACCESS}}}",
            "eu/api_keys/notes.txt": "not a key",
        },
    )

    keys = loaded.cluster.api_keys
    assert [(k.name.value, k.name.span) for k in keys] == [
        ("b", Span.at("eu/api_keys/b.json", 1, 10, 13)),
        ("c", Span.whole_file("eu/api_keys/c.json")),
    ]
    assert [(p.code, p.span.file) for p in loaded.problems] == [
        ("RC001", "eu/api_keys/a.json"),
        ("RC002", "eu/api_keys/c.json"),
    ]
