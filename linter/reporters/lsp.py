"""What an editor would receive from a language server: a JSON array with,
for each file that has findings, the parameters of its
``textDocument/publishDiagnostics`` notification.

Ranges are 0-based, lines and characters, the end exclusive; characters
count UTF-16 code units, the protocol's default position encoding. URIs
are absolute ``file://`` URIs. A related place in another file is a
``relatedInformation`` entry of the diagnostic, not a diagnostic of that
file: the editor shows it beside the finding it explains.
"""

from __future__ import annotations

import json
from typing import Any

from linter.findings import Finding, Severity
from linter.reporters.base import Reporter, ReportOptions, Summary
from linter.reporters.places import Columns, file_uri, writes_unicode
from linter.reporters.rule_docs import rule_url
from linter.source import Position, Span

# DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.
SEVERITIES = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
SOURCE = "rclint"


class LspReporter(Reporter):
    def __init__(self, options: ReportOptions) -> None:
        super().__init__(options)
        self._columns = Columns(options.sources)
        self._urls = {rule.code: rule_url(rule) for rule in options.rules}
        self._files: dict[str, list[dict[str, Any]]] = {}

    def finding(self, finding: Finding) -> None:
        diagnostic: dict[str, Any] = {
            "range": self._range(finding.span),
            "severity": SEVERITIES[finding.severity],
            "code": finding.code,
        }
        url = self._urls.get(finding.code)
        if url is not None:
            diagnostic["codeDescription"] = {"href": url}
        diagnostic["source"] = SOURCE
        diagnostic["message"] = self.redact(finding.message)
        diagnostic["relatedInformation"] = [
            {
                "location": {
                    "uri": file_uri(item.span.file),
                    "range": self._range(item.span),
                },
                "message": self.redact(item.message),
            }
            for item in finding.related
        ]
        self._files.setdefault(finding.span.file, []).append(diagnostic)

    def stop(self, summary: Summary) -> None:
        published = [
            {"uri": file_uri(file), "diagnostics": diagnostics}
            for file, diagnostics in self._files.items()
        ]
        ascii_only = not writes_unicode(self.options.stream)
        self.write(json.dumps(published, indent=2, ensure_ascii=ascii_only))

    def _range(self, span: Span) -> dict[str, dict[str, int]]:
        return {
            "start": self._position(span.file, span.start),
            "end": self._position(span.file, span.end),
        }

    def _position(self, file: str, position: Position) -> dict[str, int]:
        character = self._columns.utf16(file, position) - 1
        return {"line": position.row - 1, "character": character}
