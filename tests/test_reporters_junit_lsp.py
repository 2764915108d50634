"""JUnit XML, parsed back as a dashboard would, and the diagnostics a
language server would publish."""

from __future__ import annotations

import dataclasses
import io
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from report_records import (
    CONFIG_SUPPRESSED,
    CRASH,
    EVERY,
    ODD,
    PRIVILEGE,
    RULES,
    SECRET,
    SUPPRESSED,
    TEAM,
    UNRESOLVED,
    render,
    with_crash_rule,
)

from linter.reporters import ReportOptions, report
from linter.source import Span

# --- JUnit --------------------------------------------------------------------


def junit(findings: Any, **kwargs: Any) -> ElementTree.Element:
    text = render("junit", findings, **kwargs)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    return ElementTree.fromstring(text)


def totals(element: ElementTree.Element) -> tuple[str | None, ...]:
    return tuple(element.get(name) for name in ("tests", "failures", "errors"))


def test_junit_has_a_suite_per_rule_and_a_case_per_finding() -> None:
    root = junit([PRIVILEGE, TEAM, CRASH], rules=with_crash_rule())
    assert (root.tag, root.get("name"), totals(root)) == (
        "testsuites",
        "rclint",
        ("4", "2", "1"),
    )
    suites = root.findall("testsuite")
    assert [(suite.get("name"), totals(suite)) for suite in suites] == [
        ("RC000 internal-error", ("1", "0", "1")),
        ("RC002 invalid-structure", ("1", "1", "0")),
        ("RC400 unresolved-api-key", ("1", "0", "0")),
        ("RC401 remote-privilege-exceeds-api-key", ("1", "1", "0")),
    ]
    (case,) = suites[3].findall("testcase")
    assert case.attrib == {
        "name": "eu/roles.yml:6:20",
        "classname": "rclint.RC401",
        "file": "eu/roles.yml",
        "line": "6",
    }
    (failure,) = list(case)
    assert (failure.tag, failure.attrib) == (
        "failure",
        {"message": "privilege `all` exceeds the key", "type": "warning"},
    )
    assert failure.text == (
        "eu/roles.yml:6:20: RC401 [warning] privilege `all` exceeds the key\n"
        "related: eu/elasticsearch.yml:2:1: the credentials ******** are here"
    )


def test_junit_a_rule_without_findings_is_one_passing_case() -> None:
    (passing,) = junit([PRIVILEGE]).findall("testsuite")[1].findall("testcase")
    assert passing.attrib == {
        "name": "RC400 unresolved-api-key",
        "classname": "rclint.RC400",
    }
    assert list(passing) == []


def test_junit_a_crash_is_an_error() -> None:
    (suite,) = junit([CRASH], rules=()).findall("testsuite")
    (error,) = suite.findall("testcase/error")
    assert error.attrib == {
        "message": "rule RC401 failed: ValueError: ********",
        "type": "error",
    }


def test_junit_escapes_markup_and_odd_names() -> None:
    tricky = dataclasses.replace(TEAM, message='a <b> & "c" ]]> \ufffe done')
    root = junit([tricky, ODD], rules=())
    team, odd = (suite.find("testcase") for suite in root.findall("testsuite"))
    assert team is not None and odd is not None
    failure = team.find("failure")
    assert failure is not None
    assert failure.get("message") == 'a <b> & "c" ]]> \\ufffe done'
    assert odd.attrib["file"] == "\\xff/roles/\\xfe.json"
    assert odd.attrib["name"] == "\\xff/roles/\\xfe.json:1:2"


def test_junit_for_a_stream_without_unicode_uses_character_references() -> None:
    named = dataclasses.replace(TEAM, message="cluster `é` \U0001f600")
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii")
    report("junit", ReportOptions(stream), [named])
    stream.flush()
    text = buffer.getvalue().decode("ascii")
    assert "cluster `&#233;` &#128512;" in text
    failure = ElementTree.fromstring(text).find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == named.message


def test_junit_shows_no_suppressed_finding() -> None:
    root = junit([SUPPRESSED, CONFIG_SUPPRESSED])
    assert totals(root) == (str(len(RULES)), "0", "0")


# --- LSP ----------------------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lsp(findings: Any, **kwargs: Any) -> Any:
    return json.loads(render("lsp", findings, **kwargs))


def span_range(start: tuple[int, int], end: tuple[int, int]) -> Any:
    return {
        "start": {"line": start[0], "character": start[1]},
        "end": {"line": end[0], "character": end[1]},
    }


def test_lsp_publishes_the_diagnostics_of_each_file_with_findings(in_tmp: Path) -> None:
    roles = (in_tmp / "eu" / "roles.yml").as_uri()
    settings = (in_tmp / "eu" / "elasticsearch.yml").as_uri()
    assert lsp([PRIVILEGE, TEAM]) == [
        {
            "uri": roles,
            "diagnostics": [
                {
                    # 0-based, and the emoji before the span counts twice.
                    "range": span_range((1, 19), (1, 23)),
                    "severity": 1,
                    "code": "RC002",
                    "codeDescription": {"href": "https://rclint.dev/rules/RC002/"},
                    "source": "rclint",
                    "message": "`team {a}` is not a [description]",
                    "relatedInformation": [],
                },
                {
                    "range": span_range((5, 19), (5, 24)),
                    "severity": 2,
                    "code": "RC401",
                    "codeDescription": {"href": "https://rclint.dev/rules/RC401/"},
                    "source": "rclint",
                    "message": "privilege `all` exceeds the key",
                    "relatedInformation": [
                        {
                            "location": {
                                "uri": settings,
                                "range": span_range((1, 0), (1, 47)),
                            },
                            "message": "the credentials ******** are here",
                        }
                    ],
                },
            ],
        }
    ]


def test_lsp_severities_and_a_rule_without_a_page(in_tmp: Path) -> None:
    (published,) = lsp([UNRESOLVED, CRASH], rules=())
    diagnostics = published["diagnostics"]
    assert [(item["code"], item["severity"]) for item in diagnostics] == [
        ("RC000", 1),
        ("RC400", 3),
    ]
    # The run named no rule, so no page to link to.
    assert all("codeDescription" not in item for item in diagnostics)
    assert published["diagnostics"][0]["range"] == span_range((0, 0), (0, 0))


def test_lsp_file_uris_encode_odd_names(in_tmp: Path) -> None:
    (published,) = lsp([ODD])
    assert published["uri"] == in_tmp.as_uri() + "/%FF/roles/%FE.json"
    (related,) = published["diagnostics"][0]["relatedInformation"]
    assert related["location"]["uri"] == in_tmp.as_uri() + "/a%0Ab/roles.yml"
    assert related["message"] == "tab\\there"


def test_lsp_without_findings_and_without_suppressed_ones() -> None:
    assert render("lsp", []) == "[]\n"
    assert lsp([SUPPRESSED, CONFIG_SUPPRESSED]) == []


def test_lsp_ranges_of_a_span_over_rows(in_tmp: Path) -> None:
    span = Span("eu/roles.yml", TEAM.span.start, PRIVILEGE.span.end)
    (published,) = lsp([dataclasses.replace(TEAM, span=span)])
    assert published["diagnostics"][0]["range"] == span_range((1, 19), (5, 24))


@pytest.mark.parametrize("output_format", ["junit", "lsp"])
def test_no_secret_in_junit_or_lsp(output_format: str) -> None:
    assert SECRET not in render(output_format, EVERY, rules=with_crash_rule())
