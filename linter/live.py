"""An editor session's workspace, linted once and then kept up to date.

Every cluster under the root is read and linted when the session starts.
After that, a change (an unsaved edit, a file saved or deleted) re-reads
only the cluster directory that owns the file (its other files keep their
parsed documents), rebuilds the graph, which is cheap, and re-runs the
rules only for the clusters that depend on the change: the cluster itself
and every cluster with a link that reaches it, before or after the change.
Suppressions and the second rule phase then run over all findings, as in
``rclint check``.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from linter import graph as graph_module
from linter import host, workspace
from linter.config import CONFIG_FILES, Config, load_config, validate_rule_options
from linter.errors import RclintError
from linter.findings import Finding, Rule
from linter.live_files import EditorFiles
from linter.loading import LoadedCluster, load_cluster
from linter.model import Graph
from linter.parsing import gc_paused
from linter.policy import apply_policy
from linter.source import Problem
from linter.suppressions_stage import AcceptanceOptions, accept
from linter.workspace import CONFIG_FILE

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Update:
    """What a change did: the files whose findings changed (files that now
    have none included), and a workspace-level error to show, if any (the
    findings of before are kept meanwhile)."""

    changed: frozenset[str]
    error: str | None = None


class LiveWorkspace:
    """The clusters under ``root``, their findings, and the unsaved texts
    of the documents open in an editor. Paths are absolute."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self.rules: tuple[Rule, ...] = host.load_rules()
        self._files = EditorFiles()
        self._config = Config()
        self._selected: tuple[Rule, ...] = ()
        self._loaded: dict[str, LoadedCluster] = {}
        self._checked: dict[str, list[Finding]] = {}
        self._graph = Graph(clusters={}, links=(), problems=())
        self._by_file: dict[str, tuple[Finding, ...]] = {}
        self._problems: tuple[Problem, ...] = ()
        # Directories read again while the graph could not be built: their
        # clusters are linted with the next graph that can.
        self._unbuilt: set[str] = set()
        # The cluster directories reached through a symbolic link, by the
        # real path of each.
        self._real_directories: dict[str, str] = {}
        self._config_error = self._read_config()
        self._build_error = self._rediscover().error

    # --- what an editor asks -------------------------------------------------

    @property
    def graph(self) -> Graph:
        return self._graph

    @property
    def config(self) -> Config:
        return self._config

    def in_workspace_terms(self, path: str) -> str:
        """``path`` as the workspace names it: a file reached by its real
        path inside a cluster directory the workspace reaches through a
        symbolic link is named through the link."""
        if _is_within(path, self.root):
            return path
        for real, directory in self._real_directories.items():
            if _is_within(path, real):
                return directory + path[len(real) :]
        return path

    def is_config(self, path: str) -> bool:
        """Whether ``path`` is rclint's configuration: a file the
        configuration was read from (``extend``ed, whatever its name), or
        one of a name searched for, in the workspace or above it."""
        path = os.path.abspath(path)
        if path == self._config.path or path in self._config.places:
            return True
        folder = os.path.dirname(path)
        searched = _is_within(folder, self.root) or _is_within(self.root, folder)
        return searched and os.path.basename(path) in CONFIG_FILES

    @property
    def error(self) -> str | None:
        """The workspace-level error, if any: the configuration's until it
        reads cleanly, else the graph's until it builds."""
        return self._config_error or self._build_error

    def findings(self, path: str) -> tuple[Finding, ...]:
        """The findings whose own place is in ``path``, suppressed ones
        included, in the order ``rclint check`` reports them."""
        return self._by_file.get(os.path.abspath(path), ())

    def files_with_findings(self) -> frozenset[str]:
        return frozenset(self._by_file)

    def text(self, path: str) -> str | None:
        """The text of ``path`` as linted: the editor's, else the disk's."""
        path = os.path.abspath(path)
        text = self._files.overlays.get(path)
        return self._graph.sources.get(path) if text is None else text

    # --- what an editor tells ------------------------------------------------

    def set_text(self, path: str, text: str | None) -> Update:
        """``path`` holds ``text`` in the editor (None: closed, so the disk
        counts again)."""
        path = os.path.abspath(path)
        if text is None:
            self._files.overlays.pop(path, None)
        else:
            self._files.overlays[path] = text
        return self.files_changed([path])

    def files_changed(self, paths: Iterable[str]) -> Update:
        """Files or directories created, changed or deleted (on disk or in
        the editor). ``changed`` counts the files whose findings changed,
        and those whose findings may now have other UTF-16 positions: the
        changed files and those with related places in them."""
        changed = {self.in_workspace_terms(os.path.abspath(path)) for path in paths}
        if any(self.is_config(path) for path in changed):
            self._config_error = self._read_config()
            update = self._rediscover()
        elif any(self._moves_a_cluster(path) for path in changed):
            update = self._rediscover()
        else:
            owners = {owner for path in changed for owner in self._owners(path)}
            if not owners:
                return Update(frozenset(), self.error)
            update = self._relint(owners)
        self._build_error = update.error
        return Update(update.changed | self._placed_in(changed), self.error)

    # --- work ----------------------------------------------------------------

    def _read_config(self) -> str | None:
        """Read the configuration again; on an error keep the one before."""
        try:
            config = validate_rule_options(load_config([self.root]), self.rules)
            selected = host.select_rules(self.rules, config)
        except RclintError as error:
            logger.debug("configuration kept after an error: %s", error)
            return str(error)
        self._config, self._selected = config, selected
        return None

    def _rediscover(self) -> Update:
        """Find the cluster directories again and lint everything."""
        try:
            found = workspace.find_clusters([self.root])
        except RclintError as error:
            return Update(frozenset(), str(error))
        self._problems = found.problems
        self._real_directories = {
            real: directory
            for directory in found.directories
            if (real := os.path.realpath(directory)) != directory
        }
        self._loaded = {}
        self._checked = {}
        self._unbuilt = set()
        return self._relint(set(found.directories) | self._unsaved_clusters())

    def _unsaved_clusters(self) -> set[str]:
        """The directories whose ``elasticsearch.yml`` is open in the editor
        (so they are clusters, saved or not) where a search would look."""
        return {
            folder
            for path in self._files.overlays
            if os.path.basename(path) == CONFIG_FILE
            and workspace.is_searched_under(folder := os.path.dirname(path), self.root)
        }

    def _relint(self, directories: set[str]) -> Update:
        with gc_paused():
            before = self._graph
            for directory in directories:
                self._loaded[directory] = load_cluster(directory, self._files)
            try:
                after = graph_module.build_graph(
                    list(self._loaded.values()), self._config, self._problems
                )
            except RclintError as error:
                self._unbuilt |= directories
                return Update(frozenset(), str(error))
            directories |= self._unbuilt & set(self._loaded)
            self._unbuilt = set()
            touched = self._touched(directories, before, after)
            return self._run(after, touched)

    def _touched(self, directories: set[str], before: Graph, after: Graph) -> set[str]:
        """The clusters whose findings a change of ``directories`` may
        change: theirs, and those of every cluster linking to one of them."""
        names = {
            cluster.name
            for graph in (before, after)
            for cluster in graph.clusters.values()
            if cluster.directory in directories
        }
        for graph in (before, after):
            names |= {link.local for link in graph.links if link.remote.value in names}
        return names

    def _run(self, graph: Graph, touched: set[str]) -> Update:
        for name in touched:
            self._checked.pop(name, None)
        present = touched & set(graph.clusters)
        for finding in host.run_rules(graph, self._selected, self._config, present):
            self._checked.setdefault(finding.cluster or "", []).append(finding)
        self._graph = graph
        checked = [finding for found in self._checked.values() for finding in found]
        with_policy = apply_policy(checked, self._config)
        options = AcceptanceOptions(datetime.date.today())
        final = accept(
            graph, with_policy, self._config, self._selected, self.rules, options
        )
        return self._regroup(final)

    def _regroup(self, findings: Iterable[Finding]) -> Update:
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in sorted(findings, key=Finding.sort_key):
            by_file[os.path.abspath(finding.span.file)].append(finding)
        grouped = {file: tuple(found) for file, found in by_file.items()}
        changed = _changed_files(self._by_file, grouped)
        self._by_file = grouped
        return Update(frozenset(changed))

    def _owners(self, path: str) -> list[str]:
        """The cluster directories holding ``path`` (all of them, when
        cluster directories nest: the outer may read it too)."""
        return [
            directory
            for directory in self._loaded
            if path.startswith(directory + os.sep)
        ]

    def _moves_a_cluster(self, path: str) -> bool:
        """Whether the set of cluster directories may change: an
        ``elasticsearch.yml`` appeared or went (on disk or in the editor),
        or a directory that is or holds a cluster directory changed (a
        deletion, a rename)."""
        if os.path.basename(path) == CONFIG_FILE:
            known = os.path.dirname(path) in self._loaded
            return known != (path in self._files.overlays or os.path.isfile(path))
        inside = path + os.sep
        return any(d == path or d.startswith(inside) for d in self._loaded)

    def _placed_in(self, paths: set[str]) -> set[str]:
        """The files with a finding placed, or with a related place, in one
        of ``paths``: its text changed, so the finding's UTF-16 columns may
        have, though its character columns did not."""
        return {
            file
            for file, found in self._by_file.items()
            if file in paths
            or any(
                os.path.abspath(r.span.file) in paths for f in found for r in f.related
            )
        }


def _changed_files(
    before: Mapping[str, tuple[Finding, ...]], after: Mapping[str, tuple[Finding, ...]]
) -> set[str]:
    return {file for file in {*before, *after} if before.get(file) != after.get(file)}


def _is_within(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or lies below it."""
    return path == folder or path.startswith(os.path.join(folder, ""))
