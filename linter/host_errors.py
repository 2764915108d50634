"""What the rule host says about a rule that crashed: the place the rule was
looking at, read from the traceback's frames."""

from __future__ import annotations

import traceback

from linter.source import Span


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
