"""# RC015 invalid-suppression

A suppression is written in a way rclint cannot read for sure; it
suppresses nothing until it is fixed.

## What it finds

Each mistake in a suppression comment (`# rclint: ...`): an unknown
directive (`ignor`), a directive without its rule codes in brackets, an
empty code between commas, an unknown field (only `reason` and `expires`
exist, and `enable` takes none), a field given twice, a value whose
closing quote is missing, text after the fields, an `enable[...]` that
closes no `disable[...]` of the same code, and a `disable[...]` of a code
already disabled. In comments and in `metadata.rclint` alike, an `expires`
that is not a date written `YYYY-MM-DD`. The finding points at the
mistake.

## Why it matters

A suppression that is half understood is worse than none: reading it one
way hides findings its author wanted shown, reading it the other shows
findings the author accepted. rclint does not guess: it applies none of
it and says what to fix.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
# rclint: ignore[RC101] reason="migration to API keys in Q3" until="2030-09-30"
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
# rclint: ignore[RC101] reason="migration to API keys in Q3" expires="2030-09-30"
cluster.remote.us-prod.seeds: ["us-prod.example.com:9300"]
```

## How to fix

Write the directive as `# rclint: ignore[RC101, RC202] reason="why"`, with
`expires="YYYY-MM-DD"` if the acceptance ends; `disable[...]` and
`enable[...]` around a block, `ignore-file[...]` for a whole file.

## References

- [ruff: error suppression](https://docs.astral.sh/ruff/linter/#error-suppression)
- [sqlfluff: ignoring errors and files](https://docs.sqlfluff.com/en/stable/configuration/ignoring_configuration.html)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import ReviewContext, Rule, Severity, Violation
from linter.hookspecs import hookimpl
from rules._suppressions import violation


def review(context: ReviewContext) -> Iterator[Violation]:
    for directive in context.acceptance.directives:
        for flaw in directive.flaws:
            message = (
                "invalid suppression, which suppresses nothing until it is "
                f"fixed: {flaw.message}"
            )
            yield violation(directive, flaw.span, message, "flaw", flaw.message)


RULE = Rule(
    code="RC015",
    name="invalid-suppression",
    severity=Severity.WARNING,
    summary="A suppression is malformed, so it suppresses nothing.",
    doc=__doc__ or "",
    review=review,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
