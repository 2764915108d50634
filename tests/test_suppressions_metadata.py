"""Suppressions in ``metadata.rclint`` travel with roles and API keys: the
loaders keep them with their places, and the schemas reject a bad shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from linter.loading import LoadedCluster, load_cluster
from linter.model import Located, MetadataSuppression
from linter.source import Problem, Span

Workspace = Callable[[dict[str, str]], Path]
YML = {"eu/elasticsearch.yml": "cluster.name: eu\n"}


def load(workspace: Workspace, files: dict[str, str]) -> LoadedCluster:
    workspace({**YML, **files})
    return load_cluster("eu")


def at(
    value: str, file: str, row: int, column: int, quoted: bool = False
) -> Located[str]:
    """``value`` written at ``row`` and ``column``, in quotes if ``quoted``."""
    width = len(value) + (2 if quoted else 0)
    return Located(value, Span.at(file, row, column, column + width))


def problems(loaded: LoadedCluster) -> list[str]:
    return [_line(p) for p in loaded.problems]


def _line(p: Problem) -> str:
    return (
        f"{p.span.file}:{p.span.start.row}:{p.span.start.column}: {p.code} {p.message}"
    )


def suppressions(items: Iterable[MetadataSuppression]) -> list[MetadataSuppression]:
    return list(items)


ROLES_YML = """
remote-search:
  metadata:
    team: search
    rclint:
      ignore:
        RC401: "write is capped on purpose"
        RC402: {reason: "migration planned", expires: "2026-09-30"}
  remote_indices:
    - clusters: [us]
      names: [logs-*]
      privileges: [read]
"""


def test_a_yaml_role_carries_its_suppressions_where_they_are_written(
    workspace: Workspace,
) -> None:
    loaded = load(workspace, {"eu/roles.yml": ROLES_YML})

    role = loaded.cluster.roles["remote-search"]
    file = "eu/roles.yml"
    assert problems(loaded) == []
    assert role.suppressions == (
        MetadataSuppression(
            at("RC401", file, 6, 9),
            Located("write is capped on purpose", _s(6, 16, 44)),
        ),
        MetadataSuppression(
            at("RC402", file, 7, 9),
            Located("migration planned", _s(7, 25, 44)),
            Located("2026-09-30", _s(7, 55, 67)),
        ),
    )


def _s(row: int, column: int, end: int, file: str = "eu/roles.yml") -> Span:
    return Span.at(file, row, column, end)


ROLE_JSON = """{
  "metadata": {"rclint": {"ignore": {"RC404": {"reason": "kept for the rollback"}}}},
  "remote_indices": [{"clusters": ["us"], "names": ["old-*"], "privileges": ["read"]}]
}
"""


def test_a_json_role_carries_its_suppressions(workspace: Workspace) -> None:
    loaded = load(workspace, {"eu/roles/archive.json": ROLE_JSON})

    (entry,) = loaded.cluster.roles["archive"].suppressions
    file = "eu/roles/archive.json"
    assert problems(loaded) == []
    assert entry == MetadataSuppression(
        at("RC404", file, 2, 38, quoted=True),
        Located("kept for the rollback", _s(2, 58, 81, file)),
    )


KEY_BODY = """{
  "name": "eu-search",
  "access": {"search": [{"names": ["logs-prod-*"]}]},
  "metadata": {"rclint": {"ignore": {"RC402": "the key is narrow on purpose"}}}
}
"""

KEY_RESPONSE = """{"api_keys": [{
  "id": "k1", "name": "eu-replication", "type": "cross_cluster",
  "access": {"replication": [{"names": ["logs-*"]}]},
  "metadata": {"rclint": {"ignore": {"RC401": {
    "reason": "read only", "expires": "2027-01-01"
  }}}}
}]}
"""


def test_api_keys_carry_their_suppressions_in_bodies_and_responses(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {"eu/api_keys/search.json": KEY_BODY, "eu/api_keys/listed.json": KEY_RESPONSE},
    )

    listed, search = loaded.cluster.api_keys
    body, response = "eu/api_keys/search.json", "eu/api_keys/listed.json"
    assert problems(loaded) == []
    assert search.suppressions == (
        MetadataSuppression(
            at("RC402", body, 4, 38, quoted=True),
            Located("the key is narrow on purpose", _s(4, 47, 77, body)),
        ),
    )
    assert listed.suppressions == (
        MetadataSuppression(
            at("RC401", response, 4, 38, quoted=True),
            Located("read only", _s(5, 15, 26, response)),
            Located("2027-01-01", _s(5, 39, 51, response)),
        ),
    )


MALFORMED = """{
  "metadata": {"rclint": {"ignore": {"RC401": 5, "RC402": {"until": "x"}},
                          "owner": "me"}},
  "cluster": ["monitor"]
}
"""


def test_a_malformed_rclint_metadata_is_rc002_and_suppresses_nothing(
    workspace: Workspace,
) -> None:
    loaded = load(workspace, {"eu/roles/bad.json": MALFORMED})

    file = "eu/roles/bad.json"
    assert problems(loaded) == [
        f"{file}:2:47: RC002 `RC401` must be a string or an object, found the "
        "number `5`",
        f"{file}:2:60: RC002 unknown field `until` in `RC402`; expected one of "
        "`reason`, `expires`",
        f"{file}:3:27: RC002 unknown field `owner` in `rclint` in `metadata`; "
        "expected one of `ignore`",
    ]
    assert loaded.cluster.roles["bad"].suppressions == ()


def test_an_api_key_response_rejects_a_malformed_rclint_metadata(
    workspace: Workspace,
) -> None:
    response = (
        '{"api_keys": [{"id": "k", "name": "k", "type": "cross_cluster",\n'
        '  "metadata": {"rclint": {"ignore": ["RC401"]}}}]}\n'
    )
    loaded = load(workspace, {"eu/api_keys/listed.json": response})

    assert problems(loaded) == [
        "eu/api_keys/listed.json:2:37: RC002 `ignore` must be an object, found an array"
    ]
