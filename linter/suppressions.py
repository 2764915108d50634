"""Suppressions applied to findings: which directive covers which finding,
and what each directive did.

A finding is covered by a target of its rule code when:

- a comment: the finding's primary location starts in the comment's file,
  on a row of its scope;
- the metadata of a role: the finding is on the role's cluster and its
  identity is about the role (``("role", name, ...)``);
- the metadata of a cross-cluster API key: the finding is about the key
  (``("api_key", name, ...)`` on the key's cluster), or compares a role
  with it, which such findings show as a related place inside the key's
  definition;
- a ``[[suppress]]`` table: the finding's cluster, entity kind
  (``identity[0]``) and entity name (``identity[1]``) are those given.

RC000 and RC001 are never suppressed: a crash or a file rclint cannot read
must never go unseen. Every decision is logged at DEBUG.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linter.findings import Finding, Suppression
from linter.source import Span
from linter.suppressions_index import TargetIndex
from linter.suppressions_model import (
    Directive,
    EntityScope,
    KeyScope,
    RowScope,
    Scope,
    Status,
    Target,
    TargetUse,
)

logger = logging.getLogger(__name__)

UNSUPPRESSIBLE = frozenset({"RC000", "RC001"})


@dataclass(frozen=True, slots=True)
class Codes:
    """What a run could match: every installed rule (``known``), the rules
    whose findings are there (``ran``: selected, with a check), and the
    clusters linted."""

    known: frozenset[str]
    ran: frozenset[str]
    clusters: frozenset[str]


def apply_suppressions(
    findings: Sequence[Finding],
    directives: Sequence[Directive],
    codes: Codes,
    today: datetime.date,
) -> tuple[list[Finding], tuple[TargetUse, ...]]:
    """``findings``, each covered one suppressed by the first valid target
    that covers it, and what every target of ``directives`` did."""
    statuses = {
        (d, t): _status(d, t, codes, today) for d in directives for t in d.targets
    }
    index = TargetIndex(directives)
    matched: dict[tuple[Directive, Target], int] = dict.fromkeys(statuses, 0)
    result = []
    for finding in findings:
        candidates = index.candidates(finding)
        covering = [pair for pair in candidates if covers(pair[1].scope, finding)]
        for pair in covering:
            matched[pair] += 1
        result.append(_decided(finding, covering, statuses))
    uses = tuple(
        TargetUse(d, t, _final(statuses[d, t], matched[d, t]), matched[d, t])
        for d, t in statuses
    )
    return result, uses


def suppress_reviewed(
    findings: Iterable[Finding], uses: Sequence[TargetUse]
) -> list[Finding]:
    """Findings of the reviews, suppressed by any valid target but one of
    the directive they are about (the one whose span holds theirs)."""
    valid = [use for use in uses if use.status.valid]
    result = []
    for finding in findings:
        covering = [
            (use.directive, use.target)
            for use in valid
            if use.target.code.value == finding.code
            and covers(use.target.scope, finding)
            and not use.directive.span.contains(finding.span)
        ]
        statuses = {pair: Status.USED for pair in covering}
        result.append(_decided(finding, covering, statuses))
    return result


def covers(scope: Scope, finding: Finding) -> bool:
    """Whether ``scope`` takes in ``finding`` (whatever its code)."""
    if isinstance(scope, RowScope):
        row = finding.span.start.row
        last = scope.last
        return (
            finding.span.file == scope.file
            and scope.first <= row
            and (last is None or row <= last)
        )
    if isinstance(scope, EntityScope):
        return _entity_covers(scope, finding)
    return _key_covers(scope, finding)


def _entity_covers(scope: EntityScope, finding: Finding) -> bool:
    identity = finding.identity
    kind = identity[0] if identity else None
    name = identity[1] if len(identity) > 1 else None
    return (
        (scope.cluster is None or scope.cluster == finding.cluster)
        and (scope.kind is None or _kind(scope.kind) == _kind(kind or ""))
        and (scope.name is None or scope.name == name)
    )


def _kind(text: str) -> str:
    """Entity kinds as identities spell them: ``api-key`` is ``api_key``."""
    return text.replace("-", "_")


def _key_covers(scope: KeyScope, finding: Finding) -> bool:
    if finding.cluster == scope.cluster and finding.identity[:2] == (
        "api_key",
        scope.name,
    ):
        return True
    # A key named after its file is shown at the file's start, which a
    # YAML body starting after a comment does not hold.
    whole_file = Span.whole_file(scope.definition.file)
    return any(
        scope.definition.contains(item.span) or item.span == whole_file
        for item in finding.related
    )


def _status(
    directive: Directive, target: Target, codes: Codes, today: datetime.date
) -> Status:
    code = target.code.value
    if code not in codes.known:
        return Status.UNKNOWN_CODE
    if code in UNSUPPRESSIBLE:
        return Status.UNSUPPRESSIBLE
    if directive.flaws:
        return Status.FLAWED
    if not directive.has_reason:
        return Status.NO_REASON
    if directive.expired(today):
        return Status.EXPIRED
    if code not in codes.ran or not _linted(target.scope, codes.clusters):
        return Status.NOT_RUN
    return Status.UNUSED


def _linted(scope: Scope, clusters: frozenset[str]) -> bool:
    """Whether the findings ``scope`` covers could be there: a table naming
    a cluster not linted (a run over part of the workspace) matches none."""
    if isinstance(scope, EntityScope) and scope.cluster is not None:
        return scope.cluster in clusters
    return True


def _final(status: Status, matched: int) -> Status:
    return Status.USED if status is Status.UNUSED and matched else status


def _decided(
    finding: Finding,
    covering: Sequence[tuple[Directive, Target]],
    statuses: dict[tuple[Directive, Target], Status],
) -> Finding:
    """``finding`` with the suppression of the first valid covering target;
    as it was when none is, or when it cannot be suppressed."""
    if finding.code in UNSUPPRESSIBLE or finding.suppression is not None:
        return finding
    for directive, target in covering:
        status = statuses[directive, target]
        if status.valid:
            _log_suppressed(finding, directive)
            suppression = Suppression(
                directive.kind.value,
                directive.reason or "",
                directive.span,
                directive.expires,
            )
            return dataclasses.replace(finding, suppression=suppression)
        _log_not_suppressed(finding, directive, status)
    return finding


def _log_suppressed(finding: Finding, directive: Directive) -> None:
    logger.debug(
        "%s at %s suppressed by the %s suppression at %s: %s",
        finding.code,
        _position(finding.span),
        directive.form,
        _position(directive.span),
        directive.reason,
    )


def _log_not_suppressed(finding: Finding, directive: Directive, status: Status) -> None:
    logger.debug(
        "%s at %s not suppressed by the %s suppression at %s: %s",
        finding.code,
        _position(finding.span),
        directive.form,
        _position(directive.span),
        status.value,
    )


def _position(span: Span) -> str:
    return f"{span.file}:{span.start.row}:{span.start.column}"
