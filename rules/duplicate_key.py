"""# RC003 duplicate-key

A key is given twice in one mapping, or a setting or role is defined twice in
one cluster directory.

## What it finds

- a key written twice in one YAML or JSON mapping;
- a setting given twice in `elasticsearch.yml` through two spellings, such as
  `cluster.name` flat and `cluster: {name: ...}` nested;
- a role defined in two files of the `roles/` directory.

The finding points at the second occurrence; the first is a related location.

## Why it matters

Elasticsearch rejects duplicate keys in `elasticsearch.yml` and in request
bodies, so the node does not start or the request fails. Tools that accept the
file silently keep the last value, so a reviewer who reads the first one sees
a different configuration from the one that applies.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
xpack.security.transport.ssl.verification_mode: certificate
xpack.security.transport.ssl.verification_mode: full
```

## Passing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
xpack.security.transport.ssl.verification_mode: full
```

## How to fix

Keep one occurrence, the one with the value you mean, and delete the other.
For a role defined in two files, merge the two definitions into one file.

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
    return problem_violations(context, "RC003")


RULE = Rule(
    code="RC003",
    name="duplicate-key",
    severity=Severity.ERROR,
    summary="A key, setting or role is given twice; Elasticsearch rejects it.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
