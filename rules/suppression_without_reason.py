"""# RC010 suppression-without-reason

A suppression says which findings to accept but not why; it suppresses
nothing until it does.

## What it finds

Every suppression that names rule codes and has no reason, or an empty one:
a comment (`# rclint: ignore[...]`, `disable[...]`, `ignore-file[...]`)
without `reason="..."`, a `metadata.rclint.ignore` entry of a role or a
cross-cluster API key whose value is empty or an object without `reason`,
and a `[[suppress]]` table of the configuration without `reason`. Such a
suppression is not applied: the findings it names are reported as if it
were not there, and this finding says why.

## Why it matters

A suppression is a decision to accept a risk, and the next reviewer needs
to know whether it still holds: that a migration is planned, that the
remote's key is narrowed on purpose, or who accepted it. A reason-less
suppression cannot be reviewed or audited, so rclint does not honour it.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
# rclint: ignore[RC101]
cluster.remote.us-prod.seeds: ["us-prod.example.com:9300"]
```

```text
# eu-prod/elasticsearch.keystore.list
keystore.seed
```

## Passing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
# rclint: ignore[RC101] reason="migration to API keys planned for Q3"
cluster.remote.us-prod.seeds: ["us-prod.example.com:9300"]
```

## How to fix

Say why the findings are accepted: `reason="..."` in a comment, a string
value (or `{"reason": "..."}`) in `metadata.rclint.ignore`, or
`reason = "..."` in the `[[suppress]]` table. Add `expires="YYYY-MM-DD"`
when the acceptance is temporary. If nobody can say why, fix the finding
instead.

## References

- [ruff: error suppression](https://docs.astral.sh/ruff/linter/#error-suppression)
- [SARIF 2.1.0: suppression objects and their justification](https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import ReviewContext, Rule, Severity, Violation
from linter.hookspecs import hookimpl
from rules._suppressions import codes_of, reason_hint, violation, where


def review(context: ReviewContext) -> Iterator[Violation]:
    for directive in context.acceptance.directives:
        if directive.targets and not directive.has_reason:
            first = directive.targets[0].code.value
            message = (
                f"{where(directive)} for {codes_of(directive)} has no reason, so "
                f"it suppresses nothing: {reason_hint(directive, first)}"
            )
            yield violation(directive, directive.span, message)


RULE = Rule(
    code="RC010",
    name="suppression-without-reason",
    severity=Severity.WARNING,
    summary="A suppression has no reason, so it suppresses nothing.",
    doc=__doc__ or "",
    review=review,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
