"""# RC403 unproven-remote-index

rclint could not prove what a local role's remote grant reaches, because
the patterns involved need more automaton states than the engine allows
(100000, Elasticsearch's default for
`xpack.security.automata.max_determinized_states`) or are too large to
build. Wildcards and regular expressions are otherwise compared exactly,
so this rule is silent on almost every workspace.

## What it finds

- The comparisons of RC402 (each `remote_indices` name pattern against the
  union of the `names` of the key entries serving the entry's privileges,
  and its restricted indices against the entries that allow them) and of
  RC401 and RC404 (which key entries an entry's names reach), for each alias
  the entry's `clusters` match among the enabled API-key links with a known
  key, when the answer is "unknown" rather than yes or no.
- Each alias pattern of a `remote_indices` or `remote_cluster` entry too
  large to evaluate against an enabled API-key alias with a known key, when
  no other pattern of the entry matches that alias. RC401 and RC402 treat
  such an entry as not granting anything on that alias.

The message carries the engine's reason.

## Why it matters

An unproven pattern may reach beyond the key, and RC402 stays silent about
it; an alias pattern nobody can evaluate may grant access on a remote that
RC401 and RC402 never look at. The finding is informational: it tells you
which grants nobody has checked, so you can review them by hand or
simplify them.

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
      names: ["/logs-[0-9]{1,99999}/"]
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

Simplify the pattern: a huge repetition count, or a run of `?` after a
`*` (or of `.` after `.*`), which doubles the automaton's states with each
`?`, can usually be written more loosely or with a fixed prefix. Otherwise
check by hand
that every name it matches is covered by the key (or which aliases it
matches), and ignore the finding for that role.

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
from linter.patterns import Verdict, compile_pattern, matches_any
from rules._links import quoted
from rules._remote_access import entry_related, key_phrase, key_related, keyed_links
from rules._remote_compare import IndexComparison, Reach, index_comparisons, reaches


@dataclass(frozen=True, slots=True)
class UnprovenAlias:
    """An alias pattern of a role too large to evaluate against ``link``'s
    alias, which no other pattern of its entry matches."""

    role: str
    pattern: Located[str]
    link: RemoteLink
    key: CrossClusterApiKey


def check(context: RuleContext) -> Iterator[Violation]:
    reported: set[tuple[str, int, str]] = set()
    for comparison in index_comparisons(context):
        access = comparison.access
        if comparison.containment.verdict is Verdict.UNKNOWN:
            reported.add((access.role, access.index, access.alias))
            yield _violation(context, comparison, comparison.containment.reason)
        restricted = comparison.restricted
        if restricted is not None and restricted.verdict is Verdict.UNKNOWN:
            yield _violation(context, comparison, restricted.reason, True)
    for reach in reaches(context):
        # An entry with an unproven pattern is reported once, at the pattern.
        if (reach.access.role, reach.access.index, reach.access.alias) not in reported:
            yield from _reach_violations(context, reach)
    for unproven in _unproven_aliases(context):
        yield _alias_violation(context, unproven)


def _violation(
    context: RuleContext,
    comparison: IndexComparison,
    reason: str | None,
    restricted: bool = False,
) -> Violation:
    access, side = comparison.access, comparison.side
    pattern = comparison.name.value
    what = f"the restricted indices of `{pattern}`" if restricted else f"`{pattern}`"
    message = (
        f"could not prove that {what} on remote cluster `{access.alias}` "
        f"stays within {side.phrase}: {reason or 'no reason given'}"
    )
    identity = ("role", access.role, "alias", access.alias, "pattern", pattern)
    part = ("restricted",) if restricted else ()
    return Violation(
        comparison.name.span,
        message,
        cluster=context.cluster.name,
        identity=(*identity, *part, "access", side.label),
        related=tuple(entry_related(side.key, e) for e in side.entries),
    )


def _reach_violations(context: RuleContext, reach: Reach) -> Iterator[Violation]:
    access = reach.access
    names = access.grant.names
    for entry, answer in reach.undecided:
        message = (
            f"could not tell whether index patterns {quoted(n.value for n in names)} "
            f"on remote cluster `{access.alias}` reach the `{entry.kind.value}` "
            f"access of {key_phrase(access.key)}: {answer.reason or 'no reason'}"
        )
        identity = ("role", access.role, "alias", access.alias, "reach")
        values = tuple(name.value for name in names)
        yield Violation(
            names[0].span if names else access.grant.span,
            message,
            cluster=context.cluster.name,
            identity=(*identity, *values, "access", entry.kind.value),
            related=(entry_related(access.key, entry),),
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
    """The too large patterns that leave it unknown whether ``clusters``
    match an alias (invalid ones are RC405's)."""
    texts = [pattern.value for pattern in clusters]
    for link, key in links:
        if matches_any(texts, link.alias) is None:
            for pattern in clusters:
                if compile_pattern(pattern.value).problem is not None:
                    yield link, key, pattern


def _alias_violation(context: RuleContext, unproven: UnprovenAlias) -> Violation:
    pattern, alias = unproven.pattern.value, unproven.link.alias
    message = (
        f"could not tell whether alias pattern `{pattern}` of role "
        f"`{unproven.role}` matches remote cluster `{alias}`: "
        f"{compile_pattern(pattern).problem}"
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
