"""The hooks an rclint plugin implements.

Built-in rules use exactly these hooks, through the same ``rclint`` entry
point group a third-party package declares in its ``pyproject.toml``::

    [project.entry-points.rclint]
    MY100 = "my_package.my_rule"

where ``my_package/my_rule.py`` holds a function decorated with
``linter.hookspecs.hookimpl``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pluggy

from linter.findings import Rule

PROJECT = "rclint"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# --- start-up ---------------------------------------------------------------


@hookspec
def rclint_rules() -> Sequence[Rule]:
    """Return the rules this plugin provides.

    Called once per run, after every plugin is registered. The results of
    all plugins are collected; two rules with one code are an error that
    names both plugins, and so is a rule with neither phase.

    A rule's phases run in this order:

    1. ``Rule.check(RuleContext)``, once per cluster of the graph, yields
       the violations about that cluster;
    2. the findings of every check go through the configuration's severity
       overrides and per-file ignores, then suppressions (comments,
       ``metadata.rclint``, ``[[suppress]]`` tables), then the baseline;
    3. ``Rule.review(ReviewContext)``, once per run, receives the graph,
       those findings (suppressed ones included, each with its
       ``suppression``) and ``Acceptance``, what every suppression and
       baseline entry did, and yields violations about them. Review
       findings may be suppressed, but never by the suppression they
       report, and are never baselined.
    """
    raise NotImplementedError
