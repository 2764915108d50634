"""Positional documents: every parsed value remembers where it was written.

Both parsers (YAML through libyaml, JSON through our own scanner) produce the
same small tree of nodes, so loaders and the schema layer never care which
syntax a file used. Rows and columns are 1-based and count characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

Scalar: TypeAlias = str | int | float | bool | None
Data: TypeAlias = Scalar | list["Data"] | dict[str, "Data"]


class Position(NamedTuple):
    """A place in a text file: 1-based row and 1-based column.

    Positions and spans are named tuples rather than dataclasses: a big
    workspace makes hundreds of thousands of them, and tuples are built in
    about half the time.
    """

    row: int
    column: int


class Span(NamedTuple):
    """The stretch of a file a value occupies; ``end`` is exclusive."""

    file: str
    start: Position
    end: Position

    @classmethod
    def at(cls, file: str, row: int, column: int, end_column: int) -> Span:
        """A span on one row."""
        return cls(file, Position(row, column), Position(row, end_column))

    @classmethod
    def whole_file(cls, file: str) -> Span:
        """The span used for findings about a file as a whole."""
        return cls(file, Position(1, 1), Position(1, 1))

    def contains(self, inner: Span) -> bool:
        """Whether ``inner`` lies within this span, ends included."""
        return (
            inner.file == self.file
            and self.start <= inner.start
            and inner.end <= self.end
        )


_new = tuple.__new__


class Node:
    """A value of a parsed document with the place it was written.

    Positions are kept as plain integers and turned into a ``Span`` only when
    asked for, because most nodes never end up in a finding. Subclasses set
    the positions themselves instead of calling ``super().__init__``: a big
    workspace makes half a million nodes, and the call is a tenth of the cost.
    """

    __slots__ = ("column", "end_column", "end_row", "file", "row")

    def __init__(
        self, file: str, row: int, column: int, end_row: int, end_column: int
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.end_row = end_row
        self.end_column = end_column

    @property
    def span(self) -> Span:
        # ``tuple.__new__`` skips the named tuples' Python-level constructors:
        # every located value of a workspace asks for its span.
        return _new(
            Span,
            (
                self.file,
                _new(Position, (self.row, self.column)),
                _new(Position, (self.end_row, self.end_column)),
            ),
        )

    def to_data(self) -> Data:
        """The plain Python value, as ``json.loads`` would give it."""
        raise NotImplementedError


class ScalarNode(Node):
    """A string, number, boolean or null."""

    __slots__ = ("value",)

    def __init__(
        self,
        file: str,
        row: int,
        column: int,
        end_row: int,
        end_column: int,
        value: Scalar,
    ) -> None:
        self.file, self.row, self.column = file, row, column
        self.end_row, self.end_column = end_row, end_column
        self.value = value

    def to_data(self) -> Data:
        return self.value

    def __repr__(self) -> str:
        return f"ScalarNode({self.value!r} @{self.row}:{self.column})"


class SequenceNode(Node):
    """A list of nodes."""

    __slots__ = ("items",)

    def __init__(
        self,
        file: str,
        row: int,
        column: int,
        end_row: int,
        end_column: int,
        items: tuple[Node, ...],
    ) -> None:
        self.file, self.row, self.column = file, row, column
        self.end_row, self.end_column = end_row, end_column
        self.items = items

    def to_data(self) -> Data:
        return [item.to_data() for item in self.items]

    def __repr__(self) -> str:
        return f"SequenceNode({list(self.items)!r} @{self.row}:{self.column})"


class MappingNode(Node):
    """A mapping; ``entries`` keeps every key in order, duplicates included.

    Lookups answer with the last entry of a key, as JSON and YAML loaders do;
    duplicates are reported separately by the parsers.
    """

    __slots__ = ("_index", "entries")

    def __init__(
        self,
        file: str,
        row: int,
        column: int,
        end_row: int,
        end_column: int,
        entries: tuple[tuple[ScalarNode, Node], ...],
    ) -> None:
        self.file, self.row, self.column = file, row, column
        self.end_row, self.end_column = end_row, end_column
        self.entries = entries
        self._index = {str(key.value): (key, value) for key, value in entries}

    def get(self, key: str) -> Node | None:
        entry = self._index.get(key)
        return entry[1] if entry else None

    def key_node(self, key: str) -> ScalarNode | None:
        entry = self._index.get(key)
        return entry[0] if entry else None

    def items(self) -> Iterator[tuple[ScalarNode, Node]]:
        """Each distinct key once (its last entry), in order of first use."""
        return iter(self._index.values())

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __len__(self) -> int:
        return len(self._index)

    def to_data(self) -> Data:
        return {name: value.to_data() for name, (_, value) in self._index.items()}

    def __repr__(self) -> str:
        return f"MappingNode({self._index!r} @{self.row}:{self.column})"


def node_at(root: Node, path: tuple[str | int, ...]) -> tuple[Node, ScalarNode | None]:
    """The deepest node on ``path`` and, if the path ends on a key, its key node.

    Paths come from schema errors; a path that leaves the tree stops at the
    last node that exists, so every error still gets a place.
    """
    node: Node = root
    key: ScalarNode | None = None
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str) and step in node:
            key = node.key_node(step)
            child = node.get(step)
            assert child is not None
            node = child
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.items):
                break
            key = None
            node = node.items[step]
        else:
            break
    return node, key


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input file, found while reading it.

    The rules RC001 (syntax), RC002 (structure) and RC003 (duplicate keys)
    turn problems into findings, so they can be selected like any rule.
    ``related`` carries other places that explain the problem, such as the
    first occurrence of a duplicated key.
    """

    code: str
    message: str
    span: Span
    related: tuple[tuple[Span, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceFile:
    """What a run keeps of a file once its records are built: the text, for
    code frames, and the spans of its secrets, which no frame may show. The
    tree is let go, as the records hold every position the rules need."""

    file: str
    text: str
    secrets: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed file: its text, its tree (None if it did not parse) and
    the problems the parser saw. ``secrets`` are spans whose text must never
    be shown, such as a credential value written into a file."""

    file: str
    text: str
    root: Node | None
    problems: tuple[Problem, ...] = ()
    secrets: tuple[Span, ...] = ()

    @property
    def source(self) -> SourceFile:
        return SourceFile(self.file, self.text, self.secrets)
