"""# RC405 invalid-name-pattern

An index-name or alias pattern of a role or a cross-cluster API key that is
not a valid pattern: a regular expression that does not compile, or a `/`
that opens one without closing it.

## What it finds

Every pattern in the `indices` and `remote_indices` `names`, the
`remote_indices` and `remote_cluster` `clusters` of the cluster's roles,
and the `names` of its cross-cluster API keys' `search` and `replication`
access, that Elasticsearch cannot compile. A pattern that starts with `/`
must end with `/`, and what lies between is a Lucene regular expression
with the operators Elasticsearch enables (`|`, `&`, `~`, `#`, `@`, `<n-m>`,
`"strings"`, classes, `{n,m}` and the rest). The message says what is wrong
and at which character of the pattern, counting its leading `/` as the
first.

## Why it matters

Recent Elasticsearch versions reject such a role or key when it is created;
older ones accept it and fail when they build the automaton of the role,
so its holders lose the access the role's other entries grant too. rclint
can compare nothing against an invalid pattern, so RC401 to RC404 treat it
as matching nothing.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
```
```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["/logs-(prod|stage-.*/"]
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

Close what the message names (a group, a class, a string or an interval),
escape an operator character meant literally (`\\.`, `\\@`, `\\<`), or write
the pattern as a wildcard when `*` and `?` say enough.

## References

- [Role structure: indices privileges](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/role-structure)
- [Regular expression syntax](https://www.elastic.co/docs/reference/query-languages/query-dsl/regexp-syntax)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import CrossClusterApiKey, Located, Role
from linter.patterns import pattern_error

Place = tuple[str, ...]


def check(context: RuleContext) -> Iterator[Violation]:
    for role in context.cluster.roles.values():
        for place, pattern in _role_patterns(role):
            yield from _check(context, ("role", role.name.value, *place), pattern)
    for key in context.cluster.api_keys:
        for place, pattern in _key_patterns(key):
            yield from _check(context, ("api_key", key.name.value, *place), pattern)


def _role_patterns(role: Role) -> Iterator[tuple[Place, Located[str]]]:
    for index, grant in enumerate(role.indices):
        yield from _each(("indices", str(index), "names"), grant.names)
    for index, remote in enumerate(role.remote_indices):
        yield from _each(("remote_indices", str(index), "names"), remote.names)
        yield from _each(("remote_indices", str(index), "clusters"), remote.clusters)
    for index, cluster in enumerate(role.remote_cluster):
        yield from _each(("remote_cluster", str(index), "clusters"), cluster.clusters)


def _key_patterns(key: CrossClusterApiKey) -> Iterator[tuple[Place, Located[str]]]:
    for index, entry in enumerate(key.access):
        yield from _each((entry.kind.value, str(index), "names"), entry.names)


def _each(
    place: Place, patterns: tuple[Located[str], ...]
) -> Iterator[tuple[Place, Located[str]]]:
    for pattern in patterns:
        yield place, pattern


def _check(
    context: RuleContext, identity: Place, pattern: Located[str]
) -> Iterator[Violation]:
    error = pattern_error(pattern.value)
    if error is not None:
        yield Violation(
            pattern.span,
            f"{error}; Elasticsearch cannot compile it: fix the pattern",
            cluster=context.cluster.name,
            identity=(*identity, pattern.value),
        )


RULE = Rule(
    code="RC405",
    name="invalid-name-pattern",
    severity=Severity.ERROR,
    summary="An index-name or alias pattern is not a valid pattern.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
