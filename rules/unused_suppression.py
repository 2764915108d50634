"""# RC012 unused-suppression

A suppression matches no finding: what it accepted is fixed or gone, and it
only waits to hide the next finding of its rule there.

## What it finds

Each code of a valid suppression (with a reason, well formed, not expired)
that covers no finding of its rule in this run: a comment whose line, block
or file has none, a `metadata.rclint.ignore` entry of a role or key that no
finding about it needs, a `[[suppress]]` table whose identity matches
nothing. It is only reported when the rule ran, so that a partial run
raises no noise: a suppression of a rule left out by `--select` or
`ignore`, of a cluster the run did not lint, or of a rule about
suppressions (RC010 to RC015) is never unused.

## Why it matters

A stale suppression is a blind spot waiting for a new finding: when someone
later widens the role or the alias it sits on, the new risk is silenced
without anyone deciding to accept it. Removing unused suppressions keeps
every suppression a decision someone made about a finding that exists.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
# rclint: ignore[RC101] reason="migration to API keys planned for Q3"
cluster.remote.us-prod.seeds: ["us-prod.example.com:9443"]
```

```text
# eu-prod/elasticsearch.keystore.list
keystore.seed
cluster.remote.us-prod.credentials
```

## Passing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9443"]
```

## How to fix

Remove the code from the suppression, or the whole suppression when it has
no code left. If the finding moved (to another line, or another role),
move the suppression with it.

## References

- [ruff: RUF100 unused-noqa](https://docs.astral.sh/ruff/rules/unused-noqa/)
- [sqlfluff: warn about unused ignores](https://docs.sqlfluff.com/en/stable/configuration/ignoring_configuration.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import ReviewContext, Rule, Severity, Violation
from linter.hookspecs import hookimpl
from linter.suppressions_model import Status
from rules._suppressions import uses_with, violation, where


def review(context: ReviewContext) -> Iterator[Violation]:
    for use in uses_with(context, Status.UNUSED):
        code = use.target.code
        message = (
            f"unused suppression: `{code.value}` in {where(use.directive)} "
            f"matches no {code.value} finding: remove it"
        )
        yield violation(use.directive, code.span, message, "code", code.value)


RULE = Rule(
    code="RC012",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary="A suppression matches no finding.",
    doc=__doc__ or "",
    review=review,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
