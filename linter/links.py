"""The remote cluster aliases a cluster configures, read from its settings
and its keystore listing.

An alias exists as soon as one of its ``cluster.remote.<alias>.<key>``
settings is set or the keystore lists its credentials; whether it can
connect (is enabled) depends on its mode and the endpoints it dials.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from linter.endpoints import address_items, parse_endpoint
from linter.model import Cluster, Endpoint, Setting
from linter.source import Span

SNIFF = "sniff"
PROXY = "proxy"

# The ports a cluster listens on when its elasticsearch.yml does not say:
# the remote cluster server (API key model) and the transport (certificate
# model), which takes the first free port of its range.
DEFAULT_REMOTE_CLUSTER_PORT = 9443
PORT_SETTINGS = (
    ("remote_cluster.port", str(DEFAULT_REMOTE_CLUSTER_PORT)),
    ("transport.port", "9300-9400"),
)

# The per-alias keys Elasticsearch registers, besides ``transport.*``.
# ``credentials`` is not here: it is secure and only the keystore holds it.
ALIAS_KEYS = frozenset(
    {
        "mode",
        "seeds",
        "proxy_address",
        "proxy",
        "server_name",
        "skip_unavailable",
        "node_connections",
        "proxy_socket_connections",
    }
)

# Affix settings take their namespace from one dot-free segment, which is
# also what keeps ``cluster.remote.node.attr`` from looking like an alias.
_ALIAS_SETTING = re.compile(r"cluster\.remote\.([^.]+)\.(.+)")
_CREDENTIALS = re.compile(r"cluster\.remote\.([^.]+)\.credentials")
_BARE_TOML_KEY = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class AliasConfig:
    """What a cluster's files say about one alias, before resolution.

    ``settings`` maps each per-alias key (``seeds``, ``transport.compress``)
    to its setting; ``credentials`` is the keystore line of the alias's
    credentials, if the keystore lists them.
    """

    alias: str
    alias_span: Span
    mode: str
    endpoints: tuple[Endpoint, ...]
    enabled: bool
    settings: Mapping[str, Setting]
    credentials: Span | None


def credentials_key(alias: str) -> str:
    return f"cluster.remote.{alias}.credentials"


def config_table(config_file: str | None, *keys: str) -> str:
    """The header of the configuration table ``keys`` (such as ``links``,
    ``eu``, ``us``) as it is written in ``config_file``: with the
    ``tool.rclint`` prefix in ``pyproject.toml``, without it in
    ``rclint.toml`` (also when there is no configuration file yet)."""
    in_pyproject = os.path.basename(config_file or "") == "pyproject.toml"
    prefix = ("tool", "rclint") if in_pyproject else ()
    parts = (k if _BARE_TOML_KEY.fullmatch(k) else f'"{k}"' for k in keys)
    return "[" + ".".join((*prefix, *parts)) + "]"


def alias_setting(key: str) -> tuple[str, str] | None:
    """The alias and the per-alias key of ``cluster.remote.<alias>.<key>``."""
    match = _ALIAS_SETTING.fullmatch(key)
    return (match.group(1), match.group(2)) if match else None


def is_alias_key(key: str) -> bool:
    """Whether ``key`` (the part after the alias) is a per-alias setting."""
    return key in ALIAS_KEYS or key.startswith("transport.")


def port_ranges(text: str) -> tuple[range, ...] | None:
    """The ports of ``9300``, ``9300-9400`` or a comma-separated list of
    those, as ``transport.port`` takes them; None when ``text`` is not one."""
    ranges = []
    for part in text.split(","):
        first, dash, last = part.partition("-")
        bounds = (first.strip(), (last if dash else first).strip())
        if not all(bound.isascii() and bound.isdigit() for bound in bounds):
            return None
        ranges.append(range(int(bounds[0]), int(bounds[1]) + 1))
    return tuple(ranges)


def listening_port(cluster: Cluster, port: int) -> str | None:
    """How ``port`` matches a port ``cluster`` listens on, as a phrase such
    as "matches its `transport.port` `9300-9400`", or None when it matches
    none. A placeholder or unreadable port setting may match any port."""
    unknown = None
    for key, default in PORT_SETTINGS:
        setting = cluster.settings.get(key)
        whose = "its" if setting else "its default"
        text = default if setting is None else _port_text(setting)
        ranges = port_ranges(text)
        if ranges is None:
            unknown = unknown or f"may match its `{key}` `{text}`"
        elif any(port in ports for ports in ranges):
            return f"matches {whose} `{key}` `{text}`"
    return unknown


def _port_text(setting: Setting) -> str:
    value = setting.value
    return value if isinstance(value, str) else ",".join(value)


def parse_aliases(cluster: Cluster) -> tuple[AliasConfig, ...]:
    """Every alias ``cluster`` configures, sorted by name."""
    grouped = _settings_by_alias(cluster)
    keystore = cluster.keystore.entries if cluster.keystore else {}
    for entry in keystore:
        match = _CREDENTIALS.fullmatch(entry)
        if match:
            grouped.setdefault(match.group(1), {})
    aliases = (
        _alias_config(alias, settings, keystore.get(credentials_key(alias)))
        for alias, settings in grouped.items()
    )
    return tuple(sorted(aliases, key=lambda config: config.alias))


def _settings_by_alias(cluster: Cluster) -> dict[str, dict[str, Setting]]:
    grouped: dict[str, dict[str, Setting]] = {}
    for setting in cluster.settings.with_prefix("cluster.remote."):
        split = alias_setting(setting.key)
        if split and is_alias_key(split[1]):
            grouped.setdefault(split[0], {})[split[1]] = setting
    return grouped


def _alias_config(
    alias: str, settings: dict[str, Setting], credentials: Span | None
) -> AliasConfig:
    mode = _mode(settings)
    enabling = settings.get("proxy_address" if mode == PROXY else "seeds")
    endpoints = _endpoints(enabling) if mode in (SNIFF, PROXY) else ()
    return AliasConfig(
        alias=alias,
        alias_span=_alias_span(enabling, settings, credentials),
        mode=mode,
        endpoints=endpoints,
        enabled=bool(endpoints),
        settings=settings,
        credentials=credentials,
    )


def _mode(settings: dict[str, Setting]) -> str:
    """The alias's mode, lower-cased as Elasticsearch reads it case-blind.

    A placeholder mode is unknown; the alias then counts as proxy when it
    sets only a proxy address, as it could not connect otherwise.
    """
    setting = settings.get("mode")
    if setting is None:
        return SNIFF
    if setting.is_placeholder or not isinstance(setting.value, str):
        only_proxy = "proxy_address" in settings and "seeds" not in settings
        return PROXY if only_proxy else SNIFF
    return setting.value.strip().lower()


def _endpoints(setting: Setting | None) -> tuple[Endpoint, ...]:
    if setting is None:
        return ()
    items = address_items(setting)
    return tuple(parse_endpoint(item.value, item.span) for item in items)


def _alias_span(
    enabling: Setting | None, settings: dict[str, Setting], credentials: Span | None
) -> Span:
    if enabling is not None:
        return enabling.key_span
    if settings:
        return next(iter(settings.values())).key_span
    # Only the keystore names this alias, so parse_aliases gave it a line.
    assert credentials is not None
    return credentials
