"""Every suppression of a run, as ``Directive``s: the comments of the files
read, the ``metadata.rclint`` of roles and API keys, and the configuration's
``[[suppress]]`` tables.

The comments of a file that did not parse are left out: nothing but its
RC001 finding is reported there, and RC001 cannot be suppressed.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Iterator

from linter.config import Config
from linter.findings import ConfigSuppression
from linter.model import Cluster, Graph, Located, MetadataSuppression
from linter.source import Span
from linter.suppressions_comments import comment_directives, may_hold_directives
from linter.suppressions_directives import DATE_FORMAT, parse_date
from linter.suppressions_model import (
    Directive,
    EntityScope,
    Flaw,
    KeyScope,
    Kind,
    Scope,
    Target,
)

logger = logging.getLogger(__name__)

CONFIG_FORM = "[[suppress]]"
METADATA_FORM = "metadata"


def collect(graph: Graph, config: Config) -> tuple[Directive, ...]:
    """The directives of the workspace, file by file, then of the roles and
    keys, then of the configuration: the order in which one is chosen when
    several cover a finding."""
    unread = {p.span.file for p in graph.problems if p.code == "RC001"}
    found: list[Directive] = []
    for file in sorted(graph.sources):
        text = graph.sources[file]
        if not may_hold_directives(text):
            continue
        if file in unread:
            logger.debug("%s: does not parse; its comments are not read", file)
            continue
        cluster = graph.cluster_of(file)
        place = _place(graph, file, cluster)
        found.extend(comment_directives(file, text, cluster, place))
    for name in sorted(graph.clusters):
        found.extend(_metadata_directives(graph.clusters[name]))
    found.extend(_config_directive(config, entry) for entry in config.suppressions)
    return tuple(found)


def _place(graph: Graph, file: str, cluster: str | None) -> str:
    """``file`` relative to its cluster's directory, ``/``-separated: an
    identity that survives moving the workspace."""
    directory = graph.clusters[cluster].directory if cluster else os.curdir
    return os.path.relpath(file, directory).replace(os.sep, "/")


def _metadata_directives(cluster: Cluster) -> Iterator[Directive]:
    # Most roles carry no suppression: skip them before building anything.
    for role in [role for role in cluster.roles.values() if role.suppressions]:
        scope = EntityScope(cluster.name, "role", role.name.value)
        for entry in role.suppressions:
            yield _metadata_directive(
                cluster.name, ("role", role.name.value), scope, entry
            )
    for key in cluster.api_keys:
        key_scope = KeyScope(cluster.name, key.name.value, key.span)
        about = ("api_key", key.name.value)
        for entry in key.suppressions:
            yield _metadata_directive(cluster.name, about, key_scope, entry)


def _metadata_directive(
    cluster: str, about: tuple[str, str], scope: Scope, entry: MetadataSuppression
) -> Directive:
    expires: datetime.date | None = None
    flaws: tuple[Flaw, ...] = ()
    if entry.expires is not None:
        expires = parse_date(entry.expires.value)
        if expires is None:
            flaws = (_bad_date(entry.expires),)
    return Directive(
        kind=Kind.METADATA,
        form=METADATA_FORM,
        span=entry.code.span,
        targets=(Target(entry.code, scope),),
        reason=entry.reason.value if entry.reason else None,
        identity=(*about, "metadata", entry.code.value),
        cluster=cluster,
        expires=expires,
        flaws=flaws,
    )


def _bad_date(text: Located[str]) -> Flaw:
    message = f"`expires` must be a date written {DATE_FORMAT}, found `{text.value}`"
    return Flaw(text.span, message)


def _config_directive(config: Config, entry: ConfigSuppression) -> Directive:
    # A configuration built in code has no positions: its findings are
    # shown at the top of its file.
    span = entry.span or Span.whole_file(config.path or "rclint.toml")
    scope = EntityScope(entry.cluster, entry.kind, entry.name)
    fields = (entry.cluster, entry.kind, entry.name)
    return Directive(
        kind=Kind.CONFIGURATION,
        form=CONFIG_FORM,
        span=span,
        targets=(Target(Located(entry.rule, span), scope),),
        reason=entry.reason,
        identity=("configuration", entry.rule, *(field or "*" for field in fields)),
        cluster=entry.cluster,
        expires=entry.expires,
    )
