"""``--statistics``: how many findings each rule reported, instead of the
findings, as ruff does; the most frequent rule first::

    3  RC401  remote-privilege-exceeds-api-key
    1  RC101  deprecated-cert-link
    Found 4 findings (0 errors, 4 warnings, 0 info).

Under ``--output-format json`` the same counts are a JSON array of
``{code, name, count}``. Suppressed findings are not counted, as they
are not shown.
"""

from __future__ import annotations

import json
from collections import Counter

from linter.findings import Finding
from linter.reporters.base import Reporter, ReportOptions, Summary


class StatisticsReporter(Reporter):
    def __init__(self, options: ReportOptions, *, as_json: bool = False) -> None:
        super().__init__(options)
        self._as_json = as_json
        self._counts: Counter[tuple[str, str]] = Counter()

    def finding(self, finding: Finding) -> None:
        self._counts[finding.code, finding.name] += 1

    def stop(self, summary: Summary) -> None:
        rows = sorted(self._counts.items(), key=lambda item: (-item[1], item[0]))
        if self._as_json:
            entries = [
                {"code": code, "name": name, "count": count}
                for (code, name), count in rows
            ]
            self.write(json.dumps(entries, indent=2))
            return
        if rows:
            count_width = len(str(rows[0][1]))
            code_width = max(len(code) for (code, _), _ in rows)
            for (code, name), count in rows:
                self.write(f"{count:>{count_width}}  {code:<{code_width}}  {name}")
        if not self.options.quiet:
            self.write(summary.text())
