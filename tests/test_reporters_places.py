"""Places as the formats give them: UTF-16 columns, URIs, relative names,
and the rule pages the formats link to."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from linter.findings import Finding, Rule, Severity
from linter.reporters.places import (
    Columns,
    file_uri,
    is_under_root,
    relative_name,
    root_uri,
    uri_path,
    writes_unicode,
)
from linter.reporters.rule_docs import full_description, rule_url, rules_of_run
from linter.source import Position, Span
from rules.deprecated_cert_link import RULE as CERT_RULE
from rules.internal_error import RULE as INTERNAL_ERROR


def test_columns_after_characters_outside_the_basic_plane_shift() -> None:
    columns = Columns({"f": "a\U0001f600b\U0001f600c\r\n\U0001f600\rx"})
    assert [
        columns.utf16("f", Position(1, column)) for column in (1, 2, 3, 4, 5, 6)
    ] == [
        1,
        2,
        4,
        5,
        7,
        8,
    ]
    # Rows end at a line break of any kind, as the parsers count them.
    assert columns.utf16("f", Position(2, 2)) == 3
    assert columns.utf16("f", Position(3, 2)) == 2


def test_columns_of_an_unknown_file_or_row_stay_as_they_are() -> None:
    columns = Columns({"f": "\U0001f600\n"})
    assert columns.utf16("g", Position(1, 5)) == 5
    assert columns.utf16("f", Position(9, 5)) == 5


def test_uris_encode_every_byte_of_a_name() -> None:
    assert uri_path("eu/roles dir/a+b#c%.yml") == "eu/roles%20dir/a%2Bb%23c%25.yml"
    assert uri_path("\udcff/é.json") == "%FF/%C3%A9.json"
    assert file_uri("/srv/x y/\udcfe") == "file:///srv/x%20y/%FE"


def test_names_and_the_root_are_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = relative_name(str(tmp_path / "eu" / "roles.yml"))
    outside = relative_name(str(tmp_path.parent / "roles.yml"))
    assert inside == "eu/roles.yml"
    assert outside == "../roles.yml"
    assert (is_under_root(inside), is_under_root(outside)) == (True, False)
    assert root_uri() == tmp_path.as_uri() + "/"


def test_writes_unicode() -> None:
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert writes_unicode(io.StringIO())
    assert not writes_unicode(ascii_stream)
    assert writes_unicode(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))


def plugin_check(context: object) -> list[object]:
    return []


PLUGIN_RULE = Rule(
    "ZZ100", "plugin-rule", Severity.INFO, "A plugin's rule.", "", plugin_check
)


def test_built_in_rules_have_a_page_and_plugin_rules_none() -> None:
    assert rule_url(CERT_RULE) == "https://rclint.dev/rules/RC101/"
    assert rule_url(PLUGIN_RULE) is None


def test_the_full_description_is_the_pages_first_paragraph() -> None:
    assert full_description(CERT_RULE) == (
        "A remote cluster alias uses the certificate security model, deprecated "
        "since Elasticsearch 9.0; migrate it to the API key model."
    )
    assert full_description(PLUGIN_RULE) == "A plugin's rule."


def test_the_rules_of_a_run_add_those_its_findings_name() -> None:
    crash = Finding(
        "RC000", "internal-error", Severity.ERROR, "m", Span.whole_file("f"), "c", ()
    )
    every = (INTERNAL_ERROR, CERT_RULE, PLUGIN_RULE)
    assert rules_of_run((CERT_RULE,), every, [crash]) == (CERT_RULE, INTERNAL_ERROR)
    assert rules_of_run((CERT_RULE,), every, []) == (CERT_RULE,)
