"""A whole cluster directory: every file kind together, good and bad."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from linter.loading import load_cluster
from linter.model import SettingOrigin
from linter.source import Position, Span

Workspace = Callable[[dict[str, str]], Path]

GOOD = {
    "eu/elasticsearch.yml": """
    cluster.name: eu-prod
    cluster.remote.us.seeds: [us-1:9443]
    """,
    "eu/cluster-settings.json": '{"persistent": {"cluster.remote.ap.mode": "proxy"}}',
    "eu/elasticsearch.keystore.list": "cluster.remote.us.credentials\n",
    "eu/roles.yml": "reader:\n  cluster: [monitor]\n",
    "eu/roles/native.json": '{"cluster": ["manage"]}',
    "eu/api_keys/for-us.json": '{"name": "for-us", "access": {"search": '
    '[{"names": ["logs-*"]}]}}',
    "eu/role_mapping.yml": "superuser: [cn=admins]\n",
    "eu/users_roles": "reader:alice\n",
    "eu/users/bob.json": '{"roles": ["reader"]}',
    "eu/README.md": "# not read\n",
}

BAD = {
    "eu/roles/broken.json": '{"cluster": [',
    "eu/api_keys/broken.yml": "name: [unclosed\n",
    "eu/role_mappings/broken.json": "{",
    "eu/users/broken.yml": "roles: [reader\n",
}


def test_every_file_kind_loads(workspace: Workspace) -> None:
    workspace(GOOD)

    loaded = load_cluster("eu")

    cluster = loaded.cluster
    assert cluster.name == "eu-prod"
    assert {k: s.origin for k, s in cluster.settings.by_key.items()} == {
        "cluster.name": SettingOrigin.NODE,
        "cluster.remote.us.seeds": SettingOrigin.NODE,
        "cluster.remote.ap.mode": SettingOrigin.PERSISTENT,
    }
    assert cluster.keystore is not None
    assert list(cluster.keystore.entries) == ["cluster.remote.us.credentials"]
    assert sorted(cluster.roles) == ["native", "reader"]
    assert [key.name.value for key in cluster.api_keys] == ["for-us"]
    assert [(p.kind.name, p.name) for p in cluster.principals] == [
        ("ROLE_MAPPING", "cn=admins"),
        ("FILE_USER", "alice"),
        ("USER", "bob"),
    ]
    assert cluster.has_principal_sources
    assert loaded.problems == ()
    assert sorted(s.file for s in loaded.sources) == [
        "eu/api_keys/for-us.json",
        "eu/cluster-settings.json",
        "eu/elasticsearch.keystore.list",
        "eu/elasticsearch.yml",
        "eu/role_mapping.yml",
        "eu/roles.yml",
        "eu/roles/native.json",
        "eu/users/bob.json",
        "eu/users_roles",
    ]


def test_broken_files_hide_no_other_file_records(workspace: Workspace) -> None:
    workspace({**GOOD, **BAD})

    loaded = load_cluster("eu")

    cluster = loaded.cluster
    assert sorted(cluster.roles) == ["native", "reader"]
    assert [key.name.value for key in cluster.api_keys] == ["for-us"]
    assert [p.name for p in cluster.principals] == ["cn=admins", "alice", "bob"]
    found = [(p.span.file, p.span.start, p.code) for p in loaded.problems]
    assert sorted(found) == [
        ("eu/api_keys/broken.yml", Position(2, 1), "RC001"),
        ("eu/role_mappings/broken.json", Position(1, 2), "RC001"),
        ("eu/roles/broken.json", Position(1, 14), "RC001"),
        ("eu/users/broken.yml", Position(2, 1), "RC001"),
    ]


def test_a_broken_elasticsearch_yml_still_names_the_cluster(
    workspace: Workspace,
) -> None:
    workspace(
        {
            "eu/elasticsearch.yml": "cluster.name: [eu\n",
            "eu/roles.yml": "reader:\n  cluster: [monitor]\n",
        }
    )

    loaded = load_cluster("eu")

    assert loaded.cluster.name == "eu"
    assert loaded.cluster.settings.by_key == {}
    assert sorted(loaded.cluster.roles) == ["reader"]
    assert [p.code for p in loaded.problems] == ["RC001"]


def test_a_settings_file_of_the_wrong_shape(workspace: Workspace) -> None:
    workspace(
        {
            "eu/elasticsearch.yml": "- cluster.name\n",
            "eu/cluster-settings.json": '{"persistent": [], "transient": {"a": 1}}',
        }
    )

    loaded = load_cluster("eu")

    assert list(loaded.cluster.settings.by_key) == ["a"]
    assert [(p.code, p.span.file) for p in loaded.problems] == [
        ("RC002", "eu/elasticsearch.yml"),
        ("RC002", "eu/cluster-settings.json"),
    ]


def test_an_unreadable_folder_is_a_problem_not_a_crash(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace(GOOD)
    listdir = os.listdir

    def refuse(path: str) -> list[str]:
        if path == "eu/roles":
            raise PermissionError(13, "Permission denied")
        return listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)

    loaded = load_cluster("eu")

    assert sorted(loaded.cluster.roles) == ["reader"]
    assert [(p.code, p.message, p.span) for p in loaded.problems] == [
        (
            "RC001",
            "cannot list directory: Permission denied",
            Span.whole_file("eu/roles"),
        )
    ]
    assert loaded.cluster.unread_files == ("eu/roles",)
