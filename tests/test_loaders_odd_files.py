"""Files that are there but are not regular files, or cannot be read: each is
an RC001 finding at its path, never a silent skip, and never opened."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from conftest import line

from linter import engine
from linter.config import load_config
from linter.findings import Finding
from linter.loading import load_cluster

Lint = Callable[..., list[Finding]]
Workspace = Callable[[dict[str, str]], Path]


@pytest.fixture(autouse=True)
def never_blocks() -> Iterator[None]:
    """Fail rather than hang should a named pipe ever be opened."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("a named pipe was opened")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_odd_files_are_findings_at_their_path(lint: Lint) -> None:
    lint_files = {
        "eu/elasticsearch.yml": "cluster.name: eu\n",
        "eu/users_roles/x": "",
        "eu/roles/folder.json/x": "",
        "eu/api_keys": "not a folder\n",
    }
    os.makedirs("eu", exist_ok=True)
    os.symlink("/nonexistent/roles.yml", "eu/roles.yml")
    os.mkfifo("eu/elasticsearch.keystore.list")

    findings = lint(lint_files, select=("RC001",))

    assert [line(f) for f in findings] == [
        "eu/api_keys:1:1: RC001 `api_keys` is a regular file, not a directory",
        "eu/elasticsearch.keystore.list:1:1: RC001 `elasticsearch.keystore.list` is "
        "a named pipe, not a regular file",
        "eu/roles.yml:1:1: RC001 `roles.yml` is a broken symbolic link (to "
        "`/nonexistent/roles.yml`)",
        "eu/roles/folder.json:1:1: RC001 `folder.json` is a directory, not a "
        "regular file",
        "eu/users_roles:1:1: RC001 `users_roles` is a directory, not a regular file",
    ]


def test_a_symbolic_link_loop_and_a_folder_named_elasticsearch_yml(
    lint: Lint,
) -> None:
    os.makedirs("eu/roles")
    os.makedirs("us/elasticsearch.yml")
    os.symlink("a.yml", "eu/roles/a.yml")
    files = {"eu/elasticsearch.yml": "cluster.name: eu\n"}

    findings = lint(files, select=("RC001",))

    assert [line(f) for f in findings] == [
        "eu/roles/a.yml:1:1: RC001 `a.yml` is a symbolic link that leads back to "
        "itself",
        "us/elasticsearch.yml:1:1: RC001 `elasticsearch.yml` is a directory, not a "
        "regular file",
    ]
    assert [f.cluster for f in findings] == ["eu", "us"]


def test_unread_files_are_recorded_in_the_cluster(workspace: Workspace) -> None:
    workspace(
        {
            "eu/elasticsearch.yml": "cluster.name: eu\n",
            "eu/roles/broken.json": "{,}\n",
            "eu/roles/empty.yml": "",
            "eu/roles/fine.yml": "cluster: [monitor]\n",
            "eu/users_roles/x": "",
        }
    )
    os.symlink("nowhere", "eu/roles.yml")

    cluster = load_cluster("eu").cluster

    assert cluster.unread_files == (
        "eu/roles.yml",
        "eu/roles/broken.json",
        "eu/users_roles",
    )
    assert cluster.is_unread("roles.yml") and not cluster.is_unread("roles/fine.yml")
    assert cluster.has_principal_sources


def test_a_keystore_listing_that_cannot_be_read_leaves_the_model_unknown(
    lint: Lint,
) -> None:
    os.makedirs("eu")
    os.mkfifo("eu/elasticsearch.keystore.list")
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu
            cluster.remote.us.seeds: ["us:9300"]
            """,
        "us/elasticsearch.yml": "cluster.name: us\n",
    }

    findings = lint(files, select=("RC1", "RC2"))

    assert [f.code for f in findings] == ["RC001"]


def test_the_reason_of_an_unknown_model_names_the_listing(
    workspace: Workspace,
) -> None:
    workspace({"eu/elasticsearch.yml": 'cluster.remote.us.seeds: ["us:9300"]\n'})
    os.symlink("nowhere", "eu/elasticsearch.keystore.list")

    [link] = engine.build(["."], load_config(["."])).links

    assert (link.model.value.value, link.model.reason) == (
        "unknown",
        "`eu/elasticsearch.keystore.list` could not be read; fix it to make the "
        "model known",
    )


def test_a_directory_that_cannot_be_listed_is_reported_once(
    lint: Lint, monkeypatch: pytest.MonkeyPatch
) -> None:
    scandir, listdir = os.scandir, os.listdir
    refused = {"./locked", "./eu/roles", "eu/roles"}

    def refuse(path: str) -> Any:
        if path in refused:
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    def refuse_names(path: str) -> list[str]:
        if path in refused:
            raise PermissionError(13, "Permission denied")
        return listdir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    monkeypatch.setattr(os, "listdir", refuse_names)
    files = {
        "eu/elasticsearch.yml": "cluster.name: eu\n",
        "eu/roles/a.yml": "a: {}\n",
        "locked/us/elasticsearch.yml": "cluster.name: us\n",
    }

    findings = lint(files)

    assert [(line(f), f.cluster) for f in findings] == [
        ("eu/roles:1:1: RC001 cannot list directory: Permission denied", "eu"),
        ("locked:1:1: RC001 cannot list directory: Permission denied", None),
    ]
