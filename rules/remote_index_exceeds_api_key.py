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
  is. Containment is exact for names, wildcards and regular expressions on
  either side, and takes the whole union into account: `logs-*` is covered
  by the two key patterns `logs-` and `logs-?*` together, though by neither
  alone.
- restricted (system) indices, such as `.security` or `.kibana_1`, that an
  entry with `allow_restricted_indices: true` names but that no key entry of
  a compared kind allowing restricted indices covers. As in Elasticsearch,
  a pattern of an entry without `allow_restricted_indices: true` never
  covers restricted indices, on either side, so the key's `*` does not
  cover a local `.security*` that asks for them.

An entry that reaches no index of the key at all is RC404's, and patterns
too complex to compare are RC403's, never this rule's.

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

from linter.findings import Related, Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import KeyAccessEntry
from linter.patterns import Verdict
from linter.source import Span
from rules._links import quoted
from rules._remote_access import entry_related
from rules._remote_compare import (
    IndexComparison,
    allowing_entries,
    dead_entries,
    index_comparisons,
)


def check(context: RuleContext) -> Iterator[Violation]:
    dead = dead_entries(context)
    comparisons = [
        c
        for c in index_comparisons(context)
        if (c.access.role, c.access.index) not in dead
    ]
    for comparison in comparisons:
        if comparison.containment.verdict is Verdict.NOT_CONTAINED:
            yield _name_violation(context, comparison)
    yield from _restricted_violations(context, comparisons)


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
    # A "not contained" answer always has a non-empty witness (the empty
    # name is left out of every comparison); the guard is for the type only.
    if not witness:
        return ""
    return f" (for example `{witness}` is outside it)"


def _restricted_violations(
    context: RuleContext, comparisons: list[IndexComparison]
) -> Iterator[Violation]:
    """Restricted indices a pattern asks for beyond the key, once per
    (entry, alias, side) when no key entry allows any, else per pattern."""
    reported: set[tuple[str, int, str, str]] = set()
    for comparison in comparisons:
        answer = comparison.restricted
        if comparison.containment.verdict is not Verdict.CONTAINED:
            continue  # Reported, or unknown, already.
        if answer is None or answer.verdict is not Verdict.NOT_CONTAINED:
            continue
        access, side = comparison.access, comparison.side
        if allowing_entries(side):
            yield _restricted_name(context, comparison)
            continue
        key = (access.role, access.index, access.alias, side.label)
        if key not in reported:
            reported.add(key)
            yield _no_restricted(context, comparison)


def _no_restricted(context: RuleContext, comparison: IndexComparison) -> Violation:
    access, side = comparison.access, comparison.side
    message = (
        f"`allow_restricted_indices: true` on remote cluster `{access.alias}` "
        f"reaches beyond {side.phrase}, which allows no restricted indices"
        f"{_example(_restricted_witness(comparison))}; "
        "the remote silently ignores it: remove it or allow restricted indices "
        "in the key"
    )
    identity = ("role", access.role, "alias", access.alias)
    return Violation(
        _flag_span(comparison),
        message,
        cluster=context.cluster.name,
        identity=(*identity, "allow_restricted_indices", "access", side.label),
        related=tuple(entry_related(side.key, e) for e in side.entries),
    )


def _restricted_name(context: RuleContext, comparison: IndexComparison) -> Violation:
    access, side, name = comparison.access, comparison.side, comparison.name
    allowing = allowing_entries(side)
    witness = _restricted_witness(comparison)
    message = (
        f"`allow_restricted_indices: true` for index pattern `{name.value}` on "
        f"remote cluster `{access.alias}` reaches beyond {side.phrase}, which "
        f"allows restricted indices only in {_names(allowing)}{_example(witness)}; "
        "the remote silently ignores it for the other restricted indices: narrow "
        "the pattern or allow restricted indices in the key"
    )
    identity = ("role", access.role, "alias", access.alias)
    restricted = ("allow_restricted_indices", "pattern", name.value)
    pattern = Related(name.span, f"index pattern `{name.value}`")
    return Violation(
        _flag_span(comparison),
        message,
        cluster=context.cluster.name,
        identity=(*identity, *restricted, "access", side.label),
        related=(pattern, *(entry_related(side.key, e) for e in allowing)),
    )


def _restricted_witness(comparison: IndexComparison) -> str | None:
    return comparison.restricted.witness if comparison.restricted else None


def _flag_span(comparison: IndexComparison) -> Span:
    """Restricted indices are compared only where the entry allows them."""
    grant = comparison.access.grant
    flag = grant.allow_restricted_indices
    return flag.span if flag else grant.span


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
