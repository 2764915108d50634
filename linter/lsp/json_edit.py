"""Adding a member to a JSON object, or taking one out, as a person would:
in the layout the object already has (one member a line at the indentation
of its members, or all on one line), with the commas JSON needs.

Values are nested objects of strings (``{"rclint": {"ignore": {...}}}``),
the only values the code actions write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TypeAlias

from linter.lsp.edits import Edit, Lines, insertion
from linter.source import MappingNode, Position, Span

Value: TypeAlias = str | Mapping[str, "Value"]

_INDENTED = re.compile(r"^([ \t]+)\S", re.MULTILINE)
_DEFAULT_UNIT = "  "


def indent_unit(text: str) -> str:
    """One level of indentation in ``text``: its narrowest indentation, a
    tab when it indents with tabs, two spaces when it indents nothing."""
    found = _INDENTED.findall(text)
    if not found:
        return _DEFAULT_UNIT
    if all(indent.startswith("\t") for indent in found):
        return "\t"
    spaces: list[str] = [indent for indent in found if not indent.startswith("\t")]
    return min(spaces, key=len)


def render(value: Value, indent: str, unit: str | None) -> str:
    """``value`` as JSON; objects one member a line when ``unit`` is given
    (``indent`` being the indentation of the line the value starts on),
    else on one line."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if not value:
        return "{}"
    if unit is None:
        members = (f"{_key(k)}: {render(v, indent, None)}" for k, v in value.items())
        return "{" + ", ".join(members) + "}"
    inner = indent + unit
    members = (f"{inner}{_key(k)}: {render(v, inner, unit)}" for k, v in value.items())
    return "{\n" + ",\n".join(members) + "\n" + indent + "}"


def add_member(lines: Lines, obj: MappingNode, key: str, value: Value) -> Edit:
    """The edit that adds ``"key": value`` as the last member of ``obj``."""
    if not obj.entries:
        return _into_empty(lines, obj, key, value)
    last_key, last_value = obj.entries[-1]
    end = last_value.span.end
    indent = lines.row(last_key.row)[: last_key.column - 1]
    on_own_rows = obj.row != obj.end_row and not indent.strip()
    if not on_own_rows:
        member = f", {_key(key)}: {render(value, '', None)}"
        return insertion(lines.file, end.row, end.column, member)
    unit = indent_unit("\n".join(lines.rows))
    member = f",\n{indent}{_key(key)}: {render(value, indent, unit)}"
    return insertion(
        lines.file, end.row, end.column, member.replace("\n", lines.newline)
    )


def _into_empty(lines: Lines, obj: MappingNode, key: str, value: Value) -> Edit:
    """``{}`` becomes ``{"key": value}``, on one line, as it was."""
    inside = Span(
        lines.file,
        Position(obj.row, obj.column + 1),
        Position(obj.end_row, obj.end_column - 1),
    )
    return Edit(inside, f"{_key(key)}: {render(value, '', None)}")


def remove_member(lines: Lines, obj: MappingNode, index: int) -> Edit:
    """The edit that takes the ``index``-th member out of ``obj``, with the
    comma that separated it from its neighbour."""
    entries = obj.entries
    key, value = entries[index]
    if len(entries) == 1:
        start = Position(obj.row, obj.column + 1)
        end = Position(obj.end_row, obj.end_column - 1)
    elif index < len(entries) - 1:
        start, end = key.span.start, entries[index + 1][0].span.start
    else:
        start, end = entries[index - 1][1].span.end, value.span.end
    return Edit(Span(lines.file, start, end), "")


def _key(name: str) -> str:
    return json.dumps(name, ensure_ascii=False)
