"""Cross-cluster API keys: ``api_keys/*`` → ``CrossClusterApiKey``s.

A file is either a ``POST _security/cross_cluster/api_key`` body or a
``GET _security/api_key`` response. Responses also list REST keys, which
cannot serve a remote cluster and are skipped. A key's ``metadata.rclint``
suppressions come with its record.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from linter import schema
from linter.loaders.nodes import (
    as_mapping,
    bool_or,
    file_start,
    items_of,
    located_bool,
    located_strings,
    located_text,
    stem,
    text_of,
)
from linter.model import AccessKind, CrossClusterApiKey, KeyAccessEntry, Located
from linter.source import Document, MappingNode, Node, Problem
from linter.suppressions_metadata import metadata_suppressions

logger = logging.getLogger(__name__)

# The index privileges a cross-cluster key's stored role descriptor gives
# each kind of access entry.
_KIND_OF_PRIVILEGE = {
    "read_cross_cluster": AccessKind.SEARCH,
    "cross_cluster_replication": AccessKind.REPLICATION,
}


@dataclass(frozen=True, slots=True)
class LoadedApiKeys:
    api_keys: tuple[CrossClusterApiKey, ...]
    problems: tuple[Problem, ...]


def load_api_keys(cluster: str, documents: Sequence[Document]) -> LoadedApiKeys:
    """The cross-cluster API keys created by ``cluster``."""
    keys: list[CrossClusterApiKey] = []
    problems: list[Problem] = []
    for document in documents:
        root = document.root
        if root is None:
            continue
        body = as_mapping(root)
        if body is not None and "api_keys" in body:
            problems.extend(schema.validate(root, "api-keys-response"))
            keys.extend(_response_keys(cluster, body))
        else:
            problems.extend(schema.validate(root, "cross-cluster-api-key"))
            if body is not None:
                keys.append(_body_key(cluster, document.file, body))
    return LoadedApiKeys(tuple(keys), tuple(problems))


def _body_key(cluster: str, file: str, body: MappingNode) -> CrossClusterApiKey:
    """A create body; without a ``name`` the file names the key."""
    name = located_text(body.get("name"))
    if name is None:
        name = Located(stem(file), file_start(file))
    access = _access(body.get("access"))
    suppressions = metadata_suppressions(body)
    return CrossClusterApiKey(
        cluster, name, access, body.span, suppressions=suppressions
    )


def _response_keys(cluster: str, response: MappingNode) -> Iterator[CrossClusterApiKey]:
    for item in items_of(response.get("api_keys")):
        entry = as_mapping(item)
        if entry is not None and _is_cross_cluster(entry):
            key = _response_key(cluster, entry)
            if key is not None:
                yield key


def _is_cross_cluster(entry: MappingNode) -> bool:
    """Keys listed before 8.10 have no ``type``; only cross-cluster ones
    carry ``access``."""
    kind = text_of(entry.get("type"))
    if kind is None:
        return "access" in entry
    if kind != "cross_cluster":
        logger.debug("skipping API key %s of type %s", text_of(entry.get("id")), kind)
    return kind == "cross_cluster"


def _response_key(cluster: str, entry: MappingNode) -> CrossClusterApiKey | None:
    name = located_text(entry.get("name"))
    if name is None:
        return None
    if "access" in entry:
        access = _access(entry.get("access"))
    else:
        access = _access_from_descriptor(entry)
    key_id = text_of(entry.get("id"))
    invalidated = bool_or(entry.get("invalidated"), False)
    suppressions = metadata_suppressions(entry)
    return CrossClusterApiKey(
        cluster, name, access, entry.span, key_id, invalidated, suppressions
    )


def _access(node: Node | None) -> tuple[KeyAccessEntry, ...]:
    access = as_mapping(node)
    if access is None:
        return ()
    entries: list[KeyAccessEntry] = []
    for kind in AccessKind:
        for item in items_of(access.get(kind.value)):
            entry = as_mapping(item)
            if entry is not None:
                entries.append(_access_entry(kind, entry))
    return tuple(entries)


def _access_entry(kind: AccessKind, entry: MappingNode) -> KeyAccessEntry:
    return KeyAccessEntry(
        kind=kind,
        names=located_strings(entry.get("names")),
        allow_restricted_indices=located_bool(entry.get("allow_restricted_indices")),
        span=entry.span,
    )


def _access_from_descriptor(entry: MappingNode) -> tuple[KeyAccessEntry, ...]:
    """The access of a listed key that does not echo it, rebuilt from the
    ``cross_cluster`` role descriptor Elasticsearch stored for the key."""
    descriptors = as_mapping(entry.get("role_descriptors"))
    descriptor = as_mapping(descriptors.get("cross_cluster")) if descriptors else None
    if descriptor is None:
        return ()
    rebuilt: list[KeyAccessEntry] = []
    for item in items_of(descriptor.get("indices")):
        grant = as_mapping(item)
        kind = _kind_of_grant(grant) if grant is not None else None
        if grant is not None and kind is not None:
            rebuilt.append(_access_entry(kind, grant))
    return tuple(rebuilt)


def _kind_of_grant(grant: MappingNode) -> AccessKind | None:
    privileges = located_strings(grant.get("privileges"))
    kinds = (_KIND_OF_PRIVILEGE.get(privilege.value) for privilege in privileges)
    return next((kind for kind in kinds if kind is not None), None)
