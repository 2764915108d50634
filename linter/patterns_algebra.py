"""Set questions on languages of names: emptiness and a shortest member.

Every question on patterns (is A inside B₁|…|Bₙ? do A and B share a name?
what lies in A but outside B and outside the restricted indices?) becomes
one expression, such as ``A & ~(B₁|…|Bₙ)``, whose emptiness is decided by a
breadth-first walk over its derivatives. The first name the walk completes
is a shortest one, and, since blocks are tried in ``rank`` order and each is
spelled by its best character, the first of those in that order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from linter import patterns_charset as charset
from linter import patterns_expr as expr
from linter.patterns_expr import Node, TooComplex


def shortest(node: Node, max_states: int) -> str | None:
    """A shortest name of ``node``, or ``None`` when its language is empty.

    Raises ``TooComplex`` when the walk needs more than ``max_states``
    distinct states (Elasticsearch caps determinisation the same way).
    """
    if node.nullable:
        return ""
    parents: dict[Node, tuple[Node, str]] = {node: (node, "")}
    queue = deque([node])
    try:
        while queue:
            here = queue.popleft()
            for block in expr.blocks(here):
                char = charset.representative(block)
                state = expr.derivative(here, char)
                if state is expr.EMPTY or state in parents:
                    continue
                parents[state] = (here, char)
                if state.nullable:
                    return _spell(parents, state)
                if len(parents) > max_states:
                    raise TooComplex(f"more than {max_states} states")
                queue.append(state)
    except RecursionError:
        raise TooComplex("expressions nested too deeply") from None
    return None


def _spell(parents: dict[Node, tuple[Node, str]], state: Node) -> str:
    chars = []
    previous, char = parents[state]
    while char:
        chars.append(char)
        state = previous
        previous, char = parents[state]
    return "".join(reversed(chars))


def question(include: Sequence[Sequence[Node]], exclude: Sequence[Node]) -> Node:
    """The names in some node of every list of ``include`` and in no node of
    ``exclude``."""
    unions = [expr.or_(*nodes) for nodes in include]
    if exclude:
        unions.append(expr.not_(expr.or_(*exclude)))
    return expr.and_(*unions)


def matches(node: Node, name: str) -> bool:
    """``patterns_expr.matches``, with deep nesting turned into ``TooComplex``."""
    try:
        return expr.matches(node, name)
    except RecursionError:
        raise TooComplex("expressions nested too deeply") from None
