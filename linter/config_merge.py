"""Merging the files of an ``extend`` chain into one ``Config``, and
remembering which file set each effective value (``rclint config``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from linter.config import Config, PerFileIgnore, RuleSelection, table_root
from linter.findings import ConfigSuppression, Severity
from linter.model import ClusterDeclaration, LinkDeclaration
from linter.source import Span
from linter.toml_places import TomlPath, TomlPlaces

# Tables whose entries merge one by one, and how deep an entry sits.
_KEYED_TABLES = {
    "clusters": 1,
    "links": 2,
    "rules": 1,
    "severity": 1,
    "per-file-ignores": 1,
}


def merged_config(
    path: str,
    tables: Sequence[tuple[str, Mapping[str, Any]]],
    places: Mapping[str, TomlPlaces],
    *,
    selections: Sequence[RuleSelection],
    per_file_ignores: Sequence[PerFileIgnore],
) -> Config:
    """The configuration of ``tables`` (base first, ``path``'s last), each
    given as JSON data with the file it came from."""
    merged: dict[TomlPath, Any] = {}
    origins: dict[TomlPath, str] = {}
    for file, table in tables:
        for key, value in _entries(table):
            merged[key] = value
            origins[key] = file
    suppressions = tuple(_suppressions(tables, places))
    own = selections[-1]
    return Config(
        path=path,
        select=own.select,
        ignore=own.ignore,
        extend_select=own.extend_select,
        fail_on=Severity.parse(merged.get(("fail-on",), "warning")),
        clusters=_clusters(merged),
        links=_links(merged),
        rules={
            str(key[1]): value for key, value in merged.items() if key[0] == "rules"
        },
        suppressions=suppressions,
        bases=tuple(selections[:-1]),
        per_file_ignores=_latest_per_pattern(per_file_ignores),
        severities={
            str(key[1]): Severity.parse(value)
            for key, value in merged.items()
            if key[0] == "severity"
        },
        places=dict(places),
        origins=origins,
    )


def _entries(table: Mapping[str, Any]) -> Iterable[tuple[TomlPath, Any]]:
    """The values of ``table`` by path: keyed tables entry by entry; the
    selectors and suppressions, which do not replace the base's, left out."""
    for key, value in table.items():
        depth = _KEYED_TABLES.get(key)
        if key in ("select", "extend-select", "ignore", "suppress", "extend"):
            continue
        if depth is None:
            yield (key,), value
        else:
            yield from _keyed(key, value, depth)


def _keyed(
    key: str, value: Mapping[str, Any], depth: int
) -> Iterable[tuple[TomlPath, Any]]:
    for name, entry in value.items():
        if depth == 1:
            yield (key, name), entry
        else:
            for inner, item in entry.items():
                yield (key, name, inner), item


def _clusters(merged: Mapping[TomlPath, Any]) -> dict[str, ClusterDeclaration]:
    return {
        str(key[1]): ClusterDeclaration(
            value.get("security-domain"), value.get("public-ca", False)
        )
        for key, value in merged.items()
        if key[0] == "clusters"
    }


def _links(merged: Mapping[TomlPath, Any]) -> dict[tuple[str, str], LinkDeclaration]:
    return {
        (str(key[1]), str(key[2])): LinkDeclaration(
            value.get("cluster"), value.get("api-key")
        )
        for key, value in merged.items()
        if key[0] == "links"
    }


def _suppressions(
    tables: Sequence[tuple[str, Mapping[str, Any]]],
    places: Mapping[str, TomlPlaces],
) -> Iterable[ConfigSuppression]:
    for file, table in tables:
        for index, entry in enumerate(table.get("suppress", ())):
            path: TomlPath = (*table_root(file), "suppress", index)
            span = places[file].of(path, key=True) if file in places else None
            yield _suppression(entry, span)


def _suppression(entry: Mapping[str, Any], span: Span | None) -> ConfigSuppression:
    expires = entry.get("expires")
    return ConfigSuppression(
        rule=entry["rule"],
        reason=entry.get("reason"),
        cluster=entry.get("cluster"),
        kind=entry.get("kind"),
        name=entry.get("name"),
        expires=datetime.date.fromisoformat(expires) if expires else None,
        span=span,
    )


def _latest_per_pattern(
    entries: Sequence[PerFileIgnore],
) -> tuple[PerFileIgnore, ...]:
    """One entry per pattern and directory: the closest file's."""
    latest = {(entry.directory, entry.pattern): entry for entry in entries}
    return tuple(latest.values())
