"""# RC400 unresolved-api-key

rclint cannot tell which cross-cluster API key an API-key-model alias uses,
so it cannot compare the local roles with what the key grants.

## What it finds

Every enabled API-key-model alias whose remote is a cluster of the workspace
when none of the remote's cross-cluster API keys is known to be the one in
the alias's credentials. The keystore only lists the credentials' name, not
which key they hold, so rclint looks for the key: the one named in the
configuration, else the remote's key named like the local cluster or like
the alias, else the remote's only key. When the remote has both a key named
like the local cluster and another named like the alias, rclint does not
pick one. The message says what was tried and what would resolve the key.

## Why it matters

The rules that check `remote_indices` and `remote_cluster` grants against the
key (RC401, RC402, RC403) skip an alias whose key is unknown. Local grants
beyond the key are silently capped by the remote, and nothing reports them.

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9443"]
```

```text
# eu-prod/elasticsearch.keystore.list
cluster.remote.us-prod.credentials
```

```yaml
# us-prod/elasticsearch.yml
cluster.name: us-prod
```

## Passing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9443"]
```

```text
# eu-prod/elasticsearch.keystore.list
cluster.remote.us-prod.credentials
```

```yaml
# us-prod/elasticsearch.yml
cluster.name: us-prod
```

```yaml
# us-prod/api_keys/eu-prod-search.yml
name: eu-prod-search
access:
  search:
    - names: ["logs-*"]
```

## How to fix

Put the definition of the key (the body of `POST
_security/cross_cluster/api_key`, or the `GET _security/api_key` response) in
the remote's `api_keys/` directory, and name the key in rclint's
configuration when its name matches neither the local cluster nor the alias:

```toml
[tool.rclint.links.eu-prod.us-prod]
api-key = "eu-prod-search"
```

## References

- [Create a cross-cluster API key](https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-create-cross-cluster-api-key)
- [Add remote clusters using API key authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-api-key)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import RemoteLink, SecurityModel
from rules._links import enabled_links, inference_note, workspace_remote


def check(context: RuleContext) -> Iterator[Violation]:
    for link in enabled_links(context, SecurityModel.API_KEY):
        if link.api_key.value is not None:
            continue
        if workspace_remote(context.graph, link) is None:
            continue
        yield Violation(
            span=link.alias_span,
            message=_message(link),
            cluster=context.cluster.name,
            identity=("alias", link.alias),
        )


def _message(link: RemoteLink) -> str:
    # The reason says what was tried and what would resolve the key.
    return (
        f"remote cluster `{link.alias}` has no known cross-cluster API key, so "
        f"its grants are not checked against the key: {link.api_key.reason}"
        f"{inference_note(link)}"
    )


RULE = Rule(
    code="RC400",
    name="unresolved-api-key",
    severity=Severity.INFO,
    summary="The cross-cluster API key of an API-key-model alias is unknown.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
