"""Finding the cluster configuration directories of a workspace.

A cluster directory is any directory holding an ``elasticsearch.yml``. The
paths given on the command line may be such directories, files named
``elasticsearch.yml``, or any directory above them. Symbolic links to
directories are followed, and each directory is searched once, so a link
loop ends. A directory that cannot be listed is a problem, never skipped
silently; a given path that cannot be read is a usage error.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from linter.errors import UsageError
from linter.source import Problem, Span

logger = logging.getLogger(__name__)

CONFIG_FILE = "elasticsearch.yml"

# Folders that never hold cluster configuration but may be large.
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})

_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISREG, "a regular file"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass(frozen=True, slots=True)
class Workspace:
    """The cluster directories found, sorted, and the problems of the
    directories that could not be searched."""

    directories: tuple[str, ...]
    problems: tuple[Problem, ...]


def discover(paths: Sequence[str]) -> tuple[str, ...]:
    """The cluster directories under ``paths``, sorted and without duplicates."""
    return find_clusters(paths).directories


def find_clusters(paths: Sequence[str]) -> Workspace:
    """The cluster directories under ``paths`` and the problems met.

    Raises ``UsageError`` for a path that does not exist or cannot be read.
    Finding no cluster directory is not an error here: the caller decides
    what to say.
    """
    found: set[str] = set()
    problems: list[Problem] = []
    searched: set[tuple[int, int]] = set()
    for given in paths:
        found.update(_discover_one(given, searched, problems))
    return Workspace(tuple(sorted(found)), tuple(problems))


def unlistable(folder: str, error: OSError) -> Problem:
    """The RC001 problem of a directory that cannot be listed."""
    message = f"cannot list directory: {error.strerror or error}"
    return Problem("RC001", message, Span.whole_file(folder))


def file_problem(path: str) -> Problem | None:
    """Why ``path``, where something exists, cannot be read as a regular
    file, or None when it can. Nothing is opened: a named pipe would block."""
    return _kind_problem(path, stat.S_ISREG, "a regular file")


def folder_problem(path: str) -> Problem | None:
    """Why ``path``, where something exists, cannot be listed as a
    directory, or None when it can be tried."""
    return _kind_problem(path, stat.S_ISDIR, "a directory")


def _kind_problem(
    path: str, is_expected: Callable[[int], bool], expected: str
) -> Problem | None:
    name = os.path.basename(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return Problem("RC001", _unreachable(name, path, error), Span.whole_file(path))
    if is_expected(mode):
        return None
    kind = next((kind for test, kind in _KINDS if test(mode)), "an unknown kind")
    message = f"`{name}` is {kind}, not {expected}"
    return Problem("RC001", message, Span.whole_file(path))


def _unreachable(name: str, path: str, error: OSError) -> str:
    if error.errno == errno.ENOENT and os.path.islink(path):
        return f"`{name}` is a broken symbolic link (to `{os.readlink(path)}`)"
    if error.errno == errno.ELOOP:
        return f"`{name}` is a symbolic link that leads back to itself"
    return f"cannot read `{name}`: {error.strerror or error}"


def _discover_one(
    given: str, searched: set[tuple[int, int]], problems: list[Problem]
) -> Iterator[str]:
    if not os.path.exists(given):
        broken = os.path.islink(given)
        state = "is a broken symbolic link" if broken else "does not exist"
        raise UsageError(f"path `{given}` {state}")
    if not os.path.isdir(given):
        if os.path.basename(given) == CONFIG_FILE:
            yield os.path.normpath(os.path.dirname(given) or ".")
        else:
            logger.debug("ignoring %s: not a %s", given, CONFIG_FILE)
        return
    try:
        entries = _entries(given)
    except OSError as error:
        raise UsageError(f"cannot read `{given}`: {error.strerror or error}") from None
    if _first_search(given, searched):
        yield from _search(given, entries, searched, problems)


def _search(
    top: str,
    entries: list[os.DirEntry[str]],
    searched: set[tuple[int, int]],
    problems: list[Problem],
) -> Iterator[str]:
    """Each cluster directory at or under ``top``, whose ``entries`` are listed.

    Links to directories wait until every real directory is searched, so a
    directory reached both ways is known by its real path.
    """
    pending = [(top, entries)]
    links: list[str] = []
    while pending or links:
        if not pending:
            pending.extend(_listed(links.pop(0), searched, problems))
            continue
        folder, listed = pending.pop()
        if any(entry.name == CONFIG_FILE for entry in listed):
            yield os.path.normpath(folder)
        folders = [entry for entry in listed if _is_searched(entry)]
        links.extend(entry.path for entry in folders if entry.is_symlink())
        for entry in reversed([e for e in folders if not e.is_symlink()]):
            pending.extend(_listed(entry.path, searched, problems))


def _listed(
    folder: str, searched: set[tuple[int, int]], problems: list[Problem]
) -> list[tuple[str, list[os.DirEntry[str]]]]:
    """``folder`` with its entries, unless it was searched already or cannot
    be listed (a problem then)."""
    if not _first_search(folder, searched):
        return []
    try:
        return [(folder, _entries(folder))]
    except OSError as error:
        problems.append(unlistable(os.path.normpath(folder), error))
        return []


def _entries(folder: str) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as listing:
        return sorted(listing, key=lambda entry: entry.name)


def is_searched_under(folder: str, root: str) -> bool:
    """Whether a search from ``root`` reaches ``folder`` by its names: it
    lies under ``root`` with no hidden or vendored folder on the way."""
    relative = os.path.relpath(folder, root)
    if relative == ".":
        return True
    names = relative.split(os.sep)
    return names[0] != ".." and not any(map(_is_skipped_name, names))


def _is_skipped_name(name: str) -> bool:
    return name.startswith(".") or name in _SKIPPED_FOLDERS


def _is_searched(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a directory to search: not hidden, not a
    vendored tree, and a directory (a link loop or a dangling link is not)."""
    if _is_skipped_name(entry.name):
        return False
    try:
        return entry.is_dir()
    except OSError:
        return False


def _first_search(folder: str, searched: set[tuple[int, int]]) -> bool:
    """Whether ``folder`` is searched for the first time (then it is marked)."""
    try:
        status = os.stat(folder)
    except OSError:
        return False
    key = (status.st_dev, status.st_ino)
    if key in searched:
        logger.debug("not searching %s again: its directory was searched", folder)
        return False
    searched.add(key)
    return True
