"""# RC000 internal-error

A rule crashed while it checked a cluster. rclint reports the crash as this
finding and goes on with the other rules and clusters; the exit code is 2.

## What it finds

Nothing in your files. When a rule, built in or from a plugin, raises an
exception on a cluster, the rule host turns the exception into an RC000
finding at the cluster's `elasticsearch.yml`, naming the rule, the cluster and
its file, the place the rule was looking at when the traceback shows one
(`while at path:row:col`), and the exception. The traceback itself is logged
only with `--verbose`. The same rule still runs on the other clusters, and
every other rule still runs on this one.

## Why it matters

The crashed rule checked nothing on that cluster, so whatever it would have
found there stays hidden. A run with an RC000 finding is incomplete, which is
why it ends with exit code 2 rather than 0 or 1.

## Failing example

RC000 has no input of its own: any workspace on which a rule crashes shows it,
with a finding such as this one (wrapped here):

```text
eu-prod/elasticsearch.yml:1:1: RC000 [error] rule RC401
(remote-privilege-exceeds-api-key) failed on cluster `eu-prod`
(eu-prod/elasticsearch.yml): ZeroDivisionError: division by zero; please
report this with the output of `rclint check --verbose`
```

## Passing example

A run in which every rule completes on every cluster has no RC000 finding:

```text
All checks passed.
```

## How to fix

This is a bug in rclint or in the plugin that provides the rule, not in your
configuration. Run `rclint check --verbose` to see the traceback and report it,
with the smallest workspace that reproduces it (leave out credentials and
other secrets), to the project that provides the rule (`rclint rules` shows
which one). Until it is fixed, `--ignore` the crashed rule's code to skip it.

## References

- [Remote clusters](https://www.elastic.co/docs/deploy-manage/remote-clusters)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl


def check(context: RuleContext) -> Iterator[Violation]:
    """Yields nothing: the rule host makes these findings when a rule raises."""
    return iter(())


RULE = Rule(
    code="RC000",
    name="internal-error",
    severity=Severity.ERROR,
    summary="A rule crashed on a cluster; its findings there are missing.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
