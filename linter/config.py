"""rclint's configuration: what to check and what files cannot say.

``Config`` is the validated, immutable result of reading ``.rclint.toml``,
``rclint.toml`` or the ``[tool.rclint]`` table of ``pyproject.toml`` (the
closest to the linted path wins), and of the files it ``extend``s; reading
is in ``config_read``, the wording of its errors in ``config_messages``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter.findings import ConfigSuppression, Rule, Severity
from linter.model import ClusterDeclaration, LinkDeclaration
from linter.toml_places import TomlPath, TomlPlaces

CONFIG_FILES = (".rclint.toml", "rclint.toml", "pyproject.toml")
"""The files searched in each directory, in order of precedence (as ruff's)."""


@dataclass(frozen=True, slots=True)
class RuleSelection:
    """One layer of rule selectors, as one place wrote them.

    ``select`` None keeps the selection of the layer below; a tuple starts
    the selection afresh from it. ``source`` is the configuration file of
    the layer, None for the command line.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True, slots=True)
class PerFileIgnore:
    """Rules not reported for the files a glob ``pattern`` matches.

    A pattern with a ``/`` is matched against the path relative to
    ``directory`` (the directory of the file that wrote it); one without
    matches a file name anywhere. ``**`` spans directories, ``*`` and ``?``
    stay within one.
    """

    pattern: str
    directory: str
    selectors: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration of one run.

    Rule selection comes in layers, combined as ruff combines them: the
    defaults (``ALL``), the files this one ``extend``s (``bases``, base
    first), this file's own ``select``, ``extend_select`` and ``ignore``,
    and the command line (``command_line``). Within a layer the most
    specific selector matching a code decides, ``ignore`` winning ties; a
    layer with a ``select`` starts afresh, one without only adds its
    ``extend-select`` and ``ignore`` to what the layers below selected.

    ``links`` is keyed by (local cluster name, alias). ``rules`` holds each
    rule's options by rule code, validated against the rule's options
    schema. ``severities`` overrides rules' severities by selector.
    ``suppressions`` are the ``[[suppress]]`` tables: findings accepted by
    the identity of what they are about. ``path`` is the file read (None
    for the defaults); ``places`` holds where each key and value of every
    file read is written, and ``origins`` where each effective value was
    set, by its path in the configuration.
    """

    path: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    clusters: Mapping[str, ClusterDeclaration] = field(default_factory=dict)
    links: Mapping[tuple[str, str], LinkDeclaration] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    command_line: RuleSelection = RuleSelection()
    suppressions: tuple[ConfigSuppression, ...] = ()
    bases: tuple[RuleSelection, ...] = ()
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    places: Mapping[str, TomlPlaces] = field(default_factory=dict, compare=False)
    origins: Mapping[TomlPath, str] = field(default_factory=dict, compare=False)

    @property
    def own_selection(self) -> RuleSelection:
        """The selectors this file itself writes."""
        return RuleSelection(self.select, self.extend_select, self.ignore, self.path)

    def place(self, file: str, path: TomlPath, *, key: bool = False) -> str:
        """``file:row:column`` of ``path`` as ``file`` writes it (the key's
        place when ``key``), or the file alone when it is not found."""
        places = self.places.get(file)
        span = places.of((*table_root(file), *path), key=key) if places else None
        shown = display(file)
        return f"{shown}:{span.start.row}:{span.start.column}" if span else shown


def load_config(paths: Sequence[str]) -> Config:
    """The configuration that applies to ``paths``: the closest configuration
    file from the first path upwards, or the defaults when there is none."""
    from linter.config_read import find_and_read

    return find_and_read(paths[0] if paths else ".")


def load_config_file(path: str) -> Config:
    """The configuration in the file ``path``, named on the command line."""
    from linter.config_read import read_named

    return read_named(path)


def replace_selection(
    config: Config,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_select: Sequence[str] | None = None,
    fail_on: Severity | None = None,
) -> Config:
    """``config`` with the command line's selectors as its ``command_line``
    layer (replacing an earlier one) and its ``fail_on``, unless None.

    As in ruff, ``select`` replaces the whole selection of the files: their
    ``select``, ``extend-select`` and ``ignore`` no longer count. Without
    ``select``, ``extend_select`` adds to the files' selection and
    ``ignore`` to their ignore lists, each winning over the files'
    selectors whatever their specificity.
    """
    layer = RuleSelection(
        select=None if select is None else tuple(select),
        extend_select=tuple(extend_select or ()),
        ignore=tuple(ignore or ()),
    )
    return dataclasses.replace(
        config,
        command_line=layer,
        fail_on=config.fail_on if fail_on is None else fail_on,
    )


def key_place(config: Config, key: str) -> tuple[str | None, str]:
    """The file a top-level ``key`` of ``config`` was read from, as messages
    show it (None for a configuration built in code), and the key as its
    author wrote it (``tool.rclint.select`` in pyproject.toml)."""
    if config.path is None:
        return None, key
    spelled = ".".join((*table_root(config.path), key))
    return display(config.path), spelled


def validate_rule_options(config: Config, rules: Sequence[Rule]) -> Config:
    """``config`` checked against the rules there are: every rule code it
    names must exist, every rule's options must match the rule's options
    schema; each rule's options are then merged over its defaults."""
    from linter.config_rules import check_against_rules

    check_against_rules(config, rules)
    merged = {
        rule.code: {**rule.defaults, **config.rules.get(rule.code, {})}
        for rule in rules
    }
    return dataclasses.replace(config, rules=merged)


def table_root(path: str | None) -> tuple[str, ...]:
    """Where rclint's table starts in ``path``: ``tool.rclint`` in
    ``pyproject.toml``, the top of any other file."""
    in_pyproject = path is not None and os.path.basename(path) == "pyproject.toml"
    return ("tool", "rclint") if in_pyproject else ()


def display(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative
