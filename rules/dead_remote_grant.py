"""# RC404 dead-remote-grant

A local role's `remote_indices` entry names no index that the cross-cluster
API key of any alias it targets allows, so it grants nothing at all.

## What it finds

Each `remote_indices` entry of a role whose `names` share no index name with
any entry of the key (`search` or `replication`) of every enabled API-key
link whose alias the entry's `clusters` match and whose key is known. Names
are compared exactly, wildcards and regular expressions alike, and
restricted (system) indices count only where both the local entry and the
key entry set `allow_restricted_indices: true`. An entry that reaches some
key on some alias is not reported, even if it reaches nothing on another
(RC402 reports what it reaches beyond).

## Why it matters

The remote authorizes with the intersection of the local entry and the
key, which is empty: whoever the role was written for gets "unauthorized"
errors, and the role promises access that does not exist. It is no risk,
but it is always a mistake (a typo, a renamed index, the wrong alias or a
key that was narrowed), so the severity is a warning, as for RC402.

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
      names: ["/metrics-(prod|stage)-.*/"]
      privileges: [read]
```

## Passing example

```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["/logs-(prod|stage)-.*/"]
      privileges: [read]
```

## How to fix

Point the entry's `names` at indices the key covers, ask the remote's
administrators to add them to the key, or remove the entry.

## References

- [Role structure: remote indices and remote cluster privileges](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/role-structure)
- [Create a cross-cluster API key](https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-create-cross-cluster-api-key)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.source import Span
from rules._links import quoted
from rules._remote_access import entry_related, key_phrase
from rules._remote_compare import Reach, dead_entries


def check(context: RuleContext) -> Iterator[Violation]:
    for (role, _), found in dead_entries(context).items():
        yield _violation(context, role, found)


def _violation(context: RuleContext, role: str, found: tuple[Reach, ...]) -> Violation:
    grant = found[0].access.grant
    names = tuple(name.value for name in grant.names)
    aliases = quoted(dict.fromkeys(reach.access.alias for reach in found))
    keys = ", ".join(dict.fromkeys(key_phrase(reach.access.key) for reach in found))
    message = (
        f"index patterns {quoted(names)} of role `{role}` on remote cluster "
        f"{aliases} name no index that {keys} allows; the entry grants nothing "
        "there: point its `names` at indices the key covers, or remove it"
    )
    related = tuple(
        entry_related(reach.access.key, entry)
        for reach in found
        for entry in reach.access.key.access
    )
    return Violation(
        _names_span(found[0]),
        message,
        cluster=context.cluster.name,
        identity=("role", role, "remote_indices", *names),
        related=tuple(dict.fromkeys(related)),
    )


def _names_span(reach: Reach) -> Span:
    grant = reach.access.grant
    if not grant.names:
        return grant.span
    first, last = grant.names[0].span, grant.names[-1].span
    return Span(first.file, first.start, last.end)


RULE = Rule(
    code="RC404",
    name="dead-remote-grant",
    severity=Severity.WARNING,
    summary="A remote index entry of a local role reaches no index of the API key.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
