"""# RC201 missing-remote-role

A role name held on the local cluster is not defined on a remote cluster that
the local cluster reaches with the certificate security model, so the role
grants nothing there.

## What it finds

For each enabled certificate-model alias whose remote is a cluster of the
workspace: each role name held on the local cluster that the remote does not
define. The roles held are those granted to enabled users and role mappings
(`users_roles`, `users/`, `role_mapping.yml`, `role_mappings/`); when the
cluster directory has none of those, every role defined locally counts as
held. Built-in roles such as `superuser` or `viewer` exist on every cluster
and are never reported. The finding points at the first place the role is
granted (or defined); the related location is the remote's `cluster.name`
setting (its `elasticsearch.yml` when the name is the directory's).

A remote role file that cannot be read or parsed is an RC001 finding that
fails the run; meanwhile RC201 does not guess what it defines:

- a file of `roles/` counts as defining the role its name says
  (`roles/logs-reader.json` defines `logs-reader`), as the workspace names
  one-role files; a `GET _security/role` response saved there hides its
  other roles until it parses again;
- when `roles.yml` or the `roles/` directory cannot be read, the remote's
  roles are not known, and no role is reported missing on that remote (the
  reason is logged with `--verbose`).

## Why it matters

In the certificate model the local cluster sends the user's role names to the
remote, and the remote resolves them against its own role definitions. A name
the remote does not define grants no access there, so cross-cluster searches
of users holding only that role fail with `assigned roles [...] were not
found`. Usually a role was renamed or created on one cluster only.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9300"]
```

```yaml
# eu-prod/roles.yml
logs-reader:
  indices:
    - names: ["logs-*"]
      privileges: [read]
```

```yaml
# us-prod/elasticsearch.yml
cluster.name: us-prod
```

## Passing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9300"]
```

```yaml
# eu-prod/roles.yml
logs-reader:
  indices:
    - names: ["logs-*"]
      privileges: [read]
```

```yaml
# us-prod/elasticsearch.yml
cluster.name: us-prod
```

```yaml
# us-prod/roles.yml
logs-reader:
  indices:
    - names: ["logs-*"]
      privileges: [read, read_cross_cluster, view_index_metadata]
```

## How to fix

Define a role with the same name on the remote, granting what those users may
read there (`read` and `read_cross_cluster` on the target indices), or stop
granting the role locally. Better, migrate the alias to the API key model,
where local roles carry `remote_indices` grants and the remote needs no
copies of them.

## Options

- `roles` (array of strings, default: not set): check only the role names,
  held or defined locally, that match one of these patterns (`*` matches any
  characters, `?` one character).

```toml
[tool.rclint.rules.RC201]
roles = ["logs-*", "remote-*"]
```

## References

- [Security models](https://www.elastic.co/docs/deploy-manage/remote-clusters/security-models)
- [Add remote clusters using TLS certificate authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-cert)
- [Built-in roles](https://www.elastic.co/docs/reference/elasticsearch/roles)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence

from linter.findings import Related, Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import Cluster, RemoteLink, SecurityModel
from linter.patterns import compile_pattern
from linter.source import Span
from rules._links import enabled_links, inference_note, workspace_remote

logger = logging.getLogger(__name__)

# Where a cluster directory defines roles, and the files of ``roles/``.
ROLE_SOURCES = ("roles.yml", "roles")
ROLE_EXTENSIONS = frozenset({".json", ".yml", ".yaml"})

# Reserved roles exist on every cluster, so the remote always resolves them
# (``data_frame_transforms_*`` are deprecated but still reserved on 8.x).
RESERVED_ROLES = frozenset(
    {
        "superuser",
        "apm_system",
        "beats_admin",
        "beats_system",
        "data_frame_transforms_admin",
        "data_frame_transforms_user",
        "editor",
        "enrich_user",
        "inference_admin",
        "inference_user",
        "ingest_admin",
        "kibana_admin",
        "kibana_dashboard_only_user",
        "kibana_system",
        "kibana_user",
        "logstash_admin",
        "logstash_system",
        "machine_learning_admin",
        "machine_learning_user",
        "monitoring_user",
        "remote_monitoring_agent",
        "remote_monitoring_collector",
        "reporting_user",
        "rollup_admin",
        "rollup_user",
        "snapshot_user",
        "transform_admin",
        "transform_user",
        "transport_client",
        "viewer",
        "watcher_admin",
        "watcher_user",
    }
)


def check(context: RuleContext) -> Iterator[Violation]:
    patterns = tuple(context.options.get("roles", ()))
    candidates = role_names(context.cluster, patterns or None)
    for link in enabled_links(context, SecurityModel.CERTIFICATE):
        remote = workspace_remote(context.graph, link)
        if remote is None:
            logger.debug("RC201: alias %r leads outside the workspace", link.alias)
            continue
        defined = defined_roles(remote)
        if defined is None:
            continue
        for name, span in candidates.items():
            if name not in RESERVED_ROLES and name not in defined:
                yield _violation(context, link, remote, name, span)


def defined_roles(remote: Cluster) -> frozenset[str] | None:
    """The role names ``remote`` defines, those of its unread ``roles/``
    files included (named by their stem); None when its ``roles.yml`` or
    ``roles/`` directory could not be read, as any role may be there."""
    unknown = [name for name in ROLE_SOURCES if remote.is_unread(name)]
    if unknown:
        logger.debug(
            "RC201: `%s` could not be read on `%s`, so its roles are not known "
            "and none is reported missing there",
            "`, `".join(unknown),
            remote.name,
        )
        return None
    folder = os.path.normpath(os.path.join(remote.directory, "roles"))
    stems = (
        os.path.splitext(os.path.basename(path))
        for path in remote.unread_files
        if os.path.dirname(path) == folder
    )
    unread = {stem for stem, extension in stems if extension in ROLE_EXTENSIONS}
    return frozenset(remote.roles) | unread


def role_names(cluster: Cluster, patterns: Sequence[str] | None) -> dict[str, Span]:
    """The role names to check, each with the first place it is held or defined.

    Without patterns: the roles held by principals, or every defined role
    when the cluster directory has no principal files. With patterns: the
    held and defined names that match one of them.
    """
    held = _held_roles(cluster)
    defined = {name: role.name.span for name, role in cluster.roles.items()}
    if patterns is None:
        return held if cluster.has_principal_sources else defined
    names = {**defined, **held}
    return {n: s for n, s in names.items() if _matches_any(patterns, n)}


def _held_roles(cluster: Cluster) -> dict[str, Span]:
    """Role names of enabled principals, each at its first grant."""
    first: dict[str, Span] = {}
    for principal in cluster.principals:
        if not principal.enabled:
            continue
        for role in principal.roles:
            known = first.get(role.value)
            if known is None or _position(role.span) < _position(known):
                first[role.value] = role.span
    return first


def _position(span: Span) -> tuple[str, int, int]:
    return (span.file, span.start.row, span.start.column)


def _matches_any(patterns: Sequence[str], name: str) -> bool:
    # A regular expression the engine cannot run (None) selects nothing.
    return any(compile_pattern(p).matches(name) is True for p in patterns)


def _violation(
    context: RuleContext, link: RemoteLink, remote: Cluster, name: str, span: Span
) -> Violation:
    message = (
        f"role `{name}` is not defined on `{remote.name}`, so it grants nothing "
        f"through the certificate-model alias `{link.alias}`: the remote resolves "
        f"role names against its own roles; define a role `{name}` on "
        f"`{remote.name}`, or migrate the alias to the API key model"
        f"{inference_note(link)}"
    )
    related = Related(
        remote.name_origin or Span.whole_file(remote.config_file),
        f"remote cluster `{remote.name}` defines no role `{name}`",
    )
    return Violation(
        span=span,
        message=message,
        cluster=context.cluster.name,
        identity=("alias", link.alias, "role", name),
        related=(related,),
    )


RULE = Rule(
    code="RC201",
    name="missing-remote-role",
    severity=Severity.WARNING,
    summary="A role held locally is missing on a certificate-model remote.",
    doc=__doc__ or "",
    check=check,
    options_schema={
        "type": "object",
        "properties": {"roles": {"type": "array", "items": {"type": "string"}}},
        "additionalProperties": False,
    },
    defaults={},
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
