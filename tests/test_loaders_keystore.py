"""The keystore listing: secure setting names, each with its line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from linter.loading import LoadedCluster, load_cluster
from linter.model import Keystore
from linter.source import Problem, Span

Workspace = Callable[[dict[str, str]], Path]
YML = {"eu/elasticsearch.yml": "cluster.name: eu-prod\n"}
LIST = "eu/elasticsearch.keystore.list"


def load(workspace: Workspace, files: dict[str, str]) -> LoadedCluster:
    workspace({**YML, **files})
    return load_cluster("eu")


def lines(problems: Iterable[Problem]) -> list[str]:
    return [
        f"{p.span.file}:{p.span.start.row}:{p.span.start.column}: {p.code} {p.message}"
        for p in problems
    ]


def test_names_are_read_with_comments_and_blank_lines_skipped(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {
            LIST: """
            # bin/elasticsearch-keystore list, on eu-1
            keystore.seed

              cluster.remote.us.credentials
            # cluster.remote.ap.credentials
            """
        },
    )

    assert loaded.cluster.keystore == Keystore(
        LIST,
        {
            "keystore.seed": Span.at(LIST, 2, 1, 14),
            "cluster.remote.us.credentials": Span.at(LIST, 4, 3, 32),
        },
    )
    assert loaded.problems == ()
    assert [s.file for s in loaded.sources] == ["eu/elasticsearch.yml", LIST]


def test_a_line_with_several_words_is_reported_without_its_text(
    workspace: Workspace,
) -> None:
    loaded = load(
        workspace,
        {LIST: "cluster.remote.us.credentials ZW5jb2RlZA==\nkeystore.seed\n"},
    )

    assert lines(loaded.problems) == [
        "eu/elasticsearch.keystore.list:1:1: RC001 expected one secure setting "
        "name a line, as `elasticsearch-keystore list` prints them; found "
        "several words"
    ]
    assert loaded.cluster.keystore is not None
    assert list(loaded.cluster.keystore.entries) == ["keystore.seed"]


def test_a_name_listed_twice(workspace: Workspace) -> None:
    loaded = load(workspace, {LIST: "keystore.seed\nkeystore.seed\n"})

    assert lines(loaded.problems) == [
        "eu/elasticsearch.keystore.list:2:1: RC003 secure setting "
        "`keystore.seed` is listed twice"
    ]
    assert loaded.problems[0].related == (
        (Span.at(LIST, 1, 1, 14), "first listed here"),
    )


def test_without_a_listing_there_is_no_keystore(workspace: Workspace) -> None:
    assert load(workspace, {}).cluster.keystore is None


def test_an_empty_listing_is_an_empty_keystore(workspace: Workspace) -> None:
    assert load(workspace, {LIST: ""}).cluster.keystore == Keystore(LIST, {})
