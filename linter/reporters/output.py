"""Where a report goes and in which format, as the command line decides.

The report goes to standard output, or with ``--output-file`` to that file
alone (standard output then stays empty; errors still go to standard
error). Without ``--output-format``, a GitHub Actions job gets workflow
commands, anything else the ``full`` text.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import TextIO

from linter.errors import UsageError

# The formats a person reads in a terminal; the others are for machines,
# so nothing else may be written where they go.
TEXT_FORMATS = frozenset({"full", "concise"})


def default_format(environ: Mapping[str, str]) -> str:
    """The format when none is asked for: GitHub's workflow commands in a
    GitHub Actions job (which sets ``GITHUB_ACTIONS=true``), else ``full``."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "full"


def chosen_format(requested: str | None, environ: Mapping[str, str]) -> str:
    """``requested``, or the default for the environment."""
    return requested or default_format(environ)


def stdout_is_free(output_format: str, output_file: str | None) -> bool:
    """Whether standard output may carry more than the report (the graph
    of ``--show-graph``): only a text report on standard output."""
    return output_file is None and output_format in TEXT_FORMATS


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` opened for writing in UTF-8; a file that
    cannot be written is a usage error naming it."""
    if path is None:
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise UsageError(f"cannot write the report to `{path}`: {reason}") from None
    with stream:
        yield stream


def wants_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set."""
    return stream.isatty() and not os.environ.get("NO_COLOR")
