"""``rclint check``: the pipeline of a run, from paths to an exit code.

Exit codes: 0 when nothing at or above ``--fail-on`` was found, 1 when
something was, 2 for a usage, configuration or internal error (an RC000
finding included). Heavy modules are imported when the command runs, so
``rclint --version`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from linter.cli_logging import redact_logs
from linter.errors import UsageError

if TYPE_CHECKING:
    from linter.config import Config
    from linter.findings import Finding, Rule
    from linter.model import Graph

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
SEVERITIES = ("error", "warning", "info")
# The keys of ``linter.reporters.FORMATS``, named here so that parsing the
# command line imports no reporter.
OUTPUT_FORMATS = (
    "full",
    "concise",
    "json",
    "sarif",
    "github",
    "gitlab",
    "junit",
    "lsp",
)
_SELECTOR_FLAGS = (
    (
        "--select",
        "codes, prefixes or ALL; replaces the configuration's select and ignore",
    ),
    ("--ignore", "codes, prefixes or ALL; added to the configuration's ignore"),
    ("--extend-select", "codes, prefixes or ALL; added to the selection"),
)


def add_check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    _add_selection_arguments(check)
    _add_output_arguments(check)
    _add_acceptance_arguments(check)
    _add_workspace_arguments(check)


def _add_selection_arguments(check: argparse.ArgumentParser) -> None:
    """Which rules run, and which findings fail the run."""
    for flag, help_text in _SELECTOR_FLAGS:
        # Repeated flags add up, as in ruff.
        check.add_argument(
            flag, action="extend", type=_selectors, metavar="CODES", help=help_text
        )
    check.add_argument("--fail-on", choices=SEVERITIES, help="default: warning")
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings fail"
    )


def _add_output_arguments(check: argparse.ArgumentParser) -> None:
    """What is printed, and where."""
    check.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        help="default: github in a GitHub Actions job, else full",
    )
    check.add_argument(
        "--output-file", metavar="FILE", help="write the report to FILE, not stdout"
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings of each rule instead of the findings",
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only, no summary"
    )
    check.add_argument(
        "--show-graph", action="store_true", help="print the cluster graph first"
    )


def _add_workspace_arguments(check: argparse.ArgumentParser) -> None:
    """The configuration read, and what the PATHs are."""
    check.add_argument("--config", metavar="FILE", help="the configuration file")
    check.add_argument(
        "--isolated", action="store_true", help="read no configuration file"
    )
    check.add_argument(
        "--changed",
        action="store_true",
        help="the PATHs are changed files: lint the --workspace, report only "
        "the findings that touch them (for pre-commit)",
    )
    check.add_argument(
        "--workspace",
        metavar="DIR",
        default=".",
        help="with --changed: the workspace to lint (default: .)",
    )


def _add_acceptance_arguments(check: argparse.ArgumentParser) -> None:
    """Suppressions and the baseline (``linter.suppressions_cli``)."""
    check.add_argument(
        "--ignore-suppressions",
        action="store_true",
        help="audit: show and count every suppressed finding, baseline included",
    )
    check.add_argument(
        "--baseline", metavar="FILE", help="report only findings not in FILE"
    )
    check.add_argument(
        "--update-baseline",
        action="store_true",
        help="first write every current finding into the --baseline FILE",
    )


def run_check(args: argparse.Namespace) -> int:
    from linter.parsing import gc_paused

    # One run builds one large, acyclic graph and exits: full collections
    # would only rescan it again and again.
    with gc_paused():
        return _run_check(args)


def _run_check(args: argparse.Namespace) -> int:
    """The stages of a run: the configuration and rules, the graph, the
    findings, the report, the exit code."""
    from linter import engine, host

    paths = [args.workspace] if args.changed else args.paths
    all_rules = host.load_rules()
    config = _overridden(_config(args, paths, all_rules), args)
    rules = host.select_rules(all_rules, config)
    graph = engine.build(paths, config)
    _start_report(args, graph, paths)
    findings = _findings(args, graph, config, rules, all_rules)
    _report(args, graph, findings, rules, all_rules)
    return _exit_code(args, findings, config)


def _start_report(args: argparse.Namespace, graph: Graph, paths: Sequence[str]) -> None:
    """Mask the graph's secrets in the log; refuse an empty workspace; show
    the graph when asked."""
    from linter.reporters.output import chosen_format, stdout_is_free
    from linter.reporters.redaction import secret_texts

    redact_logs(secret_texts(graph.sources, graph.secrets))
    if not graph.clusters:
        raise UsageError(_no_clusters(paths, graph))
    if args.show_graph:
        output_format = chosen_format(args.output_format, os.environ)
        _show_graph(
            graph, to_stderr=not stdout_is_free(output_format, args.output_file)
        )


def _findings(
    args: argparse.Namespace,
    graph: Graph,
    config: Config,
    rules: Sequence[Rule],
    all_rules: Sequence[Rule],
) -> list[Finding]:
    """The checks' findings as the configuration, the suppressions and the
    baseline leave them, and (with ``--changed``) only those to report."""
    from linter import host
    from linter.policy import apply_policy
    from linter.suppressions_cli import accepted

    findings = apply_policy(host.run_rules(graph, rules, config), config)
    findings = accepted(args, graph, findings, config, rules, all_rules)
    return _touching_changed(findings, args.paths) if args.changed else findings


def _report(
    args: argparse.Namespace,
    graph: Graph,
    findings: Sequence[Finding],
    rules: Sequence[Rule],
    all_rules: Sequence[Rule],
) -> None:
    from linter.reporters import ReportOptions, report, rules_of_run
    from linter.reporters.output import chosen_format, open_output, wants_color

    output_format = chosen_format(args.output_format, os.environ)
    reported_rules = rules_of_run(rules, all_rules, findings)
    with open_output(args.output_file) as stream:
        color = wants_color(stream)
        options = ReportOptions(
            stream, graph.sources, graph.secrets, color, args.quiet, reported_rules
        )
        report(output_format, options, findings, statistics=args.statistics)


def _exit_code(
    args: argparse.Namespace, findings: Sequence[Finding], config: Config
) -> int:
    from linter.host import INTERNAL_ERROR_CODE

    if any(finding.code == INTERNAL_ERROR_CODE for finding in findings):
        return EXIT_ERROR
    failing = any(
        finding.severity >= config.fail_on and finding.suppression is None
        for finding in findings
    )
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_OK


def _no_clusters(paths: Sequence[str], graph: Graph) -> str:
    """Why nothing can be linted, with what kept the search from looking
    everywhere (a directory that cannot be listed)."""
    places = ", ".join(f"`{path}`" for path in paths)
    message = (
        f"no cluster directories found under {places}: "
        "a cluster directory holds an elasticsearch.yml"
    )
    for problem in graph.problems:
        message += f"\n  {problem.span.file}: {problem.message}"
    return message


def _touching_changed(findings: list[Finding], changed: Sequence[str]) -> list[Finding]:
    """The findings a change of ``changed`` files is answerable for: all of
    them when a configuration file changed, as it bears on every finding."""
    from linter.changed import touching
    from linter.config import CONFIG_FILES

    if any(os.path.basename(path) in CONFIG_FILES for path in changed):
        return findings
    return touching(findings, changed)


def _config(
    args: argparse.Namespace, paths: Sequence[str], rules: Sequence[Rule]
) -> Config:
    from linter import config as config_module

    if args.isolated:
        config = config_module.Config()
    elif args.config:
        config = config_module.load_config_file(args.config)
    else:
        config = config_module.load_config(paths)
    return config_module.validate_rule_options(config, rules)


def _overridden(config: Config, args: argparse.Namespace) -> Config:
    """``config`` under the command line's selectors and ``--fail-on``."""
    from linter.config import replace_selection
    from linter.findings import Severity

    return replace_selection(
        config,
        select=args.select,
        ignore=args.ignore,
        extend_select=args.extend_select,
        fail_on=Severity.parse(args.fail_on) if args.fail_on else None,
    )


def _show_graph(graph: Graph, *, to_stderr: bool) -> None:
    """The graph goes to stderr unless stdout carries a text report, so
    that a machine format's stdout stays one document."""
    from linter.graph_text import describe

    print(
        describe(graph).rstrip("\n") + "\n",
        file=sys.stderr if to_stderr else sys.stdout,
    )


def _selectors(text: str) -> list[str]:
    """A comma-separated list of rule selectors."""
    return [part.strip() for part in text.split(",") if part.strip()]
