"""Hover: a rule's page on its code, what a role reaches on its name.

A rule code is recognised where rclint reads codes: in a suppression
comment (``# rclint: ignore[RC401]``), as a key of a definition's
``metadata.rclint.ignore``, and in the configuration (``rclint.toml``, or
the ``tool.rclint`` tables of ``pyproject.toml``). Wherever a diagnostic
of the file covers the position, the pages of its rules are shown too, as
``rclint rule CODE`` prints them. On a role's name, on a ``remote_indices``
or ``remote_cluster`` key of its definition, or inside one of those
entries, the hover says what the role reaches (``reach``).

Every text taken from the workspace is shown with its secrets masked.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lsprotocol import types

from linter.config import CONFIG_FILES
from linter.documents import parse_document
from linter.findings import Rule
from linter.lsp.diagnostics import View
from linter.lsp.reach import Grant, Marks, describe_role
from linter.model import Cluster, Role
from linter.reporters.rule_docs import rule_url
from linter.source import MappingNode, Position, Span

_CODE = re.compile(r"\b[A-Z]{2,4}\d{3}\b")
_DIRECTIVE = re.compile(r"#\s*rclint\s*:")
_TABLE = re.compile(r"^\s*\[+\s*([^\]]*?)\s*\]")
_PYPROJECT = "pyproject.toml"
_PYPROJECT_TABLE = "tool.rclint"
# The keys of a role definition that hold what ``reach`` describes.
_REMOTE_FIELDS = ("remote_indices", "remote_cluster")
_SEPARATOR = "\n\n---\n\n"


@dataclass(frozen=True, slots=True)
class _Target:
    """A role, the entry hovered (None: the whole role), and the span."""

    cluster: Cluster
    role: Role
    entry: Grant | None
    span: Span


@dataclass(frozen=True, slots=True)
class _Part:
    """One section of a hover, the span it is about, and the rule code
    whose page it is, if it is one."""

    text: str
    span: Span
    code: str | None = None


def hover(
    view: View, path: str, position: Position, markdown: bool
) -> types.Hover | None:
    """What to show at ``position`` (1-based, rclint's) of ``path``: the
    code or role there, then the pages of the diagnostics there."""
    path = os.path.abspath(path)
    text = view.text(path)
    if text is None:
        return None
    marks = Marks(markdown)
    subject = _subject(view, path, text, position, marks)
    parts = [subject] if subject is not None else []
    parts.extend(_diagnostic_pages(view, path, position, marks, parts))
    if not parts:
        return None
    value = _SEPARATOR.join(part.text for part in parts)
    return _hover(view, value, parts[0].span, markdown)


def _subject(
    view: View, path: str, text: str, position: Position, marks: Marks
) -> _Part | None:
    """A rule code at ``position``; else the role there, if any."""
    code = _code_at(view, path, text, position)
    if code is not None:
        return _Part(_code_page(view.live.rules, code[0], marks), code[1], code[0])
    target = _role_at(view, path, text, position)
    if target is None:
        return None
    role, entry = target.role, target.entry
    described = describe_role(view.graph, target.cluster, role, entry, marks)
    return _Part(described, target.span)


def _diagnostic_pages(
    view: View, path: str, position: Position, marks: Marks, before: list[_Part]
) -> Iterator[_Part]:
    """The page of each rule with a diagnostic at ``position``, once, unless
    a part ``before`` is its page already."""
    shown = {part.code for part in before}
    for finding in view.live.findings(path):
        visible = finding.suppression is None
        if visible and finding.code not in shown and _covers(finding.span, position):
            shown.add(finding.code)
            page = _code_page(view.live.rules, finding.code, marks)
            yield _Part(page, finding.span, finding.code)


def _hover(view: View, value: str, span: Span, markdown: bool) -> types.Hover:
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    # Line by line: the redaction escapes line breaks.
    redacted = "\n".join(view.redact(line) for line in value.split("\n"))
    content = types.MarkupContent(kind=kind, value=redacted)
    return types.Hover(contents=content, range=view.range(span))


def _covers(span: Span, position: Position) -> bool:
    """Whether ``span`` holds ``position``; an empty span holds its start."""
    return span.start <= position < span.end or position == span.start


# --- rule codes -----------------------------------------------------------------


def _code_at(
    view: View, path: str, text: str, position: Position
) -> tuple[str, Span] | None:
    """The rule code at ``position``, where a code means a rule, and its
    span."""
    lines = text.split("\n")
    if not 0 < position.row <= len(lines):
        return None
    line = lines[position.row - 1]
    for match in _CODE.finditer(line):
        if match.start() < position.column <= match.end():
            span = Span.at(path, position.row, match.start() + 1, match.end() + 1)
            if _names_rules(view, path, lines, match.start(), span):
                return match.group(), span
    return None


def _names_rules(
    view: View, path: str, lines: Sequence[str], column: int, span: Span
) -> bool:
    """Whether a code written at ``span`` stands for a rule there."""
    name = os.path.basename(path)
    if name in CONFIG_FILES:
        return name != _PYPROJECT or _in_rclint_table(lines, span.start.row)
    if _DIRECTIVE.search(lines[span.start.row - 1][:column]):
        return True
    return any(_covers(key, span.start) for key in _metadata_codes(view, path))


def _in_rclint_table(lines: Sequence[str], row: int) -> bool:
    """Whether ``row`` of a ``pyproject.toml`` is in a ``tool.rclint`` table."""
    for line in reversed(lines[:row]):
        header = _TABLE.match(line)
        if header is not None:
            table = header.group(1).replace('"', "").replace(" ", "")
            return table == _PYPROJECT_TABLE or table.startswith(_PYPROJECT_TABLE + ".")
    return False


def _metadata_codes(view: View, path: str) -> Iterator[Span]:
    """The spans of the codes in the ``metadata.rclint.ignore`` of the
    roles and keys defined in ``path``."""
    cluster = _cluster(view, path)
    if cluster is None:
        return
    roles = [role.suppressions for role in cluster.roles.values()]
    keys = [key.suppressions for key in cluster.api_keys]
    for suppressions in (*roles, *keys):
        for suppression in suppressions:
            if suppression.code.span.file == path:
                yield suppression.code.span


def _code_page(rules: Sequence[Rule], code: str, marks: Marks) -> str:
    rule = next((rule for rule in rules if rule.code == code), None)
    if rule is None:
        return _unknown(code, [rule.code for rule in rules], marks)
    return rule_page(rule, marks)


def rule_page(rule: Rule, marks: Marks) -> str:
    """The page ``rclint rule CODE`` prints, with the default severity and
    the web address under its title."""
    page = rule.doc.strip() or f"# {rule.code} {rule.name}\n\n{rule.summary}"
    title, _, body = page.partition("\n")
    if not title.startswith("#"):
        title, body = f"# {rule.code} {rule.name}", page
    facts = f"Default severity: {marks.bold(rule.severity.label)}"
    url = rule_url(rule)
    if url is not None:
        link = f"[{url}]({url})" if marks.markdown else url
        facts += f". Documentation: {link}"
    return "\n\n".join(part for part in (title, facts, body.strip()) if part)


def _unknown(code: str, known: Sequence[str], marks: Marks) -> str:
    close = difflib.get_close_matches(code, known, n=1)
    hint = f"; did you mean {marks.code(close[0])}?" if close else ""
    return f"{marks.code(code)} is not a known rule{hint}"


# --- roles ------------------------------------------------------------------------


def _cluster(view: View, path: str) -> Cluster | None:
    name = view.graph.cluster_of(path)
    return view.graph.clusters.get(name) if name is not None else None


def _role_at(view: View, path: str, text: str, position: Position) -> _Target | None:
    cluster = _cluster(view, path)
    if cluster is None:
        return None
    roles = [role for role in cluster.roles.values() if role.name.span.file == path]
    for role in roles:
        entries: tuple[Grant, ...] = (*role.remote_indices, *role.remote_cluster)
        for entry in entries:
            if _covers(entry.span, position):
                return _Target(cluster, role, entry, entry.span)
        name = role.name.span
        if name.start != name.end and _covers(name, position):
            return _Target(cluster, role, None, name)
    if not roles:
        return None
    return _key_target(cluster, roles, path, text, position)


def _key_target(
    cluster: Cluster, roles: Sequence[Role], path: str, text: str, position: Position
) -> _Target | None:
    """A role hovered on a key of its definition: any top-level key of a
    file holding one role named after the file, else a ``remote_*`` key."""
    root = parse_document(path, text).root
    if not isinstance(root, MappingNode):
        return None
    keys = [key for key, _ in root.items()]
    named = next((r for r in roles if r.name.span == Span.whole_file(path)), None)
    if named is not None:
        key = next((key for key in keys if _covers(key.span, position)), None)
        return _Target(cluster, named, None, key.span) if key else None
    by_name = {role.name.value: role for role in roles}
    for key, value in root.items():
        role = by_name.get(str(key.value))
        if role is None or not isinstance(value, MappingNode):
            continue
        for field in _REMOTE_FIELDS:
            node = value.key_node(field)
            if node is not None and _covers(node.span, position):
                return _Target(cluster, role, None, node.span)
    return None
