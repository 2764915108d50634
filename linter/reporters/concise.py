"""One line per finding: ``path:row:col: CODE message``."""

from __future__ import annotations

from linter.findings import Finding
from linter.reporters.base import Reporter, Summary, location


class ConciseReporter(Reporter):
    def finding(self, finding: Finding) -> None:
        place = location(finding.span)
        self.write(f"{place}: {finding.code} {self.redact(finding.message)}")

    def stop(self, summary: Summary) -> None:
        if not self.options.quiet:
            self.write(summary.text())
