"""``rclint config``: the effective configuration, and where each value
came from (a file's row and column, or the defaults).

The text form is itself a TOML document that rclint would read the same
way, with the origin of each value as a comment; the rules a run would
check come first, as the outcome of every layer of selectors.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from linter.config import Config, display
from linter.config_messages import toml_key
from linter.findings import ConfigSuppression, Rule
from linter.toml_places import TomlPath

DEFAULT = "default"
_SELECTOR_KEYS = ("select", "extend-select", "ignore")


def config_entries(config: Config) -> list[tuple[TomlPath, Any, str]]:
    """Every effective value but the rule selectors, by its path, with its
    origin."""
    fail_on: TomlPath = ("fail-on",)
    entries: list[tuple[TomlPath, Any, str]] = [
        (fail_on, config.fail_on.label, _origin(config, fail_on))
    ]
    for path in sorted(config.origins, key=lambda p: tuple(map(str, p))):
        if path[0] != "fail-on":
            entries.append((path, _value(config, path), _origin(config, path)))
    for index, suppression in enumerate(config.suppressions):
        span = suppression.span
        origin = DEFAULT
        if span is not None:
            origin = f"{display(span.file)}:{span.start.row}:{span.start.column}"
        fields = _suppression_fields(suppression).items()
        entry = {key: value for key, value in fields if value is not None}
        entries.append((("suppress", index), entry, origin))
    return entries


def selection_layers(config: Config) -> Iterator[tuple[str, str, list[str], str]]:
    """Each selector list of each layer, lowest first: (layer, key, selectors,
    origin)."""
    yield "defaults", "select", ["ALL"], DEFAULT
    for layer in (*config.bases, config.own_selection):
        if layer.source is None:
            continue
        written = (layer.select, layer.extend_select, layer.ignore)
        for key, selectors in zip(_SELECTOR_KEYS, written, strict=True):
            if selectors:
                origin = config.place(layer.source, (key,))
                yield display(layer.source), key, list(selectors), origin


def render_text(config: Config, checked: Sequence[Rule]) -> str:
    lines = [f"# configuration: {_files(config)}"]
    lines.append("# rules checked: " + " ".join(rule.code for rule in checked))
    lines.append("# rule selection, lowest layer first:")
    for _, key, selectors, origin in selection_layers(config):
        lines.append(f"#   {key} = {_toml(selectors)}  ({origin})")
    table: TomlPath = ()
    for path, value, origin in config_entries(config):
        header, key = path[:-1], str(path[-1])
        if path[0] == "suppress":
            lines += ["", f"[[suppress]]  # {origin}"]
            lines += [f"{k} = {_toml(v)}" for k, v in value.items()]
            table = ("suppress",)
            continue
        if header != table:
            lines += ["", "[" + ".".join(toml_key(str(part)) for part in header) + "]"]
            table = header
        lines.append(f"{toml_key(str(key))} = {_toml(value)}  # {origin}")
    return "\n".join(lines) + "\n"


def render_json(config: Config, checked: Sequence[Rule]) -> str:
    selection = [
        {"layer": layer, "key": key, "selectors": selectors, "origin": origin}
        for layer, key, selectors, origin in selection_layers(config)
    ]
    values = [
        {"key": list(path), "value": value, "origin": origin}
        for path, value, origin in config_entries(config)
    ]
    document = {
        "files": [display(f) for f in _chain(config)],
        "rules_checked": [rule.code for rule in checked],
        "selection": selection,
        "values": values,
    }
    return json.dumps(document, indent=2)


def _chain(config: Config) -> list[str]:
    bases = [layer.source for layer in config.bases if layer.source]
    return [*bases, config.path] if config.path else []


def _files(config: Config) -> str:
    chain = _chain(config)
    if not chain:
        return "none found; the defaults apply"
    nearest, bases = chain[-1], chain[:-1]
    extending = (
        f", extending {', '.join(map(display, reversed(bases)))}" if bases else ""
    )
    return display(nearest) + extending


def _origin(config: Config, path: TomlPath) -> str:
    file = config.origins.get(path)
    return config.place(file, path) if file else DEFAULT


def _value(config: Config, path: TomlPath) -> Any:
    """The value at ``path`` as the configuration holds it."""
    kind = path[0]
    if kind == "clusters":
        declaration = config.clusters[str(path[1])]
        return {
            "security-domain": declaration.security_domain,
            "public-ca": declaration.public_ca,
        }
    if kind == "links":
        link = config.links[(str(path[1]), str(path[2]))]
        return {"cluster": link.cluster, "api-key": link.api_key}
    if kind == "rules":
        return dict(config.rules.get(str(path[1]), {}))
    if kind == "severity":
        return config.severities[str(path[1])].label
    if kind == "per-file-ignores":
        return next(
            list(e.selectors) for e in config.per_file_ignores if e.pattern == path[1]
        )
    raise KeyError(path)


def _suppression_fields(suppression: ConfigSuppression) -> dict[str, Any]:
    expires = suppression.expires.isoformat() if suppression.expires else None
    return {
        "rule": suppression.rule,
        "reason": suppression.reason,
        "cluster": suppression.cluster,
        "kind": suppression.kind,
        "name": suppression.name,
        "expires": expires,
    }


def _toml(value: Any) -> str:
    """A value written as TOML: JSON's notation serves for strings, numbers
    and arrays; tables become inline tables; None values are left out."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        items = (
            f"{toml_key(k)} = {_toml(v)}" for k, v in value.items() if v is not None
        )
        return "{ " + ", ".join(items) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)
