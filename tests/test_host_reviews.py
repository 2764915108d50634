"""The rules' second phase: reviews run once, after the checks, over the
findings and what suppressions did; a crashing review is an RC000 finding."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from linter.config import Config
from linter.errors import ConfigurationError
from linter.findings import Finding, ReviewContext, Rule, Severity, Violation
from linter.hookspecs import hookimpl
from linter.host import load_rules, run_reviews, run_rules
from linter.model import Cluster, Graph, Settings
from linter.source import Span
from linter.suppressions_model import Acceptance


def cluster(name: str) -> Cluster:
    return Cluster(name, name, f"{name}/elasticsearch.yml", None, Settings({}))


GRAPH = Graph(
    clusters={"us": cluster("us"), "eu": cluster("eu")}, links=(), problems=()
)


def counted(context: ReviewContext) -> Iterator[Violation]:
    span = Span.at("eu/elasticsearch.yml", 1, 1, 2)
    codes = ",".join(finding.code for finding in context.findings)
    yield Violation(span, f"saw {codes} with {dict(context.options)}", None, ("run",))


def crash(context: ReviewContext) -> Iterator[Violation]:
    yield from counted(context)
    raise ValueError("no luck")


def seen(context: object) -> Iterator[Violation]:
    yield Violation(Span.at("us/elasticsearch.yml", 2, 1, 2), "seen", "us", ("x",))


class Plugin:
    def __init__(self, *rules: Rule) -> None:
        self.rules = list(rules)

    @hookimpl
    def rclint_rules(self) -> list[Rule]:
        return self.rules


CHECKED = Rule("XY100", "checked", Severity.INFO, "Checks.", "", check=seen)
REVIEWED = Rule("XY200", "reviewed", Severity.WARNING, "Reviews.", "", review=counted)


def lines(findings: list[Finding]) -> list[str]:
    return [
        f"{f.span.file}:{f.span.start.row}:{f.span.start.column}: {f.code} {f.message}"
        for f in findings
    ]


def test_checks_run_per_cluster_and_reviews_once_after() -> None:
    rules = load_rules([Plugin(CHECKED, REVIEWED)], entry_points=False)
    config = Config(rules={"XY200": {"depth": 2}})

    findings = run_rules(GRAPH, rules, config)
    reviewed = run_reviews(GRAPH, rules, config, findings, Acceptance())

    # The check ran on both clusters; its two equal findings are one.
    assert lines(findings) == ["us/elasticsearch.yml:2:1: XY100 seen"]
    assert lines(reviewed) == [
        "eu/elasticsearch.yml:1:1: XY200 saw XY100 with {'depth': 2}"
    ]
    assert (reviewed[0].severity, reviewed[0].cluster) == (Severity.WARNING, None)


def test_a_crashing_review_becomes_an_internal_error_finding() -> None:
    rules = load_rules(
        [Plugin(Rule("XY300", "crashes", Severity.INFO, "C.", "", review=crash))],
        entry_points=False,
    )

    reviewed = run_reviews(GRAPH, rules, Config(), [], Acceptance())

    assert lines(reviewed) == [
        "eu/elasticsearch.yml:1:1: RC000 rule XY300 (crashes) failed on the run's "
        "findings: ValueError: no luck; please report this with the output of "
        "`rclint check --verbose`"
    ]
    assert (reviewed[0].identity, reviewed[0].cluster) == (("rule", "XY300"), None)


def test_a_rule_needs_a_check_or_a_review() -> None:
    idle = Rule("XY400", "idle", Severity.INFO, "Does nothing.", "")

    with pytest.raises(ConfigurationError) as error:
        load_rules([Plugin(idle)], entry_points=False)

    assert str(error.value) == (
        "plugin `test_host_reviews.Plugin` defines rule `XY400` with "
        "neither a check nor a review"
    )
