"""The command line's log: where it goes, how verbose, and what it never shows.

Only the command line configures logging; the library logs through
``logging.getLogger(__name__)`` and leaves the level to it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

_LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


def configure_logging(verbose: bool) -> None:
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


def redact_logs(secrets: Sequence[str]) -> None:
    """From now on, mask ``secrets`` in every log record the command line
    writes: a record, or its traceback, may quote a value a rule held."""
    from linter.reporters.redaction import RedactingFormatter

    for handler in _cli_handlers():
        handler.setFormatter(RedactingFormatter(_LOG_FORMAT, secrets))


def redacted(text: str) -> str:
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
