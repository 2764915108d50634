"""Code frames: the lines of a span as a reporter shows them, with every
secret masked and the span's columns marked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from linter.source import Span

MASK = "********"
TAB = "    "
# A span over more rows shows its first and last row around an ellipsis.
MAX_SPAN_ROWS = 3
_LINE_BREAK = re.compile(r"\r\n?|\n")  # as the parsers count rows


@dataclass(frozen=True, slots=True)
class FrameLine:
    """One source line ready to print; ``marker`` is the half-open range of
    display columns (0-based) to underline, if any."""

    row: int | None  # None for the ellipsis of a long span
    text: str
    marker: tuple[int, int] | None = None


def frame_lines(
    source: str, span: Span, secrets: Sequence[Span], context: int = 0
) -> list[FrameLine]:
    """The rows of ``span`` with ``context`` rows around them; a span over
    more than ``MAX_SPAN_ROWS`` rows shows its first and last row only.
    Empty when the span lies outside ``source``."""
    lines = _rows_of(source)
    first, last = _rows(span)
    if first > len(lines):
        return []
    last = min(last, len(lines))
    shown = range(max(1, first - context), min(len(lines), last + context) + 1)
    mine = [secret for secret in secrets if secret.file == span.file]
    frame = []
    for row in shown:
        if first < row < last and last - first + 1 > MAX_SPAN_ROWS:
            if row == first + 1:
                frame.append(FrameLine(None, "..."))
            continue
        marked = span if first <= row <= last else None
        frame.append(_frame_line(lines[row - 1], row, marked, mine))
    return frame


def span_text(source: str, span: Span) -> str:
    """The text ``span`` covers in ``source``, lines joined by newlines."""
    lines = _rows_of(source)
    parts = []
    for row in range(span.start.row, min(span.end.row, len(lines)) + 1):
        start, end = _columns(lines[row - 1], row, span)
        parts.append(lines[row - 1][start:end])
    return "\n".join(parts)


def _rows_of(source: str) -> list[str]:
    """The rows of ``source``; a final line break ends the last row."""
    rows = _LINE_BREAK.split(source)
    if len(rows) > 1 and not rows[-1]:
        rows.pop()
    return rows


def _rows(span: Span) -> tuple[int, int]:
    first, last = span.start.row, span.end.row
    # An exclusive end at the start of a row ends the span on the row before.
    if last > first and span.end.column == 1:
        last -= 1
    return first, last


def _columns(line: str, row: int, span: Span) -> tuple[int, int]:
    """The 0-based, half-open character range of ``span`` on ``line``."""
    indent = len(line) - len(line.lstrip())
    start = span.start.column - 1 if row == span.start.row else indent
    end = span.end.column - 1 if row == span.end.row else len(line)
    return min(start, len(line)), min(end, len(line))


def _frame_line(
    line: str, row: int, span: Span | None, secrets: Sequence[Span]
) -> FrameLine:
    hidden = _hidden(line, row, secrets)
    text, starts, ends = _render(line, hidden)
    if span is None:
        return FrameLine(row, text)
    start, end = _columns(line, row, span)
    begin = starts[start]
    finish = ends[end - 1] if end > start else begin + 1
    return FrameLine(row, text, (begin, max(finish, begin + 1)))


def _hidden(line: str, row: int, secrets: Sequence[Span]) -> list[tuple[int, int]]:
    """The merged character ranges of ``line`` that secrets cover."""
    ranges = sorted(
        _columns(line, row, secret)
        for secret in secrets
        if secret.start.row <= row <= secret.end.row
    )
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(
    line: str, hidden: Sequence[tuple[int, int]]
) -> tuple[str, list[int], list[int]]:
    """The display text of ``line`` and, for each character (plus the end
    of the line), the display columns where it starts and ends."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    width = 0
    index = 0
    for start, end in [*hidden, (len(line), len(line))]:
        for char in line[index:start]:
            shown = TAB if char == "\t" else char
            starts.append(width)
            width += len(shown)
            ends.append(width)
            pieces.append(shown)
        if end > start:
            starts.extend([width] * (end - start))
            ends.extend([width + len(MASK)] * (end - start))
            width += len(MASK)
            pieces.append(MASK)
        index = max(index, end)
    starts.append(width)
    ends.append(width)
    return "".join(pieces), starts, ends
