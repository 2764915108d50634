"""Regular languages of names as shared, normalised expressions.

An expression is a ``Node``: the empty language, the empty name, a set of
characters, or a concatenation, repetition, union, intersection or
complement of nodes. Nodes are built only through the functions here, which
normalise them (unions and intersections are flattened, sorted and
deduplicated, ``∅`` and ``@`` absorbed) and share them: equal expressions are
one object. So an expression has finitely many distinct derivatives, and a
walk over them is a deterministic automaton built on the fly, complement and
intersection included, with no separate determinisation step.

The derivative of a node by a character is the language of the rest of the
names that start with that character. Characters that no character set at
the head of a node tells apart have the same derivative (``blocks``), so a
walk tries one character per block.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from linter import patterns_charset as charset
from linter.patterns_charset import Ranges

EMPTY_KIND, EPSILON_KIND, CHARS_KIND, CAT, STAR, OR, AND, NOT = range(8)

# Building a node bigger than this is refused: every derivative copies it.
MAX_SIZE: Final = 50_000


class TooComplex(Exception):
    """An expression or a walk needs more than its cap allows."""

    def __init__(self, what: str) -> None:
        super().__init__(f"too complex: {what}")


class Node:
    """One shared expression; see the module docstring."""

    __slots__ = ("blocks", "chars", "derivatives", "kind", "nullable", "parts", "size")

    def __init__(self, kind: int, chars: Ranges, parts: tuple[Node, ...]) -> None:
        self.kind = kind
        self.chars = chars
        self.parts = parts
        self.nullable = _nullable(kind, parts)
        self.size: int = 1 + sum(part.size for part in parts)
        self.derivatives: dict[str, Node] = {}
        self.blocks: tuple[Ranges, ...] | None = None


def _nullable(kind: int, parts: tuple[Node, ...]) -> bool:
    if kind in (EPSILON_KIND, STAR):
        return True
    if kind in (CAT, AND):
        return all(part.nullable for part in parts)
    if kind == OR:
        return any(part.nullable for part in parts)
    return kind == NOT and not parts[0].nullable


_TABLE: dict[tuple[int, Ranges, tuple[int, ...]], Node] = {}


def _node(kind: int, chars: Ranges = (), parts: tuple[Node, ...] = ()) -> Node:
    key = (kind, chars, tuple(id(part) for part in parts))
    found = _TABLE.get(key)
    if found is None:
        if sum(part.size for part in parts) > MAX_SIZE:
            raise TooComplex(f"an expression of more than {MAX_SIZE} parts")
        found = _TABLE[key] = Node(kind, chars, parts)
    return found


EMPTY: Final = _node(EMPTY_KIND)
EPSILON: Final = _node(EPSILON_KIND)
ANY_CHAR: Final = _node(CHARS_KIND, charset.ALL)
ANY_STRING: Final = _node(STAR, parts=(ANY_CHAR,))


def chars(ranges: Ranges) -> Node:
    return _node(CHARS_KIND, ranges) if ranges else EMPTY


def literal(text: str) -> Node:
    return cat(*(chars(((ord(c), ord(c)),)) for c in text))


def cat(*parts: Node) -> Node:
    flat: list[Node] = []
    for part in parts:
        if part is EMPTY:
            return EMPTY
        if part.kind == CAT:
            flat.extend(part.parts)
        elif part is not EPSILON:
            flat.append(part)
    if not flat:
        return EPSILON
    return flat[0] if len(flat) == 1 else _node(CAT, parts=tuple(flat))


def star(part: Node) -> Node:
    if part.kind == STAR:
        return part
    if part in (EMPTY, EPSILON):
        return EPSILON
    return _node(STAR, parts=(part,))


def or_(*parts: Node) -> Node:
    flat = _flat(OR, parts)
    if ANY_STRING in flat:
        return ANY_STRING
    sets = [part.chars for part in flat if part.kind == CHARS_KIND]
    rest = {id(part): part for part in flat if part.kind != CHARS_KIND}
    rest.pop(id(EMPTY), None)
    if sets:
        merged = chars(charset.union(*sets))
        rest[id(merged)] = merged
    return _combine(OR, rest, EMPTY)


def and_(*parts: Node) -> Node:
    flat = _flat(AND, parts)
    if EMPTY in flat:
        return EMPTY
    rest = {id(part): part for part in flat if part is not ANY_STRING}
    if EPSILON in rest.values():
        return EPSILON if all(p.nullable for p in rest.values()) else EMPTY
    sets = [part.chars for part in rest.values() if part.kind == CHARS_KIND]
    if len(sets) > 1:
        rest = {k: p for k, p in rest.items() if p.kind != CHARS_KIND}
        merged = chars(_intersect(sets))
        rest[id(merged)] = merged
    return _combine(AND, rest, ANY_STRING)


def _intersect(sets: list[Ranges]) -> Ranges:
    result = sets[0]
    for ranges in sets[1:]:
        result = charset.intersection(result, ranges)
    return result


def _flat(kind: int, parts: Iterable[Node]) -> list[Node]:
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.parts if part.kind == kind else (part,))
    return flat


def _combine(kind: int, parts: dict[int, Node], neutral: Node) -> Node:
    if EMPTY in parts.values():
        return EMPTY
    if not parts:
        return neutral
    if len(parts) == 1:
        return next(iter(parts.values()))
    ordered = tuple(parts[key] for key in sorted(parts))
    return _node(kind, parts=ordered)


def not_(part: Node) -> Node:
    if part.kind == NOT:
        return part.parts[0]
    if part is EMPTY:
        return ANY_STRING
    if part is ANY_STRING:
        return EMPTY
    return _node(NOT, parts=(part,))


def repeat(part: Node, low: int, high: int | None) -> Node:
    """``low`` to ``high`` copies of ``part``; ``None`` means no upper bound."""
    if high is not None and high < low:
        return EMPTY
    if max(low, high or 0) * part.size > MAX_SIZE:
        raise TooComplex(f"an expression of more than {MAX_SIZE} parts")
    required = cat(*([part] * low))
    if high is None:
        return cat(required, star(part))
    optional = EPSILON
    for _ in range(high - low):
        optional = or_(EPSILON, cat(part, optional))
    return cat(required, optional)


def heads(node: Node) -> frozenset[Ranges]:
    """The character sets a name of ``node`` can start with, as written."""
    if node.kind == CHARS_KIND:
        return frozenset((node.chars,))
    if node.kind == CAT:
        found: set[Ranges] = set()
        for part in node.parts:
            found |= heads(part)
            if not part.nullable:
                break
        return frozenset(found)
    return frozenset(ranges for part in node.parts for ranges in heads(part))


def blocks(node: Node) -> tuple[Ranges, ...]:
    """Blocks of characters with one derivative each, in ``rank`` order."""
    if node.blocks is None:
        node.blocks = charset.partition(heads(node))
    return node.blocks


def derivative(node: Node, char: str) -> Node:
    """The names ``w`` such that ``char + w`` is a name of ``node``."""
    found = node.derivatives.get(char)
    if found is None:
        found = node.derivatives[char] = _derive(node, char)
    return found


def _derive(node: Node, char: str) -> Node:
    kind = node.kind
    if kind == CHARS_KIND:
        return EPSILON if charset.contains(node.chars, ord(char)) else EMPTY
    if kind == CAT:
        terms = []
        for index, part in enumerate(node.parts):
            terms.append(cat(derivative(part, char), *node.parts[index + 1 :]))
            if not part.nullable:
                break
        return or_(*terms)
    if kind == STAR:
        return cat(derivative(node.parts[0], char), node)
    if kind == OR:
        return or_(*(derivative(part, char) for part in node.parts))
    if kind == AND:
        return and_(*(derivative(part, char) for part in node.parts))
    if kind == NOT:
        return not_(derivative(node.parts[0], char))
    return EMPTY


def matches(node: Node, name: str) -> bool:
    """Whether ``node`` matches all of ``name``."""
    for char in name:
        node = derivative(node, char)
        if node is EMPTY:
            return False
    return node.nullable
