"""Roles: ``roles.yml`` (file realm) and ``roles/*`` (native) → ``Role``s.

A file under ``roles/`` is either one ``PUT _security/role/<name>`` body,
named after the file, or a ``GET _security/role`` response mapping names to
descriptors. A response also lists the built-in roles, marked
``metadata._reserved: true``; they are skipped: they exist on every cluster,
cannot be edited, and are not what the files configure. When a name is
defined in both realms the file realm wins, as it does in Elasticsearch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from linter import schema
from linter.loaders.nodes import (
    as_mapping,
    file_start,
    items_of,
    key_of,
    located_bool,
    located_strings,
    stem,
)
from linter.model import (
    IndicesGrant,
    Located,
    RemoteClusterGrant,
    RemoteIndicesGrant,
    Role,
    RoleSource,
)
from linter.source import Document, MappingNode, Node, Problem, ScalarNode
from linter.suppressions_metadata import metadata_suppressions

logger = logging.getLogger(__name__)

T = TypeVar("T")

# The fields of a role descriptor; a mapping using any of them is one role.
DESCRIPTOR_FIELDS = frozenset(
    {
        "cluster",
        "indices",
        "index",
        "remote_indices",
        "remote_cluster",
        "applications",
        "application",
        "run_as",
        "metadata",
        "global",
        "description",
        "transient_metadata",
        "type",
    }
)


@dataclass(frozen=True, slots=True)
class LoadedRoles:
    roles: Mapping[str, Role]
    problems: tuple[Problem, ...]


def role_from_descriptor(
    name: Located[str], source: RoleSource, descriptor: MappingNode
) -> Role:
    """The record of one role descriptor; ``index`` is an alias of ``indices``.
    The suppressions of its ``metadata.rclint`` come with it."""
    return Role(
        name=name,
        source=source,
        cluster=located_strings(descriptor.get("cluster")),
        indices=_grants(descriptor, ("indices", "index"), _indices_grant),
        remote_indices=_grants(descriptor, ("remote_indices",), _remote_indices_grant),
        remote_cluster=_grants(descriptor, ("remote_cluster",), _remote_cluster_grant),
        suppressions=metadata_suppressions(descriptor),
    )


def load_file_roles(document: Document) -> LoadedRoles:
    """``roles.yml``: a mapping of role names to descriptors."""
    if document.root is None:
        return LoadedRoles({}, ())
    problems = schema.validate(document.root, "roles-file")
    return LoadedRoles(_named_roles(document.root, RoleSource.FILE), problems)


def load_native_roles(documents: Sequence[Document]) -> LoadedRoles:
    """The files of ``roles/``; a name defined twice keeps its first definition."""
    roles: dict[str, Role] = {}
    problems: list[Problem] = []
    for document in documents:
        loaded = _load_native_file(document)
        problems.extend(loaded.problems)
        for name, role in loaded.roles.items():
            first = roles.get(name)
            if first is None:
                roles[name] = role
            else:
                problems.append(_defined_twice(role, first))
    return LoadedRoles(roles, tuple(problems))


def merge_realms(
    file_roles: Mapping[str, Role], native_roles: Mapping[str, Role]
) -> dict[str, Role]:
    """All roles of a cluster: the file realm hides native roles of its names."""
    merged = dict(native_roles)
    for name, role in file_roles.items():
        if name in merged:
            logger.debug("role %s: roles.yml definition hides the native one", name)
        merged[name] = role
    return merged


def is_single_descriptor(root: MappingNode) -> bool:
    """A role body rather than a ``GET _security/role`` response.

    An empty mapping is an empty role. A response mapping role names that
    happen to be descriptor fields is taken for a body; such names are rare
    enough that the clearer schema errors for a misspelt field are worth it.
    """
    return not root.entries or any(
        key_of(key) in DESCRIPTOR_FIELDS for key, _ in root.entries
    )


def _load_native_file(document: Document) -> LoadedRoles:
    root = as_mapping(document.root)
    if root is None:
        problems = (
            () if document.root is None else schema.validate(document.root, "role")
        )
        return LoadedRoles({}, problems)
    if is_single_descriptor(root):
        problems = schema.validate(root, "role")
        name = Located(stem(document.file), file_start(document.file))
        if is_reserved(root):
            logger.debug("role %s: built in (reserved), skipped", name.value)
            return LoadedRoles({}, problems)
        role = role_from_descriptor(name, RoleSource.NATIVE, root)
        return LoadedRoles({name.value: role}, problems)
    roles = _named_roles(root, RoleSource.NATIVE)
    return LoadedRoles(roles, schema.validate(root, "roles-file"))


def _named_roles(root: Node, source: RoleSource) -> dict[str, Role]:
    roles: dict[str, Role] = {}
    mapping = as_mapping(root)
    for key, value in mapping.items() if mapping is not None else ():
        descriptor = as_mapping(value)
        if descriptor is None:
            continue
        name = Located(key_of(key), key.span)
        if source is RoleSource.NATIVE and is_reserved(descriptor):
            logger.debug("role %s: built in (reserved), skipped", name.value)
            continue
        roles[name.value] = role_from_descriptor(name, source, descriptor)
    return roles


def is_reserved(descriptor: MappingNode) -> bool:
    """A built-in role as ``GET _security/role`` lists it."""
    metadata = as_mapping(descriptor.get("metadata"))
    flag = metadata.get("_reserved") if metadata is not None else None
    return isinstance(flag, ScalarNode) and flag.value is True


def _defined_twice(role: Role, first: Role) -> Problem:
    where = first.name.span
    message = (
        f"role `{role.name.value}` is defined twice: first in {where.file}; "
        "the first definition is used"
    )
    related = ((where, f"`{first.name.value}` first defined here"),)
    return Problem("RC003", message, role.name.span, related)


def _grants(
    descriptor: MappingNode,
    fields: tuple[str, ...],
    build: Callable[[MappingNode], T],
) -> tuple[T, ...]:
    return tuple(
        [
            build(item)
            for name in fields
            for item in items_of(descriptor.get(name))
            if isinstance(item, MappingNode)
        ]
    )


def _indices_grant(entry: MappingNode) -> IndicesGrant:
    return IndicesGrant(
        names=located_strings(entry.get("names")),
        privileges=located_strings(entry.get("privileges")),
        allow_restricted_indices=located_bool(entry.get("allow_restricted_indices")),
        span=entry.span,
    )


def _remote_indices_grant(entry: MappingNode) -> RemoteIndicesGrant:
    return RemoteIndicesGrant(
        clusters=located_strings(entry.get("clusters")),
        names=located_strings(entry.get("names")),
        privileges=located_strings(entry.get("privileges")),
        allow_restricted_indices=located_bool(entry.get("allow_restricted_indices")),
        span=entry.span,
    )


def _remote_cluster_grant(entry: MappingNode) -> RemoteClusterGrant:
    return RemoteClusterGrant(
        clusters=located_strings(entry.get("clusters")),
        privileges=located_strings(entry.get("privileges")),
        span=entry.span,
    )
