"""Which findings touch a set of files: for a pre-commit hook that reports
only on the files a commit changes, while rclint still reads the whole
workspace (a finding about a role may come from a key in another
cluster's directory)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from linter.findings import Finding


def touching(findings: Iterable[Finding], files: Iterable[str]) -> list[Finding]:
    """The findings located in one of ``files``: at their own place, or at
    one of their related places."""
    wanted = {_key(file) for file in files}
    return [
        finding
        for finding in findings
        if _key(finding.span.file) in wanted
        or any(_key(related.span.file) in wanted for related in finding.related)
    ]


def _key(file: str) -> str:
    return os.path.normcase(os.path.abspath(file))
