"""Which rules a run checks: ``select``, ``extend-select`` and ``ignore``.

Selectors are rule codes, code prefixes (``RC4``, ``RC40``) or ``ALL``. As in
ruff, the most specific selector matching a code decides; at equal
specificity ``ignore`` wins over ``select``.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable, Sequence

from linter.config import Config
from linter.errors import UsageError
from linter.findings import Rule

logger = logging.getLogger(__name__)

ALL = "ALL"


def select_rules(rules: Sequence[Rule], config: Config) -> tuple[Rule, ...]:
    """The rules of ``rules`` that ``config`` selects, in their order.

    A selector that matches no rule is a ``UsageError``: it is almost
    always a typing mistake that would silently check nothing.
    """
    codes = [rule.code for rule in rules]
    _check_selectors(codes, config)
    chosen = []
    for rule in rules:
        if is_selected(rule.code, config):
            chosen.append(rule)
        else:
            logger.debug("rule %s (%s) is not selected", rule.code, rule.name)
    return tuple(chosen)


def is_selected(code: str, config: Config) -> bool:
    """Whether the most specific selector matching ``code`` selects it."""
    selected = _specificity((*config.select, *config.extend_select), code)
    ignored = _specificity(config.ignore, code)
    return selected > ignored


def _specificity(selectors: Iterable[str], code: str) -> int:
    """How specific the most specific selector matching ``code`` is: 0 for
    ``ALL``, the prefix length otherwise, -1 when none matches."""
    best = -1
    for selector in selectors:
        if selector == ALL:
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def _check_selectors(codes: Sequence[str], config: Config) -> None:
    options = (
        ("select", config.select),
        ("extend-select", config.extend_select),
        ("ignore", config.ignore),
    )
    for option, selectors in options:
        for selector in selectors:
            if selector != ALL and not any(c.startswith(selector) for c in codes):
                message = f"unknown rule selector `{selector}` in {option}"
                raise UsageError(message + _suggestion(selector, codes))


def _suggestion(selector: str, codes: Sequence[str]) -> str:
    upper = selector.upper()
    if upper != selector and any(code.startswith(upper) for code in codes):
        return f"; did you mean `{upper}`?"
    close = difflib.get_close_matches(upper, codes, n=1)
    if close:
        return f"; did you mean `{close[0]}`?"
    return "; `rclint rules` lists the known rules"
