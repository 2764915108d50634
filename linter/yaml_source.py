"""YAML read into positional nodes, through libyaml's event stream.

The tree is built from parse events rather than from ``yaml.compose``:
libyaml's composer recurses in C once per nesting level and crashes the
interpreter on input nested some ten thousand levels deep, while the event
parser keeps its own stack, so the nesting limit can be applied first.
Reading the events costs less than composing; with our nodes built from
them, a small file takes about twice a bare compose, a large one less (the
garbage collector is paused meanwhile).

Scalars are typed as YAML 1.1 safe loading types them (``yaml_scalars``);
keys stay the text written, as Elasticsearch reads field names. Merge keys
(``<<``) are ordinary keys: Elasticsearch's YAML reader does not merge them
either. Aliases share the anchored node, so its positions point at the
anchor.

Rows and columns are the ones editors count (``yaml_rows``): a text where
libyaml counts otherwise has its marks moved, while the rest, nearly every
file, keeps libyaml's rows and columns, at no cost.
"""

from __future__ import annotations

import functools
import logging
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

import yaml
import yaml.events as events
import yaml.reader

from linter.parsing import MAX_DEPTH, duplicate_keys, gc_paused, line_starts
from linter.source import (
    Document,
    MappingNode,
    Node,
    Position,
    Problem,
    Scalar,
    ScalarNode,
    SequenceNode,
    Span,
)
from linter.yaml_rows import editor_rows, is_libyaml
from linter.yaml_scalars import Event, Mark, ScalarEvent, StartEvent, convert

_log = logging.getLogger(__name__)

# Values reached through aliases, at most: beyond this a small file could
# expand into a tree too large for any later walk of it.
MAX_ALIASED_VALUES = 100_000

_KINDS = {MappingNode: "a mapping", SequenceNode: "a sequence"}
_TOO_DEEP = f"invalid YAML: nesting deeper than {MAX_DEPTH} levels"
_SCALAR_TYPE = {ScalarNode}


class _Stop(Exception):
    """Ends the read at a problem that leaves no usable tree."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def parse_yaml(file: str, text: str) -> Document:
    """Read ``text`` (the contents of ``file``) as one YAML document."""
    builder = _Builder(file, text)
    with gc_paused():
        root = builder.read()
    return Document(file, text, root, tuple(builder.problems))


@functools.cache
def _loader() -> Any:
    """libyaml's loader, or the pure-Python one (warned about once)."""
    if yaml.__with_libyaml__:
        return yaml.CSafeLoader
    _log.warning("libyaml is not available: reading YAML about 20 times slower")
    return yaml.SafeLoader


def _size(node: Node, sizes: dict[int, int]) -> int:
    """How many values ``node`` holds, counting shared nodes at each use."""
    size = sizes.get(id(node))
    if size is None:
        size = 1
        if isinstance(node, SequenceNode):
            size += sum(_size(item, sizes) for item in node.items)
        elif isinstance(node, MappingNode):
            size += sum(_size(value, sizes) + 1 for _, value in node.entries)
        sizes[id(node)] = size
    return size


def _ignore(event: object) -> None:
    """The handler of events that build nothing."""


class _Frame:
    """A collection being read: its start event and the nodes so far
    (alternating keys and values for a mapping). The frame at the bottom of
    the stack has no start event: it receives the document's root."""

    __slots__ = ("items", "mapping", "start")

    def __init__(self, start: StartEvent | None, mapping: bool) -> None:
        self.start = start
        self.mapping = mapping
        self.items: list[Node] = []


class _Builder:
    """Builds the tree of the first document from the event stream."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.rows = editor_rows(text, _loader())
        self.problems: list[Problem] = []
        self.top = _Frame(None, False)
        self.stack = [self.top]
        self.frame = self.top  # the innermost open collection
        self.last: Node | None = None  # a node ending where the latest one did
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        self.sizes: dict[int, int] = {}  # by id of an aliased node
        self.aliased = 0  # values reached through aliases
        self.documents: list[Event] = []
        self.handlers: dict[type[events.Event], Callable[[Any], None]] = {
            events.DocumentStartEvent: self._document,
            events.ScalarEvent: self._scalar,
            events.MappingStartEvent: self._mapping_start,
            events.SequenceStartEvent: self._sequence_start,
            events.MappingEndEvent: self._end,
            events.SequenceEndEvent: self._end,
            events.AliasEvent: self._alias,
        }

    def read(self) -> Node | None:
        try:
            return self._read()
        finally:
            self.handlers.clear()  # they refer back to this builder

    def _read(self) -> Node | None:
        try:
            self._read_events()
        except _Stop as stop:
            self.problems.append(stop.problem)
        except yaml.MarkedYAMLError as error:
            self.problems.append(self._syntax_problem(error))
        except yaml.reader.ReaderError as error:
            self.problems.append(self._reader_problem(error))
        except UnicodeEncodeError as error:  # a lone surrogate in the text
            message = "invalid YAML: the text holds a lone surrogate character"
            self.problems.append(Problem("RC001", message, self._at(error.start)))
        else:
            return self.top.items[0] if self.top.items else None
        return None

    def _read_events(self) -> None:
        handlers = self.handlers
        loader = _loader()(self.text)
        try:
            # The loader's own pull loop, without ``yaml.parse``'s generator.
            get_event = loader.get_event
            if self.rows is not None:
                get_event = self.rows.moving(get_event)
            while (event := get_event()) is not None:
                handlers.get(type(event), _ignore)(event)
        finally:
            loader.dispose()
        if len(self.documents) > 1:
            message = f"expected one YAML document, found {len(self.documents)}"
            mark = self.documents[1].start_mark
            self.problems.append(Problem("RC001", message, self._mark_span(mark)))

    def _document(self, event: Event) -> None:
        self.documents.append(event)
        if len(self.documents) == 2:
            # Only the first document counts; the rest are only counted.
            for kind in self.handlers:
                if kind is not events.DocumentStartEvent:
                    self.handlers[kind] = _ignore

    # The handlers below run once per event of every YAML file: their steps
    # are written out, as a call per event would cost a tenth of the read.

    def _scalar(self, event: ScalarEvent) -> None:
        start, end, frame = event.start_mark, event.end_mark, self.frame
        items = frame.items
        if frame.mapping and not len(items) % 2:
            value: Scalar = event.value  # a key: kept as written
        else:
            value = convert(event)
        row, column = start.line + 1, start.column + 1
        node = ScalarNode(self.file, row, column, end.line + 1, end.column + 1, value)
        self.last = node
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        items.append(node)

    def _mapping_start(self, event: StartEvent) -> None:
        self._start(event, True)

    def _sequence_start(self, event: StartEvent) -> None:
        self._start(event, False)

    def _start(self, event: StartEvent, mapping: bool) -> None:
        if len(self.stack) > MAX_DEPTH:  # the stack's bottom frame is no level
            message = _TOO_DEEP
            raise _Stop(Problem("RC001", message, self._mark_span(event.start_mark)))
        self.frame = _Frame(event, mapping)
        self.stack.append(self.frame)
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)

    def _end(self, event: Event) -> None:
        stack = self.stack
        frame = stack.pop()
        self.frame = stack[-1]
        opening, items, last = frame.start, frame.items, self.last
        assert opening is not None  # only the bottom frame has no start
        start = opening.start_mark
        row, column = start.line + 1, start.column + 1
        # A block collection ends with its last entry, not at the next token.
        if opening.flow_style or last is None or not items:
            end_row, end_column = event.end_mark.line + 1, event.end_mark.column + 1
        else:
            end_row, end_column = last.end_row, last.end_column
        node: Node
        if frame.mapping:
            node = self._mapping(row, column, end_row, end_column, items)
        else:
            node = SequenceNode(
                self.file, row, column, end_row, end_column, tuple(items)
            )
        self.last = node
        if opening.anchor is not None:
            self.open_anchors.discard(opening.anchor)
            self.anchors[opening.anchor] = node
        self.frame.items.append(node)

    def _mapping(
        self, row: int, column: int, end_row: int, end_column: int, items: list[Node]
    ) -> MappingNode:
        keys = items[::2]
        entries = tuple(zip(keys, items[1::2], strict=True))
        if not set(map(type, keys)) <= _SCALAR_TYPE:
            entries = tuple(self._scalar_keys(entries))
        node = MappingNode(
            self.file,
            row,
            column,
            end_row,
            end_column,
            entries,  # type: ignore[arg-type]
        )
        self.problems.extend(duplicate_keys(node))
        return node

    def _scalar_keys(
        self, entries: tuple[tuple[Node, Node], ...]
    ) -> Iterator[tuple[ScalarNode, Node]]:
        """The entries whose key is a scalar; the others are problems."""
        for key, value in entries:
            if isinstance(key, ScalarNode):
                yield key, value
            else:
                kind = _KINDS[type(key)]
                message = f"invalid YAML: a key must be a string, found {kind}"
                self.problems.append(Problem("RC001", message, key.span))

    def _alias(self, event: Event) -> None:
        node = self.anchors.get(event.anchor or "")
        if node is None:
            self._bad_alias(event)
        self.aliased += _size(node, self.sizes)
        if self.aliased > MAX_ALIASED_VALUES:
            limit = MAX_ALIASED_VALUES
            message = f"invalid YAML: aliases expand to more than {limit} values"
            raise _Stop(Problem("RC001", message, self._mark_span(event.start_mark)))
        start, end = event.start_mark, event.end_mark
        self.frame.items.append(node)
        # The alias node is the anchored one; what follows ends after the alias.
        place = (self.file, start.line + 1, start.column + 1)
        self.last = ScalarNode(*place, end.line + 1, end.column + 1, None)

    def _bad_alias(self, event: Event) -> NoReturn:
        if event.anchor in self.open_anchors:
            problem = f"alias *{event.anchor} refers to a collection that contains it"
        else:
            problem = f"alias *{event.anchor} names no anchor given before it"
        span = self._mark_span(event.start_mark)
        raise _Stop(Problem("RC001", f"invalid YAML: {problem}", span))

    def _syntax_problem(self, error: yaml.MarkedYAMLError) -> Problem:
        mark = self._moved(error.problem_mark or error.context_mark)
        span = self._mark_span(mark) if mark else Span.whole_file(self.file)
        related: tuple[tuple[Span, str], ...] = ()
        context = self._moved(error.context_mark)
        if error.context and context:
            related = ((self._mark_span(context), error.context),)
        message = f"invalid YAML: {error.problem or error.context}"
        if "maximum nesting depth" in message:
            # Newer libyaml builds stop deep nesting themselves, scanning
            # ahead of the events, so their limit may strike before ours.
            message = _TOO_DEEP
        return Problem("RC001", message, span, related)

    def _reader_problem(self, error: yaml.reader.ReaderError) -> Problem:
        offset = error.position
        if is_libyaml(_loader()):  # libyaml counts bytes of UTF-8
            encoded = self.text.encode("utf-8", "surrogatepass")
            offset = len(encoded[:offset].decode("utf-8", "replace"))
        character = (
            f"U+{error.character:04X}" if isinstance(error.character, int) else ""
        )
        message = f"invalid YAML: character {character} is not allowed"
        return Problem("RC001", message, self._at(offset))

    def _moved(self, mark: Mark | None) -> Mark | None:
        """An error's mark on the editors' rows (events' marks are moved
        as they are read)."""
        if mark is None or self.rows is None:
            return mark
        return self.rows.mark(mark)

    def _mark_span(self, mark: Mark) -> Span:
        """One character at ``mark``, or an empty span at the end of a row."""
        return self._point(mark.index, mark.line + 1, mark.column + 1)

    def _point(self, offset: int, row: int, column: int) -> Span:
        start = Position(row, column)
        char = self.text[offset : offset + 1]
        width = 0 if char in ("", "\r", "\n") else 1
        return Span(self.file, start, Position(start.row, start.column + width))

    def _at(self, offset: int) -> Span:
        starts = line_starts(self.text)
        row = bisect_right(starts, offset)
        return self._point(offset, row, offset - starts[row - 1] + 1)
