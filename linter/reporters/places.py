"""Where a finding is, in the units each consumer counts in.

rclint counts rows and columns in characters, 1-based. Editors (the
language server protocol) and most SARIF viewers count columns in UTF-16
code units, so a character outside the Basic Multilingual Plane (an emoji
in a role description) takes two; ``Columns`` converts, using the text of
each file. Names and URIs are relative to the working directory, the
source root every format shares.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import urllib.parse
from collections.abc import Mapping
from typing import TextIO

from linter.source import Position

# As the parsers count rows (and as the code frames do).
_LINE_BREAK = re.compile(r"\r\n?|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Only unreserved characters and the separator stay as they are; the rest
# of a file name, byte by byte, becomes a %XX escape.
_URI_SAFE = "/-._~"


def relative_name(file: str) -> str:
    """``file`` relative to the working directory, with ``/`` separators."""
    return _relative_name(file, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _relative_name(file: str, working_directory: str) -> str:
    try:
        name = os.path.relpath(file, working_directory)
    except ValueError:  # on another drive than the working directory
        name = os.path.abspath(file)
    return name.replace(os.sep, "/")


def is_under_root(name: str) -> bool:
    """Whether a ``relative_name`` lies under the working directory."""
    return not (name == ".." or name.startswith("../") or os.path.isabs(name))


def uri_path(name: str) -> str:
    """``name`` as the path of a URI: every byte of the file name that is
    not an unreserved character percent-encoded, so a name that is not
    UTF-8 still names its file exactly."""
    return urllib.parse.quote(os.fsencode(name), safe=_URI_SAFE)


def file_uri(file: str) -> str:
    """The absolute ``file://`` URI of ``file``."""
    path = os.path.abspath(file).replace(os.sep, "/")
    if not path.startswith("/"):  # a Windows drive letter
        path = "/" + path
    return "file://" + uri_path(path)


def root_uri() -> str:
    """The ``file://`` URI of the working directory, with a final slash,
    as a base URI must end."""
    return file_uri(os.getcwd()).rstrip("/") + "/"


def writes_unicode(stream: TextIO) -> bool:
    """Whether ``stream`` encodes every character; formats that can spell a
    character as an escape do so for the others."""
    encoding = getattr(stream, "encoding", None)
    if encoding is None:  # a text buffer, such as io.StringIO
        return True
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


class Columns:
    """Converts rclint's character columns into UTF-16 code units, with the
    rows of each file split once."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self._sources = sources
        self._rows: dict[str, list[str]] = {}

    def utf16(self, file: str, position: Position) -> int:
        """The 1-based UTF-16 column of ``position``; the column itself
        when the file's text is unknown or the row is past its end."""
        rows = self._rows_of(file)
        if not 0 < position.row <= len(rows):
            return position.column
        before = rows[position.row - 1][: position.column - 1]
        return position.column + len(_ASTRAL.findall(before))

    def character(self, file: str, row: int, utf16: int) -> int:
        """The inverse of ``utf16``: the 1-based character column of the
        1-based UTF-16 column ``utf16`` on ``row``. A column inside a
        character that takes two units is that character's."""
        rows = self._rows_of(file)
        if not 0 < row <= len(rows):
            return utf16
        units = 1
        for column, character in enumerate(rows[row - 1], start=1):
            units += 2 if _ASTRAL.match(character) else 1
            if units > utf16:
                return column
        return utf16 - (units - len(rows[row - 1]) - 1)

    def _rows_of(self, file: str) -> list[str]:
        rows = self._rows.get(file)
        if rows is None:
            rows = self._rows[file] = _LINE_BREAK.split(self._sources.get(file, ""))
        return rows
