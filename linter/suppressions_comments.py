"""Suppression comments: found in the text of YAML and line-oriented files.

The parsers drop comments (libyaml does), so comments are found in the text
each file was read from. In YAML a ``#`` starts a comment only outside a
scalar and after a space or at the start of a line: libyaml's scanner says
where the scalars are, so a ``#`` in a quoted string or a block scalar is
never taken for one. In ``users_roles`` and the keystore listing, as in
Elasticsearch, a comment is a whole line starting with ``#``. In every file
rows end at ``\n``, ``\r\n`` or ``\r``, as the loaders and editors end them.

Where a directive applies:

- ``ignore`` after content: its own row; on a line of its own: the next
  row that holds content (blank and comment lines are passed over);
- ``disable``: from its row to the row before the ``enable`` of the same
  code, or to the end of the file;
- ``ignore-file``: the whole file.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import yaml

from linter.suppressions_directives import (
    Comment,
    Parsed,
    is_directive,
    parse_directive,
)
from linter.suppressions_model import Directive, Flaw, Kind, RowScope, Target
from linter.yaml_rows import editor_rows
from linter.yaml_scalars import Mark

logger = logging.getLogger(__name__)

YAML_EXTENSIONS = (".yml", ".yaml")
# The line-oriented files: each line a role's users, or a setting name.
LINE_FILES = frozenset({"users_roles", "elasticsearch.keystore.list"})
_LINE_BREAK = re.compile(r"\r\n?|\n")
_MARKER = "rclint"

# Column ranges (0-based, end excluded) that scalars cover, by 1-based row.
Covered = dict[int, list[tuple[int, float]]]


def may_hold_directives(text: str) -> bool:
    """A quick test that skips reading the comments of most files."""
    return _MARKER in text


def comment_directives(
    file: str, text: str, cluster: str | None, place: str
) -> list[Directive]:
    """The suppression directives written in the comments of ``file``;
    ``place`` names the file in their identities, without the directories
    above its cluster's."""
    if not may_hold_directives(text):
        return []
    comments = _comments(file, text)
    if comments is None:
        return []
    lines, found = comments
    content = _content_rows(lines, found)
    parsed = [(c, parse_directive(file, c)) for c in found if is_directive(c)]
    return _Builder(file, cluster, place, content).build(parsed)


def _comments(file: str, text: str) -> tuple[list[str], list[Comment]] | None:
    """The lines of ``file`` and its comments; None for a file that holds
    no comments (JSON)."""
    name = os.path.basename(file)
    if name in LINE_FILES:
        lines = _LINE_BREAK.split(text)
        return lines, list(_whole_line_comments(lines))
    if not name.lower().endswith(YAML_EXTENSIONS):
        return None
    lines = _LINE_BREAK.split(text)
    return lines, list(_yaml_comments(lines, _covered(file, text, len(lines))))


def _whole_line_comments(lines: Sequence[str]) -> Iterator[Comment]:
    for row, line in enumerate(lines, start=1):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            column = len(line) - len(stripped) + 1
            yield Comment(row, column, stripped.rstrip(), own_line=True)


def _covered(file: str, text: str, rows: int) -> Covered:
    """Where the scalars of a YAML text of ``rows`` rows are. A text libyaml
    cannot scan covers everything from the row of the error on: a comment
    there may be inside a string the error left open."""
    covered: Covered = defaultdict(list)
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    moved = editor_rows(text, loader)
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                start, end = token.start_mark, token.end_mark
                if moved is not None:
                    start, end = moved.mark(start), moved.mark(end)
                _cover(covered, start, end)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(
            error, "context_mark", None
        )
        if mark is not None and moved is not None:
            mark = moved.mark(mark)
        first = mark.line + 1 if mark is not None else 1
        logger.debug("%s: comments from row %d on are not read", file, first)
        for row in range(first, rows + 1):
            covered[row].append((0, float("inf")))
    return covered


def _cover(covered: Covered, start: Mark, end: Mark) -> None:
    first, last = start.line + 1, end.line + 1
    if first == last:
        covered[first].append((start.column, end.column))
        return
    covered[first].append((start.column, float("inf")))
    for row in range(first + 1, last):
        covered[row].append((0, float("inf")))
    covered[last].append((0, end.column))


def _yaml_comments(lines: Sequence[str], covered: Covered) -> Iterator[Comment]:
    for row, line in enumerate(lines, start=1):
        if "#" not in line:
            continue
        spans = covered.get(row, [])
        for match in re.finditer("#", line):
            column = match.start()
            after_space = column == 0 or line[column - 1] in " \t"
            inside = any(start <= column < end for start, end in spans)
            if after_space and not inside:
                own_line = not line[:column].strip()
                yield Comment(row, column + 1, line[column:].rstrip(), own_line)
                break


def _content_rows(lines: Sequence[str], comments: Sequence[Comment]) -> list[int]:
    """The rows that hold something other than blanks and a comment."""
    own = {comment.row for comment in comments if comment.own_line}
    return [
        row
        for row, line in enumerate(lines, start=1)
        if line.strip() and row not in own
    ]


@dataclass(slots=True)
class _Block:
    """A ``disable`` being read: each code's last row, once an ``enable``
    closes it."""

    comment: Comment
    parsed: Parsed
    ends: dict[str, int | None] = field(default_factory=dict)


@dataclass(slots=True)
class _Builder:
    """Turns a file's directive comments, in order, into ``Directive``s."""

    file: str
    cluster: str | None
    place: str
    content: list[int]
    built: list[Directive | _Block] = field(default_factory=list)

    def build(self, parsed: Sequence[tuple[Comment, Parsed]]) -> list[Directive]:
        for comment, directive in parsed:
            if directive.action == "disable":
                self._disable(comment, directive)
            elif directive.action == "enable":
                self._enable(comment, directive)
            else:
                self.built.append(self._single(comment, directive))
        return [self._closed(item) for item in self.built]

    def _single(self, comment: Comment, parsed: Parsed) -> Directive:
        if parsed.action == "ignore-file":
            first, last = 1, None
        elif comment.own_line:
            first = last = self._next_content_row(comment.row)
        else:
            first = last = comment.row
        scope = RowScope(self.file, first, last)
        return self._directive(parsed, [Target(c, scope) for c in parsed.codes])

    def _next_content_row(self, row: int) -> int:
        index = bisect.bisect_right(self.content, row)
        return self.content[index] if index < len(self.content) else row + 1

    def _disable(self, comment: Comment, parsed: Parsed) -> None:
        flaws = list(parsed.flaws)
        block = _Block(comment, parsed)
        for code in parsed.codes:
            opened = self._open_block(code.value)
            if opened is None:
                block.ends[code.value] = None
            else:
                row = opened.comment.row
                message = f"`{code.value}` is already disabled on row {row}"
                flaws.append(Flaw(code.span, message))
        block.parsed = dataclasses.replace(parsed, flaws=tuple(flaws))
        self.built.append(block)

    def _enable(self, comment: Comment, parsed: Parsed) -> None:
        flaws = list(parsed.flaws)
        for code in parsed.codes:
            block = self._open_block(code.value)
            if block is None:
                message = f"`enable[{code.value}]` closes no `disable[{code.value}]`"
                flaws.append(Flaw(code.span, message))
            else:
                block.ends[code.value] = comment.row - 1
        if flaws:
            flawed = dataclasses.replace(parsed, flaws=tuple(flaws))
            self.built.append(self._directive(flawed, []))

    def _open_block(self, code: str) -> _Block | None:
        for item in reversed(self.built):
            if isinstance(item, _Block) and code in item.ends:
                return item if item.ends[code] is None else None
        return None

    def _closed(self, item: Directive | _Block) -> Directive:
        if isinstance(item, Directive):
            return item
        row = item.comment.row
        targets = [
            Target(code, RowScope(self.file, row, item.ends.get(code.value)))
            for code in item.parsed.codes
        ]
        return self._directive(item.parsed, targets)

    def _directive(self, parsed: Parsed, targets: list[Target]) -> Directive:
        return Directive(
            kind=Kind.COMMENT,
            form=parsed.action or "directive",
            span=parsed.span,
            targets=tuple(targets),
            reason=parsed.reason,
            identity=("comment", self.place, parsed.text),
            cluster=self.cluster,
            expires=parsed.expires,
            flaws=parsed.flaws,
        )
