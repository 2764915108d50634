"""The text of an open document after the client's changes, as the
protocol counts: rows end only at ``\\n``, ``\\r\\n`` or ``\\r`` (not at the
other characters ``str.splitlines`` breaks at, such as U+2028), and
characters are UTF-16 code units."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

_LINE_BREAK = re.compile(r"\r\n?|\n")

Change = types.TextDocumentContentChangeEvent


def apply_changes(text: str, changes: Sequence[Change]) -> str:
    """``text`` with ``changes`` made in order, each against the text the
    one before left."""
    for change in changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            start = offset(text, change.range.start)
            end = max(start, offset(text, change.range.end))
            text = text[:start] + change.text + text[end:]
        else:
            text = change.text
    return text


def offset(text: str, position: types.Position) -> int:
    """The index in ``text`` of a client's position. As the protocol says,
    a character past the end of its row means the row's end; a row past
    the last means the end of the text."""
    row_start = 0
    for _ in range(position.line):
        found = _LINE_BREAK.search(text, row_start)
        if found is None:
            return len(text)
        row_start = found.end()
    found = _LINE_BREAK.search(text, row_start)
    row_end = found.start() if found is not None else len(text)
    units = 0
    for index in range(row_start, row_end):
        if units >= position.character:
            return index
        units += 2 if ord(text[index]) > 0xFFFF else 1
    return row_end
