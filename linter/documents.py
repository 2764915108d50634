"""Reading input files: bytes to text to a parsed, positional document.

A file that cannot be read or decoded, or does not parse, still gives a
document: its problems say why, at the place they arose, and the run goes
on. Each document also lists its secrets, the spans of values written under
secret keys (credentials, API keys, passwords), so that no output ever shows
them.
"""

from __future__ import annotations

import dataclasses
import os
import re
from bisect import bisect_right

from linter.json_source import parse_json
from linter.parsing import line_starts
from linter.source import (
    Document,
    MappingNode,
    Node,
    Position,
    Problem,
    ScalarNode,
    SequenceNode,
    Span,
)
from linter.yaml_source import parse_yaml

_BOM = b"\xef\xbb\xbf"
_SECRET_NAMES = frozenset(
    {"api_key", "credentials", "encoded", "passphrase", "password", "password_hash"}
)
_SECRET_SUFFIXES = ("_password", "_passphrase")
# Every secret key holds one of these words (most files hold none).
_SECRET_WORDS = (
    "api_key",
    "credentials",
    "encoded",
    "passphrase",
    "password",
    "secure_",
)
# A key on one line, in YAML or JSON, quoted or not, and the value after it.
# Keys are searched for inside values too: text that did not parse, or a
# comment, may hold a key anywhere.
_KEY = re.compile(r"""(?P<key>[\w.-]+)["']?[ \t]*:[ \t]*""")
_VALUE = re.compile(
    r"""(?P<value>"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?|[^\s,}\]#](?:[^\n,}\]#]*[^\s,}\]#])?)"""
)


def is_secret_key(key: str) -> bool:
    """Whether the value written under ``key`` must never be shown.

    ``key`` may be one name (``password``) or a flat dotted setting
    (``cluster.remote.eu.credentials``,
    ``xpack.security.http.ssl.secure_key_passphrase``); only its last
    segment decides.
    """
    last = key.rsplit(".", 1)[-1].lower()
    return (
        last in _SECRET_NAMES
        or last.endswith(_SECRET_SUFFIXES)
        or last.startswith("secure_")
    )


def read_document(path: str) -> Document:
    """Read and parse the file at ``path``: ``.json`` as JSON, anything
    else (``.yml``, ``.yaml``) as YAML."""
    text, problem = _decode(path)
    if problem is not None:
        return Document(path, text, None, (problem,), text_secrets(path, text))
    if os.path.splitext(path)[1].lower() == ".json":
        document = parse_json(path, text)
    else:
        document = parse_yaml(path, text)
    found = set(text_secrets(path, text))
    if document.root is not None:
        found.update(secret_spans(document.root, text))
    secrets = tuple(sorted(found, key=lambda span: span.start))
    return dataclasses.replace(document, secrets=secrets)


def read_text(path: str) -> tuple[str | None, Problem | None]:
    """The text of a line-oriented file such as ``users_roles``, or the
    problem that kept it from being read (then the text is None)."""
    text, problem = _decode(path)
    return (None, problem) if problem is not None else (text, None)


def secret_spans(root: Node, text: str | None = None) -> tuple[Span, ...]:
    """The spans of values under secret keys, in the order written.

    A secret key over a list or mapping hides all of it. Nodes shared
    through YAML aliases are visited once. Given the document's ``text``,
    a document that cannot hold a secret key is not walked at all.
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
                if is_secret_key(str(key.value)):
                    spans.append(value.span)
                elif not isinstance(value, ScalarNode):
                    pending.append(value)
    return tuple(sorted(spans, key=lambda span: span.start))


def _may_hold_secrets(text: str) -> bool:
    """A quick look before a walk: substring tests are C loops."""
    lowered = text.lower()
    return any(word in lowered for word in _SECRET_WORDS)


def text_secrets(file: str, text: str) -> tuple[Span, ...]:
    """The values written after a secret key anywhere in ``text``, found
    line by line: in a file that did not parse, in a comment, in a file
    that is not a tree at all. The code frame must not show them either."""
    if not _may_hold_secrets(text):
        return ()
    starts = line_starts(text)
    spans = []
    for key in _KEY.finditer(text):
        value = _VALUE.match(text, key.end())
        if value is None or not is_secret_key(key["key"]):
            continue
        start, end = value.span()
        row = bisect_right(starts, start)
        column = start - starts[row - 1] + 1
        end_position = Position(row, column + end - start)
        spans.append(Span(file, Position(row, column), end_position))
    return tuple(spans)


def _decode(path: str) -> tuple[str, Problem | None]:
    """The file's text, or its problem with what text there is (decoded
    leniently, to show the place of the problem)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        return "", Problem("RC001", message, Span.whole_file(path))
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return data.decode("utf-8", "replace"), _decode_problem(path, data, error)


def _decode_problem(path: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    """RC001 at the first byte that is not UTF-8."""
    before = data[: error.start].decode("utf-8")
    starts = line_starts(before)
    row, column = len(starts), len(before) - starts[-1] + 1
    message = (
        f"file is not valid UTF-8: {error.reason} (byte 0x{data[error.start]:02x})"
    )
    span = Span(path, Position(row, column), Position(row, column + 1))
    return Problem("RC001", message, span)
