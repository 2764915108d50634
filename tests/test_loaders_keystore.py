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


def test_a_value_after_an_equals_sign_is_reported_at_the_sign(
    workspace: Workspace,
) -> None:
    listing = (
        "keystore.seed\n"
        "  cluster.remote.us.credentials=ZW5jb2RlZA==\n"
        "cluster.remote.ap.credentials = ZW5jb2RlZA==\n"
        "cluster.remote.eu.credentials:ZW5jb2RlZA==\n"
    )
    loaded = load(workspace, {LIST: listing})

    expected = (
        "RC001 expected one secure setting name a line, as `elasticsearch-keystore "
        "list` prints them; a value follows `{}`, and no value may be in the listing"
    )
    assert lines(loaded.problems) == [
        f"eu/elasticsearch.keystore.list:2:32: {expected.format('=')}",
        f"eu/elasticsearch.keystore.list:3:31: {expected.format('=')}",
        f"eu/elasticsearch.keystore.list:4:30: {expected.format(':')}",
    ]
    assert [p.span for p in loaded.problems] == [
        Span.at(LIST, 2, 32, 33),
        Span.at(LIST, 3, 31, 32),
        Span.at(LIST, 4, 30, 31),
    ]
    assert loaded.cluster.keystore is not None
    assert list(loaded.cluster.keystore.entries) == ["keystore.seed"]
    secrets = [span for source in loaded.sources for span in source.secrets]
    assert secrets == [
        Span.at(LIST, 2, 33, 45),
        Span.at(LIST, 3, 33, 45),
        Span.at(LIST, 4, 31, 43),
    ]


def test_rows_break_where_code_frames_break_them(workspace: Workspace) -> None:
    loaded = load(
        workspace, {LIST: "keystore.seed\x0c\r\ncluster.remote.us.credentials\n"}
    )

    assert loaded.cluster.keystore is not None
    assert loaded.cluster.keystore.entries == {
        "keystore.seed": Span.at(LIST, 1, 1, 14),
        "cluster.remote.us.credentials": Span.at(LIST, 2, 1, 30),
    }
