"""Rows as editors count them, for YAML read through libyaml.

Rows end where editors and the LSP end them, at ``\n``, ``\r\n`` or
``\r``, and columns count every character. libyaml (YAML 1.1) also ends a
row at U+0085, U+2028 and U+2029, and does not count a leading byte-order
mark: the marks it gives in a text holding one of those are moved here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

import yaml

from linter.parsing import line_starts
from linter.yaml_scalars import Mark


def is_libyaml(loader: Any) -> bool:
    return loader is getattr(yaml, "CSafeLoader", None)


class _Mark:
    """A place moved onto the editors' rows: 0-based, in characters."""

    __slots__ = ("column", "index", "line")

    def __init__(self, line: int, column: int, index: int) -> None:
        self.line = line
        self.column = column
        self.index = index


class EditorRows:
    """Moves libyaml's marks in one text onto the rows editors count.

    A mark's index is its offset in characters (with either loader), so the
    text's own row starts place it.
    """

    __slots__ = ("skew", "starts")

    def __init__(self, text: str, loader: Any) -> None:
        self.starts = line_starts(text)
        # libyaml skips a leading byte-order mark without counting it.
        self.skew = int(is_libyaml(loader) and text.startswith("\ufeff"))

    def mark(self, mark: Mark) -> Mark:
        index = mark.index + self.skew
        row = bisect_right(self.starts, index)
        return _Mark(row - 1, index - self.starts[row - 1], index)

    def moving(self, get_event: Callable[[], Any]) -> Callable[[], Any]:
        """``get_event`` giving events whose marks are moved."""

        def get() -> Any:
            event = get_event()
            if event is not None:
                event.start_mark = self.mark(event.start_mark)
                event.end_mark = self.mark(event.end_mark)
            return event

        return get


def editor_rows(text: str, loader: Any) -> EditorRows | None:
    """What moves the marks ``loader`` gives for ``text`` onto the editors'
    rows; None when libyaml counts rows and columns as editors do."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return EditorRows(text, loader)
    if text.startswith("\ufeff"):
        return EditorRows(text, loader)
    return None
