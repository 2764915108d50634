"""Output formats: each a ``Reporter`` with one lifecycle, so formats differ
only where they must."""

from __future__ import annotations

from collections.abc import Iterable

from linter.findings import Finding
from linter.reporters.base import Reporter, ReportOptions, Summary
from linter.reporters.concise import ConciseReporter
from linter.reporters.full import FullReporter
from linter.reporters.github import GithubReporter
from linter.reporters.gitlab import GitlabReporter
from linter.reporters.json_format import JsonReporter
from linter.reporters.junit import JunitReporter
from linter.reporters.lsp import LspReporter
from linter.reporters.output import default_format
from linter.reporters.rule_docs import rules_of_run
from linter.reporters.sarif import SarifReporter
from linter.reporters.statistics import StatisticsReporter

__all__ = [
    "FORMATS",
    "ReportOptions",
    "Reporter",
    "Summary",
    "default_format",
    "report",
    "rules_of_run",
]

FORMATS: dict[str, type[Reporter]] = {
    "full": FullReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
    "junit": JunitReporter,
    "lsp": LspReporter,
}


def report(
    output_format: str,
    options: ReportOptions,
    findings: Iterable[Finding],
    *,
    statistics: bool = False,
) -> Summary:
    """Write ``findings`` in ``output_format``, or with ``statistics`` their
    count per rule; the summary, which counts only findings without a
    suppression, decides the exit code."""
    ordered = sorted(findings, key=Finding.sort_key)
    active = [finding for finding in ordered if finding.suppression is None]
    reporter = _reporter(output_format, options, statistics)
    reporter.start()
    for finding in ordered if reporter.shows_suppressed else active:
        reporter.finding(finding)
    summary = Summary.of(active)
    reporter.stop(summary)
    return summary


def _reporter(output_format: str, options: ReportOptions, statistics: bool) -> Reporter:
    if statistics:
        return StatisticsReporter(options, as_json=output_format == "json")
    return FORMATS[output_format](options)
