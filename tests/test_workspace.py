"""Workspace discovery: which directories are clusters."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from linter.errors import UsageError
from linter.source import Problem, Span
from linter.workspace import discover, find_clusters

Workspace = Callable[[dict[str, str]], Path]

CLUSTERS = {
    "eu/elasticsearch.yml": "cluster.name: eu\n",
    "regions/us/elasticsearch.yml": "cluster.name: us\n",
    "regions/us/roles/elasticsearch.yml": "cluster.name: nested\n",
    "regions/notes.txt": "not a cluster\n",
    ".git/elasticsearch.yml": "cluster.name: hidden\n",
    "node_modules/pkg/elasticsearch.yml": "cluster.name: vendored\n",
    "eu/.backup/elasticsearch.yml": "cluster.name: old\n",
}


def test_every_directory_holding_elasticsearch_yml_is_found(
    workspace: Workspace,
) -> None:
    workspace(CLUSTERS)

    assert discover(["."]) == ("eu", "regions/us", "regions/us/roles")


def test_paths_are_joined_to_the_given_path(workspace: Workspace) -> None:
    workspace(CLUSTERS)

    assert discover(["regions"]) == ("regions/us", "regions/us/roles")
    assert discover(["./regions/"]) == ("regions/us", "regions/us/roles")


def test_a_cluster_directory_given_directly_counts(workspace: Workspace) -> None:
    workspace(CLUSTERS)

    assert discover(["eu"]) == ("eu",)


def test_an_elasticsearch_yml_file_means_its_directory(workspace: Workspace) -> None:
    workspace(CLUSTERS)

    assert discover(["eu/elasticsearch.yml"]) == ("eu",)


def test_elasticsearch_yml_in_the_working_directory(workspace: Workspace) -> None:
    workspace({"elasticsearch.yml": "cluster.name: here\n"})

    assert discover(["elasticsearch.yml"]) == (".",)
    assert discover(["."]) == (".",)


def test_a_hidden_directory_given_directly_is_searched(workspace: Workspace) -> None:
    workspace(CLUSTERS)

    assert discover([".git"]) == (".git",)


def test_results_are_sorted_without_duplicates(workspace: Workspace) -> None:
    workspace(CLUSTERS)

    found = discover(["regions/us", "eu/elasticsearch.yml", ".", "eu"])

    assert found == ("eu", "regions/us", "regions/us/roles")


def test_other_files_and_empty_trees_find_nothing(workspace: Workspace) -> None:
    workspace(CLUSTERS)

    assert discover(["regions/notes.txt"]) == ()
    assert discover([]) == ()


def test_a_missing_path_is_a_usage_error(workspace: Workspace) -> None:
    workspace(CLUSTERS)

    with pytest.raises(UsageError) as raised:
        discover(["eu", "missing/dir"])

    assert str(raised.value) == "path `missing/dir` does not exist"


def test_a_broken_symbolic_link_given_is_a_usage_error(workspace: Workspace) -> None:
    workspace(CLUSTERS)
    os.symlink("nowhere", "dangling")

    with pytest.raises(UsageError) as raised:
        discover(["dangling"])

    assert str(raised.value) == "path `dangling` is a broken symbolic link"


def test_a_directory_given_that_cannot_be_read_is_a_usage_error(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace(CLUSTERS)
    refuse_to_list(monkeypatch, "regions")

    with pytest.raises(UsageError) as raised:
        discover(["eu", "regions"])

    assert str(raised.value) == "cannot read `regions`: Permission denied"


def test_a_directory_that_cannot_be_listed_is_a_problem(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace(CLUSTERS)
    refuse_to_list(monkeypatch, "./regions/us")

    found = find_clusters(["."])

    assert found.directories == ("eu",)
    assert found.problems == (
        Problem(
            "RC001",
            "cannot list directory: Permission denied",
            Span.whole_file("regions/us"),
        ),
    )


def test_symbolic_links_to_directories_are_followed_once(workspace: Workspace) -> None:
    workspace(CLUSTERS)
    os.symlink("regions/us", "us-link")
    os.symlink("../../regions", "regions/us/loop")
    os.symlink("self", "regions/self")

    assert discover(["."]) == ("eu", "regions/us", "regions/us/roles")
    assert discover(["us-link"]) == ("us-link", "us-link/roles")


def test_anything_named_elasticsearch_yml_makes_a_cluster_directory(
    workspace: Workspace,
) -> None:
    workspace({"dir/elasticsearch.yml/x": "", "link/roles.yml": ""})
    os.symlink("nowhere", "link/elasticsearch.yml")

    assert discover(["."]) == ("dir", "link")


def refuse_to_list(monkeypatch: pytest.MonkeyPatch, refused: str) -> None:
    scandir = os.scandir

    def refuse(path: str) -> Any:
        if path == refused:
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
