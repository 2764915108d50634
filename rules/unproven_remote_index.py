"""# RC403 unproven-remote-index

rclint could not decide whether a local role's `remote_indices` name pattern
stays within the cross-cluster API key of the alias, because a regular
expression is involved or the patterns are too complex to compare.

## What it finds

The same comparison as RC402 (each `remote_indices` name pattern against the
union of the key's `names`, for each alias the entry's `clusters` match among
the enabled API-key links with a known key), when the answer is "unknown"
rather than "contained" or "not contained": a `/regular expression/` on
either side, or a pair of wildcard patterns whose comparison exceeds the
engine's state limit. The message carries the engine's reason.

## Why it matters

An unproven pattern may reach beyond the key, and RC402 stays silent about
it. The finding is informational: it tells you which grants nobody has
checked, so you can review them by hand or rewrite them as wildcards.

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
      names: ["/logs-.*/"]
      privileges: [read]
```

## Passing example

```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["logs-*"]
      privileges: [read]
```

## How to fix

Prefer wildcard patterns where they can say the same thing, on both sides.
Where a regular expression is needed, check by hand that every name it
matches is covered by the key, and ignore the finding for that role.

## References

- [Role structure: remote indices and remote cluster privileges](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/role-structure)
- [Regular expression syntax](https://www.elastic.co/docs/reference/query-languages/query-dsl/regexp-syntax)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.patterns import Verdict
from rules._remote_access import (
    IndexComparison,
    entry_related,
    index_comparisons,
    key_phrase,
)


def check(context: RuleContext) -> Iterator[Violation]:
    for comparison in index_comparisons(context):
        if comparison.containment.verdict is Verdict.UNKNOWN:
            yield _violation(context, comparison)


def _violation(context: RuleContext, comparison: IndexComparison) -> Violation:
    access = comparison.access
    pattern = comparison.name.value
    reason = comparison.containment.reason or "the pattern engine gave no reason"
    message = (
        f"could not prove that `{pattern}` on remote cluster `{access.alias}` "
        f"stays within {key_phrase(access.key)}: {reason}"
    )
    identity = ("role", access.role, "alias", access.alias, "pattern", pattern)
    return Violation(
        comparison.name.span,
        message,
        cluster=context.cluster.name,
        identity=identity,
        related=tuple(entry_related(access.key, e) for e in comparison.entries),
    )


RULE = Rule(
    code="RC403",
    name="unproven-remote-index",
    severity=Severity.INFO,
    summary="a remote index pattern could not be compared with the API key",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
