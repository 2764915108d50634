"""Workspace discovery: which directories are clusters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from linter.errors import UsageError
from linter.workspace import discover

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
