"""What the rule host says about a rule that crashed: an RC000 finding,
with the place the rule was looking at, read from the traceback's frames."""

from __future__ import annotations

import traceback

from linter.findings import Finding, Rule, Severity
from linter.source import Span

INTERNAL_ERROR_CODE = "RC000"
INTERNAL_ERROR_NAME = "internal-error"


def internal_error(
    rule: Rule,
    where: str,
    place: Span | None,
    span: Span,
    cluster: str | None,
    error: Exception,
) -> Finding:
    """An RC000 finding at ``span`` naming the rule, what it was run on
    (``where``) and, when known, the ``place`` it was checking."""
    while_at = f" while at {position(place)}" if place else ""
    message = (
        f"rule {rule.code} ({rule.name}) failed on {where}{while_at}: "
        f"{type(error).__name__}: {error}; "
        "please report this with the output of `rclint check --verbose`"
    )
    return Finding(
        code=INTERNAL_ERROR_CODE,
        name=INTERNAL_ERROR_NAME,
        severity=Severity.ERROR,
        message=message,
        span=span,
        cluster=cluster,
        identity=("rule", rule.code),
    )


def place_in_traceback(error: Exception, skip: str) -> Span | None:
    """The first span held by a local of the innermost frames of the rule's
    traceback: what the rule was looking at when it failed, most likely.
    Frames of the file ``skip`` (the host's) are passed over."""
    frames = list(traceback.walk_tb(error.__traceback__))
    for frame, _ in reversed(frames):
        # The host's own frames hold the findings made before the failure.
        if frame.f_code.co_filename == skip:
            continue
        for value in frame.f_locals.values():
            span = _span_of(value)
            if span is not None:
                return span
    return None


def position(span: Span) -> str:
    return f"{span.file}:{span.start.row}:{span.start.column}"


def _span_of(value: object) -> Span | None:
    if isinstance(value, Span):
        return value
    try:
        # Records, located values and nodes carry a span; anything else
        # may do anything on attribute access, and is skipped.
        span = getattr(value, "span", None)
    except Exception:
        return None
    return span if isinstance(span, Span) else None
