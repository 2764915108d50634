"""SARIF: valid against the official 2.1.0 schema, and each part exactly as
GitHub code scanning reads it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_records import (
    CONFIG_SUPPRESSED,
    CRASH,
    EVERY,
    ODD,
    PRIVILEGE,
    SECRET,
    SUPPRESSED,
    TEAM,
    UNRESOLVED,
    render,
    with_crash_rule,
)

from linter.findings import Finding, Related
from linter.source import Span

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ROOT = "%SRCROOT%"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The source root is the working directory.
    monkeypatch.chdir(tmp_path)


def sarif(findings: list[Finding] | tuple[Finding, ...], **kwargs: Any) -> Any:
    return json.loads(render("sarif", findings, **kwargs))


def results(findings: list[Finding] | tuple[Finding, ...]) -> list[Any]:
    return list(sarif(findings)["runs"][0]["results"])


def place(uri: str, start: tuple[int, int], end: tuple[int, int]) -> Any:
    return {
        "artifactLocation": {"uri": uri, "uriBaseId": ROOT},
        "region": {
            "startLine": start[0],
            "startColumn": start[1],
            "endLine": end[0],
            "endColumn": end[1],
        },
    }


def test_the_shipped_schema_is_the_official_one_and_a_valid_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    assert schema["id"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
        "sarif-schema-2.1.0.json"
    )
    assert schema["title"] == (
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    )


@pytest.mark.parametrize(
    "findings", [(), EVERY, (ODD,), (SUPPRESSED, CONFIG_SUPPRESSED)]
)
def test_the_log_is_valid_against_the_sarif_schema(
    findings: tuple[Finding, ...],
) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    log = sarif(findings, rules=with_crash_rule())
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(log)] == []


def test_the_log_and_its_run() -> None:
    log = sarif([UNRESOLVED])
    root = Path.cwd().as_uri() + "/"
    run = log["runs"][0]
    assert log["$schema"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
        "sarif-schema-2.1.0.json"
    )
    assert log["version"] == "2.1.0"
    assert run["originalUriBaseIds"] == {ROOT: {"uri": root}}
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["newlineSequences"] == ["\r\n", "\r", "\n"]
    assert run["invocations"] == [
        {
            "executionSuccessful": True,
            "workingDirectory": {"uri": root},
            "toolExecutionNotifications": [],
        }
    ]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == (
        "rclint",
        "https://rclint.dev",
    )
    assert driver["version"] == driver["semanticVersion"] == "0.1.0"
    assert [rule["id"] for rule in driver["rules"]] == ["RC002", "RC400", "RC401"]


def test_a_rule_descriptor_carries_its_page() -> None:
    rules = sarif([])["runs"][0]["tool"]["driver"]["rules"]
    privilege = rules[2]
    help_text = privilege["help"]["text"]
    assert help_text.startswith("# RC401 remote-privilege-exceeds-api-key\n\n")
    assert "## How to fix" in help_text
    assert privilege == {
        "id": "RC401",
        "name": "remote-privilege-exceeds-api-key",
        "shortDescription": {
            "text": "A remote privilege of a local role exceeds the alias's API key."
        },
        "fullDescription": {
            "text": "In the API key security model the remote authorizes every "
            "cross-cluster request with the intersection of the caller's local "
            "`remote_indices` and `remote_cluster` grants and the cross-cluster API "
            "key the alias uses. This rule reports local privileges outside what "
            "the key can grant."
        },
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": "https://rclint.dev/rules/RC401/",
        "defaultConfiguration": {"level": "warning"},
        "properties": {
            "tags": ["security", "elasticsearch", "remote-cluster"],
            "security-severity": "5.0",
        },
    }
    # A rule about broken input is no security alert.
    assert rules[0]["properties"] == {"tags": ["correctness", "elasticsearch"]}
    assert rules[0]["defaultConfiguration"] == {"level": "error"}
    assert rules[1]["defaultConfiguration"] == {"level": "note"}


def test_a_result_with_a_related_place_in_another_file() -> None:
    (result,) = results([PRIVILEGE])
    assert result == {
        "ruleId": "RC401",
        "ruleIndex": 2,
        "level": "warning",
        "message": {
            "text": "privilege `all` exceeds the key\n"
            "Related: [the credentials ******** are here](1)"
        },
        "locations": [{"physicalLocation": place("eu/roles.yml", (6, 20), (6, 25))}],
        "relatedLocations": [
            {
                "id": 1,
                "physicalLocation": place("eu/elasticsearch.yml", (2, 1), (2, 48)),
                "message": {"text": "the credentials ******** are here"},
            }
        ],
        "partialFingerprints": {
            "rclint/v1": PRIVILEGE.fingerprint,
            "primaryLocationLineHash": PRIVILEGE.fingerprint,
        },
        "properties": {"cluster": "eu"},
    }


def test_columns_count_utf16_code_units() -> None:
    # An emoji (two UTF-16 code units) precedes the span on its row.
    (result,) = results([TEAM])
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (TEAM.span.start.column, TEAM.span.end.column) == (19, 23)
    assert region == {"startLine": 2, "startColumn": 20, "endLine": 2, "endColumn": 24}


def test_braces_are_doubled_and_link_text_is_escaped() -> None:
    related = Related(Span.at("eu/roles.yml", 1, 1, 2), "see [x] or \\ {y}")
    finding = dataclasses.replace(TEAM, related=(related,))
    (result,) = results([finding])
    assert result["message"]["text"] == (
        "`team {{a}}` is not a [description]\nRelated: [see \\[x\\] or \\\\ {{y}}](1)"
    )
    assert result["relatedLocations"][0]["message"] == {"text": "see [x] or \\ {{y}}"}


def test_the_fingerprint_does_not_move_with_the_finding() -> None:
    moved = dataclasses.replace(PRIVILEGE, span=Span.at("eu/roles.yml", 40, 3, 8))
    before, after = results([PRIVILEGE]), results([moved])
    assert before[0]["partialFingerprints"] == after[0]["partialFingerprints"]
    assert before[0]["locations"] != after[0]["locations"]


def test_suppressed_findings_are_kept_with_their_justification() -> None:
    inline, configured = results([SUPPRESSED, CONFIG_SUPPRESSED])[::-1]
    assert inline["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "migration planned; old key ********",
            "location": {"physicalLocation": place("eu/roles.yml", (4, 1), (4, 9))},
            "properties": {"form": "comment", "expires": "2031-01-31"},
        }
    ]
    assert configured["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "key named later",
            "properties": {"form": "configuration"},
        }
    ]
    assert "suppressions" not in results([PRIVILEGE])[0]


@pytest.mark.parametrize(
    ("form", "kind"),
    [
        ("comment", "inSource"),
        ("metadata", "inSource"),
        ("configuration", "external"),
        ("baseline", "external"),
    ],
)
def test_where_a_suppression_is_written_gives_its_kind(form: str, kind: str) -> None:
    assert SUPPRESSED.suppression is not None
    written = dataclasses.replace(SUPPRESSED.suppression, kind=form)
    (result,) = results([dataclasses.replace(SUPPRESSED, suppression=written)])
    assert result["suppressions"][0]["kind"] == kind
    assert result["suppressions"][0]["properties"]["form"] == form


def test_a_crashed_rule_makes_the_run_unsuccessful() -> None:
    run = sarif([CRASH, UNRESOLVED], rules=with_crash_rule())["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "rule RC401 failed: ValueError: ********"},
            "descriptor": {"id": "RC000"},
        }
    ]
    assert run["results"][0]["ruleId"] == "RC000"
    assert run["results"][0]["ruleIndex"] == 0


def test_a_rule_the_run_does_not_describe_gets_a_stand_in() -> None:
    run = sarif([ODD], rules=())["runs"][0]
    assert run["tool"]["driver"]["rules"] == [
        {
            "id": "RC001",
            "name": "invalid-syntax",
            "shortDescription": {"text": "invalid-syntax"},
            "defaultConfiguration": {"level": "error"},
        }
    ]
    assert run["results"][0]["ruleIndex"] == 0


def test_file_names_that_are_not_utf8_are_percent_encoded() -> None:
    (result,) = results([ODD])
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    related = result["relatedLocations"][0]
    assert location == {"uri": "%FF/roles/%FE.json", "uriBaseId": ROOT}
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "a%0Ab/roles.yml"
    assert related["message"] == {"text": "tab\\there"}
    assert result["properties"] == {"cluster": "\\xff"}
    assert result["message"]["text"] == (
        "cannot list directory `\\xff/roles`\nRelated: [tab\\\\there](1)"
    )


def test_a_file_outside_the_source_root_gets_an_absolute_uri(tmp_path: Path) -> None:
    outside = tmp_path.parent / "elsewhere dir" / "roles.yml"
    finding = dataclasses.replace(TEAM, span=Span.at(str(outside), 1, 1, 2))
    (result,) = results([finding])
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": outside.as_uri()}
    assert "%20" in location["uri"]


def test_no_secret_in_the_log() -> None:
    assert SECRET not in render("sarif", EVERY, rules=with_crash_rule())
