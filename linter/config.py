"""rclint's configuration: what to check and what files cannot say.

``Config`` is the validated, immutable result of reading ``rclint.toml`` or
the ``[tool.rclint]`` table of ``pyproject.toml``.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import json
import logging
import os
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.errors import ConfigurationError
from linter.findings import ConfigSuppression, Rule, Severity
from linter.model import ClusterDeclaration, LinkDeclaration

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RuleSelection:
    """One layer of rule selectors, as one place (the command line) wrote them.

    ``select`` None keeps the selection of the layer below; a tuple starts
    the selection afresh from it.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration of one run.

    ``select``, ``extend_select`` and ``ignore`` are the configuration
    file's; ``command_line`` is the layer of flags over them. The layers
    combine as ruff's do: within a layer the most specific selector matching
    a code decides, ``ignore`` winning ties; a layer with a ``select`` starts
    afresh (so ``--select`` drops the file's ``select``, ``extend-select``
    and ``ignore``); a layer without one only adds its ``extend-select`` and
    ``ignore`` to what the layer below selected.

    ``links`` is keyed by (local cluster name, alias). ``rules`` holds each
    rule's options by rule code, already validated against the rule's
    options schema. ``path`` is the file it was read from, if any.
    ``suppressions`` are the ``[[suppress]]`` tables: findings accepted by
    the identity of what they are about.
    """

    path: str | None = None
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    clusters: Mapping[str, ClusterDeclaration] = field(default_factory=dict)
    links: Mapping[tuple[str, str], LinkDeclaration] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    command_line: RuleSelection = RuleSelection()
    suppressions: tuple[ConfigSuppression, ...] = ()


CONFIG_FILES = (".rclint.toml", "rclint.toml", "pyproject.toml")
"""The files searched in each directory, in order of precedence (as ruff's)."""

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "config.schema.json"
SELECTOR_PATTERN = "^(ALL|[A-Z]{1,4}[0-9]{0,3})$"

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_TYPE_NAMES = {
    "object": "a table",
    "array": "an array",
    "string": "a string",
    "boolean": "a boolean",
    "integer": "an integer",
    "number": "a number",
    "null": "null",
}
_PATTERN_NAMES = {
    SELECTOR_PATTERN: "a rule code, a code prefix or `ALL` (like `RC401` or `RC4`)",
}


def load_config(paths: Sequence[str]) -> Config:
    """The configuration that applies to ``paths``: the closest configuration
    file from the first path upwards, or the defaults when there is none."""
    start = os.path.abspath(paths[0] if paths else ".")
    if not os.path.isdir(start):
        start = os.path.dirname(start)
    for folder in _upwards(start):
        for name in CONFIG_FILES:
            path = os.path.join(folder, name)
            table = _read_table(path) if os.path.isfile(path) else None
            if table is not None:
                logger.debug("using the configuration in %s", path)
                return _build(path, table)
    logger.debug("no configuration file found from %s upwards", start)
    return Config()


def load_config_file(path: str) -> Config:
    """The configuration in the file ``path``, named on the command line."""
    if not os.path.isfile(path):
        raise ConfigurationError(f"configuration file `{path}` does not exist")
    table = _read_table(path)
    if table is None:
        raise ConfigurationError(f"{_display(path)}: no [tool.rclint] table")
    return _build(os.path.abspath(path), table)


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

    As in ruff, ``select`` replaces the file's whole selection: its
    ``select``, ``extend-select`` and ``ignore`` no longer count. Without
    ``select``, ``extend_select`` adds to the file's selection and
    ``ignore`` to its ignore list, each winning over the file's selectors
    whatever their specificity.
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
    spelled = f"tool.rclint.{key}" if _is_pyproject(config.path) else key
    return _display(config.path), spelled


def validate_rule_options(config: Config, rules: Sequence[Rule]) -> Config:
    """``config`` with every rule's options validated and merged over the
    rule's defaults; options of unknown rules are an error."""
    place = _Place(config.path)
    by_code = {rule.code: rule for rule in rules}
    errors: list[str] = []
    for code, options in config.rules.items():
        rule = by_code.get(code)
        if rule is None:
            errors.append(_unknown_rule(place, code, sorted(by_code)))
        else:
            errors.extend(_option_errors(place, rule, options))
    if errors:
        raise ConfigurationError("\n".join(errors))
    merged = {
        rule.code: {**rule.defaults, **config.rules.get(rule.code, {})}
        for rule in rules
    }
    return dataclasses.replace(config, rules=merged)


# --- reading ------------------------------------------------------------------


def _upwards(directory: str) -> Iterator[str]:
    while True:
        yield directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return
        directory = parent


def _read_table(path: str) -> dict[str, Any] | None:
    """The rclint table of a configuration file; None for a pyproject.toml
    without one."""
    try:
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    except OSError as error:
        message = f"cannot read {_display(path)}: {error.strerror}"
        raise ConfigurationError(message) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(_syntax_error(path, str(error))) from None
    if not _is_pyproject(path):
        return data
    tool = data.get("tool")
    table = tool.get("rclint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigurationError(f"{_display(path)}: [tool.rclint] must be a table")
    return table


def _syntax_error(path: str, message: str) -> str:
    """tomllib's message, with its position moved to the front, ruff style."""
    match = _TOML_POSITION.search(message)
    if match:
        reason = message[: match.start()]
        row, column = match.groups()
    else:
        # The error is at the end of the document: point after its last character.
        with open(path, encoding="utf-8", errors="replace") as stream:
            lines = stream.read().split("\n")
        reason = message.replace(" (at end of document)", "")
        row, column = str(len(lines)), str(len(lines[-1]) + 1)
    return f"{_display(path)}:{row}:{column}: invalid TOML: {reason}"


def _build(path: str, table: dict[str, Any]) -> Config:
    errors = _schema_errors(_Place(path), _load_schema(), _plain(table))
    if errors:
        raise ConfigurationError("\n".join(errors))
    clusters = {
        name: ClusterDeclaration(
            entry.get("security-domain"), entry.get("public-ca", False)
        )
        for name, entry in table.get("clusters", {}).items()
    }
    links = {
        (local, alias): LinkDeclaration(entry.get("cluster"), entry.get("api-key"))
        for local, aliases in table.get("links", {}).items()
        for alias, entry in aliases.items()
    }
    return Config(
        path=path,
        select=tuple(table.get("select", ("ALL",))),
        ignore=tuple(table.get("ignore", ())),
        extend_select=tuple(table.get("extend-select", ())),
        fail_on=Severity.parse(table.get("fail-on", "warning")),
        clusters=clusters,
        links=links,
        rules=table.get("rules", {}),
    )


def _load_schema() -> dict[str, Any]:
    with open(SCHEMA_FILE, encoding="utf-8") as stream:
        schema: dict[str, Any] = json.load(stream)
    return schema


def _plain(value: Any) -> Any:
    """TOML data as JSON data: dates and times become strings."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


# --- messages -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    """Names places in one configuration file the way its author wrote them."""

    path: str | None
    root: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return _display(self.path) if self.path else "configuration"

    def table(self, keys: Sequence[str]) -> str:
        """``in [clusters.eu]``, with pyproject.toml's ``tool.rclint`` prefix."""
        in_pyproject = _is_pyproject(self.path)
        full = [*self.root, *keys]
        full = ["tool", "rclint", *full] if in_pyproject else full
        if not full:
            return "at the top level"
        return "in [" + ".".join(map(_toml_key, full)) + "]"

    def value(self, path: Sequence[str | int]) -> tuple[str, str]:
        """The key expression (``select[1]``) and the table holding it."""
        full = [*self.root, *path]
        first_index = next((i for i, s in enumerate(full) if isinstance(s, int)), None)
        head = [str(s) for s in full[:first_index]]
        tail = "".join(f"[{s}]" for s in full[len(head) :])
        outer = _Place(self.path)
        return f"{head[-1]}{tail}", outer.table(head[:-1])


def _schema_errors(place: _Place, schema: Mapping[str, Any], data: Any) -> list[str]:
    import jsonschema_rs

    validator = jsonschema_rs.validator_for(dict(schema))
    errors = sorted(
        validator.iter_errors(data), key=lambda e: list(map(str, e.instance_path))
    )
    return [_describe(place, schema, error) for error in errors]


def _describe(place: _Place, schema: Mapping[str, Any], error: Any) -> str:
    kind, details = error.kind.name, error.kind.as_dict()
    if kind == "additionalProperties":
        allowed = _allowed_keys(schema, error.schema_path[:-1])
        where = place.table([str(s) for s in error.instance_path])
        unexpected = details["unexpected"]
        return "\n".join(_unknown_key(place, key, where, allowed) for key in unexpected)
    key, where = place.value(error.instance_path)
    if kind == "type":
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in details["types"])
    elif kind == "enum":
        expected = "one of " + ", ".join(f"`{option}`" for option in details["options"])
    elif kind == "pattern":
        pattern = details["pattern"]
        expected = _PATTERN_NAMES.get(pattern, f"a string matching `{pattern}`")
    else:
        return f"{place.file}: `{key}` {where}: {error.message}"
    found = json.dumps(error.instance)
    return f"{place.file}: `{key}` {where} must be {expected}; found `{found}`"


def _allowed_keys(
    schema: Mapping[str, Any], location: Sequence[str | int]
) -> list[str]:
    node: Any = schema
    for step in location:
        node = node[step]
    return list(node.get("properties", {}))


def _unknown_key(place: _Place, key: str, where: str, allowed: Sequence[str]) -> str:
    message = f"{place.file}: unknown key `{key}` {where}"
    return message + _suggestion(key, allowed)


def _suggestion(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"; did you mean `{close[0]}`?"
    if choices:
        return "; expected one of " + ", ".join(f"`{choice}`" for choice in choices)
    return ""


def _unknown_rule(place: _Place, code: str, codes: Sequence[str]) -> str:
    message = f"{place.file}: unknown rule `{code}` {place.table(['rules'])}"
    close = difflib.get_close_matches(code, codes, n=1)
    if close:
        return f"{message}; did you mean `{close[0]}`?"
    return f"{message}; `rclint rules` lists the known rules"


def _option_errors(place: _Place, rule: Rule, options: Any) -> list[str]:
    prefix = place.table(["rules", rule.code])
    if not rule.options_schema:
        if not options:
            return []
        given = ", ".join(f"`{key}`" for key in options)
        what = f"rule `{rule.code}` ({rule.name}) has no options"
        return [f"{place.file}: {what}; found {given} {prefix}"]
    nested = _Place(place.path, ("rules", rule.code))
    return _schema_errors(nested, rule.options_schema, _plain(options))


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key)


def _display(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


def _is_pyproject(path: str | None) -> bool:
    return path is not None and os.path.basename(path) == "pyproject.toml"
