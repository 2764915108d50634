"""Hand-built clusters for the graph tests: settings written one a line, so
spans point into the ``elasticsearch.yml`` they describe."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from linter.config import Config
from linter.graph import build_graph
from linter.loading import LoadedCluster
from linter.model import (
    Cluster,
    CrossClusterApiKey,
    Graph,
    Keystore,
    Located,
    RemoteLink,
    Setting,
    SettingOrigin,
    Settings,
)
from linter.source import SourceFile, Span

Values = Mapping[str, str | Sequence[str]]
Files = Mapping[str, str]


def yml_settings(file: str, values: Values) -> tuple[Settings, str]:
    """Settings written one a line as ``key: value`` or ``key: [a, b]``."""
    by_key: dict[str, Setting] = {}
    lines: list[str] = []
    for row, (key, value) in enumerate(values.items(), start=1):
        start = len(key) + 3
        key_span = Span.at(file, row, 1, len(key) + 1)
        text, stored, item_spans = _written(file, row, start, value)
        span = Span.at(file, row, start, start + len(text))
        placeholder = "${" in text
        origin = SettingOrigin.NODE
        by_key[key] = Setting(
            key, stored, key_span, span, origin, placeholder, item_spans
        )
        lines.append(f"{key}: {text}")
    return Settings(by_key), "\n".join(lines) + "\n"


def _written(
    file: str, row: int, start: int, value: str | Sequence[str]
) -> tuple[str, str | tuple[str, ...], tuple[Span, ...]]:
    """The text, stored value and item spans of ``value`` written at ``start``."""
    if isinstance(value, str):
        return value, value, ()
    spans = []
    column = start + 1
    for item in value:
        spans.append(Span.at(file, row, column, column + len(item)))
        column += len(item) + 2
    return "[" + ", ".join(value) + "]", tuple(value), tuple(spans)


def api_key(
    cluster: str, name: str, row: int = 1, invalidated: bool = False
) -> CrossClusterApiKey:
    span = Span.at(f"{cluster}/api_keys/{name}.json", row, 1, 2)
    return CrossClusterApiKey(
        cluster, Located(name, span), (), span, invalidated=invalidated
    )


def loaded(
    name: str,
    values: Values | None = None,
    *,
    directory: str | None = None,
    keystore: Sequence[str] | None = None,
    keys: Sequence[CrossClusterApiKey] = (),
) -> LoadedCluster:
    directory = directory or name
    config_file = f"{directory}/elasticsearch.yml"
    settings, text = yml_settings(config_file, values or {})
    documents = [SourceFile(config_file, text)]
    listing = None
    if keystore is not None:
        listing_file = f"{directory}/elasticsearch.keystore.list"
        entries = {
            entry: Span.at(listing_file, row, 1, len(entry) + 1)
            for row, entry in enumerate(keystore, start=1)
        }
        listing = Keystore(listing_file, entries)
        listing_text = "".join(f"{entry}\n" for entry in keystore)
        documents.append(SourceFile(listing_file, listing_text))
    cluster = Cluster(
        name=name,
        directory=directory,
        config_file=config_file,
        name_origin=None,
        settings=settings,
        keystore=listing,
        api_keys=tuple(keys),
    )
    return LoadedCluster(cluster, tuple(documents), ())


def graph_of(*clusters: LoadedCluster, config: Config | None = None) -> Graph:
    return build_graph(clusters, config or Config())


def only_link(graph: Graph) -> RemoteLink:
    [link] = graph.links
    return link


def at(file: str, row: int, column: int, end: int) -> Span:
    return Span.at(file, row, column, end)


EU_LINK = {"cluster.remote.us.seeds": ["us-node1:9443"]}
