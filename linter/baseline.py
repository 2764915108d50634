"""The baseline: findings accepted as they were when it was written, so an
existing estate adopts rclint without fixing everything first.

``--baseline FILE`` reports only the findings the file does not hold; the
others stay, suppressed with kind ``baseline``, so audit formats keep them.
An entry that matches no finding is stale: RC014 reports it, so the
baseline only shrinks. ``--update-baseline`` rewrites the file with the
findings of the run.

Only the entries the run could have matched are judged or replaced: those
of rules that ran, on clusters that were linted. The others (a run with
``--select RC4``, or over one cluster directory) are kept as they are.
Findings that must never be accepted this way are never written: RC000 (a
crash) and RC001 (a file that does not parse).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from linter.findings import Finding, Suppression
from linter.suppressions import UNSUPPRESSIBLE
from linter.suppressions_model import BaselineEntry, Kind

logger = logging.getLogger(__name__)

Key = tuple[str, str | None, tuple[str, ...], int]


@dataclass(frozen=True, slots=True)
class Reach:
    """What a run could match: the codes of the rules whose checks ran and
    the clusters linted."""

    codes: Collection[str]
    clusters: Collection[str]

    def holds(self, entry: BaselineEntry) -> bool:
        return entry.rule in self.codes and (
            entry.cluster is None or entry.cluster in self.clusters
        )


def key_of(finding: Finding) -> Key:
    return (finding.code, finding.cluster, finding.identity, finding.occurrence)


def apply_baseline(
    findings: Sequence[Finding],
    entries: Sequence[BaselineEntry],
    reach: Reach,
    file: str,
) -> tuple[list[Finding], tuple[BaselineEntry, ...]]:
    """``findings`` with those the baseline holds suppressed (unless another
    suppression already is), and the stale entries within ``reach``."""
    by_key: dict[Key, BaselineEntry] = {}
    repeated: list[BaselineEntry] = []
    for entry in entries:
        if by_key.setdefault(entry.key, entry) is not entry:
            repeated.append(entry)
    matched: set[Key] = set()
    result = []
    for finding in findings:
        held = by_key.get(key_of(finding))
        if held is None or finding.code in UNSUPPRESSIBLE:
            result.append(finding)
            continue
        matched.add(held.key)
        result.append(_baselined(finding, held, file))
    unmatched = [entry for key, entry in by_key.items() if key not in matched]
    stale = [entry for entry in [*unmatched, *repeated] if reach.holds(entry)]
    return result, tuple(sorted(stale, key=lambda entry: entry.span.start))


def updated_entries(
    findings: Sequence[Finding], previous: Sequence[BaselineEntry], reach: Reach
) -> list[BaselineEntry]:
    """The entries of a rewritten baseline: every finding of the run that
    nothing else accepts, and the previous entries out of ``reach``."""
    kept = [entry for entry in previous if not reach.holds(entry)]
    current = [
        _entry(finding)
        for finding in findings
        if finding.suppression is None and finding.code not in UNSUPPRESSIBLE
    ]
    logger.debug(
        "baseline: %d findings written, %d entries out of reach kept",
        len(current),
        len(kept),
    )
    return [*current, *kept]


def _baselined(finding: Finding, entry: BaselineEntry, file: str) -> Finding:
    if finding.suppression is not None:
        return finding
    logger.debug(
        "%s at %s:%d suppressed by the baseline entry at %s:%d",
        finding.code,
        finding.span.file,
        finding.span.start.row,
        entry.span.file,
        entry.span.start.row,
    )
    reason = f"accepted in the baseline {file}"
    suppression = Suppression(Kind.BASELINE.value, reason, entry.span)
    return dataclasses.replace(finding, suppression=suppression)


def _entry(finding: Finding) -> BaselineEntry:
    return BaselineEntry(
        rule=finding.code,
        cluster=finding.cluster,
        identity=finding.identity,
        occurrence=finding.occurrence,
        span=finding.span,
        name=finding.name,
        message=finding.message,
    )
