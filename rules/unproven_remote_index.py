"""# RC403 unproven-remote-index

rclint could not prove what a local role's remote grant reaches: whether a
`remote_indices` name pattern stays within the cross-cluster API key of the
alias, or whether an alias pattern of `clusters` matches the alias at all,
because a regular expression is involved or the patterns are too complex to
compare.

## What it finds

- The same comparison as RC402 (each `remote_indices` name pattern against
  the union of the `names` of the key entries serving the entry's
  privileges, for each alias the entry's `clusters` match among the enabled
  API-key links with a known key), when the answer is "unknown" rather than
  "contained" or "not contained": a `/regular expression/` on either side,
  or a pair of wildcard patterns whose comparison exceeds the engine's state
  limit.
- Each alias pattern of a `remote_indices` or `remote_cluster` entry that
  the engine cannot run against an enabled API-key alias with a known key
  (a regular expression using an operator it does not evaluate yet, such as
  `~` or `@`), when no other pattern of the entry matches that alias. RC401
  and RC402 treat such an entry as not granting anything on that alias.

The message carries the engine's reason.

## Why it matters

An unproven pattern may reach beyond the key, and RC402 stays silent about
it; an alias pattern nobody can run may grant access on a remote that RC401
and RC402 never look at. The finding is informational: it tells you which
grants nobody has checked, so you can review them by hand or rewrite them as
wildcards.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us.seeds: ["us-prod.example.internal:9443"]
```
```yaml
# us-prod/elasticsearch.yml
cluster.name: us-prod
network.host: us-prod.example.internal
```
```yaml
# us-prod/api_keys/eu-prod-search.yml
name: eu-prod-search
access:
  search:
    - names: ["logs-*"]
```
```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["/logs-.*/"]
      privileges: [read]
```

## Passing example

```yaml
# eu-prod/roles.yml
remote-search:
  remote_indices:
    - clusters: [us]
      names: ["logs-*"]
      privileges: [read]
```

## How to fix

Prefer wildcard patterns where they can say the same thing, on both sides
and in `clusters`. Where a regular expression is needed, check by hand that
every name it matches is covered by the key (or which aliases it matches),
and ignore the finding for that role.

## References

- [Role structure: remote indices and remote cluster privileges](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/role-structure)
- [Regular expression syntax](https://www.elastic.co/docs/reference/query-languages/query-dsl/regexp-syntax)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from linter.findings import Related, Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import CrossClusterApiKey, Located, RemoteLink, Role
from linter.patterns import Verdict, compile_pattern, matches_any, unusable_reason
from rules._remote_access import (
    IndexComparison,
    entry_related,
    index_comparisons,
    key_related,
    keyed_links,
)


@dataclass(frozen=True, slots=True)
class UnprovenAlias:
    """An alias pattern of a role that cannot be run against ``link``'s
    alias, which no other pattern of its entry matches."""

    role: str
    pattern: Located[str]
    link: RemoteLink
    key: CrossClusterApiKey


def check(context: RuleContext) -> Iterator[Violation]:
    for comparison in index_comparisons(context):
        if comparison.containment.verdict is Verdict.UNKNOWN:
            yield _violation(context, comparison)
    for unproven in _unproven_aliases(context):
        yield _alias_violation(context, unproven)


def _violation(context: RuleContext, comparison: IndexComparison) -> Violation:
    access, side = comparison.access, comparison.side
    pattern = comparison.name.value
    reason = comparison.containment.reason or "the pattern engine gave no reason"
    message = (
        f"could not prove that `{pattern}` on remote cluster `{access.alias}` "
        f"stays within {side.phrase}: {reason}"
    )
    identity = ("role", access.role, "alias", access.alias, "pattern", pattern)
    return Violation(
        comparison.name.span,
        message,
        cluster=context.cluster.name,
        identity=(*identity, "access", side.label),
        related=tuple(entry_related(side.key, e) for e in side.entries),
    )


def _unproven_aliases(context: RuleContext) -> Iterator[UnprovenAlias]:
    """Each (role, alias, alias pattern) whose match is unknown, once."""
    links = keyed_links(context)
    for role in context.cluster.roles.values():
        seen: set[tuple[str, str]] = set()
        for clusters in _alias_lists(role):
            for link, key, pattern in _undecided(clusters, links):
                if (link.alias, pattern.value) not in seen:
                    seen.add((link.alias, pattern.value))
                    yield UnprovenAlias(role.name.value, pattern, link, key)


def _alias_lists(role: Role) -> Iterator[tuple[Located[str], ...]]:
    yield from (grant.clusters for grant in role.remote_indices)
    yield from (grant.clusters for grant in role.remote_cluster)


def _undecided(
    clusters: Sequence[Located[str]],
    links: Iterable[tuple[RemoteLink, CrossClusterApiKey]],
) -> Iterator[tuple[RemoteLink, CrossClusterApiKey, Located[str]]]:
    """The patterns that leave it unknown whether ``clusters`` match an alias."""
    texts = [pattern.value for pattern in clusters]
    for link, key in links:
        if matches_any(texts, link.alias) is None:
            for pattern in clusters:
                if compile_pattern(pattern.value).matches(link.alias) is None:
                    yield link, key, pattern


def _alias_violation(context: RuleContext, unproven: UnprovenAlias) -> Violation:
    pattern, alias = unproven.pattern.value, unproven.link.alias
    message = (
        f"could not tell whether alias pattern `{pattern}` of role "
        f"`{unproven.role}` matches remote cluster `{alias}`: {_reason(pattern)}"
    )
    identity = ("role", unproven.role, "alias", alias, "clusters", pattern)
    remote = Related(unproven.link.alias_span, f"remote cluster `{alias}`")
    return Violation(
        unproven.pattern.span,
        message,
        cluster=context.cluster.name,
        identity=identity,
        related=(remote, key_related(unproven.key)),
    )


def _reason(text: str) -> str:
    """Why the engine cannot tell whether alias pattern ``text`` matches."""
    return unusable_reason(compile_pattern(text)) or f"`{text}` cannot be evaluated"


RULE = Rule(
    code="RC403",
    name="unproven-remote-index",
    severity=Severity.INFO,
    summary="A remote index or alias pattern of a local role could not be proven.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
