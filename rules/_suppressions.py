"""What the rules about suppressions (RC010 to RC015) share: naming a
directive in a message, and turning a fact about one into a violation."""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import ReviewContext, Violation
from linter.source import Span
from linter.suppressions_model import Directive, Kind, Status, TargetUse

_ENTITY_NOUNS = {"role": "role", "api_key": "cross-cluster API key"}


def where(directive: Directive) -> str:
    """The directive as a message names it: ``the `ignore` comment``."""
    if directive.kind is Kind.COMMENT:
        return f"the `{directive.form}` comment"
    if directive.kind is Kind.METADATA:
        kind, name = directive.identity[:2]
        return f"the `metadata.rclint` of {_ENTITY_NOUNS.get(kind, kind)} `{name}`"
    return "the `[[suppress]]` entry"


def reason_hint(directive: Directive, code: str) -> str:
    """How to give the directive a reason, in its own syntax."""
    if directive.kind is Kind.COMMENT:
        return 'add `reason="..."` after the codes'
    if directive.kind is Kind.METADATA:
        return f'write `"{code}": "why"` or `"{code}": {{"reason": "why"}}`'
    return 'add `reason = "..."` to the entry'


def uses_with(context: ReviewContext, *statuses: Status) -> Iterator[TargetUse]:
    for use in context.acceptance.uses:
        if use.status in statuses:
            yield use


def violation(directive: Directive, span: Span, message: str, *about: str) -> Violation:
    """A violation about ``directive`` at ``span``; ``about`` tells apart
    several about one directive (its codes, its flaws)."""
    return Violation(
        span=span,
        message=message,
        cluster=directive.cluster,
        identity=(*directive.identity, *about),
    )


def codes_of(directive: Directive) -> str:
    return ", ".join(f"`{target.code.value}`" for target in directive.targets)
