"""RC001-RC003 report the problems found while reading a cluster's files."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import line
from link_records import at, cluster, graph, run

from linter.findings import Finding, Related, Rule
from linter.source import Problem
from rules.duplicate_key import RULE as RC003
from rules.internal_error import RULE as RC000
from rules.invalid_structure import RULE as RC002
from rules.invalid_syntax import RULE as RC001

Lint = Callable[..., list[Finding]]


def problems() -> list[Problem]:
    first = at("eu/elasticsearch.yml", 1, 1, 12)
    return [
        Problem("RC001", "invalid YAML: bad", at("eu/roles/a.yml", 3, 5)),
        Problem("RC002", "unknown field `x`", at("eu/roles.yml", 2, 3)),
        Problem(
            "RC003",
            "key given twice",
            at("eu/elasticsearch.yml", 4, 1),
            ((first, "first given here"),),
        ),
        Problem("RC001", "invalid JSON: bad", at("us/roles/b.json", 1, 2)),
        Problem("RC001", "outside every cluster", at("elsewhere/x.yml", 1, 1)),
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            RC001,
            [
                ("eu/roles/a.yml", "eu", "roles/a.yml", "invalid YAML: bad"),
                ("elsewhere/x.yml", None, "elsewhere/x.yml", "outside every cluster"),
            ],
        ),
        (RC002, [("eu/roles.yml", "eu", "roles.yml", "unknown field `x`")]),
        (
            RC003,
            [("eu/elasticsearch.yml", "eu", "elasticsearch.yml", "key given twice")],
        ),
    ],
)
def test_each_rule_reports_its_problems_in_the_cluster_files(
    rule: Rule, expected: list[tuple[str, str | None, str, str]]
) -> None:
    built = graph([cluster("eu"), cluster("us")], problems=problems())

    found = run(rule, built, "eu")

    assert [
        (v.span.file, v.cluster, v.identity[1], v.message) for v in found
    ] == expected
    assert all(v.identity[0] == "file" for v in found)
    assert all(v.identity[2] == v.message for v in found)


def test_a_problem_outside_every_cluster_comes_with_the_first_cluster_only() -> None:
    built = graph([cluster("eu"), cluster("us")], problems=problems())

    found = run(RC001, built, "us")

    assert [(v.span.file, v.cluster) for v in found] == [("us/roles/b.json", "us")]


def test_related_places_of_a_problem_are_kept() -> None:
    built = graph([cluster("eu")], problems=problems())

    [violation] = run(RC003, built, "eu")

    assert violation.span == at("eu/elasticsearch.yml", 4, 1)
    assert violation.related == (
        Related(at("eu/elasticsearch.yml", 1, 1, 12), "first given here"),
    )


def test_internal_error_rule_never_yields() -> None:
    built = graph([cluster("eu")], problems=problems())

    assert run(RC000, built, "eu") == []


def test_workspace_syntax_error(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": "cluster.name: eu-prod\n",
        "eu/roles.yml": """
            search:
              indices: [
            """,
    }

    findings = lint(files, select=("RC001",))

    assert [line(f) for f in findings] == [
        "eu/roles.yml:3:1: RC001 invalid YAML: did not find expected node content"
    ]
    assert findings[0].identity == ("file", "roles.yml", findings[0].message)


def test_workspace_structure_error(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": "cluster.name: eu-prod\n",
        "eu/roles.yml": """
            search:
              indices:
                - names: ["logs-*"]
                  privilages: [read]
            """,
    }

    findings = lint(files, select=("RC002",))

    assert [line(f) for f in findings] == [
        "eu/roles.yml:3:7: RC002 missing required field `privileges` in an "
        "`indices` entry",
        "eu/roles.yml:4:7: RC002 unknown field `privilages` in an `indices` entry; "
        "did you mean `privileges`?",
    ]
    assert findings[1].identity == ("file", "roles.yml", findings[1].message)


def test_workspace_duplicate_key(lint: Lint) -> None:
    files = {
        "eu/elasticsearch.yml": """
            cluster.name: eu-prod
            node.name: a
            node.name: b
            """,
    }

    findings = lint(files, select=("RC003",))

    assert [line(f) for f in findings] == [
        "eu/elasticsearch.yml:3:1: RC003 key `node.name` is given twice in one "
        "mapping; Elasticsearch rejects duplicate keys"
    ]
    assert [(r.span.start.row, r.message) for r in findings[0].related] == [
        (2, "first given here")
    ]
