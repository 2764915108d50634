"""# RC402 remote-index-exceeds-api-key

A local role's `remote_indices` entry names indices (or restricted indices)
on a remote cluster that the cross-cluster API key of that alias does not
cover, so the remote silently narrows the grant.

## What it finds

For each role of a cluster, each `remote_indices` entry and each alias its
`clusters` patterns match among the cluster's enabled API-key links whose
key is known:

- every index name pattern that is not contained in the union of the
  `names` of the key entries serving the entry's privileges, with an example
  index name inside the pattern and outside the key. Each kind whose key
  privileges the entry names exactly is compared on its own: `search`
  entries for `read`, `read_cross_cluster` and `view_index_metadata`,
  `replication` entries for `cross_cluster_replication` and
  `cross_cluster_replication_internal`; the message names the kind. Without
  such a privilege, the kinds `all`, `manage` or `monitor` partly overlap are
  compared together (both for `all`), and when nothing serves, the whole key
  is. Containment is exact for names and wildcards and takes the whole union
  into account: `logs-*` is covered by the two key patterns `logs-` and
  `logs-?*` together, though by neither alone.
- `allow_restricted_indices: true` when no key entry of a compared kind
  allows restricted indices, or when an index pattern of the entry reaches
  beyond the `names` of the key entries that do.

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

import logging
from collections.abc import Iterator

from linter.findings import Related, Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import KeyAccessEntry, Located, RemoteIndicesGrant
from linter.patterns import Verdict
from rules._links import quoted
from rules._remote_access import (
    IndexComparison,
    KeyedGrant,
    KeySide,
    contains_names,
    distinct,
    entry_related,
    index_comparisons,
    key_sides,
    remote_indices_access,
)

logger = logging.getLogger(__name__)


def check(context: RuleContext) -> Iterator[Violation]:
    for comparison in index_comparisons(context):
        if comparison.containment.verdict is Verdict.NOT_CONTAINED:
            yield _name_violation(context, comparison)
    for access in remote_indices_access(context):
        flag = access.grant.allow_restricted_indices
        if flag is not None and flag.value is True:
            for side in key_sides(access.grant, access.key):
                yield from _restricted(context, access, flag, side)


def _name_violation(context: RuleContext, comparison: IndexComparison) -> Violation:
    access, side = comparison.access, comparison.side
    pattern = comparison.name.value
    message = (
        f"index pattern `{pattern}` on remote cluster `{access.alias}` reaches "
        f"beyond {side.phrase}, which {_covers(side.entries)}"
        f"{_example(comparison.containment.witness)}; the remote silently caps "
        "the grant: narrow the pattern or widen the key"
    )
    identity = ("role", access.role, "alias", access.alias, "pattern", pattern)
    return Violation(
        comparison.name.span,
        message,
        cluster=context.cluster.name,
        identity=(*identity, "access", side.label),
        related=tuple(entry_related(side.key, e) for e in side.entries),
    )


def _covers(entries: tuple[KeyAccessEntry, ...]) -> str:
    names = _names(entries)
    return f"covers {names}" if names else "covers no indices"


def _example(witness: str | None) -> str:
    # A "not contained" answer always has a witness, never an empty one
    # (see contains_names); the guard is for the type only.
    if not witness:
        return ""
    return f" (for example `{witness}` is outside it)"


def _restricted(
    context: RuleContext,
    access: KeyedGrant[RemoteIndicesGrant],
    flag: Located[bool],
    side: KeySide,
) -> Iterator[Violation]:
    """``allow_restricted_indices: true`` is effective only for the names
    inside key entries that allow restricted indices too."""
    allowing = tuple(entry for entry in side.entries if entry.allows_restricted)
    if not allowing:
        yield _no_restricted(context, access, flag, side)
        return
    union = [name.value for entry in allowing for name in entry.names]
    for name in distinct(access.grant.names):
        if _restricted_outside(side, union, name.value):
            yield _restricted_name(context, access, flag, side, name, allowing)


def _restricted_outside(side: KeySide, union: list[str], pattern: str) -> bool:
    """Whether ``pattern``, inside the side's names (else it is reported
    already), reaches beyond the names that allow restricted indices."""
    if contains_names(side.names(), pattern).verdict is not Verdict.CONTAINED:
        return False
    answer = contains_names(union, pattern)
    # TODO(when RC403 compares restricted names): report unknown answers.
    if answer.verdict is Verdict.UNKNOWN:
        logger.debug("restricted indices of %s not compared: %s", pattern, answer)
    return answer.verdict is Verdict.NOT_CONTAINED


def _no_restricted(
    context: RuleContext,
    access: KeyedGrant[RemoteIndicesGrant],
    flag: Located[bool],
    side: KeySide,
) -> Violation:
    message = (
        f"`allow_restricted_indices: true` on remote cluster `{access.alias}` "
        f"reaches beyond {side.phrase}, which allows no restricted indices; "
        "the remote silently ignores it: remove it or allow restricted indices "
        "in the key"
    )
    identity = ("role", access.role, "alias", access.alias)
    return Violation(
        flag.span,
        message,
        cluster=context.cluster.name,
        identity=(*identity, "allow_restricted_indices", "access", side.label),
        related=tuple(entry_related(side.key, e) for e in side.entries),
    )


def _restricted_name(
    context: RuleContext,
    access: KeyedGrant[RemoteIndicesGrant],
    flag: Located[bool],
    side: KeySide,
    name: Located[str],
    allowing: tuple[KeyAccessEntry, ...],
) -> Violation:
    message = (
        f"`allow_restricted_indices: true` for index pattern `{name.value}` on "
        f"remote cluster `{access.alias}` reaches beyond {side.phrase}, which "
        f"allows restricted indices only in {_names(allowing)}; the remote "
        "silently ignores it for the other restricted indices: narrow the "
        "pattern or allow restricted indices in the key"
    )
    identity = ("role", access.role, "alias", access.alias)
    restricted = ("allow_restricted_indices", "pattern", name.value)
    pattern = Related(name.span, f"index pattern `{name.value}`")
    return Violation(
        flag.span,
        message,
        cluster=context.cluster.name,
        identity=(*identity, *restricted, "access", side.label),
        related=(pattern, *(entry_related(side.key, e) for e in allowing)),
    )


def _names(entries: tuple[KeyAccessEntry, ...]) -> str:
    return quoted(dict.fromkeys(name.value for e in entries for name in e.names))


RULE = Rule(
    code="RC402",
    name="remote-index-exceeds-api-key",
    severity=Severity.WARNING,
    summary="A remote index pattern of a local role reaches beyond the API key.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
