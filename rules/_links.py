"""Small helpers the built-in rules share: picking links, naming clusters,
quoting names and turning reading problems into violations."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from linter.findings import Related, RuleContext, Violation
from linter.links import config_table
from linter.model import Cluster, Graph, RemoteLink, SecurityModel

KEYSTORE_LISTING = "elasticsearch.keystore.list"


def enabled_links(context: RuleContext, model: SecurityModel) -> Iterator[RemoteLink]:
    """The enabled links of the context's cluster that use ``model``."""
    for link in context.graph.links_from(context.cluster.name):
        if link.enabled and link.model.value is model:
            yield link


def workspace_remote(graph: Graph, link: RemoteLink) -> Cluster | None:
    """The remote cluster of ``link`` if it is a cluster of the workspace."""
    name = link.remote.value
    return graph.clusters.get(name) if name is not None else None


def remote_label(link: RemoteLink) -> str:
    """The remote's cluster name when known, else the alias."""
    return link.remote.value if link.remote.value is not None else link.alias


def inference_note(link: RemoteLink) -> str:
    """What ends the message of a finding on ``link`` when its security model
    was inferred (`` (model inferred from port 9300: ...)``, with a leading
    space); empty when a keystore listing made the model certain."""
    if link.model.certain:
        return ""
    ports = sorted({e.port for e in link.endpoints if e.port is not None})
    numbers = ", ".join(map(str, ports))
    source = f"from port{'s' if len(ports) > 1 else ''} {numbers}"
    source = source if ports else "without a keystore listing"
    advice = f"add {KEYSTORE_LISTING} to make it certain"
    return f" (model inferred {source}: {advice})"


def quoted(names: Iterable[str]) -> str:
    """Each name in backticks, the names separated by commas."""
    return ", ".join(f"`{name}`" for name in names)


def some_names(names: tuple[str, ...], limit: int = 3) -> str:
    """Up to ``limit`` quoted names, then how many more there are."""
    shown = quoted(names[:limit])
    hidden = len(names) - limit
    return f"{shown} and {hidden} more" if hidden > 0 else shown


def toml_table(graph: Graph, *keys: str) -> str:
    """The header of a configuration table, as the run's file spells it."""
    return config_table(graph.config_file, *keys)


def problem_violations(context: RuleContext, code: str) -> Iterator[Violation]:
    """The reading problems with ``code`` in the files of the context's cluster.

    A problem outside every cluster directory (one met finding them, such
    as a directory that cannot be listed) belongs to no cluster: it comes
    with the first cluster's, so it is reported once, with no cluster.
    """
    graph = context.graph
    cluster = context.cluster
    is_first = cluster.name == min(graph.clusters)
    for problem in graph.problems:
        if problem.code != code:
            continue
        owner = graph.cluster_of(problem.span.file)
        if owner != cluster.name and not (owner is None and is_first):
            continue
        related = tuple(Related(span, text) for span, text in problem.related)
        where = cluster.directory if owner else os.curdir
        yield Violation(
            span=problem.span,
            message=problem.message,
            cluster=owner,
            identity=("file", _relative(problem.span.file, where), problem.message),
            related=related,
        )


def _relative(file: str, directory: str) -> str:
    """``file`` relative to ``directory``, with ``/`` separators."""
    return os.path.relpath(file, directory).replace(os.sep, "/")
