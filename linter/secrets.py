"""Secret values in input files: which keys hold them, and where they are.

Every output masks these spans (credentials, API keys, passwords), so they
are found twice: in the parsed tree, and in the text line by line, for a
file that did not parse, a comment, or a line-oriented listing.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from bisect import bisect_right

from linter.parsing import line_starts
from linter.source import MappingNode, Node, Position, ScalarNode, SequenceNode, Span

# A key is secret when its last segment holds one of these stems, starts
# with ``secure_``, or is one of the names or a close misspelling of one
# (``credentails``, ``pasword``): hiding a value by mistake costs a masked
# frame, showing one costs a leaked credential.
_SECRET_STEMS = ("api_key", "apikey", "credential", "passphrase", "password", "secret")
_SECRET_NAMES = ("api_key", "credentials", "encoded", "passphrase", "password")
_MISSPELLING_RATIO = 0.8
# A list or mapping is hidden whole only under a key that names a secret
# exactly: a role or user named `secret-reader`, or the `api_keys` list of
# a response, holds records to walk, not a secret.
_EXACT_SECRET_NAMES = frozenset({*_SECRET_NAMES, "password_hash"})
_EXACT_SECRET_SUFFIXES = ("_password", "_passphrase")
# Every secret key holds one of these fragments, and so does every
# misspelling recognised: one letter added, dropped, changed, or two swapped,
# leaves at least one fragment of each secret name whole. Most files hold
# none, and are never walked.
_SECRET_FRAGMENTS = (
    "cred",
    "tials",
    "pas",
    "word",
    "phrase",
    "api",
    "key",
    "enc",
    "ded",
    "secret",
    "secure_",
)
# A key on one line, in YAML, JSON or a `name=value` listing, quoted or not,
# and the value after it. Keys are searched for inside values too: text that
# did not parse, or a comment, may hold a key anywhere.
_KEY = re.compile(r"""(?P<key>[\w.-]+)["']?[ \t]*[:=][ \t]*""")
_VALUE = re.compile(
    r"""(?P<value>"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?|[^\s,}\]#](?:[^\n,}\]#]*[^\s,}\]#])?)"""
)
# What may follow a key whose value starts on the next line: nothing, a
# block scalar header (`|`, `>-`, `|2+`), tags and anchors, a comment.
_BLOCK_START = re.compile(
    r"(?:[!&][^\s|>]*[ \t]*)*(?P<style>[|>](?:[1-9]?[+-]?|[+-][1-9]))?"
    r"[ \t]*(?:#.*)?\r?"
)
_COMMENT_INDENT = re.compile(r"[ \t]*#*[ \t]*")
_SEQUENCE_ITEM = re.compile(r"-(?:[ \t]|$)")
# The first line of a value below its key that starts a list or mapping.
_COLLECTION = re.compile(r"""-(?:[ \t]|$)|["']?[\w.-]+["']?[ \t]*:(?:[ \t]|$)""")


def is_secret_key(key: str) -> bool:
    """Whether the value written under ``key`` must never be shown.

    ``key`` may be one name (``password``) or a flat dotted setting
    (``cluster.remote.eu.credentials``,
    ``xpack.security.http.ssl.secure_key_passphrase``); only its last
    segment decides.
    """
    return _is_secret_name(key.rsplit(".", 1)[-1].lower())


@functools.lru_cache(maxsize=4096)
def _is_secret_name(name: str) -> bool:
    # Cached: the same few keys recur in every file of a fleet.
    if not any(fragment in name for fragment in _SECRET_FRAGMENTS):
        return False
    if name.startswith("secure_") or any(stem in name for stem in _SECRET_STEMS):
        return True
    close = difflib.get_close_matches(
        name, _SECRET_NAMES, n=1, cutoff=_MISSPELLING_RATIO
    )
    return bool(close)


def hides_collection(key: str) -> bool:
    """Whether a list or mapping written under ``key`` is a secret whole:
    nothing in it, key or value, may be shown."""
    name = key.rsplit(".", 1)[-1].lower()
    return (
        name in _EXACT_SECRET_NAMES
        or name.endswith(_EXACT_SECRET_SUFFIXES)
        or name.startswith("secure_")
    )


def holds_secret(text: str) -> bool:
    """Whether ``text``, a value as a message would quote it, holds a
    secret key with a value after it, which every output masks."""
    return bool(text_secrets("", text))


def _hides(key: str, collection: bool) -> bool:
    """Whether the value under ``key``, a list or mapping or a scalar, is
    a secret."""
    return hides_collection(key) if collection else is_secret_key(key)


def secret_spans(root: Node, text: str | None = None) -> tuple[Span, ...]:
    """The spans of values under secret keys, in the order written.

    A key naming a secret exactly (``password``, not ``secret-reader``)
    hides a list or mapping under it whole. Nodes shared through YAML
    aliases are visited once. Given the document's ``text``, a document
    that cannot hold a secret key is not walked at all.
    """
    if text is not None and not _may_hold_secrets(text):
        return ()
    spans: list[Span] = []
    seen: set[int] = set()
    pending: list[Node] = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            pending.extend(node.items)
        elif isinstance(node, MappingNode):
            for key, value in node.entries:
                if _hides(str(key.value), not isinstance(value, ScalarNode)):
                    spans.append(value.span)
                elif not isinstance(value, ScalarNode):
                    pending.append(value)
    return tuple(sorted(spans, key=lambda span: span.start))


def _may_hold_secrets(text: str) -> bool:
    """A quick look before a walk: substring tests are C loops."""
    lowered = text.lower()
    return any(fragment in lowered for fragment in _SECRET_FRAGMENTS)


def text_secrets(file: str, text: str) -> tuple[Span, ...]:
    """The values written after a secret key anywhere in ``text``, found
    line by line: in a file that did not parse, in a comment, in a file
    that is not a tree at all. The code frame must not show them either.

    A value that starts on the next line (a block scalar, a nested mapping
    or list) runs over the lines indented deeper than the key's line.
    """
    if not _may_hold_secrets(text):
        return ()
    rows = _Rows(text, line_starts(text))
    spans = []
    for key in _KEY.finditer(text):
        if not is_secret_key(key["key"]):
            continue
        found = _value_after(file, rows, key.start(), key.end())
        if found is not None and _hides(key["key"], found[1]):
            spans.append(found[0])
    return tuple(spans)


@dataclasses.dataclass(frozen=True, slots=True)
class _Rows:
    """A text's rows, by offset or by number (1-based)."""

    text: str
    starts: list[int]

    def row_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def column_of(self, offset: int) -> int:
        return offset - self.starts[self.row_of(offset) - 1] + 1

    def at(self, position: Position) -> str:
        """The text from ``position`` to the end of its row."""
        return self.line(position.row)[position.column - 1 :]

    def line(self, row: int) -> str:
        end = self.starts[row] if row < len(self.starts) else len(self.text)
        return self.text[self.starts[row - 1] : end].rstrip("\r\n")


def _value_after(file: str, rows: _Rows, key: int, at: int) -> tuple[Span, bool] | None:
    """The value after the secret key that starts at offset ``key`` and
    ends at ``at``, on the key's line or on the lines below it, and whether
    it is a list or mapping."""
    row = rows.row_of(at)
    header = _BLOCK_START.fullmatch(rows.at(Position(row, rows.column_of(at))))
    if header is not None:
        span = _value_below(file, rows, row, rows.column_of(key) - 1)
        if span is None:
            return None
        scalar = header["style"] is not None
        return span, not scalar and _COLLECTION.match(rows.at(span.start)) is not None
    value = _VALUE.match(rows.text, at)
    if value is None:
        return None
    column = rows.column_of(at)
    span = Span.at(file, row, column, column + len(value["value"]))
    return span, value["value"][0] in "[{"


def _value_below(file: str, rows: _Rows, row: int, key: int) -> Span | None:
    """The lines after ``row`` that hold the value of its key, which starts
    at the 0-based column ``key``. A key in a comment has its value in the
    comment lines below, indented past the ``#``."""
    commented = rows.line(row).lstrip().startswith("#")
    indent = _content_start(rows.line(row), commented)
    first = last = 0
    for below in range(row + 1, len(rows.starts) + 1):
        inside = _continues(rows.line(below), indent, commented, key == indent)
        if inside is False:
            break
        if inside:
            first, last = first or below, below
    if not first:
        return None
    column = _content_start(rows.line(first), commented) + 1
    end = Position(last, len(rows.line(last)) + 1)
    return Span(file, Position(first, column), end)


def _continues(
    line: str, indent: int, commented: bool, items_at_indent: bool
) -> bool | None:
    """Whether ``line`` continues a value indented past ``indent``; None
    for a line with nothing on it, which neither continues nor ends it.
    YAML also lets a key's list items start at the key's own column."""
    if commented and not line.lstrip().startswith("#"):
        return None if not line.strip() else False
    content = _content_start(line, commented)
    if content == len(line):
        return None
    if content > indent:
        return True
    item = items_at_indent and content == indent
    return item and _SEQUENCE_ITEM.match(line, content) is not None


def _content_start(line: str, commented: bool) -> int:
    """The 0-based column where the text of ``line`` starts: after the
    indentation, and after the ``#`` of a comment line when ``commented``."""
    if commented:
        match = _COMMENT_INDENT.match(line)
        return match.end() if match else 0
    return len(line) - len(line.lstrip(" \t"))
