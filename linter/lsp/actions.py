"""The code actions of a range of a document: for each finding shown there,
a quick fix where one is safe (``linter.lsp.fixes``) and the suppression
its file can hold (``linter.lsp.suppress``).

A finding is shown in a range when its own range overlaps it or touches
it, so a cursor at either edge of a finding, or inside it, counts. Every
action is a ``quickfix``, names the diagnostic it resolves, and edits the
document under the URI the client named it by; every text taken from a
file into a title passes through the view's redaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from lsprotocol import types

from linter.findings import Finding
from linter.lsp.diagnostics import View
from linter.lsp.edits import Edit, Source
from linter.lsp.fixes import quick_fix
from linter.lsp.suppress import Proposal, suppression
from linter.suppressions import UNSUPPRESSIBLE

QUICKFIX = types.CodeActionKind.QuickFix.value


def code_actions(
    view: View,
    path: str,
    range: types.Range,
    only: Sequence[str] | None = None,
) -> list[types.CodeAction]:
    """The actions for the findings of ``path`` shown in ``range``;
    ``only`` are the kinds the client asks for (None: any)."""
    if only is not None and not any(_covers(kind, QUICKFIX) for kind in only):
        return []
    path = os.path.abspath(path)
    text = view.live.text(path)
    if text is None:
        return []
    shown = [
        finding
        for finding in view.live.findings(path)
        if finding.suppression is None and _touch(view.range(finding.span), range)
    ]
    if not shown:
        return []
    source = Source(path, text, view.graph.cluster_of(path))
    readable = not any(finding.code == "RC001" for finding in view.live.findings(path))
    actions = [
        _action(view, source, finding, proposal)
        for finding in shown
        for proposal in _proposals(view, source, finding, readable)
    ]
    return _merged(actions)


def _merged(actions: list[types.CodeAction]) -> list[types.CodeAction]:
    """One action for each distinct edit: two findings of one code on one
    row are suppressed by the same comment, so they share its action."""
    merged: dict[str, types.CodeAction] = {}
    for action in actions:
        key = f"{action.title}\0{action.edit}"
        kept = merged.setdefault(key, action)
        if kept is not action:
            kept.diagnostics = [*(kept.diagnostics or ()), *(action.diagnostics or ())]
    return list(merged.values())


def never_suppressed(view: View) -> frozenset[str]:
    """The codes no suppression action is offered for: those that cannot
    be suppressed, and those of the rules about suppressions and
    baselines, whose findings sit where no suppression can reach them."""
    reviews = {rule.code for rule in view.live.rules if rule.review is not None}
    return UNSUPPRESSIBLE | reviews


def _proposals(
    view: View, source: Source, finding: Finding, readable: bool
) -> Iterator[Proposal]:
    fix = quick_fix(source, finding, view.redact)
    if fix is not None:
        yield fix
    # The comments of a file that does not parse are not read.
    if readable and finding.code not in never_suppressed(view):
        suppress = suppression(source, finding, view.graph, view.redact)
        if suppress is not None:
            yield suppress


def _action(
    view: View, source: Source, finding: Finding, proposal: Proposal
) -> types.CodeAction:
    edits = [_text_edit(view, edit) for edit in proposal.edits]
    return types.CodeAction(
        title=proposal.title,
        kind=QUICKFIX,
        diagnostics=[view.diagnostic(finding)],
        is_preferred=True if proposal.preferred else None,
        edit=types.WorkspaceEdit(changes={view.uri(source.file): edits}),
    )


def _text_edit(view: View, edit: Edit) -> types.TextEdit:
    return types.TextEdit(range=view.range(edit.span), new_text=edit.text)


def _covers(requested: str, kind: str) -> bool:
    """Whether a requested kind takes in ``kind``: the kind itself, a kind
    it refines (``quickfix`` takes in ``quickfix.rclint``), or the empty
    kind, which takes in all."""
    return not requested or kind == requested or kind.startswith(requested + ".")


def _touch(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges overlap or touch: a cursor at an edge counts."""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _key(position: types.Position) -> tuple[int, int]:
    return (position.line, position.character)
