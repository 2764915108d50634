"""The command line: ``rclint check``, ``rclint config``, ``rclint rule CODE``,
``rclint rules``, ``rclint server``.

``rclint check`` lives in ``cli_check``; logging in ``cli_logging``.

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
from linter.cli_check import add_check_arguments, run_check
from linter.cli_logging import configure_logging, redacted
from linter.errors import RclintError, UsageError

if TYPE_CHECKING:
    from linter.host import RuleSource

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 2
# The language server's exit when the client left without a shutdown.
EXIT_NO_SHUTDOWN = 1


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
    configure_logging(args.verbose)
    try:
        return int(args.run(args))
    except RclintError as error:
        sys.stderr.write(redacted(f"rclint: error: {error}\n"))
    except BrokenPipeError:
        # The reader went away (``rclint rules | head``): stop writing quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except Exception as error:
        text = f"rclint: internal error: {type(error).__name__}: {error}\n"
        if args.verbose:
            text += traceback.format_exc()
        sys.stderr.write(redacted(text))
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


def _config(args: argparse.Namespace) -> int:
    """The effective configuration for PATH, and where each value came from."""
    from linter import config_show, host
    from linter.config import load_config, load_config_file, validate_rule_options

    rules = host.load_rules()
    found = load_config_file(args.config) if args.config else load_config([args.path])
    config = validate_rule_options(found, rules)
    checked = host.select_rules(rules, config)
    json_wanted = args.output_format == "json"
    render = config_show.render_json if json_wanted else config_show.render_text
    print(render(config, checked), end="")
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from linter import host

    sources = host.rule_sources()
    if args.output_format == "json":
        print(json.dumps([_rule_entry(source) for source in sources], indent=2))
    else:
        print(_rule_table(sources))
    return EXIT_OK


# --- helpers ------------------------------------------------------------------


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


def _server(args: argparse.Namespace) -> int:
    """Serve one editor over stdin and stdout until it says ``exit``."""
    from linter.lsp.features import build_server

    # The protocol owns stdout; pygls logs every message it sends at INFO,
    # and a message may hold a document's text.
    logging.getLogger("pygls").setLevel(logging.WARNING)
    server = build_server()
    server.start_io()
    return EXIT_OK if server.shut_down else EXIT_NO_SHUTDOWN


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
    check = commands.add_parser("check", parents=[common], help="lint a workspace")
    add_check_arguments(check)
    check.set_defaults(run=run_check)
    rule = commands.add_parser("rule", parents=[common], help="show a rule's page")
    rule.add_argument("code", help="a rule code such as RC401, or its name")
    rule.set_defaults(run=_rule)
    config = commands.add_parser(
        "config", parents=[common], help="show the effective configuration"
    )
    config.add_argument("path", nargs="?", default=".", metavar="PATH")
    config.add_argument("--config", metavar="FILE", help="the configuration file")
    config.add_argument("--output-format", choices=("text", "json"), default="text")
    config.set_defaults(run=_config)
    rules = commands.add_parser("rules", parents=[common], help="list every rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)
    server = commands.add_parser(
        "server", parents=[common], help="run the language server over stdio"
    )
    server.add_argument(
        "--stdio", action="store_true", help="talk over stdio (the default)"
    )
    server.set_defaults(run=_server)
    return parser
