"""The typed, immutable records rules read: clusters, settings, links, roles,
cross-cluster API keys and principals.

Loaders build these from documents and the graph builder resolves the links
between clusters; rules never see a raw file. Every value that a finding may
point at is ``Located``: it carries the span it was read from. The records
of remote links live in ``linter.model_links`` and are re-exported here.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

from linter.model_links import ClusterDeclaration as ClusterDeclaration
from linter.model_links import Endpoint as Endpoint
from linter.model_links import LinkDeclaration as LinkDeclaration
from linter.model_links import RemoteLink as RemoteLink
from linter.model_links import Resolution as Resolution
from linter.model_links import SecurityModel as SecurityModel
from linter.source import Problem, Span

T = TypeVar("T")


class Located(NamedTuple, Generic[T]):
    """A value and the span it was read from (a named tuple, like ``Span``,
    because every name, privilege and pattern of a workspace is one)."""

    value: T
    span: Span


# --- settings -------------------------------------------------------------


class SettingOrigin(enum.Enum):
    """Where an effective setting came from; later origins win."""

    NODE = "elasticsearch.yml"
    PERSISTENT = "persistent"
    TRANSIENT = "transient"


@dataclass(frozen=True, slots=True)
class Setting:
    """One effective setting, with its flat dotted key.

    ``value`` is a string, or a tuple of strings for a YAML sequence. A value
    holding a ``${VAR}`` placeholder is unknown (``is_placeholder``): rules
    must not draw conclusions from it.
    """

    key: str
    value: str | tuple[str, ...]
    key_span: Span
    span: Span
    origin: SettingOrigin
    is_placeholder: bool = False
    item_spans: tuple[Span, ...] = ()

    def as_list(self) -> tuple[Located[str], ...]:
        """The value as a list: sequences item by item, strings split on commas.

        Sequence items keep their own spans; the parts of a comma-separated
        string share the span of the whole string.
        """
        if isinstance(self.value, tuple):
            return tuple(map(Located, self.value, self.item_spans))
        parts = (part.strip() for part in self.value.split(","))
        return tuple(Located(part, self.span) for part in parts if part)

    def as_bool(self) -> bool | None:
        """``True``/``False`` for the strings Elasticsearch accepts, else None."""
        if isinstance(self.value, str) and not self.is_placeholder:
            lowered = self.value.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
        return None


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings of a cluster, keyed by flat dotted key."""

    by_key: Mapping[str, Setting]

    def get(self, key: str) -> Setting | None:
        return self.by_key.get(key)

    def with_prefix(self, prefix: str) -> tuple[Setting, ...]:
        return tuple(s for k, s in self.by_key.items() if k.startswith(prefix))


@dataclass(frozen=True, slots=True)
class Keystore:
    """A keystore listing: secure setting names, each with its line."""

    file: str
    entries: Mapping[str, Span]


# --- roles ----------------------------------------------------------------


def _allows(flag: Located[bool] | None) -> bool:
    """``allow_restricted_indices`` defaults to false when not given."""
    return bool(flag and flag.value)


@dataclass(frozen=True, slots=True)
class IndicesGrant:
    """An ``indices`` entry of a role."""

    names: tuple[Located[str], ...]
    privileges: tuple[Located[str], ...]
    allow_restricted_indices: Located[bool] | None
    span: Span

    @property
    def allows_restricted(self) -> bool:
        return bool(
            self.allow_restricted_indices and self.allow_restricted_indices.value
        )


@dataclass(frozen=True, slots=True)
class RemoteIndicesGrant:
    """A ``remote_indices`` entry: an ``indices`` entry plus alias patterns."""

    clusters: tuple[Located[str], ...]
    names: tuple[Located[str], ...]
    privileges: tuple[Located[str], ...]
    allow_restricted_indices: Located[bool] | None
    span: Span

    @property
    def allows_restricted(self) -> bool:
        return bool(
            self.allow_restricted_indices and self.allow_restricted_indices.value
        )


@dataclass(frozen=True, slots=True)
class RemoteClusterGrant:
    """A ``remote_cluster`` entry: cluster privileges on matching aliases."""

    clusters: tuple[Located[str], ...]
    privileges: tuple[Located[str], ...]
    span: Span


@dataclass(frozen=True, slots=True)
class MetadataSuppression:
    """One entry of the ``metadata.rclint.ignore`` object of a role or a
    cross-cluster API key: the rule code it names (at its key), and its
    reason and expiry date as written, None when not given.

    It travels with the definition, into Elasticsearch too, which keeps
    ``metadata`` as it is. Whether it suppresses anything is for the
    suppression stage to judge: without a reason, or with an expiry that
    is not a date, it does not.
    """

    code: Located[str]
    reason: Located[str] | None = None
    expires: Located[str] | None = None


class RoleSource(enum.Enum):
    """File-realm roles (``roles.yml``) win over native ones of the same name."""

    FILE = "file"
    NATIVE = "native"


@dataclass(frozen=True, slots=True)
class Role:
    """A role descriptor defined on a cluster; ``suppressions`` are those
    of its ``metadata.rclint``."""

    name: Located[str]
    source: RoleSource
    cluster: tuple[Located[str], ...] = ()
    indices: tuple[IndicesGrant, ...] = ()
    remote_indices: tuple[RemoteIndicesGrant, ...] = ()
    remote_cluster: tuple[RemoteClusterGrant, ...] = ()
    suppressions: tuple[MetadataSuppression, ...] = ()


# --- cross-cluster API keys -------------------------------------------------


class AccessKind(enum.Enum):
    SEARCH = "search"
    REPLICATION = "replication"

    # Members are singletons, so identity hashing is exact; Enum's own
    # ``__hash__`` is Python code, and the remote-access rules hash kinds
    # hundreds of thousands of times in a fleet.
    __hash__ = object.__hash__


@dataclass(frozen=True, slots=True)
class KeyAccessEntry:
    """One entry of a cross-cluster API key's ``access.search`` or
    ``access.replication``."""

    kind: AccessKind
    names: tuple[Located[str], ...]
    allow_restricted_indices: Located[bool] | None
    span: Span

    @property
    def allows_restricted(self) -> bool:
        return bool(
            self.allow_restricted_indices and self.allow_restricted_indices.value
        )


@dataclass(frozen=True, slots=True)
class CrossClusterApiKey:
    """A cross-cluster API key defined on (created by) ``cluster``;
    ``span`` is its whole definition, ``suppressions`` those of its
    ``metadata.rclint``."""

    cluster: str
    name: Located[str]
    access: tuple[KeyAccessEntry, ...]
    span: Span
    key_id: str | None = None
    invalidated: bool = False
    suppressions: tuple[MetadataSuppression, ...] = ()

    @property
    def kinds(self) -> frozenset[AccessKind]:
        return frozenset(entry.kind for entry in self.access)


# --- principals -------------------------------------------------------------


class PrincipalKind(enum.Enum):
    FILE_USER = "file-realm user"  # users_roles
    USER = "native user"  # users/*
    ROLE_MAPPING = "role mapping"  # role_mapping.yml, role_mappings/*
    BUILTIN = "built-in user"  # elastic


@dataclass(frozen=True, slots=True)
class Principal:
    """Someone (or some group, for a role mapping) who holds role names.

    ``roles`` keeps the span of each role name where it was granted. A
    role mapping with role templates only has no static role names.
    """

    kind: PrincipalKind
    name: str
    roles: tuple[Located[str], ...]
    span: Span | None
    enabled: bool = True


# --- clusters and the graph -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cluster:
    """One cluster configuration directory of the workspace.

    ``name_origin`` is the ``cluster.name`` setting, or None when the name is
    the directory's. ``has_principal_sources`` says whether any of
    ``users_roles``, ``users/``, ``role_mapping.yml`` or ``role_mappings/``
    exists, which decides what RC201 treats as the roles in use.
    ``unread_files`` are the files and directories of the cluster directory
    that exist but could not be read or parsed (each has an RC001 problem):
    what they define is unknown, so rules must not take it as absent.
    """

    name: str
    directory: str
    config_file: str
    name_origin: Span | None
    settings: Settings
    keystore: Keystore | None = None
    roles: Mapping[str, Role] = field(default_factory=dict)
    api_keys: tuple[CrossClusterApiKey, ...] = ()
    principals: tuple[Principal, ...] = ()
    has_principal_sources: bool = False
    unread_files: tuple[str, ...] = ()

    def is_unread(self, name: str) -> bool:
        """Whether the file ``name`` of the cluster directory (such as
        ``roles.yml``) exists but could not be read or parsed."""
        path = os.path.normpath(os.path.join(self.directory, name))
        return path in self.unread_files


@dataclass(frozen=True, slots=True)
class Graph:
    """Everything rules read: the clusters, the links between them, and the
    problems found while reading files.

    ``sources`` maps each file read to its text, so reporters can show code
    frames; ``secrets`` lists the spans no output may show; ``config_file``
    is the configuration the run read, so hints name its tables as it does.
    """

    clusters: Mapping[str, Cluster]
    links: tuple[RemoteLink, ...]
    problems: tuple[Problem, ...]
    declarations: Mapping[str, ClusterDeclaration] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    secrets: tuple[Span, ...] = ()
    config_file: str | None = None

    def links_from(self, cluster: str) -> tuple[RemoteLink, ...]:
        return tuple(link for link in self.links if link.local == cluster)

    def cluster_of(self, file: str) -> str | None:
        """The name of the cluster whose directory holds ``file``."""
        folder = os.path.dirname(file)
        holders = [
            cluster
            for cluster in self.clusters.values()
            if folder == cluster.directory
            or folder.startswith(os.path.join(cluster.directory, ""))
        ]
        # Of nested cluster directories, the innermost holds the file.
        innermost = max(holders, key=lambda c: len(c.directory), default=None)
        return innermost.name if innermost else None

    def declaration(self, cluster: str | None) -> ClusterDeclaration:
        if cluster is None:
            return ClusterDeclaration()
        return self.declarations.get(cluster, ClusterDeclaration())
