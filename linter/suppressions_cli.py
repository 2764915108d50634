"""The command line's part in accepting findings: ``--ignore-suppressions``,
``--baseline`` and ``--update-baseline`` (the flags are declared with the
others in ``linter.cli_check``) become the stage's options."""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from linter.errors import UsageError

if TYPE_CHECKING:
    from linter.config import Config
    from linter.findings import Finding, Rule
    from linter.model import Graph


def accepted(
    args: argparse.Namespace,
    graph: Graph,
    findings: Sequence[Finding],
    config: Config,
    rules: Sequence[Rule],
    known: Sequence[Rule],
) -> list[Finding]:
    """``findings`` through suppressions and the baseline, with the findings
    of the rules' second phase, as the command line asks."""
    from linter.suppressions_stage import AcceptanceOptions, accept

    if args.update_baseline and not args.baseline:
        raise UsageError("--update-baseline needs --baseline FILE: the file to write")
    options = AcceptanceOptions(
        today=datetime.date.today(),
        audit=args.ignore_suppressions,
        baseline=args.baseline,
        update_baseline=args.update_baseline,
    )
    return accept(graph, findings, config, rules, known, options)
