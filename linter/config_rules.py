"""Checks of a configuration against the rules there are: every rule code
it names exists, and every rule's options match the rule's options schema.

Selectors of ``select``, ``extend-select`` and ``ignore`` are checked where
rules are selected (``selection``); the rest is checked here, each error at
its place in the file that wrote it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from typing import Any

from linter.config import Config, display
from linter.config_messages import Place, schema_errors
from linter.errors import ConfigurationError
from linter.findings import Rule


def check_against_rules(config: Config, rules: Sequence[Rule]) -> None:
    """Raise ``ConfigurationError`` listing every reference to an unknown
    rule and every invalid rule option of ``config``."""
    by_code = {rule.code: rule for rule in rules}
    errors = [
        *_rule_table_errors(config, by_code),
        *_severity_errors(config, sorted(by_code)),
        *_per_file_errors(config, sorted(by_code)),
        *_suppression_errors(config, sorted(by_code)),
    ]
    if errors:
        raise ConfigurationError("\n".join(errors))


def matches_a_rule(selector: str, codes: Sequence[str]) -> bool:
    return selector == "ALL" or any(code.startswith(selector) for code in codes)


def _place(config: Config, file: str | None) -> Place:
    return Place(file, config.places.get(file) if file else None)


def _rule_table_errors(config: Config, by_code: dict[str, Rule]) -> Iterator[str]:
    for code, options in config.rules.items():
        place = _place(config, config.origins.get(("rules", code), config.path))
        rule = by_code.get(code)
        if rule is None:
            yield _unknown_code(place, ["rules", code], code, sorted(by_code))
        else:
            yield from _option_errors(place, rule, options)


def _severity_errors(config: Config, codes: Sequence[str]) -> Iterator[str]:
    for selector in config.severities:
        if not matches_a_rule(selector, codes):
            file = config.origins.get(("severity", selector), config.path)
            place = _place(config, file)
            yield _unknown_code(place, ["severity", selector], selector, codes)


def _per_file_errors(config: Config, codes: Sequence[str]) -> Iterator[str]:
    for entry in config.per_file_ignores:
        place = _place(config, entry.source)
        for index, selector in enumerate(entry.selectors):
            if not matches_a_rule(selector, codes):
                path: list[str | int] = ["per-file-ignores", entry.pattern, index]
                yield _unknown_code(place, path, selector, codes, key=False)


def _suppression_errors(config: Config, codes: Sequence[str]) -> Iterator[str]:
    for suppression in config.suppressions:
        if suppression.rule in codes:
            continue
        span = suppression.span
        where = display(span.file) if span else "configuration"
        if span is not None:
            where += f":{span.start.row}:{span.start.column}"
        hint = _hint(suppression.rule, codes)
        yield f"{where}: unknown rule `{suppression.rule}` in [[suppress]]{hint}"


def _unknown_code(
    place: Place,
    path: list[str | int],
    code: str,
    codes: Sequence[str],
    *,
    key: bool = True,
) -> str:
    keys = [step for step in path[:-1] if isinstance(step, str)]
    where = place.table(keys) if key else place.table(keys[:1])
    return (
        f"{place.at(path, key=key)}: unknown rule `{code}` {where}{_hint(code, codes)}"
    )


def _hint(code: str, codes: Sequence[str]) -> str:
    close = difflib.get_close_matches(code, codes, n=1)
    if close:
        return f"; did you mean `{close[0]}`?"
    return "; `rclint rules` lists the known rules"


def _option_errors(place: Place, rule: Rule, options: Any) -> list[str]:
    prefix = place.table(["rules", rule.code])
    if not rule.options_schema:
        if not options:
            return []
        given = ", ".join(f"`{key}`" for key in options)
        what = f"rule `{rule.code}` ({rule.name}) has no options"
        where = place.at(["rules", rule.code], key=True)
        return [f"{where}: {what}; found {given} {prefix}"]
    nested = Place(place.path, place.places, ("rules", rule.code))
    return schema_errors(nested, rule.options_schema, options)
