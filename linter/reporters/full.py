"""The default output: each finding with a code frame, ruff style::

eu/roles.yml:4:18: RC401 [warning] privilege `all` on remote cluster ...
  |
3 |   - names: ["logs-*"]
4 |     privileges: ["all"]
  |                  ^^^^^
5 |     clusters: ["us"]
  |
  = related: us/api_keys/eu.json:1:1: the cross-cluster API key ...
"""

from __future__ import annotations

from collections.abc import Sequence

from linter.findings import Finding, Severity
from linter.reporters.base import Reporter, Summary, location
from linter.reporters.frame import FrameLine, frame_lines
from linter.source import Span

BOLD = "1"
GUTTER = "34"
SEVERITY_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


class FullReporter(Reporter):
    def finding(self, finding: Finding) -> None:
        self.write(self._header(finding))
        self._frame(finding.span, finding.severity, context=1)
        for related in finding.related:
            place = location(related.span)
            self.write(f"  = related: {place}: {self.redact(related.message)}")
            self._frame(related.span, finding.severity, context=0)
        self.write()

    def stop(self, summary: Summary) -> None:
        if not self.options.quiet:
            self.write(summary.text())

    def _header(self, finding: Finding) -> str:
        color = SEVERITY_COLORS[finding.severity]
        place = self._paint(location(finding.span), BOLD)
        code = self._paint(f"{finding.code} [{finding.severity.label}]", color)
        return f"{place}: {code} {self.redact(finding.message)}"

    def _frame(self, span: Span, severity: Severity, context: int) -> None:
        source = self.options.sources.get(span.file)
        if source is None or span == Span.whole_file(span.file):
            return
        lines = frame_lines(source, span, self.options.secrets, context)
        if lines:
            self._write_frame(lines, SEVERITY_COLORS[severity])

    def _write_frame(self, lines: Sequence[FrameLine], color: str) -> None:
        width = len(str(lines[-1].row))
        blank = self._paint(" " * width + " |", GUTTER)
        self.write(blank)
        for line in lines:
            number = "" if line.row is None else line.row
            gutter = self._paint(f"{number:>{width}} |", GUTTER)
            self.write(f"{gutter} {line.text}".rstrip())
            if line.marker is not None:
                start, end = line.marker
                carets = self._paint("^" * (end - start), color)
                self.write(f"{blank} {' ' * start}{carets}")
        self.write(blank)

    def _paint(self, text: str, style: str) -> str:
        if not self.options.color:
            return text
        return f"\x1b[{style}m{text}\x1b[0m"
