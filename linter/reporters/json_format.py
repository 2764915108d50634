"""One JSON array of findings, for machines.

File names are relative to the working directory with ``/`` separators;
rows and columns are 1-based and ``end_location`` is exclusive.
"""

from __future__ import annotations

import json
from typing import Any

from linter.findings import Finding
from linter.reporters.base import Reporter, ReportOptions, Summary
from linter.reporters.places import relative_name, writes_unicode
from linter.reporters.redaction import showable
from linter.source import Position, Span


class JsonReporter(Reporter):
    def __init__(self, options: ReportOptions) -> None:
        super().__init__(options)
        self._items: list[dict[str, Any]] = []

    def finding(self, finding: Finding) -> None:
        related = [
            {**_place(item.span), "message": self.redact(item.message)}
            for item in finding.related
        ]
        self._items.append(
            {
                "code": finding.code,
                "name": finding.name,
                "severity": finding.severity.label,
                "message": self.redact(finding.message),
                **_place(finding.span),
                "cluster": _cluster(finding.cluster),
                "related": related,
                "fingerprint": finding.fingerprint,
            }
        )

    def stop(self, summary: Summary) -> None:
        # One finding a line: readable, and encoded by the C encoder, which
        # ``indent`` would turn off (it is several times slower).
        self._items.sort(key=_sort_key)
        ascii_only = not writes_unicode(self.options.stream)
        lines = (json.dumps(item, ensure_ascii=ascii_only) for item in self._items)
        self.write("[\n" + ",\n".join(lines) + "\n]" if self._items else "[]")


def _place(span: Span) -> dict[str, Any]:
    return {
        "filename": showable(relative_name(span.file)),
        "location": _position(span.start),
        "end_location": _position(span.end),
    }


def _cluster(name: str | None) -> str | None:
    return None if name is None else showable(name)


def _position(position: Position) -> dict[str, int]:
    return {"row": position.row, "column": position.column}


def _sort_key(item: dict[str, Any]) -> tuple[str, int, int, str]:
    start = item["location"]
    return (item["filename"], start["row"], start["column"], item["code"])
