"""# RC401 remote-privilege-exceeds-api-key

In the API key security model the remote authorizes every cross-cluster
request with the intersection of the caller's local `remote_indices` and
`remote_cluster` grants and the cross-cluster API key the alias uses. This
rule reports local privileges outside what the key can grant.

## What it finds

For each role of a cluster, each `remote_indices` entry and each alias its
`clusters` patterns match among the cluster's enabled API-key links whose
key is known, every privilege (compared case-insensitively) that the key
entries the entry's `names` reach cannot grant. A key's `search` entries
grant only `read`, `read_cross_cluster` and `view_index_metadata`; its
`replication` entries grant only `cross_cluster_replication` and
`cross_cluster_replication_internal`. So `all`, `manage`, `monitor` and every
write privilege (`write`, `index`, `create_doc`, `delete`, ...) are reported,
and so is `cross_cluster_replication` against a search-only key, or `read`
on names that only a replication entry of the key covers. An entry reaches a
key entry when some index name matches both, restricted indices counting
only where both allow them; names are compared exactly, wildcards and
regular expressions alike. `none` grants nothing and is never reported, and
an entry that reaches no key entry at all is RC404's.

It also reports `remote_cluster` privileges the key cannot carry:
`monitor_enrich` and `monitor_stats` need a key with `search` access. A
search key carries `monitor_enrich` (keys created before 8.15 must be updated
to get it), and Elasticsearch's own tests show `monitor_stats` reaching the
remote through a plain search key; a replication-only key carries neither.

Raw action patterns (privileges containing `:`) are not compared yet.

## Why it matters

The grant looks broader than it is: the remote silently caps it to the key's
access (or drops it entirely), so nobody notices until a request fails with
an "unauthorized" error on the remote. It is not a privilege escalation, but
the role misstates what its holders can do, and whoever reads it will trust
the wrong picture during an audit or an incident.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us.seeds: ["us-prod.example.internal:9443"]
```
```yaml
# us-prod/elasticsearch.yml
cluster.name: us-prod
network.host: us-prod.example.internal
```
```yaml
# us-prod/api_keys/eu-prod-search.yml
name: eu-prod-search
access:
  search:
    - names: ["logs-*"]
```
```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["logs-*"]
      privileges: [all]
```

## Passing example

```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["logs-*"]
      privileges: [read, read_cross_cluster, view_index_metadata]
```

## How to fix

Grant only what the key allows: `read`, `read_cross_cluster` and
`view_index_metadata` for search, `cross_cluster_replication` for
replication. If the role really needs more, ask the remote's administrators
to change the key's access; write access to a remote cluster is never
possible through a cross-cluster API key.

## References

- [Role structure: remote indices and remote cluster privileges](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/role-structure)
- [Add remote clusters using API key authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-api-key)
- [Create a cross-cluster API key](https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-create-cross-cluster-api-key)
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.key_access import REMOTE_CLUSTER_NEEDS
from linter.model import (
    AccessKind,
    KeyAccessEntry,
    Located,
    RemoteClusterGrant,
    RemoteIndicesGrant,
)
from rules._links import quoted
from rules._remote_access import (
    KeyedGrant,
    grantable,
    key_phrase,
    key_related,
    kinds_serving,
    remote_cluster_access,
)
from rules._remote_compare import Reach, reaches

logger = logging.getLogger(__name__)


def check(context: RuleContext) -> Iterator[Violation]:
    for reach in reaches(context):
        kinds = frozenset(e.kind for e in (*reach.reached, *_open(reach)))
        if kinds:
            yield from _index_privileges(context, reach.access, kinds)
    for cluster_access in remote_cluster_access(context):
        yield from _cluster_privileges(context, cluster_access)


def _open(reach: Reach) -> tuple[KeyAccessEntry, ...]:
    """Entries the state cap left undecided count as reached (RC403's)."""
    return tuple(entry for entry, _ in reach.undecided)


def _index_privileges(
    context: RuleContext,
    access: KeyedGrant[RemoteIndicesGrant],
    kinds: frozenset[AccessKind],
) -> Iterator[Violation]:
    allowed = grantable(kinds)
    for privilege in _distinct_lowered(access.grant.privileges):
        lowered = privilege.value.lower()
        if lowered == "none":
            # `none` grants nothing, so it cannot exceed anything.
            continue
        if ":" in lowered:
            # TODO(action automata): compare raw action patterns with the
            # actions of the key's privileges instead of skipping them.
            logger.debug("action pattern %s not compared", privilege.value)
            continue
        if lowered not in allowed:
            yield _index_violation(context, access, privilege, kinds)


def _index_violation(
    context: RuleContext,
    access: KeyedGrant[RemoteIndicesGrant],
    privilege: Located[str],
    kinds: frozenset[AccessKind],
) -> Violation:
    capped = bool(kinds_serving(privilege.value) & kinds)
    outcome = "silently caps it" if capped else "never grants it through this key"
    where = "" if kinds == access.key.kinds else " on the indices this entry names"
    message = (
        f"privilege `{privilege.value}` on remote cluster `{access.alias}` exceeds "
        f"{key_phrase(access.key)}, which can grant only "
        f"{quoted(grantable(kinds))}{where}; the remote {outcome}: grant only "
        "what the key allows"
    )
    lowered = privilege.value.lower()
    identity = ("role", access.role, "alias", access.alias, "privilege", lowered)
    return Violation(
        privilege.span,
        message,
        cluster=context.cluster.name,
        identity=identity,
        related=(key_related(access.key),),
    )


def _cluster_privileges(
    context: RuleContext, access: KeyedGrant[RemoteClusterGrant]
) -> Iterator[Violation]:
    for privilege in _distinct_lowered(access.grant.privileges):
        needed = REMOTE_CLUSTER_NEEDS.get(privilege.value.lower())
        # Unknown names are invalid roles, reported by the structure check.
        if needed is not None and needed not in access.key.kinds:
            yield _cluster_violation(context, access, privilege, needed)


def _cluster_violation(
    context: RuleContext,
    access: KeyedGrant[RemoteClusterGrant],
    privilege: Located[str],
    needed: AccessKind,
) -> Violation:
    message = (
        f"remote cluster privilege `{privilege.value}` on remote cluster "
        f"`{access.alias}` exceeds {key_phrase(access.key)}, which has no "
        f"`{needed.value}` access; the remote never grants it through this key: "
        f"remove it or add `{needed.value}` access to the key"
    )
    lowered = privilege.value.lower()
    identity = ("role", access.role, "alias", access.alias, "remote_cluster", lowered)
    return Violation(
        privilege.span,
        message,
        cluster=context.cluster.name,
        identity=identity,
        related=(key_related(access.key),),
    )


def _distinct_lowered(items: tuple[Located[str], ...]) -> Iterator[Located[str]]:
    """Each privilege once, case-insensitively, at its first place."""
    seen: set[str] = set()
    for item in items:
        lowered = item.value.lower()
        if lowered not in seen:
            seen.add(lowered)
            yield item


RULE = Rule(
    code="RC401",
    name="remote-privilege-exceeds-api-key",
    severity=Severity.WARNING,
    summary="A remote privilege of a local role exceeds the alias's API key.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
