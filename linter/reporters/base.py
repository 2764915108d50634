"""The lifecycle every output format shares: ``start``, one ``finding`` per
finding, ``stop`` with the summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from linter.findings import Finding, Rule, Severity
from linter.reporters.redaction import redact, secret_texts, showable
from linter.source import Span


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What a reporter writes to and what it needs to show code safely:
    the text of each file and the spans no output may show. ``rules`` are
    the rules of the run, for the formats that describe them (SARIF, JUnit).
    """

    stream: TextIO
    sources: Mapping[str, str] = field(default_factory=dict)
    secrets: tuple[Span, ...] = ()
    color: bool = False
    quiet: bool = False
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """How many findings a run reported, by severity."""

    errors: int = 0
    warnings: int = 0
    info: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Summary:
        severities = [finding.severity for finding in findings]
        return cls(
            severities.count(Severity.ERROR),
            severities.count(Severity.WARNING),
            severities.count(Severity.INFO),
        )

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.info

    def text(self) -> str:
        if not self.total:
            return "All checks passed."
        counts = (
            _plural(self.errors, "error"),
            _plural(self.warnings, "warning"),
            f"{self.info} info",
        )
        return f"Found {_plural(self.total, 'finding')} ({', '.join(counts)})."


class Reporter:
    """Base of the output formats; subclasses override what they must.

    ``shows_suppressed`` formats also receive suppressed findings.
    """

    shows_suppressed = False

    def __init__(self, options: ReportOptions) -> None:
        self.options = options
        self._secret_texts = secret_texts(options.sources, options.secrets)

    def start(self) -> None:
        """Called once before the first finding."""

    def finding(self, finding: Finding) -> None:
        """Called once per finding, in the order of ``Finding.sort_key``."""
        raise NotImplementedError

    def stop(self, summary: Summary) -> None:
        """Called once after the last finding."""

    def write(self, text: str = "") -> None:
        self.options.stream.write(text + "\n")

    def redact(self, message: str) -> str:
        """``message`` as every format shows it: any secret text masked
        (rules never put secrets in messages, but an exception text in an
        RC000 finding might), then what no output may hold escaped."""
        return showable(redact(message, self._secret_texts))


def location(span: Span) -> str:
    """``path:row:col`` of the start of ``span``, as the text formats print it."""
    return f"{showable(span.file)}:{span.start.row}:{span.start.column}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
