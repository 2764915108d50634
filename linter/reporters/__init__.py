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
from linter.reporters.sarif import SarifReporter

__all__ = ["FORMATS", "ReportOptions", "Reporter", "Summary", "report"]

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
    output_format: str, options: ReportOptions, findings: Iterable[Finding]
) -> Summary:
    """Write ``findings`` in ``output_format``; the summary, which counts only
    findings without a suppression, decides the exit code."""
    ordered = sorted(findings, key=Finding.sort_key)
    active = [finding for finding in ordered if finding.suppression is None]
    reporter = FORMATS[output_format](options)
    reporter.start()
    for finding in ordered if reporter.shows_suppressed else active:
        reporter.finding(finding)
    summary = Summary.of(active)
    reporter.stop(summary)
    return summary
