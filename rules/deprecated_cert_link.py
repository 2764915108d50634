"""# RC101 deprecated-cert-link

A remote cluster alias uses the certificate security model, deprecated since
Elasticsearch 9.0; migrate it to the API key model.

## What it finds

Every enabled remote cluster alias (`cluster.remote.<alias>.seeds` or
`proxy_address` set) of a cluster whose keystore holds no
`cluster.remote.<alias>.credentials`: such an alias connects to the remote's
transport port and authenticates with TLS certificates alone. When the cluster
directory has no `elasticsearch.keystore.list`, rclint infers the model from
the port the alias dials (the remote cluster port, 9443 by default, means the
API key model) and says so in the message; an alias that dials no known port
(a `${VAR}` placeholder) has an unknown model and is not reported.

## Why it matters

The certificate model is deprecated since 9.0 and will be removed in a future
major version; Elasticsearch logs a deprecation warning for each such
connection. It also makes both clusters one security domain: the remote
trusts every certificate the local cluster's CA signs, resolves the local
users' role names against its own roles, and gives local superusers total read
access. The API key model bounds every cross-cluster request by a
cross-cluster API key that the remote's administrators control.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
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

On the remote cluster, enable the remote cluster server
(`remote_cluster_server.enabled: true` and its TLS certificate) and create a
cross-cluster API key with the access the local cluster needs. On the local
cluster, add the key's `encoded` value to the keystore as
`cluster.remote.<alias>.credentials`, point the alias at the remote cluster
port (9443), and give local roles `remote_indices` and `remote_cluster`
grants. Keep the alias name so searches and follower indices keep working.

## References

- [Security models](https://www.elastic.co/docs/deploy-manage/remote-clusters/security-models)
- [Migrate from certificate to API key authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-migrate)
- [Add remote clusters using API key authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-api-key)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import RemoteLink, SecurityModel
from rules._links import enabled_links, inference_note


def check(context: RuleContext) -> Iterator[Violation]:
    for link in enabled_links(context, SecurityModel.CERTIFICATE):
        yield Violation(
            span=link.alias_span,
            message=_message(link),
            cluster=context.cluster.name,
            identity=("alias", link.alias),
        )


def _message(link: RemoteLink) -> str:
    return (
        f"remote cluster `{link.alias}` uses the certificate security model, "
        "deprecated since 9.0; migrate it to the API key model: create a "
        "cross-cluster API key on the remote and add it to the keystore as "
        f"`cluster.remote.{link.alias}.credentials`{inference_note(link)}"
    )


RULE = Rule(
    code="RC101",
    name="deprecated-cert-link",
    severity=Severity.WARNING,
    summary="A remote cluster alias uses the certificate model, deprecated in 9.0.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
