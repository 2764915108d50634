"""# RC301 missing-remote-ca-trust

An API-key-model alias connects to the remote cluster port over TLS, but the
local cluster does not say which certificate authority to trust for it.

## What it finds

Every enabled API-key-model alias of a cluster whose `elasticsearch.yml` sets
neither `xpack.security.remote_cluster_client.ssl.certificate_authorities` nor
`xpack.security.remote_cluster_client.ssl.truststore.path`, unless the remote
cluster is declared `public-ca = true` in rclint's configuration (as on
Elastic Cloud, whose remote cluster certificates are publicly trusted). A
`${VAR}` placeholder counts as set. (TLS settings are static: one written in
`cluster-settings.json` is rejected by Elasticsearch and reported as RC002,
and trusts nothing.) When the remote is a cluster of the
workspace, its `xpack.security.remote_cluster_server.ssl.certificate` (or
`keystore.path`) is a related location: the CA that signed it is the one to
trust.

## Why it matters

Without either setting the remote cluster client trusts only the JDK's public
CAs. A remote cluster port with a certificate from a private CA, the usual
case on self-managed clusters, then fails the TLS handshake (`failed to
establish trust with server`), and cross-cluster search and replication stop.

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

## Passing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9443"]
xpack.security.remote_cluster_client.ssl.certificate_authorities:
  - certs/us-prod-remote-cluster-ca.crt
```

```text
# eu-prod/elasticsearch.keystore.list
cluster.remote.us-prod.credentials
```

## How to fix

Copy the CA certificate that signed the remote's remote cluster server
certificate to every node of the local cluster, and list it in
`xpack.security.remote_cluster_client.ssl.certificate_authorities` (or put it
in a trust store named by `xpack.security.remote_cluster_client.ssl.truststore.path`).
If the remote's certificate is publicly trusted, declare it instead:

```toml
[tool.rclint.clusters.us-prod]
public-ca = true
```

## References

- [Add remote clusters using API key authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-api-key)
- [Security settings: remote cluster client TLS](https://www.elastic.co/docs/reference/elasticsearch/configuration-reference/security-settings)
- [Troubleshooting remote clusters](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-troubleshooting)
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from linter.findings import Related, Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.model import (
    Cluster,
    Graph,
    RemoteLink,
    SecurityModel,
)
from rules._links import (
    enabled_links,
    inference_note,
    remote_label,
    toml_table,
    workspace_remote,
)

logger = logging.getLogger(__name__)

CLIENT = "xpack.security.remote_cluster_client.ssl."
TRUST_SETTINGS = (f"{CLIENT}certificate_authorities", f"{CLIENT}truststore.path")
SERVER = "xpack.security.remote_cluster_server.ssl."
CERTIFICATE_SETTINGS = (f"{SERVER}certificate", f"{SERVER}keystore.path")


def check(context: RuleContext) -> Iterator[Violation]:
    if trusts_a_ca(context.cluster):
        return
    for link in enabled_links(context, SecurityModel.API_KEY):
        if context.graph.declaration(link.remote.value).public_ca:
            logger.debug("RC301: %s is declared public-ca", link.remote.value)
            continue
        remote = workspace_remote(context.graph, link)
        related = _certificate(remote) if remote else ()
        yield Violation(
            span=link.alias_span,
            message=_message(context.graph, context.cluster, link),
            cluster=context.cluster.name,
            identity=("alias", link.alias),
            related=related,
        )


def trusts_a_ca(cluster: Cluster) -> bool:
    """Whether the cluster names a CA or trust store for the remote cluster
    client. An empty value names none, but a placeholder may."""
    for key in TRUST_SETTINGS:
        setting = cluster.settings.get(key)
        if setting is None:
            continue
        value = setting.value
        parts = value if isinstance(value, tuple) else value.split(",")
        if setting.is_placeholder or any(part.strip() for part in parts):
            return True
    return False


def _certificate(remote: Cluster) -> tuple[Related, ...]:
    for key in CERTIFICATE_SETTINGS:
        setting = remote.settings.get(key)
        if setting is not None:
            message = (
                f"`{remote.name}` serves its remote cluster port with this "
                "certificate; trust the CA that signed it"
            )
            return (Related(setting.span, message),)
    return ()


def _message(graph: Graph, cluster: Cluster, link: RemoteLink) -> str:
    remote = link.remote.value
    if remote is not None:
        declare = (
            f"declare `public-ca = true` in `{toml_table(graph, 'clusters', remote)}`"
        )
    else:
        table = toml_table(graph, "links", cluster.name, link.alias)
        declare = f"name it in `{table}` and declare it `public-ca = true`"
    return (
        f"remote cluster `{link.alias}` uses the API key model, but "
        f"`{cluster.name}` names no CA to trust for `{remote_label(link)}`, so "
        "only the JDK's public CAs are trusted: set "
        f"`{TRUST_SETTINGS[0]}` to the CA of the remote cluster server "
        f"certificate, or, if that certificate is publicly trusted, {declare}"
        f"{inference_note(link)}"
    )


RULE = Rule(
    code="RC301",
    name="missing-remote-ca-trust",
    severity=Severity.ERROR,
    summary="An API-key-model alias has no CA to trust for the remote's port.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
