"""The pipeline of a run, one small stage each:

1. ``workspace.find_clusters``: the cluster directories under the given
   paths, and the directories that could not be searched;
2. ``loading.load_cluster``: each directory's files, parsed, validated and
   turned into a ``Cluster`` record (problems kept, never raised);
3. ``graph.build_graph``: the clusters joined by their remote links, each
   alias resolved to a cluster, a security model and an API key;
4. ``host.run_rules``: every selected rule over the graph, a crashing rule
   isolated as an internal-error finding;
5. ``policy.apply_policy``: configured severities, per-file ignores;
6. ``suppressions_stage.accept``: suppressions, the baseline, then the
   rules' second phase, which reports on both.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from linter import graph, host, loading, workspace
from linter.config import Config
from linter.findings import Finding, Rule
from linter.model import Graph
from linter.parsing import gc_paused
from linter.policy import apply_policy
from linter.suppressions_stage import AcceptanceOptions, accept


@dataclass(frozen=True, slots=True)
class LintResult:
    graph: Graph
    findings: tuple[Finding, ...]


def build(paths: Sequence[str], config: Config) -> Graph:
    """Stages 1-3: read the workspace under ``paths`` into a graph.

    The garbage collector is paused meanwhile: the graph is a large, acyclic
    set of records whose growth would otherwise set off full collections
    that rescan it again and again (half the loading time of a big fleet).
    """
    with gc_paused():
        found = workspace.find_clusters(paths)
        loaded = [loading.load_cluster(directory) for directory in found.directories]
        return graph.build_graph(loaded, config, found.problems)


def lint(
    paths: Sequence[str],
    config: Config,
    rules: Sequence[Rule],
    known: Sequence[Rule] = (),
    options: AcceptanceOptions | None = None,
) -> LintResult:
    """The whole run: build the graph, run ``rules`` over it, and accept
    findings. ``known`` are all the installed rules (``rules`` when not
    given); ``options`` default to today's date and no baseline."""
    built = build(paths, config)
    accepting = options or AcceptanceOptions(datetime.date.today())
    with gc_paused():
        findings = apply_policy(host.run_rules(built, rules, config), config)
        findings = accept(built, findings, config, rules, known or rules, accepting)
    return LintResult(built, tuple(sorted(findings, key=Finding.sort_key)))
