"""# RC402 remote-index-exceeds-api-key

A local role's `remote_indices` entry names indices (or restricted indices)
on a remote cluster that the cross-cluster API key of that alias does not
cover, so the remote silently narrows the grant.

## What it finds

For each role of a cluster, each `remote_indices` entry and each alias its
`clusters` patterns match among the cluster's enabled API-key links whose
key is known:

- every index name pattern that is not contained in the union of the key's
  `names`, with an example index name inside the pattern and outside the
  key. Only the key entries whose kind serves one of the entry's privileges
  count (`search` entries for `read`, `replication` entries for
  `cross_cluster_replication`, both for `all`); when none does, all entries
  count. Containment is exact for names and wildcards and takes the whole
  union into account: `logs-*` is covered by the two key patterns `logs-`
  and `logs-?*` together, though by neither alone.
- `allow_restricted_indices: true` when no counted key entry allows
  restricted indices.

Patterns the engine cannot compare (regular expressions on either side, or
patterns too complex to decide) are RC403's, never this rule's.

## Why it matters

The remote authorizes with the intersection of the local grant and the key,
so indices outside the key are unreachable whatever the role says. The role
then promises access that does not exist: users meet "unauthorized" errors,
and an audit of the local roles overstates what the local cluster can read.

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
    - names: ["logs-prod-*"]
```
```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["logs-*"]
      privileges: [read]
```

## Passing example

```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["logs-prod-*"]
      privileges: [read]
```

## How to fix

Narrow the local pattern to what the key covers, or ask the remote's
administrators to widen the key's `names` (or to set
`allow_restricted_indices: true` on the key entry, if restricted indices are
really meant to be reachable).

## References

- [Role structure: remote indices and remote cluster privileges](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/role-structure)
- [Add remote clusters using API key authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-api-key)
- [Create a cross-cluster API key](https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-create-cross-cluster-api-key)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import KeyAccessEntry, RemoteIndicesGrant
from linter.patterns import Verdict
from rules._links import quoted
from rules._remote_access import (
    IndexComparison,
    KeyedGrant,
    entry_related,
    index_comparisons,
    key_phrase,
    relevant_entries,
    remote_indices_access,
)


def check(context: RuleContext) -> Iterator[Violation]:
    for comparison in index_comparisons(context):
        if comparison.containment.verdict is Verdict.NOT_CONTAINED:
            yield _name_violation(context, comparison)
    for access in remote_indices_access(context):
        yield from _restricted(context, access)


def _name_violation(context: RuleContext, comparison: IndexComparison) -> Violation:
    access = comparison.access
    pattern = comparison.name.value
    message = (
        f"index pattern `{pattern}` on remote cluster `{access.alias}` reaches "
        f"beyond {key_phrase(access.key)}, which {_covers(comparison.entries)}"
        f"{_example(comparison.containment.witness)}; the remote silently caps "
        "the grant: narrow the pattern or widen the key"
    )
    identity = ("role", access.role, "alias", access.alias, "pattern", pattern)
    related = tuple(entry_related(access.key, e) for e in comparison.entries)
    return Violation(
        comparison.name.span,
        message,
        cluster=context.cluster.name,
        identity=identity,
        related=related,
    )


def _covers(entries: tuple[KeyAccessEntry, ...]) -> str:
    names = dict.fromkeys(name.value for entry in entries for name in entry.names)
    return f"covers {quoted(names)}" if names else "covers no indices"


def _example(witness: str | None) -> str:
    # An empty witness would print as an empty name; index names never are.
    if not witness:
        return ""
    return f" (for example `{witness}` is outside it)"


def _restricted(
    context: RuleContext, access: KeyedGrant[RemoteIndicesGrant]
) -> Iterator[Violation]:
    flag = access.grant.allow_restricted_indices
    if flag is None or flag.value is not True:
        return
    entries = relevant_entries(access.grant, access.key)
    if any(entry.allows_restricted for entry in entries):
        return
    message = (
        f"`allow_restricted_indices: true` on remote cluster `{access.alias}` "
        f"reaches beyond {key_phrase(access.key)}, which allows no restricted "
        "indices; the remote silently ignores it: remove it or allow restricted "
        "indices in the key"
    )
    identity = ("role", access.role, "alias", access.alias)
    yield Violation(
        flag.span,
        message,
        cluster=context.cluster.name,
        identity=(*identity, "allow_restricted_indices"),
        related=tuple(entry_related(access.key, e) for e in entries),
    )


RULE = Rule(
    code="RC402",
    name="remote-index-exceeds-api-key",
    severity=Severity.WARNING,
    summary="a remote index pattern of a local role reaches beyond the API key",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
