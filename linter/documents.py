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

from linter.json_source import parse_json
from linter.parsing import line_starts
from linter.secrets import secret_spans, text_secrets
from linter.source import Document, Position, Problem, Span
from linter.yaml_source import parse_yaml

_BOM = b"\xef\xbb\xbf"


def read_document(path: str) -> Document:
    """Read and parse the file at ``path``: ``.json`` as JSON, anything
    else (``.yml``, ``.yaml``) as YAML."""
    text, problem = _decode(path)
    if problem is not None:
        return Document(path, text, None, (problem,), text_secrets(path, text))
    return parse_document(path, text)


def parse_document(path: str, text: str) -> Document:
    """Parse ``text``, the contents of the file at ``path`` (perhaps not yet
    saved, as in an editor), by the file's extension."""
    if os.path.splitext(path)[1].lower() == ".json":
        document = parse_json(path, text)
    else:
        document = parse_yaml(path, text)
    found = set(text_secrets(path, text))
    if document.root is not None:
        found.update(secret_spans(document.root, text))
    secrets = tuple(sorted(found, key=lambda span: span.start))
    problems = tuple(_unnamed_in(secrets, problem) for problem in document.problems)
    return dataclasses.replace(document, problems=problems, secrets=secrets)


_SECRET_DUPLICATE = (
    "a key of a secret value is given twice in one mapping; "
    "Elasticsearch rejects duplicate keys"
)


def _unnamed_in(secrets: tuple[Span, ...], problem: Problem) -> Problem:
    """``problem`` without the key it names when the key is part of a
    secret value: the masking of outputs cannot know a short key is one."""
    if problem.code != "RC003" or not any(s.contains(problem.span) for s in secrets):
        return problem
    return dataclasses.replace(problem, message=_SECRET_DUPLICATE)


def read_text(path: str) -> tuple[str | None, Problem | None]:
    """The text of a line-oriented file such as ``users_roles``, or the
    problem that kept it from being read (then the text is None)."""
    text, problem = _decode(path)
    return (None, problem) if problem is not None else (text, None)


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
