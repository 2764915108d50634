"""# RC011 unknown-suppression-code

A suppression names a rule code that no installed rule has, or a rule that
can never be suppressed.

## What it finds

Each code of a suppression (a comment, a `metadata.rclint.ignore` key, the
`rule` of a `[[suppress]]` table) that is not the exact code of an
installed rule, plugins included: a misspelt code such as `RC1O1`, a prefix
such as `RC4` (suppressions name exact codes, so that a rule added later
is never silenced by a suppression written before it), or a plugin's code
when the plugin is not installed. It also finds suppressions of RC000 (a
rule that crashed) and RC001 (a file that does not parse), which rclint
never suppresses.

## Why it matters

A suppression with a wrong code suppresses nothing while looking as if it
did: the finding it was meant for is still reported, and the next reader
of the file believes it accepted. A crash or an unreadable file hides
every finding rclint would have made, so they must always be seen.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
# rclint: ignore[RC1O1] reason="migration to API keys planned for Q3"
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

Write the exact code of the finding, as `rclint check` prints it;
`rclint rules` lists every known code. Install the plugin a code belongs
to. Fix a file that does not parse instead of suppressing RC001.

## References

- [ruff: invalid rule codes in `noqa` directives](https://docs.astral.sh/ruff/rules/invalid-rule-code/)
- [ruff: error suppression](https://docs.astral.sh/ruff/linter/#error-suppression)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.findings import ReviewContext, Rule, Severity, Violation
from linter.hookspecs import hookimpl
from linter.suppressions_model import Status, TargetUse
from rules._suppressions import uses_with, violation, where

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_WHY_NEVER = {
    "RC000": "(a crashed rule must always be seen): report the crash",
    "RC001": "(rclint never lints around a file it cannot read): fix the file",
}


def review(context: ReviewContext) -> Iterator[Violation]:
    for use in uses_with(context, Status.UNKNOWN_CODE, Status.UNSUPPRESSIBLE):
        code = use.target.code
        message = f"`{code.value}` in {where(use.directive)} {_problem(use)}"
        yield violation(use.directive, code.span, message, "code", code.value)


def _problem(use: TargetUse) -> str:
    code = use.target.code.value
    if use.status is Status.UNSUPPRESSIBLE:
        return f"cannot be suppressed {_WHY_NEVER.get(code, '')}".rstrip()
    if not CODE.match(code):
        return (
            "is not a rule code: a suppression names exact codes, like `RC401`, "
            "so it suppresses nothing"
        )
    return (
        "names no installed rule, so it suppresses nothing; `rclint rules` "
        "lists the known codes"
    )


RULE = Rule(
    code="RC011",
    name="unknown-suppression-code",
    severity=Severity.WARNING,
    summary="A suppression names an unknown rule code, or one never suppressed.",
    doc=__doc__ or "",
    review=review,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
