"""What the configuration makes of findings once the rules have run: each
rule's severity as configured (``[severity]``), and the findings of rules
not reported for some files (``per-file-ignores``).

A file that does not parse (RC001) and a crashed rule (RC000) are never
ignored and keep their severity: a run must not go green on broken input.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
from collections.abc import Iterable, Mapping

from linter.config import Config, PerFileIgnore
from linter.findings import Finding, Severity
from linter.selection import ALL, ALWAYS_SELECTED

logger = logging.getLogger(__name__)

_UNTOUCHABLE = ALWAYS_SELECTED | {"RC000"}


def apply_policy(findings: Iterable[Finding], config: Config) -> list[Finding]:
    """``findings`` with configured severities, without those ignored for
    their file."""
    kept = []
    for finding in findings:
        if finding.code in _UNTOUCHABLE:
            kept.append(finding)
            continue
        ignore = _ignoring_entry(finding, config.per_file_ignores)
        if ignore is not None:
            logger.debug(
                "%s at %s: not reported, per-file-ignores `%s` of %s",
                finding.code,
                finding.span.file,
                ignore.pattern,
                ignore.source,
            )
            continue
        kept.append(_with_severity(finding, config.severities))
    return kept


def configured_severity(
    code: str, default: Severity, severities: Mapping[str, Severity]
) -> Severity:
    """The severity the most specific selector of ``severities`` gives
    ``code`` (``ALL`` least specific), else ``default``."""
    best: tuple[int, Severity] | None = None
    for selector, severity in severities.items():
        if selector == ALL or code.startswith(selector):
            rank = 0 if selector == ALL else len(selector)
            if best is None or rank > best[0]:
                best = (rank, severity)
    return default if best is None else best[1]


def _with_severity(finding: Finding, severities: Mapping[str, Severity]) -> Finding:
    severity = configured_severity(finding.code, finding.severity, severities)
    if severity is finding.severity:
        return finding
    return dataclasses.replace(finding, severity=severity)


def _ignoring_entry(
    finding: Finding, entries: Iterable[PerFileIgnore]
) -> PerFileIgnore | None:
    for entry in entries:
        selected = any(
            selector == ALL or finding.code.startswith(selector)
            for selector in entry.selectors
        )
        if selected and matches_file(entry, finding.span.file):
            return entry
    return None


def matches_file(entry: PerFileIgnore, file: str) -> bool:
    """Whether ``entry``'s pattern matches ``file`` (a path as findings
    give it: relative to the working directory, or absolute)."""
    if "/" not in entry.pattern:
        return _glob(entry.pattern).fullmatch(os.path.basename(file)) is not None
    relative = os.path.relpath(os.path.abspath(file), entry.directory)
    if relative.startswith(os.pardir):
        return False
    return _glob(entry.pattern).fullmatch(relative.replace(os.sep, "/")) is not None


@functools.lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression: ``**/`` any directories (none
    included), ``**`` anything, ``*`` and ``?`` within one path segment."""
    parts = re.split(r"(\*\*/|\*\*|\*|\?)", pattern.removeprefix("./"))
    wildcards = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wildcards.get(part, re.escape(part)) for part in parts))
