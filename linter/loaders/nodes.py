"""Small defensive readers over the node tree shared by the loaders."""

from __future__ import annotations

import os

from linter.model import Located
from linter.source import MappingNode, Node, Scalar, ScalarNode, SequenceNode, Span

_new = tuple.__new__


def as_mapping(node: Node | None) -> MappingNode | None:
    return node if isinstance(node, MappingNode) else None


def items_of(node: Node | None) -> tuple[Node, ...]:
    """The items of a sequence; anything else has none."""
    return node.items if isinstance(node, SequenceNode) else ()


def scalar_text(value: Scalar) -> str | None:
    """A scalar as Elasticsearch reads it into a setting string; None stays None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def text_of(node: Node | None) -> str | None:
    """The value of a string scalar, else None."""
    if isinstance(node, ScalarNode) and isinstance(node.value, str):
        return node.value
    return None


def located_text(node: Node | None) -> Located[str] | None:
    text = text_of(node)
    return None if text is None or node is None else Located(text, node.span)


def located_strings(node: Node | None) -> tuple[Located[str], ...]:
    """A string list; Elasticsearch also accepts one string for one item.

    Written out rather than through ``located_text``, and built with
    ``tuple.__new__`` rather than the named tuple's Python-level constructor:
    every name, privilege and pattern of a workspace passes here.
    """
    if isinstance(node, SequenceNode):
        return tuple(
            [
                _new(Located, (item.value, item.span))
                for item in node.items
                if type(item) is ScalarNode and type(item.value) is str
            ]
        )
    if isinstance(node, ScalarNode) and isinstance(node.value, str):
        return (Located(node.value, node.span),)
    return ()


def located_bool(node: Node | None) -> Located[bool] | None:
    if isinstance(node, ScalarNode) and isinstance(node.value, bool):
        return Located(node.value, node.span)
    return None


def bool_or(node: Node | None, default: bool) -> bool:
    located = located_bool(node)
    return default if located is None else located.value


def key_of(node: ScalarNode) -> str:
    """A mapping key as text; YAML allows non-string keys such as ``1``."""
    return scalar_text(node.value) or ""


def stem(path: str) -> str:
    """The file name without its extension: the name of a one-object file."""
    return os.path.splitext(os.path.basename(path))[0]


def file_start(file: str) -> Span:
    return Span.whole_file(file)
