"""The setting names rclint knows: which keys exist under the prefixes it
checks, and which settings are static.

Elasticsearch refuses to start with a setting it does not register, so a
misspelt key under ``cluster.remote.<alias>.`` or a TLS prefix is fatal, not
ignored. Only these namespaces are checked: elsewhere rclint does not know
every setting and would report valid ones.
"""

from __future__ import annotations

import difflib
import re

from linter.links import ALIAS_KEYS

# Per-alias keys besides ``ALIAS_KEYS``: the secure credentials (reported
# as such before any name check), the transport overrides, and the request
# signing keys (preview in 9.3) that are not secure.
_MORE_ALIAS_KEYS = (
    "credentials",
    "transport.ping_schedule",
    "transport.compress",
    "transport.compression_scheme",
    "signing.key",
    "signing.certificate",
    "signing.keystore.path",
    "signing.keystore.type",
    "signing.keystore.alias",
    "signing.keystore.algorithm",
)
REMOTE_ALIAS_KEYS = frozenset(ALIAS_KEYS | set(_MORE_ALIAS_KEYS))

# Global ``cluster.remote.*`` settings whose first segment looks like an
# alias; an alias may still be named ``node`` or ``signing``.
_GLOBAL_REMOTE_KEYS = {
    "node": frozenset({"attr"}),
    "signing": frozenset(
        {
            "certificate_authorities",
            "truststore.path",
            "truststore.type",
            "truststore.algorithm",
            "diagnose.trust",
        }
    ),
}

_SSL_KEYS = frozenset(
    {
        "enabled",
        "verification_mode",
        "client_authentication",
        "supported_protocols",
        "cipher_suites",
        "key",
        "certificate",
        "key_passphrase",
        "secure_key_passphrase",
        "certificate_authorities",
        "keystore.path",
        "keystore.type",
        "keystore.password",
        "keystore.key_password",
        "keystore.secure_password",
        "keystore.secure_key_password",
        "keystore.algorithm",
        "truststore.path",
        "truststore.type",
        "truststore.password",
        "truststore.secure_password",
        "truststore.algorithm",
    }
)
# TODO(when the settings reference documents them beyond transport): trust
# restrictions are accepted on every interface but http, though the
# reference only documents them for transport.
_TRUST_RESTRICTIONS = frozenset(
    {"trust_restrictions.path", "trust_restrictions.x509_fields"}
)
SSL_KEYS = {
    "transport": _SSL_KEYS | _TRUST_RESTRICTIONS,
    "http": _SSL_KEYS,
    "remote_cluster_server": _SSL_KEYS | _TRUST_RESTRICTIONS,
    # The client side never asks for a client certificate.
    "remote_cluster_client": (_SSL_KEYS - {"client_authentication"})
    | _TRUST_RESTRICTIONS,
}

# The defaults of the remote cluster client's TLS settings that rules check:
# what a weakened value goes back to.
REMOTE_CLUSTER_CLIENT_DEFAULTS = {
    "xpack.security.remote_cluster_client.ssl.verification_mode": "full",
    "xpack.security.remote_cluster_client.ssl.enabled": "true",
}

_ALIAS_SETTING = re.compile(r"cluster\.remote\.([^.]+)\.(.+)")
_REMOTE_SETTING = re.compile(r"cluster\.remote\.([^.]+)")
_GLOBAL_REMOTE_SCALARS = frozenset(
    {"initial_connect_timeout", "connections_per_cluster"}
)
_SSL_SETTING = re.compile(
    r"xpack\.security\.(transport|http|remote_cluster_server|"
    r"remote_cluster_client)\.ssl\.(.+)"
)

# Settings rclint reads that take one value, so no setting lies under them
# (``cluster: {name: {x: 1}}`` is ``cluster.name.x``, which does not exist).
VALUE_SETTINGS = frozenset(
    {
        "cluster.name",
        "network.host",
        "network.bind_host",
        "network.publish_host",
        "transport.port",
        "transport.host",
        "transport.publish_host",
        "remote_cluster.port",
        "remote_cluster.host",
        "remote_cluster.bind_host",
        "remote_cluster.publish_host",
        "remote_cluster.publish_port",
        "remote_cluster_server.enabled",
        "xpack.security.enabled",
    }
)

# The static settings rclint reads; the cluster settings API rejects them.
_STATIC_KEYS = frozenset(
    {
        "cluster.name",
        "cluster.remote.initial_connect_timeout",
        "cluster.remote.node.attr",
        "cluster.remote.connections_per_cluster",
        "transport.port",
        "transport.host",
        "transport.publish_host",
        "xpack.security.enabled",
    }
)
_STATIC_PREFIXES = ("remote_cluster_server.", "remote_cluster.", "network.")
_STATIC_TLS = re.compile(r"xpack\.security\.(.+\.)?ssl\..+")


def unknown_setting(key: str) -> str | None:
    """Why ``key`` is not a setting Elasticsearch registers, with the
    closest known key; None when it is known or outside the checked
    namespaces. Anywhere, a key with an empty part (``.``, ``a..b``) or
    under a setting that takes one value (``cluster.name.x``) is unknown."""
    odd = _malformed(key)
    if odd is not None:
        name = f"`{key}`" if key else "with an empty name"
        return f"unknown setting {name}: {odd}"
    namespace = _namespace(key)
    if namespace is None:
        return None
    prefix, rest, known = namespace
    if rest in known:
        return None
    message = f"unknown setting `{key}`"
    close = difflib.get_close_matches(rest, sorted(known), n=1)
    if close:
        return f"{message}; did you mean `{prefix}{close[0]}`?"
    return f"{message}; `{prefix}*` has no key `{rest}`"


def _malformed(key: str) -> str | None:
    """What makes ``key`` no setting name at all, whatever its namespace."""
    if "" in key.split("."):
        return "a setting name has no empty part between or around its dots"
    parts = key.split(".")
    for end in range(1, len(parts)):
        outer = ".".join(parts[:end])
        if outer in VALUE_SETTINGS:
            return f"`{outer}` takes a value, not an object of settings"
    return None


def is_static(key: str) -> bool:
    """Whether ``key`` is a static setting: only ``elasticsearch.yml``
    sets it."""
    if key in _STATIC_KEYS or key.startswith(_STATIC_PREFIXES):
        return True
    return _STATIC_TLS.fullmatch(key) is not None


def _namespace(key: str) -> tuple[str, str, frozenset[str]] | None:
    """The checked prefix of ``key``, the rest of it, and the keys the
    prefix allows."""
    tls = _SSL_SETTING.fullmatch(key)
    if tls is not None:
        interface, rest = tls.groups()
        return key[: -len(rest)], rest, SSL_KEYS[interface]
    alias = _ALIAS_SETTING.fullmatch(key)
    if alias is not None:
        name, rest = alias.groups()
        known = REMOTE_ALIAS_KEYS | _GLOBAL_REMOTE_KEYS.get(name, frozenset())
        return key[: -len(rest)], rest, known
    remote = _REMOTE_SETTING.fullmatch(key)
    if remote is not None:
        return "cluster.remote.", remote.group(1), _GLOBAL_REMOTE_SCALARS
    return None
