"""# RC014 stale-baseline-entry

An entry of the baseline file matches no finding any more: what it accepted
is fixed or gone, so the entry must go too and the baseline only shrinks.

## What it finds

With `rclint check --baseline FILE`, every entry of the file whose rule,
cluster, identity and occurrence match no finding of the run, and every
entry written twice. The finding points at the entry in the baseline file.
Entries of rules that did not run (left out by `--select` or `ignore`) and
of clusters the run did not lint are not judged.

## Why it matters

A baseline lets an existing estate adopt rclint without fixing everything
first; it is only safe if it can never grow silently. A stale entry is an
acceptance waiting for a new finding that happens to share its identity:
a role re-created with the old name and a wider pattern would be accepted
without anyone looking at it.

## Failing example

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

```json
// rclint-baseline.json
{
  "version": 1,
  "entries": [
    {
      "rule": "RC101",
      "cluster": "eu-prod",
      "identity": ["alias", "us-prod"],
      "occurrence": 1
    }
  ]
}
```

## Passing example

```json
// rclint-baseline.json
{
  "version": 1,
  "entries": []
}
```

## How to fix

Remove the entry, or rewrite the whole file with
`rclint check --baseline FILE --update-baseline`, and commit the smaller
baseline.

## References

- [SARIF 2.1.0: baselineState and suppressions](https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from linter.findings import ReviewContext, Rule, Severity, Violation
from linter.hookspecs import hookimpl
from linter.suppressions_model import BaselineEntry


def review(context: ReviewContext) -> Iterator[Violation]:
    for entry in context.acceptance.stale:
        yield Violation(
            span=entry.span,
            message=_message(entry, context.acceptance.baseline_file),
            cluster=entry.cluster,
            identity=(
                "baseline",
                entry.rule,
                entry.cluster or "",
                *entry.identity,
                "occurrence",
                str(entry.occurrence),
            ),
        )


def _message(entry: BaselineEntry, file: str | None) -> str:
    cluster = f" on cluster `{entry.cluster}`" if entry.cluster else ""
    identity = json.dumps(list(entry.identity), ensure_ascii=False)
    occurrence = f" (occurrence {entry.occurrence})" if entry.occurrence > 1 else ""
    command = f"rclint check --baseline {file} --update-baseline" if file else ""
    return (
        f"stale baseline entry: no {entry.rule} finding{cluster} about "
        f"{identity}{occurrence} is left for it to accept; remove the entry, "
        f"or rewrite the baseline with `{command}`"
    )


RULE = Rule(
    code="RC014",
    name="stale-baseline-entry",
    severity=Severity.WARNING,
    summary="A baseline entry matches no finding any more.",
    doc=__doc__ or "",
    review=review,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
