"""# RC001 invalid-syntax

A file of the cluster directory cannot be read: it is not valid YAML or JSON,
not valid UTF-8, or a line of a plain-text file has the wrong shape.

## What it finds

Every syntax error found while reading the files of a cluster directory:
`elasticsearch.yml`, `cluster-settings.json|yml`, `roles.yml`, `roles/*`,
`api_keys/*`, `role_mapping.yml`, `role_mappings/*`, `users/*`, and the
plain-text `users_roles` and `elasticsearch.keystore.list`. The finding points
at the first character the parser could not accept.

## Why it matters

Elasticsearch does not start with an `elasticsearch.yml` it cannot parse, and
it ignores or rejects role and role-mapping files it cannot parse. rclint
cannot check what it cannot read either: every rule is blind to the content of
a file with a syntax error.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
```

```yaml
# eu-prod/roles.yml
remote-search:
  indices:
    - names: ["logs-*"
      privileges: [read]
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

Correct the syntax at the reported position: close brackets and quotes, align
the indentation of YAML mappings, remove trailing commas from JSON, and save
the file as UTF-8.

## References

- [Configuring Elasticsearch](https://www.elastic.co/docs/deploy-manage/deploy/self-managed/configure-elasticsearch)
- [Defining roles](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/defining-roles)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from rules._links import problem_violations


def check(context: RuleContext) -> Iterator[Violation]:
    return problem_violations(context, "RC001")


RULE = Rule(
    code="RC001",
    name="invalid-syntax",
    severity=Severity.ERROR,
    summary="A file of the cluster directory is not valid YAML, JSON or text.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
