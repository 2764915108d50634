"""The command line: ``rclint check``, ``rclint rule CODE``, ``rclint rules``.

Exit codes: 0 when nothing at or above ``--fail-on`` was found, 1 when
something was, 2 for a usage, configuration or internal error (an RC000
finding included). Heavy modules are imported inside the commands, so
``rclint --version`` starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from linter import __version__
from linter.errors import RclintError, UsageError

if TYPE_CHECKING:
    from linter.config import Config
    from linter.findings import Rule, Severity
    from linter.host import RuleSource
    from linter.model import Graph

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
SEVERITIES = ("error", "warning", "info")
_LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
_SELECTOR_FLAGS = (
    (
        "--select",
        "codes, prefixes or ALL; replaces the configuration's select and ignore",
    ),
    ("--ignore", "codes, prefixes or ALL; added to the configuration's ignore"),
    ("--extend-select", "codes, prefixes or ALL; added to the selection"),
)


def run() -> NoReturn:
    """The ``rclint`` executable: ``main`` with the process's arguments.

    The process ends without the interpreter's teardown, which would free
    the graph of a large fleet object by object (most of a second) only to
    exit; the streams and the log are flushed first.
    """
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # A stream may be closed or gone, as after a broken pipe.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run rclint with ``argv`` (the process's arguments by default) and
    return the exit code."""
    _tolerate_unencodable_output()
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_usage(sys.stderr)
        return EXIT_ERROR
    _configure_logging(args.verbose)
    try:
        return int(args.run(args))
    except RclintError as error:
        sys.stderr.write(_redacted(f"rclint: error: {error}\n"))
    except BrokenPipeError:
        # The reader went away (``rclint rules | head``): stop writing quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except Exception as error:
        text = f"rclint: internal error: {type(error).__name__}: {error}\n"
        if args.verbose:
            text += traceback.format_exc()
        sys.stderr.write(_redacted(text))
    return EXIT_ERROR


def _tolerate_unencodable_output() -> None:
    """Write a character the output's encoding lacks (``PYTHONIOENCODING=
    ascii``, a Windows console) as a backslash escape, rather than end the
    run with its findings unwritten."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


# --- commands -----------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from linter.parsing import gc_paused

    # One run builds one large, acyclic graph and exits: full collections
    # would only rescan it again and again.
    with gc_paused():
        return _run_check(args)


def _run_check(args: argparse.Namespace) -> int:
    from linter import engine, host
    from linter.findings import Severity
    from linter.reporters import ReportOptions, report
    from linter.reporters.redaction import secret_texts

    all_rules = host.load_rules()
    config = _config(args, all_rules)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else None
    config = _overridden(config, args, fail_on)
    rules = host.select_rules(all_rules, config)
    graph = engine.build(args.paths, config)
    _redact_logs(secret_texts(graph.sources, graph.secrets))
    if not graph.clusters:
        raise UsageError(_no_clusters(args.paths, graph))
    if args.show_graph:
        _show_graph(graph, to_stderr=args.output_format == "json")
    findings = host.run_rules(graph, rules, config)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = ReportOptions(sys.stdout, graph.sources, graph.secrets, color, args.quiet)
    report(args.output_format, options, findings)
    if any(finding.code == host.INTERNAL_ERROR_CODE for finding in findings):
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


def _rule(args: argparse.Namespace) -> int:
    from linter import host

    sources = host.rule_sources()
    wanted = args.code.upper()
    for source in sources:
        rule = source.rule
        if wanted == rule.code or args.code == rule.name:
            print(rule.doc.strip() or f"# {rule.code} {rule.name}\n\n{rule.summary}")
            return EXIT_OK
    raise UsageError(_unknown_rule(args.code, [s.rule.code for s in sources]))


def _unknown_rule(given: str, known: Sequence[str]) -> str:
    """Why ``given`` names no rule: a code prefix lists the codes it starts,
    anything else gets the closest code, if any."""
    wanted = given.upper()
    starting = [code for code in known if wanted and code.startswith(wanted)]
    if starting:
        codes = ", ".join(starting)
        return f"`{given}` is not a rule code; rules starting with it: {codes}"
    close = difflib.get_close_matches(wanted, known, n=1)
    hint = f"did you mean `{close[0]}`?" if close else "`rclint rules` lists them"
    return f"unknown rule `{given}`; {hint}"


def _rules(args: argparse.Namespace) -> int:
    from linter import host

    sources = host.rule_sources()
    if args.output_format == "json":
        print(json.dumps([_rule_entry(source) for source in sources], indent=2))
    else:
        print(_rule_table(sources))
    return EXIT_OK


# --- helpers ------------------------------------------------------------------


def _config(args: argparse.Namespace, rules: Sequence[Rule]) -> Config:
    from linter import config as config_module

    if args.config:
        config = config_module.load_config_file(args.config)
    else:
        config = config_module.load_config(args.paths)
    return config_module.validate_rule_options(config, rules)


def _overridden(
    config: Config, args: argparse.Namespace, fail_on: Severity | None
) -> Config:
    from linter.config import replace_selection

    return replace_selection(
        config,
        select=args.select,
        ignore=args.ignore,
        extend_select=args.extend_select,
        fail_on=fail_on,
    )


def _show_graph(graph: Graph, *, to_stderr: bool) -> None:
    """The graph goes to stderr under ``--output-format json`` so that
    stdout stays one JSON document."""
    from linter.graph_text import describe

    print(
        describe(graph).rstrip("\n") + "\n",
        file=sys.stderr if to_stderr else sys.stdout,
    )


def _rule_entry(source: RuleSource) -> dict[str, str | None]:
    rule = source.rule
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.label,
        "summary": rule.summary,
        "plugin": source.plugin,
        "distribution": source.distribution,
    }


def _rule_table(sources: Sequence[RuleSource]) -> str:
    """Aligned columns; the summary comes last so long ones do not push the
    other columns out of line."""
    header = ("CODE", "NAME", "SEVERITY", "SOURCE", "SUMMARY")
    rows = [header] + [
        (
            source.rule.code,
            source.rule.name,
            source.rule.severity.label,
            source.distribution or source.plugin,
            source.rule.summary,
        )
        for source in sources
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = ["  ".join([*map(str.ljust, row[:-1], widths), row[-1]]) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def _selectors(text: str) -> list[str]:
    """A comma-separated list of rule selectors."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _configure_logging(verbose: bool) -> None:
    """Log to stderr: DEBUG (every resolution decision) with ``--verbose``,
    else warnings only. Handlers of an earlier call in the same process are
    replaced."""
    root = logging.getLogger()
    for handler in _cli_handlers():
        root.removeHandler(handler)
    handler = _CliHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)


def _redact_logs(secrets: Sequence[str]) -> None:
    """From now on, mask ``secrets`` in every log record the command line
    writes: a record, or its traceback, may quote a value a rule held."""
    from linter.reporters.redaction import RedactingFormatter

    for handler in _cli_handlers():
        handler.setFormatter(RedactingFormatter(_LOG_FORMAT, secrets))


def _redacted(text: str) -> str:
    """``text`` with the secrets the log masks masked too."""
    from linter.reporters.redaction import RedactingFormatter, redact

    for handler in _cli_handlers():
        if isinstance(handler.formatter, RedactingFormatter):
            text = redact(text, handler.formatter.secrets)
    return text


def _cli_handlers() -> list[logging.Handler]:
    root = logging.getLogger()
    return [handler for handler in root.handlers if isinstance(handler, _CliHandler)]


class _CliHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler the command line installs."""


# --- parser -------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rclint",
        description="Lint the security of Elasticsearch remote cluster links.",
    )
    parser.add_argument("--version", action="version", version=f"rclint {__version__}")
    parser.set_defaults(command=None, verbose=False)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="store_true", help="log every decision to stderr"
    )
    commands = parser.add_subparsers(title="commands", dest="command")
    _add_check(commands.add_parser("check", parents=[common], help="lint a workspace"))
    rule = commands.add_parser("rule", parents=[common], help="show a rule's page")
    rule.add_argument("code", help="a rule code such as RC401, or its name")
    rule.set_defaults(run=_rule)
    rules = commands.add_parser("rules", parents=[common], help="list every rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)
    return parser


def _add_check(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    for flag, help_text in _SELECTOR_FLAGS:
        # Repeated flags add up, as in ruff.
        check.add_argument(
            flag, action="extend", type=_selectors, metavar="CODES", help=help_text
        )
    check.add_argument("--fail-on", choices=SEVERITIES, help="default: warning")
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings fail"
    )
    check.add_argument(
        "--output-format", choices=("full", "concise", "json"), default="full"
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only, no summary"
    )
    check.add_argument(
        "--show-graph", action="store_true", help="print the cluster graph first"
    )
    check.add_argument("--config", metavar="FILE", help="the configuration file")
    check.set_defaults(run=_check)
