"""Where each key and value of a TOML document is written."""

from __future__ import annotations

import tomllib

import pytest

from linter.source import Span
from linter.toml_places import TomlPath, locate

DOCUMENT = """\
# a comment
select = ["RC4", # why
  'RC101',
]
"per-file-ignores" = { "a/*.yml" = ["RC101"], b = [] }
[clusters.eu-prod]
public-ca = true
[ links . "eu-prod" . us ]
cluster = "us-prod"
[[suppress]]
rule = "RC401"
expires = 2026-12-31
[[suppress]]
when = 1979-05-27 07:32:00Z
x.y = \"\"\"two
lines\"\"\"
nested = [[1, 2], [3]]
"""


def where(span: Span | None) -> str:
    assert span is not None
    return f"{span.start.row}:{span.start.column}-{span.end.row}:{span.end.column}"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("select",), "2:1-2:7"),
        (("per-file-ignores", "a/*.yml"), "5:24-5:33"),
        (("clusters", "eu-prod"), "6:11-6:18"),
        (("clusters", "eu-prod", "public-ca"), "7:1-7:10"),
        (("links", "eu-prod", "us"), "8:23-8:25"),
        (("suppress", 0), "10:3-10:11"),
        (("suppress", 1, "when"), "14:1-14:5"),
        (("suppress", 1, "x", "y"), "15:3-15:4"),
    ],
)
def test_keys_are_placed_by_their_full_path(path: TomlPath, expected: str) -> None:
    assert where(locate("f", DOCUMENT).keys.get(path)) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("select",), "2:10-4:2"),
        (("select", 0), "2:11-2:16"),
        (("select", 1), "3:3-3:10"),
        (("per-file-ignores", "a/*.yml", 0), "5:37-5:44"),
        (("per-file-ignores", "b"), "5:51-5:53"),
        (("links", "eu-prod", "us", "cluster"), "9:11-9:20"),
        (("suppress", 0, "expires"), "12:11-12:21"),
        (("suppress", 1, "when"), "14:8-14:28"),
        (("suppress", 1, "x", "y"), "15:7-16:9"),
        (("suppress", 1, "nested", 1, 0), "17:20-17:21"),
    ],
)
def test_values_are_placed_by_their_path(path: TomlPath, expected: str) -> None:
    assert where(locate("f", DOCUMENT).values.get(path)) == expected


def test_a_missing_place_falls_back_to_the_nearest_written() -> None:
    places = locate("f", DOCUMENT)
    assert where(places.of(("clusters", "eu-prod", "no-such-key"))) == "6:11-6:18"
    assert where(places.of(("select", 7))) == "2:10-4:2"
    assert places.of(("nowhere",)) is None


def test_the_document_is_valid_toml() -> None:
    assert tomllib.loads(DOCUMENT)["suppress"][1]["x"]["y"] == "two\nlines"
