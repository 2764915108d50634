"""The paths of document URIs, as the engine keys files."""

from __future__ import annotations

import pytest

from linter.lsp.uris import path_of
from linter.reporters.places import file_uri


@pytest.mark.parametrize(
    "path",
    ["/work/eu/roles.yml", "/work/a b/r\u00e9le.json", "/work/bad\udcff name.json"],
    ids=["plain", "space-and-accent", "not-utf-8"],
)
def test_the_uri_of_a_path_names_that_path_again(path: str) -> None:
    assert path_of(file_uri(path)) == path


@pytest.mark.parametrize(
    ("uri", "path"),
    [
        ("file:///work/x/../roles.yml", "/work/roles.yml"),
        ("file://localhost/work/roles.yml", "/work/roles.yml"),
        ("file:///work/%C3%A9.yml", "/work/\u00e9.yml"),
        ("untitled:Untitled-1", None),
        ("file://server/share/roles.yml", None),
    ],
)
def test_uris_become_absolute_paths_or_none(uri: str, path: str | None) -> None:
    assert path_of(uri) == path
