"""The baseline file: accepted findings, by what they are about.

A JSON document a reviewer can read, sorted so that an update changes only
the entries that changed::

    {
      "version": 1,
      "entries": [
        {
          "rule": "RC402",
          "name": "remote-index-exceeds-api-key",
          "cluster": "eu-prod",
          "identity": ["role", "remote-search", "alias", "us", "pattern", "logs-*",
                       "access", "search"],
          "occurrence": 1,
          "fingerprint": "9f0c2d4b1a7e3c55",
          "message": "index pattern `logs-*` on remote cluster `us` reaches beyond ..."
        }
      ]
    }

An entry is matched on ``rule``, ``cluster``, ``identity`` and
``occurrence``, the parts of the finding's fingerprint: never on a file
name or a row, so moving a role to another file, or converting a file
between JSON and YAML, keeps its findings matched. ``name``,
``fingerprint`` and ``message`` are for the reader and are not read back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from linter.errors import UsageError
from linter.findings import fingerprint_of
from linter.json_source import parse_json
from linter.source import MappingNode, Node, ScalarNode, SequenceNode, Span
from linter.suppressions_model import BaselineEntry

VERSION = 1


def read_baseline(path: str) -> tuple[BaselineEntry, ...]:
    """The entries of the baseline file ``path``; a file that cannot be
    read, or is not a baseline, is a usage error that says where."""
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except FileNotFoundError:
        message = (
            f"baseline file {path} does not exist; write it with --update-baseline"
        )
        raise UsageError(message) from None
    except OSError as error:
        raise UsageError(f"cannot read the baseline {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: the baseline is not UTF-8 text") from None
    document = parse_json(path, text)
    if document.root is None or document.problems:
        problem = document.problems[0]
        raise UsageError(
            _at(problem.span, f"the baseline is not valid JSON: {problem.message}")
        )
    return _entries(document.root)


def write_baseline(path: str, entries: Sequence[BaselineEntry]) -> None:
    """Write ``entries``, sorted, to ``path``, replacing what was there."""
    ordered = sorted(entries, key=sort_key)
    items = ",\n".join(_entry_text(entry) for entry in ordered)
    body = f"[\n{items}\n  ]" if ordered else "[]"
    text = f'{{\n  "version": {VERSION},\n  "entries": {body}\n}}\n'
    temporary = f"{path}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        raise UsageError(
            f"cannot write the baseline {path}: {error.strerror}"
        ) from None


def sort_key(entry: BaselineEntry) -> tuple[str, str, tuple[str, ...], int]:
    return (entry.rule, entry.cluster or "", entry.identity, entry.occurrence)


def _entry_text(entry: BaselineEntry) -> str:
    fields: dict[str, Any] = {
        "rule": entry.rule,
        "name": entry.name,
        "cluster": entry.cluster,
        "identity": list(entry.identity),
        "occurrence": entry.occurrence,
        "fingerprint": fingerprint_of(
            entry.rule, entry.cluster, entry.identity, entry.occurrence
        ),
        "message": entry.message,
    }
    lines = [
        f"      {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in fields.items()
    ]
    return "    {\n" + ",\n".join(lines) + "\n    }"


def _entries(root: Node) -> tuple[BaselineEntry, ...]:
    if not isinstance(root, MappingNode):
        raise UsageError(_at(root.span, "a baseline is a JSON object"))
    version = root.get("version")
    if not isinstance(version, ScalarNode) or version.value != VERSION:
        where = version.span if version is not None else root.span
        raise UsageError(_at(where, f'a baseline has `"version": {VERSION}`'))
    listed = root.get("entries")
    if not isinstance(listed, SequenceNode):
        where = listed.span if listed is not None else root.span
        raise UsageError(_at(where, "a baseline has an `entries` array"))
    return tuple(_entry(item) for item in listed.items)


def _entry(node: Node) -> BaselineEntry:
    if not isinstance(node, MappingNode):
        raise UsageError(_at(node.span, "a baseline entry is a JSON object"))
    identity = node.get("identity")
    parts = identity.items if isinstance(identity, SequenceNode) else None
    if parts is None or not all(_is_text(part) for part in parts):
        raise UsageError(_field_error(node, "identity", "an array of strings"))
    return BaselineEntry(
        rule=_text(node, "rule"),
        cluster=_text(node, "cluster", optional=True),
        identity=tuple(
            str(part.value) for part in parts if isinstance(part, ScalarNode)
        ),
        occurrence=_occurrence(node, node.get("occurrence")),
        span=node.span,
        name=_text(node, "name", optional=True) or "",
        message=_text(node, "message", optional=True) or "",
    )


def _text(node: MappingNode, key: str, optional: bool = False) -> Any:
    value = node.get(key)
    if optional and (
        value is None or (isinstance(value, ScalarNode) and value.value is None)
    ):
        return None
    if not _is_text(value):
        expected = "a string or null" if optional else "a string"
        raise UsageError(_field_error(node, key, expected))
    assert isinstance(value, ScalarNode)
    return value.value


def _occurrence(node: MappingNode, value: Node | None) -> int:
    if value is None:
        return 1
    number = value.value if isinstance(value, ScalarNode) else None
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise UsageError(_field_error(node, "occurrence", "a whole number from 1"))
    return number


def _is_text(node: Node | None) -> bool:
    return isinstance(node, ScalarNode) and isinstance(node.value, str)


def _field_error(node: MappingNode, key: str, expected: str) -> str:
    value = node.get(key)
    where = value.span if value is not None else node.span
    found = "nothing" if value is None else f"`{_shown(value)}`"
    return _at(where, f"`{key}` of a baseline entry must be {expected}; found {found}")


def _shown(node: Node) -> str:
    text = json.dumps(node.to_data(), ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _at(span: Span, message: str) -> str:
    return f"{span.file}:{span.start.row}:{span.start.column}: {message}"
