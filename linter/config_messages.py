"""How configuration errors read: ``file:row:column: what is wrong``.

Each error names the key or value at fault as its author wrote it (with the
``tool.rclint`` prefix in ``pyproject.toml``) and points at it in the file;
an unknown key gets the closest known key as a suggestion.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from linter.config import display, table_root
from linter.toml_places import TomlPath, TomlPlaces

SELECTOR_PATTERN = "^(ALL|[A-Z]{1,4}[0-9]{0,3})$"
CODE_PATTERN = "^[A-Z]{1,4}[0-9]{3}$"
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_TYPE_NAMES = {
    "object": "a table",
    "array": "an array",
    "string": "a string",
    "boolean": "a boolean",
    "integer": "an integer",
    "number": "a number",
    "null": "null",
}
_PATTERN_NAMES = {
    SELECTOR_PATTERN: "a rule code, a code prefix or `ALL` (like `RC401` or `RC4`)",
    CODE_PATTERN: "a rule code (like `RC401`)",
}


@dataclass(frozen=True, slots=True)
class Place:
    """Names places in one configuration file the way its author wrote them
    and finds them in it; ``root`` is where the checked data sits within
    rclint's table (``("rules", "RC201")`` for a rule's options)."""

    path: str | None
    places: TomlPlaces | None = None
    root: TomlPath = ()

    def at(self, path: Sequence[str | int], *, key: bool = False) -> str:
        """``file:row:column`` of ``path`` (of its key when ``key``)."""
        shown = display(self.path) if self.path else "configuration"
        full = (*table_root(self.path), *self.root, *path)
        span = self.places.of(full, key=key) if self.places else None
        return f"{shown}:{span.start.row}:{span.start.column}" if span else shown

    def table(self, keys: Sequence[str | int]) -> str:
        """``in [clusters.eu]``, with pyproject.toml's ``tool.rclint`` prefix."""
        full = [*table_root(self.path), *map(str, (*self.root, *keys))]
        if not full:
            return "at the top level"
        return "in [" + ".".join(map(toml_key, full)) + "]"

    def value(self, path: Sequence[str | int]) -> tuple[str, str]:
        """The key expression (``select[1]``) and the table holding it;
        a key of an ``[[array]]`` table is named in ``[[array]]``."""
        full = [*self.root, *path]
        first_index = next((i for i, s in enumerate(full) if isinstance(s, int)), None)
        head = [str(s) for s in full[:first_index]]
        rest = full[len(head) :]
        if len(rest) > 1 and isinstance(rest[-1], str):
            table = Place(self.path).table(head)
            return rest[-1], table.replace(" [", " [[", 1) + "]"
        tail = "".join(f"[{s}]" for s in rest)
        outer = Place(self.path)
        return f"{head[-1]}{tail}", outer.table(head[:-1])

    def container(self, path: Sequence[str | int]) -> str:
        """The table that holds ``path``: ``in [[suppress]]`` for an entry
        of an array of tables."""
        if path and isinstance(path[-1], int):
            return self.table(path[:-1]).replace(" [", " [[", 1) + "]"
        return self.table(path)


def schema_errors(place: Place, schema: Mapping[str, Any], data: Any) -> list[str]:
    """Every way ``data`` breaks ``schema``, worded, in the order written."""
    import jsonschema_rs

    validator = jsonschema_rs.validator_for(dict(schema))
    errors = sorted(
        validator.iter_errors(data), key=lambda e: list(map(str, e.instance_path))
    )
    return [line for error in errors for line in _describe(place, schema, error)]


def _describe(place: Place, schema: Mapping[str, Any], error: Any) -> list[str]:
    kind, details = error.kind.name, error.kind.as_dict()
    path = list(error.instance_path)
    if kind == "additionalProperties":
        allowed = _allowed_keys(schema, error.schema_path[:-1])
        where = place.table(path)
        return [
            unknown_key(place, [*path, key], key, where, allowed)
            for key in details["unexpected"]
        ]
    key, where = place.value(path)
    if kind == "type":
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in details["types"])
    elif kind == "enum":
        expected = "one of " + ", ".join(f"`{option}`" for option in details["options"])
    elif kind == "pattern":
        pattern = details["pattern"]
        expected = _PATTERN_NAMES.get(pattern, f"a string matching `{pattern}`")
    elif kind == "required":
        missing = details["property"]
        inside = place.container(path)
        return [f"{place.at(path, key=True)}: `{missing}` is required {inside}"]
    else:
        return [f"{place.at(path)}: `{key}` {where}: {error.message}"]
    found = json.dumps(error.instance)
    return [f"{place.at(path)}: `{key}` {where} must be {expected}; found `{found}`"]


def _allowed_keys(
    schema: Mapping[str, Any], location: Sequence[str | int]
) -> list[str]:
    node: Any = schema
    for step in location:
        node = node[step]
    return list(node.get("properties", {}))


def unknown_key(
    place: Place,
    path: Sequence[str | int],
    key: str,
    where: str,
    allowed: Sequence[str],
) -> str:
    message = f"{place.at(path, key=True)}: unknown key `{key}` {where}"
    return message + suggestion(key, allowed)


def suggestion(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"; did you mean `{close[0]}`?"
    if choices:
        return "; expected one of " + ", ".join(f"`{choice}`" for choice in choices)
    return ""


def toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key)
