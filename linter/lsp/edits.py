"""Edits to a file's text, placed as rclint counts: 1-based rows and
character columns. The code actions turn them into the client's UTF-16
``TextEdit``s only at the end, so every computation here reads like the
spans of the findings it starts from."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import yaml

from linter.json_source import parse_json
from linter.source import MappingNode, Node, Position, Span
from linter.suppressions_comments import (
    LINE_FILES,
    YAML_EXTENSIONS,
    comment_directives,
)
from linter.suppressions_model import Directive
from linter.yaml_source import parse_yaml

# As ``linter.reporters.places.Columns`` splits rows, so the rows of an
# edit are those the client's range is computed from.
_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` (empty: insert at its start) by ``text``."""

    span: Span
    text: str


def insertion(file: str, row: int, column: int, text: str) -> Edit:
    return Edit(Span.at(file, row, column, column), text)


class Lines:
    """The rows of a file's text, with their line breaks."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.rows = _LINE_BREAK.split(text)
        found = _LINE_BREAK.search(text)
        # A new row is written with the break the file already uses.
        self.newline = found.group() if found else "\n"

    def row(self, row: int) -> str:
        """The text of ``row`` without its break; empty past the end."""
        return self.rows[row - 1] if 0 < row <= len(self.rows) else ""

    def indentation(self, row: int) -> str:
        line = self.row(row)
        return line[: len(line) - len(line.lstrip(" \t"))]

    def text_at(self, span: Span) -> str | None:
        """The text of a span on one row; None for a span over several."""
        if span.start.row != span.end.row:
            return None
        line = self.row(span.start.row)
        return line[span.start.column - 1 : span.end.column - 1]

    def whole_row(self, row: int) -> Span:
        """The span that deletes ``row`` and its break; the last row, which
        has none, takes the break before it instead."""
        if row < len(self.rows):
            return Span(self.file, Position(row, 1), Position(row + 1, 1))
        end = Position(row, len(self.row(row)) + 1)
        if row == 1:
            return Span(self.file, Position(1, 1), end)
        previous = Position(row - 1, len(self.row(row - 1)) + 1)
        return Span(self.file, previous, end)


class Source:
    """A file as the code actions read it: its text, rows, and (read when
    first asked for) its JSON tree and its suppression comments."""

    def __init__(self, file: str, text: str, cluster: str | None) -> None:
        self.file = file
        self.text = text
        self.cluster = cluster
        self.lines = Lines(file, text)
        self._tree: Node | None = None
        self._tree_read = False
        self._directives: list[Directive] | None = None
        self._inside: frozenset[int] | None = None

    @property
    def name(self) -> str:
        return os.path.basename(self.file)

    @property
    def holds_comments(self) -> bool:
        """Whether rclint reads suppression comments in this file."""
        name = self.name
        return name in LINE_FILES or name.lower().endswith(YAML_EXTENSIONS)

    @property
    def is_yaml(self) -> bool:
        return self.name.lower().endswith(YAML_EXTENSIONS)

    @property
    def is_json(self) -> bool:
        return self.name.lower().endswith(".json")

    def json_root(self) -> MappingNode | None:
        """The top-level object of a JSON file that parses."""
        root = self.tree() if self.is_json else None
        return root if isinstance(root, MappingNode) else None

    def tree(self) -> Node | None:
        """The tree of a JSON or YAML file that parses."""
        if not self._tree_read:
            if self.is_json:
                self._tree = parse_json(self.file, self.text).root
            elif self.is_yaml:
                self._tree = parse_yaml(self.file, self.text).root
            self._tree_read = True
        return self._tree

    def directives(self) -> list[Directive]:
        """The suppression comments of the file, as the linter reads them."""
        if self._directives is None:
            self._directives = comment_directives(
                self.file, self.text, self.cluster, self.name
            )
        return self._directives

    def inside_a_scalar(self, row: int) -> bool:
        """Whether ``row`` starts inside a scalar begun on an earlier row
        (a block scalar, a string over several rows): a row written just
        before it would change the scalar. A YAML text that does not scan
        counts as inside everywhere."""
        if self._inside is None:
            self._inside = _continued_rows(self.text) if self.is_yaml else frozenset()
        return row in self._inside


def _continued_rows(text: str) -> frozenset[int]:
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    rows: set[int] = set()
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                first, end = token.start_mark, token.end_mark
                # A block scalar ends at the start of the row after it.
                last = end.line + (1 if end.column else 0)
                rows.update(range(first.line + 2, last + 1))
    except yaml.YAMLError:
        return frozenset(range(1, text.count("\n") + 2))
    return frozenset(rows)
