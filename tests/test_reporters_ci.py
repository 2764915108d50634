"""The formats CI services read: GitHub Actions workflow commands and
GitLab Code Quality, each against its documented shape."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

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
)

from linter.reporters.github import escape_data, escape_property
from linter.source import Position, Span

# --- GitHub -------------------------------------------------------------------


def test_github_workflow_commands() -> None:
    assert render("github", [PRIVILEGE, TEAM, UNRESOLVED, CRASH]) == (
        "::error file=eu/elasticsearch.yml,line=1,col=1,endLine=1,endColumn=1,"
        "title=RC000 internal-error::eu/elasticsearch.yml:1:1: rule RC401 failed: "
        "ValueError: ********\n"
        "::notice file=eu/elasticsearch.yml,line=1,col=1,endLine=1,endColumn=1,"
        "title=RC400 unresolved-api-key::eu/elasticsearch.yml:1:1: no key\n"
        # Columns count UTF-16 code units: an emoji comes first on the row.
        "::error file=eu/roles.yml,line=2,col=20,endLine=2,endColumn=24,"
        "title=RC002 invalid-structure::eu/roles.yml:2:19: `team {a}` is not a "
        "[description]\n"
        "::warning file=eu/roles.yml,line=6,col=20,endLine=6,endColumn=25,"
        "title=RC401 remote-privilege-exceeds-api-key::eu/roles.yml:6:20: "
        "privilege `all` exceeds the key%0Arelated: eu/elasticsearch.yml:2:1: "
        "the credentials ******** are here\n"
        "Found 4 findings (2 errors, 1 warning, 1 info).\n"
    )


def test_github_escapes_data_and_properties() -> None:
    finding = dataclasses.replace(
        TEAM,
        message="100% sure:\r\nnot, really",
        span=Span.at("eu/a:b,c%d.yml", 3, 1, 2),
    )
    assert render("github", [finding], quiet=True) == (
        "::error file=eu/a%3Ab%2Cc%25d.yml,line=3,col=1,endLine=3,endColumn=2,"
        "title=RC002 invalid-structure::eu/a:b,c%25d.yml:3:1: 100%25 sure:\\r\\n"
        "not, really\n"
    )
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_github_escapes_file_names_that_are_not_utf8() -> None:
    assert render("github", [ODD], quiet=True) == (
        "::error file=\\xff/roles/\\xfe.json,line=1,col=2,endLine=1,endColumn=3,"
        "title=RC001 invalid-syntax::\\xff/roles/\\xfe.json:1:2: cannot list "
        "directory `\\xff/roles`%0Arelated: a\\nb/roles.yml:1:1: tab\\there\n"
    )


def test_github_shows_no_suppressed_finding() -> None:
    assert render("github", [SUPPRESSED, CONFIG_SUPPRESSED]) == "All checks passed.\n"


# --- GitLab -------------------------------------------------------------------


def gitlab(findings: Any) -> Any:
    return json.loads(render("gitlab", findings))


def test_gitlab_code_quality_issues() -> None:
    assert gitlab([PRIVILEGE, UNRESOLVED, TEAM]) == [
        {
            "description": "RC400: no key",
            "check_name": "RC400",
            "fingerprint": UNRESOLVED.fingerprint,
            "severity": "info",
            "location": {
                "path": "eu/elasticsearch.yml",
                "lines": {"begin": 1, "end": 1},
            },
        },
        {
            "description": "RC002: `team {a}` is not a [description]",
            "check_name": "RC002",
            "fingerprint": TEAM.fingerprint,
            "severity": "critical",
            "location": {"path": "eu/roles.yml", "lines": {"begin": 2, "end": 2}},
        },
        {
            "description": "RC401: privilege `all` exceeds the key",
            "check_name": "RC401",
            "fingerprint": PRIVILEGE.fingerprint,
            "severity": "major",
            "location": {"path": "eu/roles.yml", "lines": {"begin": 6, "end": 6}},
        },
    ]


def test_gitlab_without_findings_is_an_empty_array() -> None:
    assert render("gitlab", []) == "[]\n"
    assert gitlab([SUPPRESSED, CONFIG_SUPPRESSED]) == []


def test_gitlab_fingerprints_do_not_depend_on_lines() -> None:
    moved = dataclasses.replace(PRIVILEGE, span=Span.at("eu/roles.yml", 30, 2, 5))
    (before,), (after,) = gitlab([PRIVILEGE]), gitlab([moved])
    assert before["fingerprint"] == after["fingerprint"]
    assert after["location"]["lines"] == {"begin": 30, "end": 30}


def test_gitlab_fingerprints_are_unique() -> None:
    # Two findings that only a hash collision would give one fingerprint.
    twin = dataclasses.replace(PRIVILEGE, span=Span.at("eu/roles.yml", 7, 1, 2))
    fingerprints = [item["fingerprint"] for item in gitlab([PRIVILEGE, twin])]
    assert fingerprints[0] == PRIVILEGE.fingerprint
    assert len(set(fingerprints)) == 2
    assert fingerprints == [item["fingerprint"] for item in gitlab([PRIVILEGE, twin])]


def test_gitlab_spans_over_several_lines_and_odd_names() -> None:
    span = Span("eu/roles.yml", Position(2, 19), Position(5, 3))
    wide = dataclasses.replace(TEAM, span=span)
    assert gitlab([wide])[0]["location"]["lines"] == {"begin": 2, "end": 5}
    (odd,) = gitlab([ODD])
    assert odd["location"]["path"] == "\\xff/roles/\\xfe.json"
    assert odd["description"] == "RC001: cannot list directory `\\xff/roles`"


@pytest.mark.parametrize("output_format", ["github", "gitlab"])
def test_no_secret_in_ci_formats(output_format: str) -> None:
    assert SECRET not in render(output_format, EVERY)
