"""What an editor would receive from a language server: a JSON array with,
for each file that has findings, the parameters of its
``textDocument/publishDiagnostics`` notification.

Ranges are 0-based, lines and characters, the end exclusive; characters
count UTF-16 code units, the protocol's default position encoding. URIs
are absolute ``file://`` URIs. A related place in another file is a
``relatedInformation`` entry of the diagnostic, not a diagnostic of that
file: the editor shows it beside the finding it explains.

``Diagnostics`` makes the diagnostic of one finding; ``rclint server``
sends the very same objects.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from linter.findings import Finding, Rule, Severity
from linter.reporters.base import Reporter, ReportOptions, Summary
from linter.reporters.places import Columns, file_uri, writes_unicode
from linter.reporters.rule_docs import rule_url
from linter.source import Position, Span

# DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.
SEVERITIES = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
SOURCE = "rclint"


class Diagnostics:
    """Findings as LSP ``Diagnostic`` objects (plain JSON data), with the
    columns of ``sources`` in UTF-16 code units and every message passed
    through ``redact``."""

    def __init__(
        self,
        sources: Mapping[str, str],
        rules: Iterable[Rule],
        redact: Callable[[str], str],
        uri: Callable[[str], str] = file_uri,
    ) -> None:
        self._columns = Columns(sources)
        self._urls = {rule.code: rule_url(rule) for rule in rules}
        self._redact = redact
        self._uri = uri

    def diagnostic(self, finding: Finding) -> dict[str, Any]:
        diagnostic: dict[str, Any] = {
            "range": self.range(finding.span),
            "severity": SEVERITIES[finding.severity],
            "code": finding.code,
        }
        url = self._urls.get(finding.code)
        if url is not None:
            diagnostic["codeDescription"] = {"href": url}
        diagnostic["source"] = SOURCE
        diagnostic["message"] = self._redact(finding.message)
        diagnostic["relatedInformation"] = [
            {
                "location": {
                    "uri": self._uri(item.span.file),
                    "range": self.range(item.span),
                },
                "message": self._redact(item.message),
            }
            for item in finding.related
        ]
        return diagnostic

    def range(self, span: Span) -> dict[str, dict[str, int]]:
        return {
            "start": self.position(span.file, span.start),
            "end": self.position(span.file, span.end),
        }

    def position(self, file: str, position: Position) -> dict[str, int]:
        character = self._columns.utf16(file, position) - 1
        return {"line": position.row - 1, "character": character}


class LspReporter(Reporter):
    def __init__(self, options: ReportOptions) -> None:
        super().__init__(options)
        self._diagnostics = Diagnostics(options.sources, options.rules, self.redact)
        self._files: dict[str, list[dict[str, Any]]] = {}

    def finding(self, finding: Finding) -> None:
        diagnostic = self._diagnostics.diagnostic(finding)
        self._files.setdefault(finding.span.file, []).append(diagnostic)

    def stop(self, summary: Summary) -> None:
        published = [
            {"uri": file_uri(file), "diagnostics": diagnostics}
            for file, diagnostics in self._files.items()
        ]
        ascii_only = not writes_unicode(self.options.stream)
        self.write(json.dumps(published, indent=2, ensure_ascii=ascii_only))
