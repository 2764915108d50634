"""What the YAML reader takes from libyaml's events, and how it types scalars.

Scalars are typed as YAML 1.1 safe loading types them (int, float, bool,
null, otherwise str), with PyYAML's own resolvers and constructors, so a
value reads the same as ``yaml.safe_load`` would give it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import yaml
import yaml.constructor
import yaml.resolver

from linter.source import Scalar

_STR = "tag:yaml.org,2002:str"
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_BOOLS: dict[str, bool] = _CONSTRUCTOR.bool_values


class Mark(Protocol):
    """A place in the text as libyaml reports it: 0-based, in characters."""

    line: int
    column: int
    index: int


class Event(Protocol):
    """The parts of a parse event read here."""

    anchor: str | None
    start_mark: Mark
    end_mark: Mark


class ScalarEvent(Event, Protocol):
    value: str
    tag: str | None
    implicit: tuple[bool, bool]


class StartEvent(Event, Protocol):
    flow_style: bool | None


def convert(event: ScalarEvent) -> Scalar:
    """The value of a scalar, typed as YAML 1.1 safe loading types it."""
    value = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:  # quoted, a block scalar, or tagged ``!``
            return value
        resolvers = _IMPLICIT.get(value[:1])
        if resolvers is None:  # most text: no typed value starts this way
            return value
        tag = next((t for t, pattern in resolvers if pattern.match(value)), _STR)
    converter = _CONVERTERS.get(tag)
    if converter is None:  # strings, timestamps, binary, unknown tags
        return value
    try:
        return converter(value)
    except (ValueError, KeyError):  # an explicit tag on text it cannot take
        return value


def _number(kind: str) -> Callable[[str], Scalar]:
    """PyYAML's own reading of ints or floats: signs, ``0x``, ``1_000``,
    sexagesimal ``1:30``, ``.inf`` and the rest of YAML 1.1."""
    construct = getattr(_CONSTRUCTOR, f"construct_yaml_{kind}")
    tag = f"tag:yaml.org,2002:{kind}"

    def convert(value: str) -> Scalar:
        number: int | float = construct(yaml.ScalarNode(tag, value))
        return number

    return convert


_CONVERTERS: dict[str, Callable[[str], Scalar]] = {
    "tag:yaml.org,2002:null": lambda value: None,
    "tag:yaml.org,2002:bool": lambda value: _BOOLS[value.lower()],
    "tag:yaml.org,2002:int": _number("int"),
    "tag:yaml.org,2002:float": _number("float"),
}
