"""Which rules a run checks: ``select``, ``extend-select`` and ``ignore``.

Selectors are rule codes, code prefixes (``RC4``, ``RC40``) or ``ALL``. They
come in layers, combined as ruff combines its configuration and command
line: the configuration file's selectors, then the command line's (see
``Config``). Within a layer the most specific selector matching a code
decides, and at equal specificity ``ignore`` wins over ``select``; a layer
with a ``select`` starts afresh, one without changes only the codes its
selectors match.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from linter.config import Config, table_root
from linter.errors import ConfigurationError, UsageError
from linter.findings import Rule

logger = logging.getLogger(__name__)

ALL = "ALL"
# Checked whatever the selectors say: a file that does not parse must fail
# the run, never be skipped in silence (as ruff always reports syntax errors).
ALWAYS_SELECTED = frozenset({"RC001"})
_KEYS = ("select", "extend-select", "ignore")


@dataclass(frozen=True, slots=True)
class _Layer:
    """One layer's selectors; ``select`` None keeps the layer below's."""

    select: tuple[str, ...] | None
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]


def select_rules(rules: Sequence[Rule], config: Config) -> tuple[Rule, ...]:
    """The rules of ``rules`` that ``config`` selects, in their order.

    A selector that matches no rule is an error naming where it was
    written: it is almost always a typing mistake that would silently check
    nothing.
    """
    codes = [rule.code for rule in rules]
    _check_selectors(codes, config)
    _warn_of_ignored_mandatory(config)
    chosen = []
    for rule in rules:
        if rule.code in ALWAYS_SELECTED or is_selected(rule.code, config):
            chosen.append(rule)
        else:
            logger.debug("rule %s (%s) is not selected", rule.code, rule.name)
    return tuple(chosen)


def _warn_of_ignored_mandatory(config: Config) -> None:
    """Say so when a rule that always runs is ignored by its full code."""
    line = config.command_line
    for code in ALWAYS_SELECTED & {*config.ignore, *line.ignore}:
        logger.warning(
            "%s cannot be ignored: a file that does not parse always fails the run",
            code,
        )


def is_selected(code: str, config: Config) -> bool:
    """Whether the layers of ``config``, applied in turn, select ``code``."""
    selected = False
    for layer in _layers(config):
        decision = _decision(layer, code)
        if layer.select is not None:
            selected = decision is True
        elif decision is not None:
            selected = decision
    return selected


def _layers(config: Config) -> tuple[_Layer, ...]:
    """The defaults, the files' layers (base first), the command line."""
    selections = (*config.bases, config.own_selection, config.command_line)
    return (
        _Layer((ALL,), (), ()),
        *(_Layer(s.select, s.extend_select, s.ignore) for s in selections),
    )


def _decision(layer: _Layer, code: str) -> bool | None:
    """What ``layer`` says about ``code``: selected, ignored, or nothing."""
    selected = _specificity((*(layer.select or ()), *layer.extend_select), code)
    ignored = _specificity(layer.ignore, code)
    if selected == ignored == -1:
        return None
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
    for selector, where, key in _written_selectors(config):
        if selector == ALL or any(code.startswith(selector) for code in codes):
            continue
        message = f"unknown rule selector `{selector}` in {key}"
        message += _suggestion(selector, codes)
        if where is None:
            raise UsageError(message)
        raise ConfigurationError(f"{where}: {message}")


def _written_selectors(config: Config) -> Iterator[tuple[str, str | None, str]]:
    """Each selector with its place (``file:row:column``, None for a flag)
    and the key (or flag) it was written in."""
    for layer in (*config.bases, config.own_selection):
        source = layer.source
        written = (layer.select or (), layer.extend_select, layer.ignore)
        for key, selectors in zip(_KEYS, written, strict=True):
            spelled = ".".join((*table_root(source), key))
            for index, selector in enumerate(selectors):
                where = config.place(source, (key, index)) if source else None
                yield selector, where, spelled
    line = config.command_line
    in_flags = (line.select or (), line.extend_select, line.ignore)
    for key, selectors in zip(_KEYS, in_flags, strict=True):
        yield from ((selector, None, f"--{key}") for selector in selectors)


def _suggestion(selector: str, codes: Sequence[str]) -> str:
    upper = selector.upper()
    if upper != selector and any(code.startswith(upper) for code in codes):
        return f"; did you mean `{upper}`?"
    close = difflib.get_close_matches(upper, codes, n=1)
    if close:
        return f"; did you mean `{close[0]}`?"
    return "; `rclint rules` lists the known rules"
