"""GitLab Code Quality: the JSON array GitLab reads from a job's
``codequality`` report and shows in merge requests.

Each finding has a ``description``, a ``check_name`` (its rule code), a
``fingerprint``, a ``severity`` and a ``location`` with a ``path`` relative
to the working directory (the repository's root in a GitLab job) and the
first and last of its ``lines``. GitLab tells a new finding from an old
one by its fingerprint alone, so it is the finding's line-independent
fingerprint: editing lines above a finding does not make it new.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from linter.findings import Finding, Severity
from linter.reporters.base import Reporter, ReportOptions, Summary
from linter.reporters.places import relative_name, writes_unicode
from linter.reporters.redaction import showable

# GitLab's scale is info, minor, major, critical, blocker. An rclint error
# is a risk or an input Elasticsearch rejects: critical; a warning is a
# weakness to fix: major. Blocker is left for GitLab users to mean more.
SEVERITIES = {
    Severity.ERROR: "critical",
    Severity.WARNING: "major",
    Severity.INFO: "info",
}


class GitlabReporter(Reporter):
    def __init__(self, options: ReportOptions) -> None:
        super().__init__(options)
        self._issues: list[dict[str, Any]] = []
        self._fingerprints: set[str] = set()

    def finding(self, finding: Finding) -> None:
        span = finding.span
        self._issues.append(
            {
                "description": f"{finding.code}: {self.redact(finding.message)}",
                "check_name": finding.code,
                "fingerprint": self._unique(finding),
                "severity": SEVERITIES[finding.severity],
                "location": {
                    "path": showable(relative_name(span.file)),
                    "lines": {"begin": span.start.row, "end": span.end.row},
                },
            }
        )

    def stop(self, summary: Summary) -> None:
        ascii_only = not writes_unicode(self.options.stream)
        self.write(json.dumps(self._issues, indent=2, ensure_ascii=ascii_only))

    def _unique(self, finding: Finding) -> str:
        """The finding's fingerprint; findings are numbered apart when they
        share an identity, so two are the same only by a hash collision,
        and then the second is told apart by its place, as GitLab needs."""
        fingerprint = finding.fingerprint
        if fingerprint in self._fingerprints:
            place = "{}:{}:{}".format(finding.span.file, *finding.span.start)
            text = f"{fingerprint}\x1f{place}".encode("utf-8", "surrogatepass")
            fingerprint = hashlib.sha256(text).hexdigest()[:16]
        self._fingerprints.add(fingerprint)
        return fingerprint
