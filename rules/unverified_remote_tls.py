"""# RC302 unverified-remote-tls

The remote cluster client of a cluster with API-key-model aliases does not
fully verify the remote cluster server it connects to, or does not use TLS.

## What it finds

In the `elasticsearch.yml` of a cluster with at least one enabled
API-key-model alias:

- `xpack.security.remote_cluster_client.ssl.verification_mode: none`: no
  check of the remote's certificate at all;
- `xpack.security.remote_cluster_client.ssl.verification_mode: certificate`:
  the certificate must chain to a trusted CA, but nothing checks that it
  names the host the alias dials;
- `xpack.security.remote_cluster_client.ssl.enabled: false`: no TLS.

The finding is at the setting's value; the aliases that connect this way are
related locations. A `${VAR}` placeholder is not reported. The transport
TLS settings, which certificate-model aliases use, are not checked here:
RC101 already reports those aliases.

## Why it matters

Every request of an API-key-model alias carries the cross-cluster API key.
Whoever can pose as the remote cluster server receives the key and can use
it against the real remote with all of its access. With `none` anyone on the
path between the clusters can; with `certificate`, anyone holding a
certificate from the same CA, such as any node of any cluster the CA signed
for; without TLS the key travels in plaintext (and a remote cluster server
with TLS on, its default, refuses the connection).

## Failing example

```yaml
# eu-prod/elasticsearch.yml
cluster.name: eu-prod
cluster.remote.us-prod.seeds: ["us-prod.example.com:9443"]
xpack.security.remote_cluster_client.ssl.certificate_authorities: [certs/us-ca.crt]
xpack.security.remote_cluster_client.ssl.verification_mode: certificate
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
xpack.security.remote_cluster_client.ssl.certificate_authorities: [certs/us-ca.crt]
xpack.security.remote_cluster_client.ssl.verification_mode: full
```

```text
# eu-prod/elasticsearch.keystore.list
cluster.remote.us-prod.credentials
```

## How to fix

Set `verification_mode` to `full`, its default, or remove the setting, and
`ssl.enabled` to `true` (also its default). Full verification needs the host
each alias dials (a seed, the `proxy_address`, or the remote's published
`remote_cluster.publish_host`) among the names or addresses of the remote
cluster server certificate; issue the certificate with them rather than
turning the check off. The language server offers this change as a quick
fix.

## References

- [Security settings: remote cluster client TLS](https://www.elastic.co/docs/reference/elasticsearch/configuration-reference/security-settings)
- [Add remote clusters using API key authentication](https://www.elastic.co/docs/deploy-manage/remote-clusters/remote-clusters-api-key)
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.findings import Related, Rule, RuleContext, Severity, Violation
from linter.hookspecs import hookimpl
from linter.loaders.setting_names import REMOTE_CLUSTER_CLIENT_DEFAULTS
from linter.model import SecurityModel, Setting, SettingOrigin
from rules._links import enabled_links, quoted, some_names

CLIENT = "xpack.security.remote_cluster_client.ssl."
VERIFICATION_MODE = f"{CLIENT}verification_mode"
ENABLED = f"{CLIENT}enabled"

_WEAKNESS = {
    "none": (
        "checks neither the remote cluster server's certificate nor its host"
        " name, so anyone between the clusters can pose as the remote"
    ),
    "certificate": (
        "does not check that the remote cluster server's certificate names the"
        " host it dials, so anyone with a certificate from a trusted CA can pose"
        " as the remote"
    ),
}


def check(context: RuleContext) -> Iterator[Violation]:
    links = tuple(enabled_links(context, SecurityModel.API_KEY))
    if not links:
        return
    aliases = tuple(link.alias for link in links)
    related = tuple(
        Related(link.alias_span, f"`{link.alias}` connects with this client")
        for link in links
    )
    for setting, weakness in _weak_settings(context):
        yield Violation(
            span=setting.span,
            message=_message(setting, weakness, aliases),
            cluster=context.cluster.name,
            identity=("setting", setting.key),
            related=related,
        )


def _weak_settings(context: RuleContext) -> Iterator[tuple[Setting, str]]:
    """The client settings that weaken TLS, each with what it gives away."""
    mode = _node_setting(context, VERIFICATION_MODE)
    if mode is not None and isinstance(mode.value, str):
        weakness = _WEAKNESS.get(mode.value)
        if weakness is not None:
            yield mode, f"the remote cluster client {weakness}"
    enabled = _node_setting(context, ENABLED)
    if enabled is not None and enabled.as_bool() is False:
        yield enabled, "the remote cluster client does not use TLS"


def _node_setting(context: RuleContext, key: str) -> Setting | None:
    """``key`` as ``elasticsearch.yml`` gives it, when its value is known.
    TLS settings are static: elsewhere they have no effect."""
    setting = context.cluster.settings.get(key)
    if setting is None or setting.is_placeholder:
        return None
    return setting if setting.origin is SettingOrigin.NODE else None


def _message(setting: Setting, weakness: str, aliases: tuple[str, ...]) -> str:
    plural = "s" if len(aliases) > 1 else ""
    keys = f"the cross-cluster API key{plural} of {some_names(aliases)}"
    if setting.key == ENABLED:
        exposure = f"{weakness}: {keys} would travel in plaintext"
    else:
        exposure = f"{weakness} and take {keys}"
    return (
        f"`{setting.key}` is {quoted([str(setting.value)])}: {exposure};"
        f" set it to `{REMOTE_CLUSTER_CLIENT_DEFAULTS[setting.key]}`"
    )


RULE = Rule(
    code="RC302",
    name="unverified-remote-tls",
    severity=Severity.ERROR,
    summary="The remote cluster client does not fully verify the remote's TLS.",
    doc=__doc__ or "",
    check=check,
)


@hookimpl
def rclint_rules() -> list[Rule]:
    return [RULE]
