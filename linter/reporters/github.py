"""GitHub Actions workflow commands: one annotation per finding, shown on
the pull request's diff and in the job's summary::

    ::warning file=eu/roles.yml,line=5,col=20,endLine=5,endColumn=25,title=RC401 \
remote-privilege-exceeds-api-key::eu/roles.yml:5:20: privilege `all` ...

Info findings are notices. Columns count UTF-16 code units, as the page
that shows the annotation does. The related places follow the message on
lines of their own.
"""

from __future__ import annotations

from linter.findings import Finding, Severity
from linter.reporters.base import Reporter, ReportOptions, Summary, location
from linter.reporters.places import Columns, relative_name
from linter.reporters.redaction import showable

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}
# GitHub's escapes: these three in a command's message, and the separators
# of its properties as well in a property's value.
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


class GithubReporter(Reporter):
    def __init__(self, options: ReportOptions) -> None:
        super().__init__(options)
        self._columns = Columns(options.sources)

    def finding(self, finding: Finding) -> None:
        span = finding.span
        properties = {
            "file": showable(relative_name(span.file)),
            "line": str(span.start.row),
            "col": str(self._columns.utf16(span.file, span.start)),
            "endLine": str(span.end.row),
            "endColumn": str(self._columns.utf16(span.file, span.end)),
            "title": f"{finding.code} {finding.name}",
        }
        listed = ",".join(
            f"{name}={escape_property(value)}" for name, value in properties.items()
        )
        command = COMMANDS[finding.severity]
        self.write(f"::{command} {listed}::{escape_data(self._message(finding))}")

    def stop(self, summary: Summary) -> None:
        if not self.options.quiet:
            self.write(summary.text())

    def _message(self, finding: Finding) -> str:
        """The message as the job's log shows it too: after its place, and
        followed by a line for each related place."""
        lines = [f"{location(finding.span)}: {self.redact(finding.message)}"]
        lines.extend(
            f"related: {location(item.span)}: {self.redact(item.message)}"
            for item in finding.related
        )
        return "\n".join(lines)


def escape_data(text: str) -> str:
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text
