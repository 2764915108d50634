"""The edit that suppresses one finding, in the form its file can hold.

- A YAML file, ``users_roles`` or the keystore listing: an ``ignore``
  comment on a line of its own above the finding's row, indented as that
  row; when the line above already is an ``ignore`` comment of that row,
  the code joins its list instead.
- A JSON role or cross-cluster API key: an entry in the ``metadata.rclint
  .ignore`` of the definition holding the finding, the objects on the way
  created as needed.

Other files (JSON files that are neither, the configuration) hold no
suppression the action could write. Neither are offered for the codes
that cannot be suppressed (RC000, RC001) nor for the findings about
suppressions and baselines, which a comment above cannot reach.

The reason is written empty (``reason=""``, ``"RC401": ""``): a
suppression without a reason suppresses nothing, and RC010 points at it
until someone writes why the finding is accepted. Any placeholder text
would be taken for a reason, and the finding would be silently accepted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from linter.findings import Finding
from linter.loaders.nodes import stem
from linter.loaders.roles import is_single_descriptor
from linter.lsp.edits import Edit, Source, insertion
from linter.lsp.json_edit import Value, add_member
from linter.model import Graph
from linter.source import MappingNode, Node, SequenceNode, Span
from linter.suppressions_model import Directive

REASON_PLACEHOLDER = ""
_METADATA_PATH = ("metadata", "rclint", "ignore")


@dataclass(frozen=True, slots=True)
class Proposal:
    """A code action before it is placed in the client's units."""

    title: str
    edits: tuple[Edit, ...]
    preferred: bool = False


def suppression(
    source: Source, finding: Finding, graph: Graph, redact: Callable[[str], str]
) -> Proposal | None:
    """The suppression of ``finding`` that ``source`` can hold, if any."""
    if source.holds_comments:
        return _comment(source, finding)
    if source.is_json:
        return _metadata(source, finding, graph, redact)
    return None


# --- comments ----------------------------------------------------------------


def _comment(source: Source, finding: Finding) -> Proposal | None:
    row = finding.span.start.row
    line = source.lines.row(row)
    # An own-line ``ignore`` reaches the next row with content: the
    # finding's row must be one, and not the inside of a scalar.
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    if source.inside_a_scalar(row):
        return None
    title = f"Suppress {finding.code} on this line"
    above = _ignore_above(source, row)
    if above is None:
        edit = _new_comment(source, finding.code, row)
        return Proposal(title, (edit,))
    if any(target.code.value == finding.code for target in above.targets):
        return None  # there already, and not applied: RC010 or RC015 says why
    last = above.targets[-1].code.span.end
    edit = insertion(source.file, last.row, last.column, f", {finding.code}")
    return Proposal(title, (edit,))


def _new_comment(source: Source, code: str, row: int) -> Edit:
    indent = source.lines.indentation(row)
    comment = f'# rclint: ignore[{code}] reason="{REASON_PLACEHOLDER}"'
    return insertion(source.file, row, 1, indent + comment + source.lines.newline)


def _ignore_above(source: Source, row: int) -> Directive | None:
    """The own-line ``ignore`` comment on the row above ``row``, when it
    applies there and may take one more code."""
    today = datetime.date.today()
    for directive in source.directives():
        if (
            directive.form == "ignore"
            and directive.span.start.row == row - 1
            and directive.targets
            and not directive.flaws
            and not directive.expired(today)
            and not source.lines.row(row - 1)[: directive.span.start.column - 1].strip()
        ):
            return directive
    return None


# --- metadata ----------------------------------------------------------------


def _metadata(
    source: Source, finding: Finding, graph: Graph, redact: Callable[[str], str]
) -> Proposal | None:
    identity = finding.identity
    if len(identity) < 2 or identity[0] not in ("role", "api_key"):
        return None
    root = source.json_root()
    if root is None:
        return None
    kind, name = identity[0], identity[1]
    if kind == "role":
        definition = _role(source, root, name)
        noun = "role"
    else:
        definition = _api_key(graph, finding, root, name)
        noun = "API key"
    if definition is None or not definition.span.contains(finding.span):
        return None
    edit = _add_ignore(source, definition, finding.code)
    if edit is None:
        return None
    title = f"Suppress {finding.code} in {noun} `{redact(name)}`'s metadata"
    return Proposal(title, (edit,))


def _role(source: Source, root: MappingNode, name: str) -> MappingNode | None:
    """The descriptor of role ``name`` in a file of ``roles/``: the whole
    body named after the file, or one entry of a response."""
    if is_single_descriptor(root):
        return root if stem(source.file) == name else None
    descriptor = root.get(name)
    return descriptor if isinstance(descriptor, MappingNode) else None


def _api_key(
    graph: Graph, finding: Finding, root: MappingNode, name: str
) -> MappingNode | None:
    cluster = graph.clusters.get(finding.cluster or "")
    if cluster is None:
        return None
    for key in cluster.api_keys:
        if key.name.value == name and key.span.contains(finding.span):
            return _object_at(root, key.span)
    return None


def _add_ignore(source: Source, definition: MappingNode, code: str) -> Edit | None:
    """The edit adding ``code`` to ``metadata.rclint.ignore``; None when
    the code is there already (not applied, so RC010 or RC002 says why) or
    a step of the way is not an object."""
    entry = definition
    for depth, step in enumerate(_METADATA_PATH):
        child = entry.get(step)
        if child is None:
            value = _nested(_METADATA_PATH[depth + 1 :], code)
            return add_member(source.lines, entry, step, value)
        if not isinstance(child, MappingNode):
            return None
        entry = child
    if code in entry:
        return None
    return add_member(source.lines, entry, code, REASON_PLACEHOLDER)


def _nested(steps: tuple[str, ...], code: str) -> Value:
    """``{code: reason}`` under each of ``steps``, the first outermost."""
    value: Value = {code: REASON_PLACEHOLDER}
    for step in reversed(steps):
        value = {step: value}
    return value


def _object_at(root: Node, span: Span) -> MappingNode | None:
    for node in _walk(root):
        if isinstance(node, MappingNode) and node.span == span:
            return node
    return None


def _walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, MappingNode):
        for _, value in node.entries:
            yield from _walk(value)
    elif isinstance(node, SequenceNode):
        for item in node.items:
            yield from _walk(item)
