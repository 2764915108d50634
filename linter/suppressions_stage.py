"""The stage between the checks and the report: findings are accepted by
suppressions, then by the baseline, then the second phase reports on both.

1. every suppression of the run is collected (``suppressions_collect``) and
   applied (``suppressions``);
2. the baseline, when one is given, accepts what it holds (``baseline``),
   after being rewritten first under ``--update-baseline``;
3. the reviews (RC010 to RC015) report on what the two did; their findings
   may be suppressed too, but never by the suppression they are about;
4. in audit mode (``--ignore-suppressions``) every finding is then shown
   and counted as if nothing had suppressed it.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass

from linter import host
from linter.baseline import Reach, apply_baseline, updated_entries
from linter.baseline_file import read_baseline, write_baseline
from linter.config import Config
from linter.findings import Finding, Rule
from linter.model import Graph
from linter.reporters.redaction import redact, secret_texts
from linter.suppressions import Codes, apply_suppressions, suppress_reviewed
from linter.suppressions_collect import collect
from linter.suppressions_model import Acceptance, BaselineEntry

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AcceptanceOptions:
    """How a run accepts findings: ``today`` is the day expiry dates are
    compared with; ``audit`` shows every suppressed finding; ``baseline``
    is the baseline file, rewritten first when ``update_baseline``."""

    today: datetime.date
    audit: bool = False
    baseline: str | None = None
    update_baseline: bool = False


def accept(
    graph: Graph,
    findings: Sequence[Finding],
    config: Config,
    rules: Sequence[Rule],
    known: Sequence[Rule],
    options: AcceptanceOptions,
) -> list[Finding]:
    """``findings`` (of the checks of ``rules``) with their suppressions,
    and the findings of the reviews of ``rules``. ``known`` are all the
    installed rules: a suppression naming one that is not selected is
    neither unknown nor unused."""
    ran = frozenset(rule.code for rule in rules if rule.check is not None)
    every = frozenset(rule.code for rule in known) | ran
    codes = Codes(every, ran, frozenset(graph.clusters))
    directives = collect(graph, config)
    accepted, uses = apply_suppressions(findings, directives, codes, options.today)
    stale: tuple[BaselineEntry, ...] = ()
    if options.baseline is not None:
        reach = Reach(ran, frozenset(graph.clusters))
        accepted, stale = _baselined(graph, accepted, reach, options)
    acceptance = Acceptance(directives, uses, stale, options.baseline)
    reviewed = host.run_reviews(graph, rules, config, accepted, acceptance)
    result = [*accepted, *suppress_reviewed(reviewed, uses)]
    return [_unsuppressed(f) for f in result] if options.audit else result


def _baselined(
    graph: Graph,
    findings: list[Finding],
    reach: Reach,
    options: AcceptanceOptions,
) -> tuple[list[Finding], tuple[BaselineEntry, ...]]:
    path = options.baseline
    assert path is not None
    exists = os.path.exists(path)
    entries = read_baseline(path) if exists or not options.update_baseline else ()
    if options.update_baseline:
        written = updated_entries(findings, entries, reach)
        write_baseline(path, _redacted(graph, written))
        logger.debug("baseline %s written with %d entries", path, len(written))
        entries = read_baseline(path)
    return apply_baseline(findings, entries, reach, path)


def _redacted(graph: Graph, entries: list[BaselineEntry]) -> list[BaselineEntry]:
    """The entries with any secret text masked in their messages: a file
    of the workspace must hold no secret of another."""
    secrets = secret_texts(graph.sources, graph.secrets)
    return [
        dataclasses.replace(entry, message=redact(entry.message, secrets))
        for entry in entries
    ]


def _unsuppressed(finding: Finding) -> Finding:
    if finding.suppression is None:
        return finding
    logger.debug(
        "%s at %s:%d shown: suppressions are ignored",
        finding.code,
        finding.span.file,
        finding.span.start.row,
    )
    return dataclasses.replace(finding, suppression=None)
