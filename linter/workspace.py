"""Finding the cluster configuration directories of a workspace.

A cluster directory is any directory holding an ``elasticsearch.yml``. The
paths given on the command line may be such directories, files named
``elasticsearch.yml``, or any directory above them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence

from linter.errors import UsageError

logger = logging.getLogger(__name__)

CONFIG_FILE = "elasticsearch.yml"

# Folders that never hold cluster configuration but may be large.
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def discover(paths: Sequence[str]) -> tuple[str, ...]:
    """The cluster directories under ``paths``, sorted and without duplicates.

    Raises ``UsageError`` for a path that does not exist. Finding no cluster
    directory is not an error here: the caller decides what to say.
    """
    found: set[str] = set()
    for given in paths:
        found.update(_discover_one(given))
    return tuple(sorted(found))


def _discover_one(given: str) -> Iterator[str]:
    if not os.path.exists(given):
        raise UsageError(f"path `{given}` does not exist")
    if os.path.isfile(given):
        if os.path.basename(given) == CONFIG_FILE:
            yield os.path.normpath(os.path.dirname(given) or ".")
        else:
            logger.debug("ignoring %s: not a %s", given, CONFIG_FILE)
        return
    for folder, subfolders, files in os.walk(given):
        subfolders[:] = sorted(name for name in subfolders if _is_searched(name))
        if CONFIG_FILE in files:
            yield os.path.normpath(folder)


def _is_searched(name: str) -> bool:
    return not name.startswith(".") and name not in _SKIPPED_FOLDERS
