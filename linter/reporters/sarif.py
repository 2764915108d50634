"""SARIF 2.1.0, for code scanning dashboards (GitHub's first of all).

One run: the driver with the rules of the run, then one result per
finding, suppressed findings included (with their justification), since
SARIF is the audit trail. Locations are relative to the working directory,
named ``%SRCROOT%`` (``originalUriBaseIds`` says where it was): run rclint
from the repository's root and GitHub resolves every path. A file outside
the working directory gets an absolute ``file://`` URI instead. Columns
count UTF-16 code units (``columnKind``), as GitHub and editors do.
"""

from __future__ import annotations

import json
import re
from typing import Any

from linter.findings import Finding, Suppression
from linter.reporters.base import Reporter, ReportOptions, Summary
from linter.reporters.places import (
    Columns,
    file_uri,
    is_under_root,
    relative_name,
    root_uri,
    uri_path,
    writes_unicode,
)
from linter.reporters.redaction import showable
from linter.reporters.sarif_rules import (
    LEVELS,
    descriptor,
    driver,
    stand_in_descriptor,
)
from linter.source import Span

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
SOURCE_ROOT = "%SRCROOT%"
INTERNAL_ERROR_CODE = "RC000"
FINGERPRINT_KEY = "rclint/v1"
# Suppressions written beside what they accept (a comment in the file, the
# role's or key's own metadata) are in the source; the others (in the
# configuration, or the baseline) are kept apart from it.
IN_SOURCE_KINDS = frozenset({"comment", "metadata"})
# As the parsers count rows: a lone carriage return ends a row too.
NEWLINE_SEQUENCES = ("\r\n", "\r", "\n")
_LINK_TEXT_SPECIALS = re.compile(r"([\\\[\]])")


class SarifReporter(Reporter):
    shows_suppressed = True

    def __init__(self, options: ReportOptions) -> None:
        super().__init__(options)
        self._findings: list[Finding] = []
        self._columns = Columns(options.sources)

    def finding(self, finding: Finding) -> None:
        self._findings.append(finding)

    def stop(self, summary: Summary) -> None:
        rules = [descriptor(rule) for rule in self.options.rules]
        index = {rule["id"]: number for number, rule in enumerate(rules)}
        for finding in self._findings:
            if finding.code not in index:
                index[finding.code] = len(rules)
                rules.append(stand_in_descriptor(finding))
        results = [self._result(finding, index) for finding in self._findings]
        log = {
            "$schema": SCHEMA_URI,
            "version": SARIF_VERSION,
            "runs": [self._run(rules, results)],
        }
        ascii_only = not writes_unicode(self.options.stream)
        self.write(json.dumps(log, indent=2, ensure_ascii=ascii_only))

    def _run(
        self, rules: list[dict[str, Any]], results: list[dict[str, Any]]
    ) -> dict[str, Any]:
        root = root_uri()
        return {
            "tool": {"driver": driver(rules)},
            "invocations": [self._invocation(root)],
            "originalUriBaseIds": {SOURCE_ROOT: {"uri": root}},
            "columnKind": "utf16CodeUnits",
            "newlineSequences": list(NEWLINE_SEQUENCES),
            "results": results,
        }

    def _invocation(self, root: str) -> dict[str, Any]:
        """A crashed rule (RC000) checked nothing on its cluster: the run
        did not succeed, whatever else it found."""
        crashes = [f for f in self._findings if f.code == INTERNAL_ERROR_CODE]
        notifications = [
            {
                "level": "error",
                "message": {"text": self.redact(crash.message)},
                "descriptor": {"id": INTERNAL_ERROR_CODE},
            }
            for crash in crashes
        ]
        return {
            "executionSuccessful": not crashes,
            "workingDirectory": {"uri": root},
            "toolExecutionNotifications": notifications,
        }

    def _result(self, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": LEVELS[finding.severity],
            "message": {"text": self._message(finding)},
            "locations": [{"physicalLocation": self._physical(finding.span)}],
        }
        if finding.related:
            result["relatedLocations"] = self._related_locations(finding)
        # The fingerprint hashes the rule, the cluster and the identity of
        # what the finding is about (entity names, never rows or columns),
        # so it stays when lines move or the file is reformatted. GitHub
        # reads only ``primaryLocationLineHash`` and, when it is missing,
        # hashes the text of the line instead, which an edit of that line
        # would change: it gets the same line-independent fingerprint.
        result["partialFingerprints"] = {
            FINGERPRINT_KEY: finding.fingerprint,
            "primaryLocationLineHash": finding.fingerprint,
        }
        if finding.suppression is not None:
            result["suppressions"] = [self._suppression(finding.suppression)]
        if finding.cluster is not None:
            result["properties"] = {"cluster": showable(finding.cluster)}
        return result

    def _related_locations(self, finding: Finding) -> list[dict[str, Any]]:
        """The related places, numbered from 1 as the message links them."""
        return [
            {
                "id": number,
                "physicalLocation": self._physical(related.span),
                "message": {"text": _literal(self.redact(related.message))},
            }
            for number, related in enumerate(finding.related, start=1)
        ]

    def _message(self, finding: Finding) -> str:
        """The message, then a link to each related place: GitHub shows
        related locations only through links in the message."""
        text = _literal(self.redact(finding.message))
        links = [
            f"[{_link_text(self.redact(related.message))}]({number})"
            for number, related in enumerate(finding.related, start=1)
        ]
        return text + "\nRelated: " + "; ".join(links) if links else text

    def _suppression(self, suppression: Suppression) -> dict[str, Any]:
        kind = "inSource" if suppression.kind in IN_SOURCE_KINDS else "external"
        entry: dict[str, Any] = {
            "kind": kind,
            "status": "accepted",
            "justification": self.redact(suppression.reason),
        }
        if suppression.span is not None:
            entry["location"] = {"physicalLocation": self._physical(suppression.span)}
        properties: dict[str, Any] = {"form": suppression.kind}
        if suppression.expires is not None:
            properties["expires"] = suppression.expires.isoformat()
        entry["properties"] = properties
        return entry

    def _physical(self, span: Span) -> dict[str, Any]:
        name = relative_name(span.file)
        if is_under_root(name):
            artifact = {"uri": uri_path(name), "uriBaseId": SOURCE_ROOT}
        else:
            artifact = {"uri": file_uri(span.file)}
        return {"artifactLocation": artifact, "region": self._region(span)}

    def _region(self, span: Span) -> dict[str, int]:
        """Rows as they are; columns 1-based in UTF-16 code units, the end
        one past the region, as in rclint."""
        return {
            "startLine": span.start.row,
            "startColumn": self._columns.utf16(span.file, span.start),
            "endLine": span.end.row,
            "endColumn": self._columns.utf16(span.file, span.end),
        }


def _literal(text: str) -> str:
    """``text`` with its braces doubled: a SARIF message spells a literal
    ``{`` or ``}`` so, since single braces mark placeholders."""
    return text.replace("{", "{{").replace("}", "}}")


def _link_text(text: str) -> str:
    """``text`` fit for the text of an embedded link: backslashes and
    square brackets escaped, braces doubled."""
    return _literal(_LINK_TEXT_SPECIALS.sub(r"\\\1", text))
