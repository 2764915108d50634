"""# RC013 expired-suppression

A suppression's `expires` date has come: it no longer suppresses, and the
findings it accepted are reported again.

## What it finds

Every suppression with an `expires="YYYY-MM-DD"` date (a comment, a
`metadata.rclint.ignore` entry written as `{"reason": ..., "expires": ...}`,
or a `[[suppress]]` table) on or after that date. From that day on the
suppression is not applied: each finding it covers is shown and counted as
if it were not there, and this finding says how many that is.

## Why it matters

Temporary acceptances ("until the migration in Q3") are how risks become
permanent: nobody remembers to remove them. An expiry makes the acceptance
end on its own, and this finding makes sure the end is noticed rather than
silently turning into a wall of findings nobody can explain.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
# rclint: ignore[RC101] reason="migration to API keys in Q3" expires="2020-09-30"
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
cluster.remote.us-prod.seeds: ["us-prod.example.com:9443"]
```

```text
# eu-prod/elasticsearch.keystore.list
keystore.seed
cluster.remote.us-prod.credentials
```

## How to fix

Fix the findings the suppression accepted and remove it, as the passing
example migrates the alias to the API key model. If the acceptance must go
on, write a new reason and a new date: someone decides again.

## References

- [SARIF 2.1.0: suppression objects and their justification](https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)
- [ruff: error suppression](https://docs.astral.sh/ruff/linter/#error-suppression)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import ReviewContext, Rule, Severity, Violation
from linter.hookspecs import hookimpl
from linter.suppressions_model import Directive, Status
from rules._suppressions import codes_of, uses_with, violation, where


def review(context: ReviewContext) -> Iterator[Violation]:
    counts: dict[Directive, int] = {}
    for use in uses_with(context, Status.EXPIRED):
        counts[use.directive] = counts.get(use.directive, 0) + use.matched
    for directive, count in counts.items():
        yield violation(directive, directive.span, _message(directive, count))


def _message(directive: Directive, count: int) -> str:
    assert directive.expires is not None
    head = (
        f"{where(directive)} for {codes_of(directive)} expired on {directive.expires}"
    )
    if not count:
        return f"{head} and matches no finding any more: remove it"
    if count == 1:
        shown, them = "the finding it accepted is", "it"
    else:
        shown, them = f"the {count} findings it accepted are", "them"
    return (
        f"{head}: it no longer suppresses, and {shown} shown again; "
        f"fix {them}, or renew the suppression with a new reason and date"
    )


RULE = Rule(
    code="RC013",
    name="expired-suppression",
    severity=Severity.WARNING,
    summary="A suppression has expired and no longer suppresses.",
    doc=__doc__ or "",
    review=review,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
