"""# RC202 superuser-exposure

A certificate-model alias gives every superuser of the local cluster total
read access to the remote cluster, and the two clusters are not declared one
security domain.

## What it finds

Every enabled certificate-model alias of a cluster, unless rclint's
configuration puts the local and the remote cluster in the same
`security-domain`. The message counts the local superusers: the built-in
`elastic` user, and each enabled user and role mapping granted the role
`superuser`; each such grant is a related location.

## Why it matters

In the certificate model the remote resolves the local users' role names
against its own roles. `superuser` is a built-in role that every cluster
defines in full, so a local superuser can read every index of the remote,
restricted system indices included. Elastic documents the model as suitable
only for clusters in one security domain: whoever administers the local
cluster, or compromises a superuser account there, reads all of the remote.
The API key model bounds even a superuser by the cross-cluster API key.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9300"]
```

```text
# eu-prod/users_roles
superuser:alice
```

```yaml
# us-prod/elasticsearch.yml
cluster.name: us-prod
```

## Passing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9300"]
```

```text
# eu-prod/users_roles
superuser:alice
```

```yaml
# us-prod/elasticsearch.yml
cluster.name: us-prod
```

```toml
# rclint.toml
[clusters.eu-prod]
security-domain = "prod"

[clusters.us-prod]
security-domain = "prod"
```

## How to fix

Migrate the alias to the API key model: the remote then grants no more than
its cross-cluster API key allows, whoever the local user is. If the two
clusters really form one security domain (same administrators, same trust),
say so in the configuration, as in the passing example, and keep the number
of superusers small.

## References

- [Security models](https://www.elastic.co/docs/deploy-manage/remote-clusters/security-models)
- [Migrate from certificate to API key authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-migrate)
- [Built-in users](https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/built-in-users)
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from linter.findings import Related, Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import Cluster, Graph, RemoteLink, SecurityModel
from rules._links import enabled_links, inference_note, remote_label, some_names

logger = logging.getLogger(__name__)

SUPERUSER_ROLE = "superuser"
# The built-in `elastic` user is a superuser on every cluster.
BUILTIN_SUPERUSER = "elastic"


def check(context: RuleContext) -> Iterator[Violation]:
    names, grants = superusers(context.cluster)
    for link in enabled_links(context, SecurityModel.CERTIFICATE):
        if _same_domain(context.graph, link):
            continue
        yield Violation(
            span=link.alias_span,
            message=_message(context.cluster, link, names),
            cluster=context.cluster.name,
            identity=("alias", link.alias),
            related=grants,
        )


def superusers(cluster: Cluster) -> tuple[tuple[str, ...], tuple[Related, ...]]:
    """The names of the cluster's superusers, and where each grant is."""
    names = [BUILTIN_SUPERUSER]
    grants: list[Related] = []
    for principal in cluster.principals:
        if not principal.enabled:
            continue
        for role in principal.roles:
            if role.value != SUPERUSER_ROLE:
                continue
            grants.append(
                Related(role.span, f"`{principal.name}` holds `superuser` here")
            )
            if principal.name not in names:
                names.append(principal.name)
    return tuple(names), tuple(grants)


def _same_domain(graph: Graph, link: RemoteLink) -> bool:
    local = graph.declaration(link.local).security_domain
    remote = graph.declaration(link.remote.value).security_domain
    if local is not None and local == remote:
        logger.debug(
            "RC202: %s and %s share the security domain %r",
            link.local,
            link.remote.value,
            local,
        )
        return True
    return False


def _message(cluster: Cluster, link: RemoteLink, names: tuple[str, ...]) -> str:
    count = f"{len(names)} superuser{'s' if len(names) > 1 else ''}"
    return (
        f"remote cluster `{remote_label(link)}` grants total read access to the "
        f"{count} of `{cluster.name}` ({some_names(names)}): the "
        f"certificate-model alias `{link.alias}` forwards the role `superuser`, "
        "which every cluster defines in full; migrate the alias to the API key "
        "model, or declare both clusters in one `security-domain` if they share "
        f"one{inference_note(link)}"
    )


RULE = Rule(
    code="RC202",
    name="superuser-exposure",
    severity=Severity.ERROR,
    summary="Local superusers can read all of a certificate-model remote.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
