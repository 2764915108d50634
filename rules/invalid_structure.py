"""# RC002 invalid-structure

A file parses but does not have the shape Elasticsearch expects: an unknown
field, a value of the wrong type, a missing required field, or a secure
setting written where only the keystore may hold it.

## What it finds

Every schema violation in the files of a cluster directory, checked against
the JSON Schema of each kind of file: node settings, cluster settings, role
descriptors, cross-cluster API keys, role mappings and users. The finding
points at the offending key or value and says what was expected.

## Why it matters

Elasticsearch rejects a role, an API key or a setting with an unknown field
or a value of the wrong type, often only when the file is loaded on a node.
A misspelt field such as `privilages` grants nothing. rclint reads what has
the right shape and ignores the rest, so the other rules cannot see the
broken part either.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
```

```yaml
# eu-prod/roles.yml
remote-search:
  indices:
    - names: ["logs-*"]
      privilages: [read]
```

## Passing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
```

```yaml
# eu-prod/roles.yml
remote-search:
  indices:
    - names: ["logs-*"]
      privileges: [read]
```

## How to fix

Follow the message: correct the misspelt field, give the value the expected
type, add the missing field. Move secure settings, such as
`cluster.remote.<alias>.credentials`, into the Elasticsearch keystore.

## References

- [Role structure](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/role-structure)
- [Create a cross-cluster API key](https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-create-cross-cluster-api-key)
- [Secure settings](https://www.elastic.co/docs/deploy-manage/security/secure-settings)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from rules._links import problem_violations


def check(context: RuleContext) -> Iterator[Violation]:
    return problem_violations(context, "RC002")


RULE = Rule(
    code="RC002",
    name="invalid-structure",
    severity=Severity.ERROR,
    summary="A file does not have the structure Elasticsearch expects.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
