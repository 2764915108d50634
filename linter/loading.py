"""Stage 2 of the pipeline: one cluster directory → a ``Cluster`` record.

Every file is optional but ``elasticsearch.yml``; files rclint does not
know are ignored. Problems found on the way (syntax, structure, duplicates)
are collected, never raised, so a bad file never hides another file's
records.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from linter import documents, schema
from linter.loaders.api_keys import load_api_keys
from linter.loaders.keystore import parse_keystore_list
from linter.loaders.principals import (
    load_role_mapping_file,
    load_role_mappings,
    load_users,
)
from linter.loaders.remote_settings import address_problems, mode_problems
from linter.loaders.roles import load_file_roles, load_native_roles, merge_realms
from linter.loaders.settings import (
    FlatSettings,
    cluster_settings_layers,
    effective,
    flatten,
    name_origin,
)
from linter.loaders.users_roles import parse_users_roles
from linter.model import (
    Cluster,
    CrossClusterApiKey,
    Keystore,
    Principal,
    Role,
    Setting,
    SettingOrigin,
    Settings,
)
from linter.secrets import text_secrets
from linter.source import Document, MappingNode, Node, Problem, SourceFile, Span
from linter.workspace import CONFIG_FILE, file_problem, folder_problem, unlistable

logger = logging.getLogger(__name__)

CLUSTER_SETTINGS_FILES = ("cluster-settings.json", "cluster-settings.yml")
KEYSTORE_LIST = "elasticsearch.keystore.list"
OBJECT_EXTENSIONS = (".json", ".yml", ".yaml")
PRINCIPAL_SOURCES = ("users_roles", "users", "role_mapping.yml", "role_mappings")


@dataclass(frozen=True, slots=True)
class LoadedCluster:
    """A cluster read from its directory.

    ``sources`` are every file read, for code frames and secret spans;
    ``problems`` are all problems of those files, the parsers' own
    included.
    """

    cluster: Cluster
    sources: tuple[SourceFile, ...]
    problems: tuple[Problem, ...]


class FileSource(Protocol):
    """Where the texts of a cluster's files come from: the disk, or an
    editor's unsaved buffers over it (with parsed documents kept)."""

    def document(self, path: str) -> Document:
        """The parsed document of the object file at ``path``."""
        ...

    def text(self, path: str) -> tuple[str | None, Problem | None]:
        """The text of the line-oriented file at ``path``, or its problem."""
        ...

    def unsaved(self, folder: str) -> Iterable[str]:
        """The names of the files in ``folder`` that exist only unsaved."""
        ...


class DiskFiles:
    """Every file read from the disk as it is."""

    def document(self, path: str) -> Document:
        return documents.read_document(path)

    def text(self, path: str) -> tuple[str | None, Problem | None]:
        return documents.read_text(path)

    def unsaved(self, folder: str) -> Iterable[str]:
        return ()


@dataclass(slots=True)
class _Reader:
    """Reads the files of one directory, keeping every source and problem,
    and the paths that exist but could not be read (``unread``)."""

    directory: str
    files: FileSource = field(default_factory=DiskFiles)
    sources: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def path(self, name: str) -> str:
        return os.path.normpath(os.path.join(self.directory, name))

    def document(self, name: str) -> Document | None:
        path = self.path(name)
        if not self._is_file(path):
            return None
        document = self.files.document(path)
        self.sources.append(document.source)
        self.problems.extend(document.problems)
        if document.root is None and _has_syntax_problem(document.problems):
            self.unread.append(path)
        return document

    def folder(self, name: str) -> list[Document]:
        """The object files of a subdirectory, in name order."""
        folder = self.path(name)
        entries = self._entries(folder)
        names = sorted(
            entry
            for entry in entries
            if entry.endswith(OBJECT_EXTENSIONS) and not entry.startswith(".")
        )
        found = (self.document(os.path.join(name, entry)) for entry in names)
        return [document for document in found if document is not None]

    def text(self, name: str) -> SourceFile | None:
        """A line-oriented file: its text, without a tree."""
        path = self.path(name)
        if not self._is_file(path):
            return None
        text, problem = self.files.text(path)
        if problem is not None:
            self.problems.append(problem)
        if text is None:
            self.unread.append(path)
            return None
        source = SourceFile(path, text, text_secrets(path, text))
        self.sources.append(source)
        return source

    def add(self, problems: tuple[Problem, ...]) -> None:
        self.problems.extend(problems)

    def _is_file(self, path: str) -> bool:
        """Whether a regular file is at ``path`` (or an unsaved one);
        anything else that is there (a directory, a broken link, a named
        pipe) is a problem."""
        folder, name = os.path.split(path)
        if name in self.files.unsaved(folder):
            return True
        if not os.path.lexists(path):
            return False
        problem = file_problem(path)
        if problem is None:
            return True
        self.problems.append(problem)
        self.unread.append(path)
        return False

    def _entries(self, folder: str) -> list[str]:
        """The names in ``folder``, unsaved files included; none but those,
        with a problem, when it is not a directory that can be listed."""
        unsaved = list(self.files.unsaved(folder))
        if not os.path.lexists(folder):
            return unsaved
        problem = folder_problem(folder)
        if problem is None:
            try:
                return os.listdir(folder) + unsaved
            except OSError as error:
                problem = unlistable(folder, error)
        self.problems.append(problem)
        self.unread.append(folder)
        return unsaved


def _has_syntax_problem(problems: tuple[Problem, ...]) -> bool:
    return any(problem.code == "RC001" for problem in problems)


def load_cluster(directory: str, files: FileSource | None = None) -> LoadedCluster:
    """Read the cluster configuration directory ``directory``, its files'
    texts from ``files`` (the disk by default)."""
    reader = _Reader(directory, files or DiskFiles())
    settings = _load_settings(reader)
    name, name_origin = _cluster_name(directory, settings)
    cluster = Cluster(
        name=name,
        directory=directory,
        config_file=reader.path(CONFIG_FILE),
        name_origin=name_origin,
        settings=Settings(settings),
        keystore=_load_keystore(reader),
        roles=_load_roles(reader),
        api_keys=_load_api_keys(reader, name),
        principals=_load_principals(reader),
        has_principal_sources=_has_principal_sources(reader),
        # Last: every file has been read by now.
        unread_files=tuple(reader.unread),
    )
    return LoadedCluster(cluster, tuple(reader.sources), tuple(reader.problems))


def _load_settings(reader: _Reader) -> dict[str, Setting]:
    """The effective settings: transient > persistent > elasticsearch.yml."""
    layers: list[FlatSettings] = []
    node = reader.document(CONFIG_FILE)
    if node is not None and node.root is not None:
        layers.extend(_node_layers(reader, node.root))
    for name in CLUSTER_SETTINGS_FILES:
        document = reader.document(name)
        if document is not None and document.root is not None:
            reader.add(schema.validate(document.root, "cluster-settings"))
            layers.extend(cluster_settings_layers(document.root))
    for layer in layers:
        reader.add(layer.problems)
        reader.add(schema.validate(layer.flat, "elasticsearch-settings"))
        reader.add(tuple(address_problems(layer.by_key)))
    settings = effective(layers)
    reader.add(tuple(mode_problems(settings)))
    return settings


def _node_layers(reader: _Reader, root: Node) -> tuple[FlatSettings, ...]:
    if not isinstance(root, MappingNode):
        reader.add(schema.validate(root, "elasticsearch-settings"))
        return ()
    return (flatten(root, SettingOrigin.NODE),)


def _cluster_name(
    directory: str, settings: dict[str, Setting]
) -> tuple[str, Span | None]:
    setting = name_origin(settings)
    if setting is not None and isinstance(setting.value, str):
        return setting.value, setting.span
    # The absolute path names the directory even when it is given as ".".
    name = os.path.basename(os.path.abspath(directory))
    logger.debug("cluster in %s has no cluster.name: named %s", directory, name)
    return name, None


def _load_keystore(reader: _Reader) -> Keystore | None:
    document = reader.text(KEYSTORE_LIST)
    if document is None:
        return None
    loaded = parse_keystore_list(document.file, document.text)
    reader.add(loaded.problems)
    return loaded.keystore


def _load_roles(reader: _Reader) -> dict[str, Role]:
    document = reader.document("roles.yml")
    file_roles = load_file_roles(document) if document else None
    native_roles = load_native_roles(reader.folder("roles"))
    reader.add(native_roles.problems)
    if file_roles is None:
        return dict(native_roles.roles)
    reader.add(file_roles.problems)
    return merge_realms(file_roles.roles, native_roles.roles)


def _load_api_keys(reader: _Reader, cluster: str) -> tuple[CrossClusterApiKey, ...]:
    loaded = load_api_keys(cluster, reader.folder("api_keys"))
    reader.add(loaded.problems)
    return loaded.api_keys


def _load_principals(reader: _Reader) -> tuple[Principal, ...]:
    mapping_file = reader.document("role_mapping.yml")
    users_roles = reader.text("users_roles")
    loaded = (
        load_role_mapping_file(mapping_file) if mapping_file else None,
        load_role_mappings(reader.folder("role_mappings")),
        parse_users_roles(users_roles.file, users_roles.text) if users_roles else None,
        load_users(reader.folder("users")),
    )
    principals: list[Principal] = []
    for item in loaded:
        if item is not None:
            reader.add(item.problems)
            principals.extend(item.principals)
    return tuple(principals)


def _has_principal_sources(reader: _Reader) -> bool:
    return any(os.path.lexists(reader.path(name)) for name in PRINCIPAL_SOURCES)
